/**
 * Zone helpers in the shape the platform sources use (instant first, zone last). The conversion
 * itself is the shared one (R1: gap forward, fold first), so a platform punch and the engine agree.
 */
import { addDays as addCivilDays } from '../../shared/dates.js';
import { wallToInstant, wallTimeOf as localWallOf } from '../../shared/zone-wall.js';

export interface WallTime {
  /** `YYYY-MM-DDTHH:mm:ss` */
  wallTime: string;
  utcOffsetMin: number;
}

/** Wall time (to the second) and UTC offset of an instant in an IANA zone. */
export function wallTimeOf(atMs: number, timeZone: string): WallTime {
  const { wallTime, utcOffsetMin } = localWallOf(timeZone, atMs);
  return { wallTime, utcOffsetMin };
}

/**
 * Epoch ms of a wall time (`YYYY-MM-DD` + `HH:mm[:ss]`, or '' for the start of the day) in a zone.
 * Throws RangeError for an unknown zone or a date or time that does not exist on a calendar.
 */
export function instantOf(date: string, time: string, timeZone: string): number {
  return wallToInstant(timeZone, date, time);
}

/** `YYYY-MM-DD` plus n days (calendar arithmetic, zone-free). */
export function addDays(date: string, n: number): string {
  return addCivilDays(date, n);
}

export function daysBetween(from: string, to: string): number {
  const a = Date.parse(from + 'T00:00:00Z');
  const b = Date.parse(to + 'T00:00:00Z');
  return Math.round((b - a) / 86_400_000);
}
