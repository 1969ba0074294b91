/**
 * The `reasons` and `reasonLabels` sections of the web's locale files, as the catalogue defines
 * them (i18next keys: `<code>` and, in English, `<code>_one` for a count of 1). A test checks that
 * web/src/locales/*.json hold exactly these.
 */
import { LABELS, REASONS } from './catalogue.js';
import type { ReasonLocale } from './render.js';

export function localeSections(locale: ReasonLocale): { reasons: Record<string, string>; reasonLabels: Record<string, unknown> } {
  const reasons: Record<string, string> = {};
  for (const [code, entry] of Object.entries(REASONS) as [string, { 'zh-CN': string; en: string; enOne?: string }][]) {
    reasons[code] = entry[locale];
    if (locale === 'en' && entry.enOne) reasons[`${code}_one`] = entry.enOne;
  }
  return { reasons, reasonLabels: LABELS[locale] };
}
