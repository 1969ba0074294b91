/**
 * Security PUSH `transaction` records: the attendance log of access terminals, as they arrive in
 * answer to `DATA QUERY tablename=transaction` (POST /iclock/querydata) or as tabledata uploads
 * (devices.md §2.10–2.11). One record per line, key=value pairs, keys varying in case and name
 * across firmware (`time_second` encoded per App. 5/6, or a plain `time`; `eventtype`/`event`;
 * `inoutstate`/`inoutstatus`; `verified`/`verifytype`). A punch is a normal-band event with a PIN.
 * Its key is the ATTLOG key `zk:<SN>:<PIN>:<wall time>`, so the same punch arriving as ATTLOG,
 * rtlog or transaction is stored once.
 */
import type { DeviceContext, OperLogRecord } from '../device-gateway.js';
import type { CheckinInput, PunchDirection } from '../types.js';
import { parseDeviceTime, type LineProblem } from './attlog.js';
import { mapWallPunch } from './mapper.js';
import { rtVerify } from './rtlog.js';
import type { WallFields } from './wall-time.js';

export interface TransactionSplit {
  punches: CheckinInput[];
  /** Records that are not transactions (users, templates, pictures…). */
  other: OperLogRecord[];
  /** Transactions that are door or device events, not punches. */
  ignored: number;
  problems: LineProblem[];
}

const isNormalBand = (e: number) => (e >= 0 && e <= 19) || (e >= 200 && e <= 253);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** App. 5/6: t = ((y−2000)·12·31 + (m−1)·31 + (d−1))·86400 + h·3600 + mi·60 + s, device-local. */
export function decodeSecurityTime(t: number): WallFields | null {
  if (!Number.isSafeInteger(t) || t < 0) return null;
  const s = t % 60;
  const mi = Math.floor(t / 60) % 60;
  const h = Math.floor(t / 3600) % 24;
  const days = Math.floor(t / 86400);
  const d = (days % 31) + 1;
  const mo = (Math.floor(days / 31) % 12) + 1;
  const y = Math.floor(days / (31 * 12)) + 2000;
  // parseDeviceTime rejects dates that do not exist (31 April).
  return parseDeviceTime(`${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`);
}

function lower(fields: Readonly<Record<string, string>>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(fields)) m.set(k.toLowerCase(), v.trim());
  return m;
}

export function splitTransactions(records: readonly OperLogRecord[], ctx: Pick<DeviceContext, 'sn' | 'timeZone' | 'statusMap'>): TransactionSplit {
  const out: TransactionSplit = { punches: [], other: [], ignored: 0, problems: [] };
  records.forEach((r, i) => {
    if (r.tag.toUpperCase() !== 'TRANSACTION') {
      out.other.push(r);
      return;
    }
    const f = lower(r.fields);
    const pin = f.get('pin') ?? '';
    const eventText = f.get('eventtype') ?? f.get('event') ?? '0';
    const event = Number(eventText === '' ? '0' : eventText);
    if (!Number.isInteger(event) || !isNormalBand(event) || pin === '' || pin === '0' || pin.length > 64) {
      out.ignored++;
      return;
    }
    const encoded = f.get('time_second');
    const wall = encoded !== undefined && /^\d{1,12}$/.test(encoded) ? decodeSecurityTime(Number(encoded)) : parseDeviceTime(f.get('time') ?? '');
    if (!wall) {
      out.problems.push({ line: i + 1, column: 'time', message: `invalid time "${encoded ?? f.get('time') ?? ''}"` });
      return;
    }
    const inout = f.get('inoutstate') ?? f.get('inoutstatus');
    const direction: PunchDirection | null = inout === '0' ? 'in' : inout === '1' ? 'out' : null;
    const { punch } = mapWallPunch(ctx, { pin, wall, status: null, verify: null, raw: { line: r.raw.slice(0, 1000), table: 'transaction' } });
    punch.direction = direction;
    punch.verifyMethod = rtVerify(f.get('verified') ?? f.get('verifytype'));
    const index = f.get('index');
    if (index && /^\d{1,20}$/.test(index)) punch.sourceRecordId = index;
    out.punches.push(punch);
  });
  return out;
}
