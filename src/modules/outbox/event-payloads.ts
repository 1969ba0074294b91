/**
 * The payload of each domain event: one contract for every consumer (notifications, webhooks,
 * payroll delivery, project worklogs) and for the JSON schemas published in the OpenAPI document.
 * Payloads carry ids and the facts a receiver needs to act without calling back; they never carry
 * secrets, photos or raw vendor payloads. Times are ISO 8601 with offset; dates are `YYYY-MM-DD`
 * in the company's zone.
 */
import type { EventType } from './outbox.types.js';

/** The result fields of one attendance day that receivers compare (before/after). */
export interface DayResultFields {
  status: string;
  dayType: string;
  late: boolean;
  lateMinutes: number;
  lateLevel: string;
  early: boolean;
  earlyMinutes: number;
  missingIn: boolean;
  missingOut: boolean;
  workedMinutes: number;
  overtimeMinutes: number;
  leaveType: string | null;
  leaveMinutes: number;
  inTime: string | null;
  outTime: string | null;
  /** Engine reason codes with their parameters, in the engine's order. */
  reasons: { field: string; code: string; params: Record<string, unknown> }[];
}

export interface EmployeeRef {
  employeeId: number;
  employeeNo: string;
  name: string;
  departmentId: number | null;
}

export interface EventPayloads {
  'checkin.created': EmployeeRef & { checkinId: number; source: string; punchedAt: string; localDate: string; method: string | null };
  'checkin.unmatched': { checkinId: number | null; source: string; externalUserId: string; punchedAt: string };
  'attendance_day.changed': EmployeeRef & { date: string; before: DayResultFields | null; after: DayResultFields };
  'request.submitted': RequestPayload;
  'request.approved': RequestPayload;
  'request.rejected': RequestPayload;
  'request.cancelled': RequestPayload;
  'employee.created': EmployeeRef & { email: string | null; managerEmployeeId: number | null; joinedOn: string | null };
  'employee.updated': EmployeeRef & { changed: string[] };
  'employee.left': EmployeeRef & { leftOn: string | null };
  'device.offline': DevicePayload;
  'device.online': DevicePayload;
  'connector.run_failed': { connectorId: number; platform: string; runId: number | null; job: string; error: string; failedAt: string };
  'month.closed': { month: string; closeId: number; scope: 'company' | 'department' | 'all'; departmentId: number | null; closedAt: string; closedByUserId: number | null; employeeCount: number };
  'payroll.adjustment_recorded': PayrollAdjustmentPayload;
  /** An endpoint turned off after its deliveries kept failing (or a 410 Gone). */
  'webhook.disabled': { endpointId: number; url: string; purpose: string; reason: string; disabledAt: string };
}

/**
 * A late change to a day of a closed month, carried into an open month's payroll: the day's result
 * fields before and after (kind `result`), or the leave units booked for that month before and
 * after (kind `leave`).
 */
export interface PayrollAdjustmentPayload extends EmployeeRef {
  adjustmentId: number;
  date: string;
  closedMonth: string;
  carriedIntoMonth: string;
  kind: 'result' | 'leave';
  /** punch, correction, leave (a leave request), request (another kind), recompute (a setup change). */
  source: string;
  sourceRef: string | null;
  requestId: number | null;
  before: DayResultFields | null;
  after: DayResultFields | null;
  leaveType: string | null;
  leaveUnitsBefore: number | null;
  leaveUnitsAfter: number | null;
}

export interface RequestPayload extends EmployeeRef {
  requestId: number;
  /** 'correction' | 'leave' | 'overtime' | … as the requests module names kinds. */
  kind: string;
  status: string;
  from: string | null;
  to: string | null;
  /** Employees who may approve it now (for `request.submitted`). */
  approverEmployeeIds: number[];
  actorUserId: number | null;
  comment: string | null;
}

export interface DevicePayload {
  deviceId: number;
  serial: string;
  name: string | null;
  siteId: number | null;
  lastSeenAt: string | null;
}

/** A typed event for `outbox.append`: the payload must match its type. */
export function domainEvent<T extends EventType>(
  companyId: number,
  type: T,
  subject: string | null,
  payload: EventPayloads[T],
  occurredAtMs: number,
): { companyId: number; type: T; subject: string | null; payload: Record<string, unknown>; occurredAtMs: number } {
  return { companyId, type, subject, payload: payload as unknown as Record<string, unknown>, occurredAtMs };
}
