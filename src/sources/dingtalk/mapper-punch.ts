import type { CheckinInput, PunchDirection, VerifyMethod } from '../types.js';
import { wallTimeOf } from '../platform/zone.js';
import type { DingTalkAttendanceRecord } from './wire.js';

export interface DingTalkMapContext {
  corpId: string;
  /** Tenant zone (DingTalk tenants: Asia/Shanghai). */
  timeZone?: string;
}

export type SkipReason = 'not_signed' | 'no_time' | 'no_user' | 'no_id';

export type PunchMapResult = { ok: true; checkin: CheckinInput } | { ok: false; reason: SkipReason; raw: unknown };

const num = (v: unknown): number | null => {
  if (v === undefined || v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

function direction(checkType: unknown): PunchDirection | null {
  if (checkType === 'OnDuty') return 'in';
  if (checkType === 'OffDuty') return 'out';
  return null;
}

/** sourceType says who produced the record; locationMethod how a phone punch was placed. */
function verifyMethod(r: DingTalkAttendanceRecord): VerifyMethod {
  switch (r.sourceType) {
    case 'BOSS':
    case 'APPROVE':
      return 'manual';
    case 'BEACON':
    case 'DING_ATM':
      return 'bluetooth';
    case 'ATM':
      // A fingerprint or face machine; DingTalk does not say which.
      return 'other';
    case 'SYSTEM':
    case 'AUTO_CHECK':
      return 'other';
  }
  if (r.locationMethod === 'WIFI') return 'wifi';
  if (r.locationMethod === 'MAP') return 'gps';
  if (r.locationMethod === 'ATM') return 'other';
  return 'app';
}

/** DingTalk's own verdict, compact but complete enough to reconcile against. */
function platformResult(r: DingTalkAttendanceRecord): string | null {
  const parts: string[] = [];
  if (r.timeResult) parts.push(String(r.timeResult));
  if (r.locationResult && r.locationResult !== 'Normal') parts.push(`location=${r.locationResult}`);
  if (r.invalidRecordType) parts.push(`invalid=${r.invalidRecordType}`);
  return parts.length > 0 ? parts.join(';') : null;
}

/** One listRecord record → a checkin. Records without an actual punch are skipped, with a reason. */
export function mapDingTalkRecord(r: DingTalkAttendanceRecord, ctx: DingTalkMapContext): PunchMapResult {
  const timeZone = ctx.timeZone ?? 'Asia/Shanghai';
  const recordId = str(r.id);
  const userId = str(r.userId);
  const atMs = num(r.userCheckTime);
  if (!recordId) return { ok: false, reason: 'no_id', raw: r };
  if (!userId) return { ok: false, reason: 'no_user', raw: r };
  if (r.timeResult === 'NotSigned') return { ok: false, reason: 'not_signed', raw: r };
  if (atMs === null || atMs <= 0) return { ok: false, reason: 'no_time', raw: r };
  const { wallTime, utcOffsetMin } = wallTimeOf(atMs, timeZone);
  const lat = num(r.userLatitude);
  const lng = num(r.userLongitude);
  const hasLocation = lat !== null || lng !== null || !!r.userAddress || !!r.userSsid || !!r.userMacAddr;
  return {
    ok: true,
    checkin: {
      source: 'dingtalk',
      sourceRecordId: recordId,
      idempotencyKey: `dingtalk:${ctx.corpId}:${recordId}`,
      identity: { provider: 'dingtalk', tenant: ctx.corpId, externalId: userId },
      atMs,
      wallTime,
      utcOffsetMin,
      timeZone,
      // Machines report a serial; phones only a device id, which is still the evidence we have.
      deviceSn: str(r.deviceSN) ?? str(r.deviceId),
      verifyMethod: verifyMethod(r),
      direction: direction(r.checkType),
      location: hasLocation
        ? {
            lat,
            lng,
            accuracyM: num(r.userAccuracy),
            address: str(r.userAddress),
            wifiSsid: str(r.userSsid),
            wifiBssid: str(r.userMacAddr),
          }
        : null,
      photoRef: str(r.photoUrl),
      platformResult: platformResult(r),
      raw: r,
    },
  };
}

export function mapDingTalkRecords(
  records: DingTalkAttendanceRecord[],
  ctx: DingTalkMapContext,
): { checkins: CheckinInput[]; skipped: Array<{ reason: SkipReason; raw: unknown }> } {
  const checkins: CheckinInput[] = [];
  const skipped: Array<{ reason: SkipReason; raw: unknown }> = [];
  for (const r of records) {
    const m = mapDingTalkRecord(r, ctx);
    if (m.ok) checkins.push(m.checkin);
    else skipped.push({ reason: m.reason, raw: m.raw });
  }
  return { checkins, skipped };
}
