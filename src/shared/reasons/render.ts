/** Reason codes with params → a sentence in zh-CN or en, from the one catalogue. */
import { LABELED, LABELS, REASONS, type ReasonCode } from './catalogue.js';

export type ReasonLocale = 'zh-CN' | 'en';
export type ReasonParams = Record<string, string | number | boolean | null>;

export interface Reason {
  code: ReasonCode | string;
  params?: ReasonParams;
}

export const REASON_LOCALES: readonly ReasonLocale[] = ['zh-CN', 'en'];

export function isReasonCode(code: unknown): code is ReasonCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(REASONS, code);
}

/** A param as the reader sees it: enum members through their label, null as "none". */
function paramText(key: string, value: string | number | boolean | null | undefined, locale: ReasonLocale): string {
  const labels = LABELS[locale];
  if (value === null || value === undefined) return labels.none;
  if ((LABELED as readonly string[]).includes(key)) return labels[key as (typeof LABELED)[number]][String(value)] ?? String(value);
  return String(value);
}

/** The sentence of one reason; an unknown code renders as the code itself, never as a sentence of another language. */
export function renderReason(reason: Reason, locale: ReasonLocale): string {
  if (!isReasonCode(reason.code)) return reason.code;
  const entry = REASONS[reason.code] as { 'zh-CN': string; en: string; enOne?: string };
  const params = reason.params ?? {};
  const template = locale === 'en' && params.count === 1 && entry.enOne ? entry.enOne : entry[locale];
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => paramText(key, params[key], locale));
}

/** A requested language, as reports and the CLI accept it: `en…` is English, anything else zh-CN. */
export function reasonLocaleOf(lang: string | undefined | null): ReasonLocale {
  return lang && /^en\b/i.test(lang) ? 'en' : 'zh-CN';
}
