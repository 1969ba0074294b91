/** "3 分钟前" / "3 minutes ago" in the app's language, without a date library plugin. */
export function relativeTime(atMs: number | null | undefined, lang: string, nowMs = Date.now()): string {
  if (atMs === null || atMs === undefined) return '';
  const diffSec = Math.round((atMs - nowMs) / 1000);
  const abs = Math.abs(diffSec);
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (abs < 60) return rtf.format(diffSec, 'second');
  if (abs < 3600) return rtf.format(Math.round(diffSec / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diffSec / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(diffSec / 86400), 'day');
  if (abs < 86400 * 365) return rtf.format(Math.round(diffSec / (86400 * 30)), 'month');
  return rtf.format(Math.round(diffSec / (86400 * 365)), 'year');
}

/** A duration in ms as `1天2小时` / `1d 2h` style text, coarse (two units at most). */
export function durationMs(ms: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  const sec = Math.max(0, Math.round(ms / 1000));
  if (sec < 60) return t('setupCommon.durSec', { n: sec });
  const min = Math.floor(sec / 60);
  if (min < 60) return t('setupCommon.durMin', { n: min });
  const h = Math.floor(min / 60);
  if (h < 24) return t('setupCommon.durHourMin', { h, m: min % 60 });
  return t('setupCommon.durDayHour', { d: Math.floor(h / 24), h: h % 24 });
}
