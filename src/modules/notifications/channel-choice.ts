/**
 * One primary channel per person, and when a message may go out. Pure.
 * - The person's own choice, else the company default, else the others in a fixed order: the
 *   first the person can be reached on wins, so a person is told once, on one channel.
 * - Quiet hours hold a message until they end (a window may wrap past midnight).
 */
import { dayIndexOf } from '../../shared/civil-date.js';
import { localDateOf, wallTimeOf } from '../../shared/zone-wall.js';
import { wallToMs, zoneTable } from '../../shared/zone-time.js';

/** In fallback order: the signed webhook (the company's own relay) comes last. */
export const PERSON_CHANNELS = ['dingtalk', 'wecom', 'email', 'webhook'] as const;
export type PersonChannel = (typeof PERSON_CHANNELS)[number];

export function choosePersonChannel(reachable: ReadonlySet<PersonChannel>, own: PersonChannel | null, companyDefault: PersonChannel): PersonChannel | null {
  const order = [own, companyDefault, ...PERSON_CHANNELS].filter((c): c is PersonChannel => c !== null);
  return order.find((c) => reachable.has(c)) ?? null;
}

export interface QuietHours {
  startMin: number;
  endMin: number;
}

/** The first instant at or after `atMs` outside the quiet hours in `zone`. */
export function afterQuietHours(atMs: number, zone: string, quiet: QuietHours | null): number {
  if (!quiet || quiet.startMin === quiet.endMin) return atMs;
  const wall = wallTimeOf(zone, atMs);
  const minute = Number(wall.wallTime.slice(11, 13)) * 60 + Number(wall.wallTime.slice(14, 16));
  const wraps = quiet.endMin < quiet.startMin;
  const inside = wraps ? minute >= quiet.startMin || minute < quiet.endMin : minute >= quiet.startMin && minute < quiet.endMin;
  if (!inside) return atMs;
  // The end is today unless the window wrapped and we are before midnight.
  const endDay = dayIndexOf(localDateOf(zone, atMs)) + (wraps && minute >= quiet.startMin ? 1 : 0);
  return wallToMs(zoneTable(zone), endDay, quiet.endMin);
}
