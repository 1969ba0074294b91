/**
 * Security PUSH real-time events (`table=rtlog`, devices.md §2.11): one record per line,
 * `key=value` pairs separated by TABs, parsed by key because the field list grew across firmware.
 * A punch is a normal-band event (0–19, 200–253) with pin ≠ 0; the rest are door/device events.
 * The key is the same `zk:<SN>:<PIN>:<wall time>` as ATTLOG, so the same punch arriving through the
 * attendance log or a USB export is not stored twice (rtlog `index` resets after a log clear).
 */
import type { DeviceContext } from '../device-gateway.js';
import type { CheckinInput, PunchDirection, VerifyMethod } from '../types.js';
import { parseDeviceTime, type LineProblem } from './attlog.js';
import { mapWallPunch, verifyMethodFor } from './mapper.js';

export interface RtlogParse {
  punches: CheckinInput[];
  /** Door, alarm and device events (pin 0 or outside the normal band). */
  ignored: number;
  problems: LineProblem[];
}

function kv(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of line.split('\t')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** Newer firmware sends verifytype as a 16-character bitmask (P9); parseInt on it is nonsense. */
export function rtVerify(v: string | undefined): VerifyMethod | null {
  if (v === undefined || v === '') return null;
  if (v.length === 16 && /^[01]+$/.test(v)) return v === '0000000000000010' ? 'face' : 'other';
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? verifyMethodFor(n) : null;
}

const isNormalBand = (e: number) => (e >= 0 && e <= 19) || (e >= 200 && e <= 253);

export function parseRtlog(text: string, ctx: Pick<DeviceContext, 'sn' | 'timeZone' | 'statusMap'>): RtlogParse {
  const out: RtlogParse = { punches: [], ignored: 0, problems: [] };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const f = kv(lines[i]);
    const event = Number(f.event);
    const pin = f.pin ?? '';
    if (!Number.isInteger(event) || !isNormalBand(event) || pin === '' || pin === '0') {
      out.ignored++;
      continue;
    }
    const wall = parseDeviceTime(f.time ?? '');
    if (!wall) {
      out.problems.push({ line: i + 1, column: 'time', message: `invalid time "${f.time ?? ''}"` });
      continue;
    }
    // inoutstatus is the reader's direction: 0 in, 1 out.
    const direction: PunchDirection | null = f.inoutstatus === '0' ? 'in' : f.inoutstatus === '1' ? 'out' : null;
    const { punch } = mapWallPunch(ctx, { pin, wall, status: null, verify: null, raw: { line: lines[i], table: 'rtlog' } });
    punch.direction = direction;
    punch.verifyMethod = rtVerify(f.verifytype);
    if (f.index) punch.sourceRecordId = f.index;
    out.punches.push(punch);
  }
  return out;
}
