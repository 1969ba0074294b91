/** Wall-clock helpers for attendance: the server speaks ISO-8601 with the offset of where it happened. */
// Wall time → instant and today's date in a zone are in ../zone-time.ts.

/** `2026-03-03T09:20:00+08:00` → `09:20`; a time on another date gets that date too (`03-04 01:10`). */
export function wallTime(iso: string | null | undefined, date?: string): string {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(iso);
  if (!m) return iso;
  return date && m[1] !== date ? `${m[1].slice(5)} ${m[2]}` : m[2];
}

/** `2026-03-03T09:20:32+08:00` → `09:20:32`. */
export function wallTimeSeconds(iso: string): string {
  const m = /T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? m[1] : iso;
}

/** Minutes as `7 h 30 min` / `7小时30分`, via the caller's formatter. */
export function hoursMinutes(minutes: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return t('attendance.units.minutes', { count: m });
  if (!m) return t('attendance.units.hours', { count: h });
  return t('attendance.units.hoursMinutes', { h, m });
}
