/** Small time helpers for the edges (validation, display). Zone rules live in zone-time.ts / zone-wall.ts. */
import { isSupportedInstant } from './bounds.js';
import { isValidZone } from './zone-time.js';
import { utcOffsetMinAt } from './zone-wall.js';

export function isValidTimeZone(zone: string): boolean {
  return isValidZone(zone);
}

/** UTC offset in minutes of `zone` at instant `ms` (e.g. +480 for Asia/Shanghai). */
export function offsetMinutesAt(zone: string, ms: number): number {
  return utcOffsetMinAt(zone, ms);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DDTHH:mm:ss` wall time of instant `ms` at a UTC offset. */
export function wallTimeAt(ms: number, offsetMin: number): string {
  const d = new Date(ms + offsetMin * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** ISO-8601 with offset, e.g. `2026-03-10T08:55:00+08:00`. */
export function isoWithOffset(ms: number, offsetMin: number): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  return `${wallTimeAt(ms, offsetMin)}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

const ISO_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parses an ISO-8601 instant that carries its offset; null when it has none or is not a real time. */
export function parseIsoInstant(text: string): { atMs: number; offsetMin: number } | null {
  const m = ISO_OFFSET.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '0', off] = m;
  const offsetMin = off === 'Z' ? 0 : (off[0] === '-' ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(-2)));
  const local = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number(frac.padEnd(3, '0')));
  const check = new Date(local);
  if (check.getUTCDate() !== +d || check.getUTCMonth() !== +mo - 1 || +h > 23 || +mi > 59 || +s > 59) return null;
  if (Math.abs(offsetMin) > 14 * 60) return null;
  const atMs = local - offsetMin * 60_000;
  // Outside the supported window (shared/bounds.ts) an instant is not a time Daka can work with.
  if (!isSupportedInstant(atMs)) return null;
  return { atMs, offsetMin };
}
