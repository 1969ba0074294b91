/**
 * Hikvision access-control events → CheckinInput (devices.md §8). Vendor field names stop here.
 * Only successful authentications under major 5 with an employee number are punches; everything
 * else (door, alarm, failed verification, heartbeats) is counted and ignored. The pair
 * (major, minor) decides, never `currentVerifyMode`, which is the configured mode (P17).
 */
import type { DeviceContext } from '../device-gateway.js';
import type { CheckinInput, PunchDirection, VerifyMethod } from '../types.js';
import { formatWall, validWall, zonedInstant } from '../zkteco-push/wall-time.js';

/** One event as both the push (`AccessControllerEvent`) and the search (`InfoList[]`) carry it. */
export interface HikEvent {
  major?: number;
  minor?: number;
  majorEventType?: number;
  subEventType?: number;
  time?: string;
  employeeNoString?: string;
  employeeNo?: number | string;
  serialNo?: number;
  name?: string;
  cardNo?: string;
  attendanceStatus?: string;
  currentVerifyMode?: string;
  pictureURL?: string;
  [key: string]: unknown;
}

/** Successful-authentication minors under major 5 and the credential each one proves. */
const PUNCH_MINORS: ReadonlyMap<number, VerifyMethod> = new Map<number, VerifyMethod>([
  [0x01, 'card'], // valid card
  [0x02, 'card'], // card + password
  [0x10, 'other'], // multi-factor success
  [0x26, 'fingerprint'],
  [0x28, 'fingerprint'], // card + FP
  [0x2b, 'fingerprint'], // card + FP + password
  [0x2e, 'fingerprint'], // FP + password
  [0x45, 'fingerprint'], // employee ID + FP
  [0x48, 'fingerprint'], // employee ID + FP + password
  [0x4b, 'face'],
  [0x4d, 'face'], // employee ID + face
  [0x65, 'password'], // employee ID + password
  [0x69, 'other'], // person + ID card
  [0x99, 'other'], // combined
  [0x9f, 'bluetooth'],
  [0xb3, 'other'], // dynamic code
  [0xb5, 'password'],
]);

const ATTENDANCE_STATUS: Readonly<Record<string, PunchDirection>> = {
  checkin: 'in',
  checkout: 'out',
  breakout: 'break_out',
  breakin: 'break_in',
  overtimein: 'ot_in',
  overtimeout: 'ot_out',
};

/** Spellings vary in the wild (`overTimeIn`, `checkin`): compare case-insensitively. */
export function hikDirection(status: string | undefined): PunchDirection | null {
  if (!status) return null;
  return ATTENDANCE_STATUS[status.toLowerCase()] ?? null;
}

export function hikVerifyMethod(major: number, minor: number): VerifyMethod | null {
  return major === 5 ? (PUNCH_MINORS.get(minor) ?? null) : null;
}

export type IgnoreReason = 'not_access_event' | 'not_authentication' | 'no_employee' | 'bad_time';

export type HikMapResult = { punch: CheckinInput } | { ignored: IgnoreReason };

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * ISAPI times carry the device's configured offset (which may be wrong, P19): the instant follows
 * the offset as sent; without one, the wall time is read in the device's zone.
 */
export function hikTime(text: string, zone: string): { atMs: number; wallTime: string; utcOffsetMin: number } | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const f = { y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5], s: +m[6] };
  if (!validWall(f)) return null;
  const wallTime = formatWall(f);
  if (m[7] === undefined) {
    const z = zonedInstant(zone, f);
    return { atMs: z.atMs, wallTime, utcOffsetMin: z.utcOffsetMin };
  }
  let offsetMin = 0;
  if (m[7] !== 'Z') {
    const digits = m[7].replace(':', '');
    offsetMin = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return { atMs: Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s) - offsetMin * 60_000, wallTime, utcOffsetMin: offsetMin };
}

function employeeOf(e: HikEvent): string | null {
  const raw = e.employeeNoString ?? (e.employeeNo !== undefined ? String(e.employeeNo) : undefined);
  if (raw === undefined) return null;
  const t = String(raw).trim();
  return t === '' || t.toLowerCase() === 'null' ? null : t;
}

/** Key on (device serial, serialNo): serialNo is the device's own record counter. */
export function hikIdempotencyKey(deviceSn: string, serialNo: number | string): string {
  return `hik:${deviceSn}:${serialNo}`;
}

/** `fallbackTime` is the envelope's `dateTime` for pushed events (the nested object has no `time`). */
export function mapHikEvent(ctx: Pick<DeviceContext, 'sn' | 'timeZone'>, e: HikEvent, fallbackTime?: string): HikMapResult {
  const major = Number(e.major ?? e.majorEventType);
  const minor = Number(e.minor ?? e.subEventType);
  if (major !== 5) return { ignored: 'not_access_event' };
  const verifyMethod = hikVerifyMethod(major, minor);
  if (!verifyMethod) return { ignored: 'not_authentication' };
  const pin = employeeOf(e);
  if (!pin) return { ignored: 'no_employee' };
  const t = hikTime(String(e.time ?? fallbackTime ?? ''), ctx.timeZone);
  if (!t) return { ignored: 'bad_time' };
  const serial = e.serialNo;
  const punch: CheckinInput = {
    source: 'hikvision',
    sourceRecordId: serial !== undefined && serial !== null ? String(serial) : null,
    // Without a serialNo (rare firmware), fall back to the device-punch key shape.
    idempotencyKey: serial !== undefined && serial !== null ? hikIdempotencyKey(ctx.sn, serial) : `hik:${ctx.sn}:${pin}:${t.wallTime}`,
    identity: { provider: 'device', tenant: '', externalId: pin },
    atMs: t.atMs,
    wallTime: t.wallTime,
    utcOffsetMin: t.utcOffsetMin,
    timeZone: ctx.timeZone,
    deviceSn: ctx.sn,
    verifyMethod,
    direction: hikDirection(e.attendanceStatus),
    photoRef: typeof e.pictureURL === 'string' && e.pictureURL !== '' ? e.pictureURL : null,
    raw: e,
  };
  return { punch };
}

export interface HikBatch {
  punches: CheckinInput[];
  ignored: Partial<Record<IgnoreReason, number>>;
  ignoredTotal: number;
}

export function mapHikEvents(ctx: Pick<DeviceContext, 'sn' | 'timeZone'>, events: { event: HikEvent; fallbackTime?: string }[]): HikBatch {
  const out: HikBatch = { punches: [], ignored: {}, ignoredTotal: 0 };
  for (const { event, fallbackTime } of events) {
    const r = mapHikEvent(ctx, event, fallbackTime);
    if ('punch' in r) out.punches.push(r.punch);
    else {
      out.ignored[r.ignored] = (out.ignored[r.ignored] ?? 0) + 1;
      out.ignoredTotal++;
    }
  }
  return out;
}
