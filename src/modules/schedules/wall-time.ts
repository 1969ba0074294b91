/** `HH:mm` wall times ↔ minutes since midnight, as stored in shift and policy JSON. */
export const HHMM_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d$';
const HHMM = new RegExp(HHMM_PATTERN);

export function toMinutes(hhmm: string): number {
  if (!HHMM.test(hhmm)) throw new Error(`'${hhmm}' is not HH:mm`);
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export function toHhmm(min: number): string {
  const m = ((min % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday, for a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
