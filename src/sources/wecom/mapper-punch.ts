import type { CheckinInput, PunchDirection, VerifyMethod } from '../types.js';
import { wallTimeOf } from '../platform/zone.js';
import type { WeComCheckinRecord } from './wire.js';

export interface WeComMapContext {
  corpId: string;
  timeZone?: string;
}

export type WeComSkipReason = 'missed_slot' | 'no_time' | 'no_user';
export type WeComPunchMapResult = { ok: true; checkin: CheckinInput } | { ok: false; reason: WeComSkipReason; raw: unknown };

/** checkin_type is Chinese text; the idempotency key uses a stable ASCII code for it. */
const TYPES: Record<string, { code: string; direction: PunchDirection | null }> = {
  上班打卡: { code: 'on', direction: 'in' },
  下班打卡: { code: 'off', direction: 'out' },
  外出打卡: { code: 'outing', direction: null },
};

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * One getcheckindata row → a checkin. WeCom has no record id: a punch is identified by user,
 * second and punch type. Rows marked 未打卡 are scheduled slots nobody punched, not punches.
 */
export function mapWeComCheckin(r: WeComCheckinRecord, ctx: WeComMapContext): WeComPunchMapResult {
  const timeZone = ctx.timeZone ?? 'Asia/Shanghai';
  const userId = text(r.userid);
  if (!userId) return { ok: false, reason: 'no_user', raw: r };
  const exceptions = (r.exception_type ?? '').split(';').map((s) => s.trim()).filter(Boolean);
  if (exceptions.includes('未打卡')) return { ok: false, reason: 'missed_slot', raw: r };
  const sec = Number(r.checkin_time);
  if (!Number.isFinite(sec) || sec <= 0) return { ok: false, reason: 'no_time', raw: r };
  const type = TYPES[r.checkin_type] ?? { code: `t${Buffer.from(String(r.checkin_type)).toString('hex')}`, direction: null };
  const atMs = sec * 1000;
  const { wallTime, utcOffsetMin } = wallTimeOf(atMs, timeZone);
  const lat = typeof r.lat === 'number' && r.lat !== 0 ? r.lat / 1e6 : null;
  const lng = typeof r.lng === 'number' && r.lng !== 0 ? r.lng / 1e6 : null;
  const wifi = text(r.wifiname);
  const address = [text(r.location_title), text(r.location_detail)].filter(Boolean).join(' ') || null;
  const verifyMethod: VerifyMethod = wifi ? 'wifi' : lat !== null ? 'gps' : 'app';
  const recordId = `${userId}:${sec}:${type.code}`;
  const media = Array.isArray(r.mediaids) ? r.mediaids.filter((m) => typeof m === 'string' && m !== '') : [];
  return {
    ok: true,
    checkin: {
      source: 'wecom',
      sourceRecordId: recordId,
      idempotencyKey: `wecom:${ctx.corpId}:${recordId}`,
      identity: { provider: 'wecom', tenant: ctx.corpId, externalId: userId },
      atMs,
      wallTime,
      utcOffsetMin,
      timeZone,
      deviceSn: text(r.deviceid),
      verifyMethod,
      direction: type.direction,
      // Coordinates are GCJ-02 (China's datum) as WeCom reports them; raw keeps the originals.
      location:
        lat !== null || lng !== null || address || wifi
          ? { lat, lng, accuracyM: null, address, wifiSsid: wifi, wifiBssid: text(r.wifimac) }
          : null,
      // Media ids expire after 3 days; whoever stores checkins should fetch them promptly.
      photoRef: media.length > 0 ? `wecom-media:${media[0]}` : null,
      platformResult: exceptions.length > 0 ? exceptions.join(';') : 'Normal',
      raw: r,
    },
  };
}

export function mapWeComCheckins(
  records: WeComCheckinRecord[],
  ctx: WeComMapContext,
): { checkins: CheckinInput[]; skipped: Array<{ reason: WeComSkipReason; raw: unknown }> } {
  const checkins: CheckinInput[] = [];
  const skipped: Array<{ reason: WeComSkipReason; raw: unknown }> = [];
  for (const r of records) {
    const m = mapWeComCheckin(r, ctx);
    if (m.ok) checkins.push(m.checkin);
    else skipped.push({ reason: m.reason, raw: m.raw });
  }
  return { checkins, skipped };
}
