/**
 * JSON schemas of the events receivers get, published in the OpenAPI document, with one sample
 * each (REST hooks' sample endpoint, the setup page). The schemas are checked against the payload
 * contract (outbox/event-payloads.ts) at compile time: `Same<…>` below fails the build when either
 * side changes alone.
 */
import { Type, type Static, type TSchema } from 'typebox';
import type { EventPayloads } from '../outbox/event-payloads.js';
import { EVENT_TYPES, type EventType } from '../outbox/outbox.types.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const Int = Type.Integer();

const EmployeeRef = {
  employeeId: Int,
  employeeNo: Str,
  name: Str,
  departmentId: Nullable(Int),
};

const DayResultFields = Type.Object({
  status: Str,
  dayType: Str,
  late: Type.Boolean(),
  lateMinutes: Int,
  lateLevel: Str,
  early: Type.Boolean(),
  earlyMinutes: Int,
  missingIn: Type.Boolean(),
  missingOut: Type.Boolean(),
  workedMinutes: Int,
  overtimeMinutes: Int,
  leaveType: Nullable(Str),
  leaveMinutes: Int,
  inTime: Nullable(Str),
  outTime: Nullable(Str),
  reasons: Type.Array(Type.Object({ field: Str, code: Str, params: Type.Record(Type.String(), Type.Unknown()) })),
});

const RequestPayload = Type.Object({
  ...EmployeeRef,
  requestId: Int,
  kind: Str,
  status: Str,
  from: Nullable(Str),
  to: Nullable(Str),
  approverEmployeeIds: Type.Array(Int),
  actorUserId: Nullable(Int),
  comment: Nullable(Str),
});

const DevicePayload = Type.Object({ deviceId: Int, serial: Str, name: Nullable(Str), siteId: Nullable(Int), lastSeenAt: Nullable(Str) });

export const EVENT_PAYLOAD_SCHEMAS = {
  'checkin.created': Type.Object({ ...EmployeeRef, checkinId: Int, source: Str, punchedAt: Str, localDate: Str, method: Nullable(Str) }),
  'checkin.unmatched': Type.Object({ checkinId: Nullable(Int), source: Str, externalUserId: Str, punchedAt: Str }),
  'attendance_day.changed': Type.Object({ ...EmployeeRef, date: Str, before: Nullable(DayResultFields), after: DayResultFields }),
  'request.submitted': RequestPayload,
  'request.approved': RequestPayload,
  'request.rejected': RequestPayload,
  'request.cancelled': RequestPayload,
  'employee.created': Type.Object({ ...EmployeeRef, email: Nullable(Str), managerEmployeeId: Nullable(Int), joinedOn: Nullable(Str) }),
  'employee.updated': Type.Object({ ...EmployeeRef, changed: Type.Array(Str) }),
  'employee.left': Type.Object({ ...EmployeeRef, leftOn: Nullable(Str) }),
  'device.offline': DevicePayload,
  'device.online': DevicePayload,
  'connector.run_failed': Type.Object({ connectorId: Int, platform: Str, runId: Nullable(Int), job: Str, error: Str, failedAt: Str }),
  'month.closed': Type.Object({ month: Str, closeId: Int, scope: Type.Union([Type.Literal('company'), Type.Literal('department'), Type.Literal('all')]), departmentId: Nullable(Int), closedAt: Str, closedByUserId: Nullable(Int), employeeCount: Int }),
  'payroll.adjustment_recorded': Type.Object({
    ...EmployeeRef,
    adjustmentId: Int,
    date: Str,
    closedMonth: Str,
    carriedIntoMonth: Str,
    kind: Type.Union([Type.Literal('result'), Type.Literal('leave')]),
    source: Str,
    sourceRef: Nullable(Str),
    requestId: Nullable(Int),
    before: Nullable(DayResultFields),
    after: Nullable(DayResultFields),
    leaveType: Nullable(Str),
    leaveUnitsBefore: Nullable(Type.Number()),
    leaveUnitsAfter: Nullable(Type.Number()),
  }),
  'webhook.disabled': Type.Object({ endpointId: Int, url: Str, purpose: Str, reason: Str, disabledAt: Str }),
} satisfies Record<EventType, TSchema>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Schemas = typeof EVENT_PAYLOAD_SCHEMAS;
type Drift = { [K in EventType]: Same<Static<Schemas[K]>, EventPayloads[K]> }[EventType];
/** Compile-time proof that every schema says exactly what the payload contract says. */
export const SCHEMAS_MATCH_CONTRACT: Drift extends true ? true : never = true;

/** OpenAPI component name of an event's envelope: `WebhookEvent_checkin_created`. */
export const componentName = (type: EventType) => `WebhookEvent_${type.replace(/\./g, '_')}`;

/** The envelope receivers get (see webhookBody). */
export function envelopeSchema(type: EventType) {
  return Type.Object(
    { id: Type.String({ description: 'Stable event id (also the webhook-id header): deduplicate on it' }), type: Type.Literal(type), timestamp: Type.String({ description: 'When it happened, ISO 8601' }), companyId: Int, data: EVENT_PAYLOAD_SCHEMAS[type] },
    { title: type },
  );
}

/** The components added to the OpenAPI document, one per event type. */
export function eventSchemaComponents(): Record<string, unknown> {
  return Object.fromEntries(EVENT_TYPES.map((t) => [componentName(t), envelopeSchema(t)]));
}

const employee = { employeeId: 42, employeeNo: 'E0042', name: '张伟', departmentId: 3 };
const day = { status: 'late', dayType: 'workday', late: true, lateMinutes: 12, lateLevel: 'minor', early: false, earlyMinutes: 0, missingIn: false, missingOut: false, workedMinutes: 468, overtimeMinutes: 0, leaveType: null, leaveMinutes: 0, inTime: '2026-03-02T09:12:00+08:00', outTime: '2026-03-02T18:00:00+08:00', reasons: [{ field: 'late', code: 'LATE_AFTER_GRACE', params: { minutes: 12 } }] };
const request = { ...employee, requestId: 7, kind: 'leave', status: 'pending', from: '2026-03-05T09:00:00+08:00', to: '2026-03-05T18:00:00+08:00', approverEmployeeIds: [5], actorUserId: 11, comment: null };
const device = { deviceId: 2, serial: 'CJDE193560001', name: '前台考勤机', siteId: 1, lastSeenAt: '2026-03-02T08:55:00+08:00' };

/** One realistic payload per event type. */
export const SAMPLE_PAYLOADS: { [K in EventType]: EventPayloads[K] } = {
  'checkin.created': { ...employee, checkinId: 1001, source: 'device', punchedAt: '2026-03-02T09:12:00+08:00', localDate: '2026-03-02', method: 'fingerprint' },
  'checkin.unmatched': { checkinId: 1002, source: 'dingtalk', externalUserId: 'manager7421', punchedAt: '2026-03-02T09:01:00+08:00' },
  'attendance_day.changed': { ...employee, date: '2026-03-02', before: { ...day, status: 'absent', late: false, lateMinutes: 0, lateLevel: 'none', workedMinutes: 0, inTime: null, outTime: null, missingIn: true, missingOut: true, reasons: [] }, after: day },
  'request.submitted': request,
  'request.approved': { ...request, status: 'approved', comment: '同意' },
  'request.rejected': { ...request, status: 'rejected', comment: '项目上线期间不批假' },
  'request.cancelled': { ...request, status: 'cancelled' },
  'employee.created': { ...employee, email: 'zhangwei@example.cn', managerEmployeeId: 5, joinedOn: '2026-03-01' },
  'employee.updated': { ...employee, changed: ['departmentId', 'name'] },
  'employee.left': { ...employee, leftOn: '2026-03-31' },
  'device.offline': device,
  'device.online': device,
  'connector.run_failed': { connectorId: 3, platform: 'dingtalk', runId: 88, job: 'punch_sync', error: 'DingTalk answered errcode 88 (rate limited)', failedAt: '2026-03-02T10:00:00+08:00' },
  'month.closed': { month: '2026-02', closeId: 4, scope: 'company', departmentId: null, closedAt: '2026-03-03T10:00:00+08:00', closedByUserId: 11, employeeCount: 120 },
  'payroll.adjustment_recorded': {
    ...employee, adjustmentId: 17, date: '2026-02-26', closedMonth: '2026-02', carriedIntoMonth: '2026-03', kind: 'result', source: 'correction', sourceRef: 'request:7', requestId: 7,
    before: { ...day, status: 'missing_punch', late: false, lateMinutes: 0, lateLevel: 'none', missingOut: true, outTime: null, reasons: [] }, after: { ...day, status: 'present', late: false, lateMinutes: 0, lateLevel: 'none', reasons: [] },
    leaveType: null, leaveUnitsBefore: null, leaveUnitsAfter: null,
  },
  'webhook.disabled': { endpointId: 4, url: 'https://hr.example.cn/hooks/daka', purpose: 'events', reason: 'A delivery was given up on: the receiver answered 503', disabledAt: '2026-03-03T10:00:00+08:00' },
};

export function sampleEnvelope(type: EventType, companyId: number) {
  return { id: `sample-${type}`, type, timestamp: '2026-03-02T09:12:00.000Z', companyId, data: SAMPLE_PAYLOADS[type] as unknown as Record<string, unknown> };
}
