/** What the API shows of a device and of the events in its history. */
import type { StatusMap } from '../../sources/device-gateway.js';
import { deviceZone, parseJson } from './device-context.js';
import type { DeviceRow, DeviceWithZones } from './devices.repo.js';

export function deviceDto(r: DeviceWithZones | (DeviceRow & { site_time_zone?: string | null; company_time_zone?: string | null })) {
  const zoned = { site_time_zone: null, company_time_zone: null, ...r } as DeviceWithZones;
  return {
    id: r.id,
    companyId: r.company_id,
    siteId: r.site_id,
    vendor: r.vendor,
    model: r.model,
    serialNumber: r.serial_number,
    mac: r.mac,
    name: r.name,
    timeZone: deviceZone(zoned),
    timeZoneSetting: r.time_zone,
    status: r.status,
    statusMap: parseJson<StatusMap | null>(r.status_map, null),
    pushOptions: parseJson<Record<string, unknown>>(r.push_options, {}),
    hasAuthToken: r.auth_token_sealed !== null,
    allowedIps: parseJson<string[] | null>(r.allowed_ips, null),
    firmware: r.firmware,
    pushVersion: r.push_version,
    language: r.language,
    userCount: r.user_count,
    fpCount: r.fp_count,
    faceCount: r.face_count,
    attlogCount: r.attlog_count,
    lastSeenAtMs: r.last_seen_at_ms,
    lastUploadAtMs: r.last_upload_at_ms,
    lastPunchAtMs: r.last_punch_at_ms,
    lagMs: r.last_upload_at_ms !== null && r.last_punch_at_ms !== null ? r.last_upload_at_ms - r.last_punch_at_ms : null,
    clockSkewMs: r.clock_skew_ms,
    clockCheckedAtMs: r.clock_checked_at_ms,
    lastIp: r.last_ip,
    offlineAfterMin: r.offline_after_min,
    online: r.online === 1,
    pullUrl: r.pull_url,
    limitHit: r.limit_hit,
    limitHitAtMs: r.limit_hit_at_ms,
    createdAtMs: r.created_at_ms,
    updatedAtMs: r.updated_at_ms,
  };
}

export const eventDto = (e: { id: number; kind: string; at_ms: number; details: string | null }) => ({ id: e.id, kind: e.kind, atMs: e.at_ms, details: parseJson<unknown>(e.details, null) });
