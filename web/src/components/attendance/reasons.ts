/**
 * The engine's reason codes rendered in the user's language, from the locale files' `reasons` and
 * `reasonLabels` sections (the server's catalogue, src/shared/reasons, defines the same texts; a
 * test keeps them equal). Enum params go through their labels; a null param reads as "none".
 */
import type { TFunction } from 'i18next';
import type { Explanation } from './types';

const LABELED = new Set(['status', 'dayType', 'half', 'category']);

export function reasonText(t: TFunction, e: Pick<Explanation, 'code' | 'params'>): string {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e.params ?? {})) {
    if (v === null) params[k] = t('reasonLabels.none');
    else if (LABELED.has(k)) params[k] = t(`reasonLabels.${k}.${String(v)}`, { defaultValue: String(v) });
    else params[k] = v;
  }
  // An unknown code shows as itself: never a sentence in another language.
  return t(`reasons.${e.code}`, { ...params, defaultValue: e.code });
}
