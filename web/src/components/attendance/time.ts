/** Wall-clock helpers for attendance: the server speaks ISO-8601 with the offset of where it happened. */

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

/** The UTC offset (`+08:00`) a zone has at a wall time on a date. */
export function zoneOffset(date: string, time: string, timeZone: string): string {
  // Guess with the offset at noon UTC of that date, then confirm at the instant itself.
  const offsetAt = (ms: number) => {
    try {
      const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
        .formatToParts(new Date(ms))
        .find((p) => p.type === 'timeZoneName')?.value;
      const m = part ? /GMT([+-])(\d{2}):?(\d{2})?/.exec(part) : null;
      if (!m) return 0;
      return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
    } catch {
      return 0;
    }
  };
  const naive = Date.parse(`${date}T${time}:00Z`);
  let off = offsetAt(naive);
  off = offsetAt(naive - off * 60_000);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A wall time (`YYYY-MM-DD`, `HH:mm`) in a zone as ISO-8601 with its offset. */
export function zonedIso(date: string, time: string, timeZone: string): string {
  return `${date}T${time}:00${zoneOffset(date, time, timeZone)}`;
}

/** Today's date (`YYYY-MM-DD`) in a zone. */
export function todayIn(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}
