/** Punches as the API takes them, turned into the input every source gives ingest. */
import type { FieldProblem } from '../../shared/errors.js';
import { isValidTimeZone, offsetMinutesAt, parseIsoInstant, wallTimeAt } from '../../shared/time.js';
import type { CheckinInput, SourceIdentity } from '../../sources/types.js';
import type { CheckinItemT } from './checkins.schemas.js';

/** Converts one API item; records problems (with field paths) instead of throwing, so all are reported. */
export function toCheckinInput(item: CheckinItemT, path: string, companyZone: string, employeeZones: Map<number, string | null>, problems: FieldProblem[]): CheckinInput | null {
  const who = [item.employeeId !== undefined, item.jobNumber !== undefined, item.identity !== undefined].filter(Boolean).length;
  if (who !== 1) {
    problems.push({ path, message: 'give exactly one of employeeId, jobNumber, identity' });
    return null;
  }
  if ((item.time === undefined) === (item.atMs === undefined)) {
    problems.push({ path, message: 'give exactly one of time, atMs' });
    return null;
  }
  if (item.employeeId !== undefined && !employeeZones.has(item.employeeId)) {
    problems.push({ path: `${path}.employeeId`, message: `employee ${item.employeeId} is not in this company` });
    return null;
  }
  const zone = item.timeZone ?? (item.employeeId !== undefined ? employeeZones.get(item.employeeId) : null) ?? companyZone;
  if (!isValidTimeZone(zone)) {
    problems.push({ path: `${path}.timeZone`, message: `'${zone}' is not an IANA time zone` });
    return null;
  }
  let atMs: number;
  let offsetMin: number;
  if (item.time !== undefined) {
    const parsed = parseIsoInstant(item.time);
    if (!parsed) {
      problems.push({ path: `${path}.time`, message: 'must be an ISO-8601 time with an offset, e.g. 2026-03-10T08:55:12+08:00' });
      return null;
    }
    atMs = parsed.atMs;
    offsetMin = parsed.offsetMin;
  } else {
    atMs = item.atMs!;
    offsetMin = offsetMinutesAt(zone, atMs);
  }
  const identity: SourceIdentity =
    item.employeeId !== undefined
      ? { provider: 'employee', tenant: '', externalId: String(item.employeeId) }
      : item.jobNumber !== undefined
        ? { provider: 'job_number', tenant: '', externalId: item.jobNumber }
        : { provider: item.identity!.provider, tenant: item.identity!.tenant ?? '', externalId: item.identity!.externalId };
  const source = item.source ?? 'api';
  return {
    source,
    sourceRecordId: item.sourceRecordId ?? null,
    idempotencyKey: item.idempotencyKey ?? `${source}:${identity.provider}:${identity.tenant}:${identity.externalId}:${atMs}`,
    identity,
    atMs,
    wallTime: wallTimeAt(atMs, offsetMin),
    utcOffsetMin: offsetMin,
    timeZone: zone,
    deviceSn: item.deviceSn ?? null,
    verifyMethod: item.verifyMethod ?? null,
    direction: item.direction ?? null,
    location: item.location ?? null,
    photoRef: item.photoRef ?? null,
    raw: item.raw ?? null,
  };
}
