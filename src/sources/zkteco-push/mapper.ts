/**
 * ZKTeco vendor codes stop here: ATTLOG records become CheckinInput. Shared by the push route and
 * the USB file import so that the same punch yields the same idempotency key on both paths.
 */
import type { DeviceContext, StatusMap } from '../device-gateway.js';
import type { CheckinInput, CheckinSource, PunchDirection, VerifyMethod } from '../types.js';
import type { AttlogRecord } from './attlog.js';
import { formatWall, zonedInstant, type WallFields } from './wall-time.js';

/** Status codes per the ZK SDK and device menus (devices.md §2.5); 255 = no state key chosen. */
export const STATUS_MAP_DEFAULT: StatusMap = {
  '0': 'in',
  '1': 'out',
  '2': 'break_out',
  '3': 'break_in',
  '4': 'ot_in',
  '5': 'ot_out',
};

/** One unit was seen reporting 0 = check-out and 1 = check-in (bulentv/js_zklib#29). */
export const STATUS_MAP_SWAP_01: StatusMap = { ...STATUS_MAP_DEFAULT, '0': 'out', '1': 'in' };

/** Firmware that always sends 0, or sites where people press the wrong key: leave direction to rules. */
export const STATUS_MAP_IGNORE: StatusMap = {};

export function directionFor(status: number | null, map: StatusMap | null): PunchDirection | null {
  if (status === null) return null;
  return (map ?? STATUS_MAP_DEFAULT)[String(status)] ?? null;
}

/**
 * Verify code (devices.md §2.5, S2 App. 7) → the method that matters most for evidence. Combined
 * modes report their biometric factor; "X or Y" modes cannot tell which was used.
 */
export function verifyMethodFor(code: number | null): VerifyMethod | null {
  if (code === null) return null;
  if (code === 1 || code === 8 || code === 9 || code === 10 || (code >= 12 && code <= 14)) return 'fingerprint';
  if (code === 3) return 'password';
  if (code === 4 || code === 11) return 'card';
  if (code >= 15 && code <= 20) return 'face';
  if (code >= 25 && code <= 29) return 'palm';
  if (code === 0 || code === 2 || (code >= 5 && code <= 7) || (code >= 21 && code <= 24) || code === 200) return 'other';
  return null;
}

/** The one key format for device punches, whatever path they arrive by. */
export function zkIdempotencyKey(sn: string, pin: string, wallTime: string): string {
  return `zk:${sn}:${pin}:${wallTime}`;
}

export interface MappedPunch {
  punch: CheckinInput;
  /** Set when the wall time fell in a DST gap or fold of the device zone. */
  zoneFlag?: 'gap' | 'ambiguous';
}

export function mapWallPunch(
  ctx: Pick<DeviceContext, 'sn' | 'timeZone' | 'statusMap'>,
  p: { pin: string; wall: WallFields; status: number | null; verify: number | null; raw: unknown; source?: CheckinSource },
): MappedPunch {
  const wallTime = formatWall(p.wall);
  const z = zonedInstant(ctx.timeZone, p.wall);
  const punch: CheckinInput = {
    source: p.source ?? 'zkteco',
    sourceRecordId: null,
    idempotencyKey: zkIdempotencyKey(ctx.sn, p.pin, wallTime),
    identity: { provider: 'device', tenant: '', externalId: p.pin },
    atMs: z.atMs,
    wallTime,
    utcOffsetMin: z.utcOffsetMin,
    timeZone: ctx.timeZone,
    deviceSn: ctx.sn,
    verifyMethod: verifyMethodFor(p.verify),
    direction: directionFor(p.status, ctx.statusMap),
    raw: p.raw,
  };
  if (!z.flag) return { punch };
  // Keep the DST verdict with the punch itself so review screens can show it.
  punch.raw = { ...(p.raw as object), zoneFlag: z.flag };
  return { punch, zoneFlag: z.flag };
}

/** ATTLOG record → punch; raw keeps the untouched line plus the codes for reconciliation. */
export function mapAttlogRecord(ctx: Pick<DeviceContext, 'sn' | 'timeZone' | 'statusMap'>, r: AttlogRecord, source: CheckinSource = 'zkteco'): MappedPunch {
  return mapWallPunch(ctx, {
    pin: r.pin,
    wall: r.wall,
    status: r.status,
    verify: r.verify,
    source,
    raw: { line: r.raw, status: r.status, verify: r.verify, workcode: r.workcode, extra: r.extra },
  });
}
