/** What the API shows of a stored punch. */
import type { Static } from 'typebox';
import type { Row } from '../../db/schema.js';
import { isoWithOffset } from '../../shared/time.js';
import type { Location } from './checkins.schemas.js';

export function checkinDto(
  r: Row<'checkins'> & { employee_name: string | null; job_number?: string | null; department_name?: string | null; device_name?: string | null; device_site_name?: string | null },
) {
  return {
    id: r.id,
    employeeId: r.employee_id,
    employeeName: r.employee_name,
    jobNumber: r.job_number ?? null,
    departmentName: r.department_name ?? null,
    deviceName: r.device_name ?? null,
    deviceSiteName: r.device_site_name ?? null,
    atMs: r.at_ms,
    time: isoWithOffset(r.at_ms, r.utc_offset_min),
    wallTime: r.wall_time,
    utcOffsetMin: r.utc_offset_min,
    timeZone: r.time_zone,
    source: r.source,
    sourceRecordId: r.source_record_id,
    deviceSn: r.device_sn,
    verifyMethod: r.verify_method,
    direction: r.direction,
    location: r.location === null ? null : (JSON.parse(r.location) as Static<typeof Location>),
    photoRef: r.photo_ref,
    platformResult: r.platform_result,
    identity: { provider: r.provider, tenant: r.tenant, externalId: r.external_id },
    matched: r.employee_id !== null,
    held: r.hold_reason !== null,
    holdReason: r.hold_reason,
    receivedAtMs: r.received_at_ms,
  };
}
