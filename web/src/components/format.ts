import dayjs from 'dayjs';
import { wallClockIn } from './zone-time';
import { browserTimeZone } from './today';

/** `+480` → `UTC+08:00`. */
export function formatOffset(offsetMin: number): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * An instant as `YYYY-MM-DD HH:mm:ss`, in `timeZone` when given (e.g. the company's, so HR sees
 * the wall clock the punch was taken at), else in the browser's zone. A zone the rules do not
 * know is shown in the browser's zone with the zone name after it, so nobody mistakes it.
 */
export function formatInstant(atMs: number | string | null | undefined, timeZone?: string | null): string {
  if (atMs === null || atMs === undefined || atMs === '') return '';
  const d = dayjs(atMs);
  if (!d.isValid()) return String(atMs);
  if (!timeZone) return d.format('YYYY-MM-DD HH:mm:ss');
  return wallClockIn(timeZone, d.valueOf()) ?? `${d.format('YYYY-MM-DD HH:mm:ss')} (${browserTimeZone()})`;
}

/** A wall time as the source saw it (`YYYY-MM-DDTHH:mm:ss`) for display. */
export function formatWallTime(wallTime: string): string {
  return wallTime.replace('T', ' ');
}

let zones: string[] | null = null;
/** IANA zones the browser knows, China first since most companies are there. */
export function timeZones(): string[] {
  if (!zones) {
    let all: string[] = [];
    try {
      all = Intl.supportedValuesOf('timeZone');
    } catch {
      all = [];
    }
    const first = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'UTC'];
    zones = [...first, ...all.filter((z) => !first.includes(z))];
  }
  return zones;
}

export { browserTimeZone } from './today';
