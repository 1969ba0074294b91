/** The `request.*` domain events, written in the transaction that changes the request. */
import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { employeeRefs } from '../employees/employees.repo.js';
import { domainEvent } from '../outbox/event-payloads.js';
import type { Outbox } from '../outbox/outbox.js';
import type { EventType } from '../outbox/outbox.types.js';
import { approverEmployeeIds } from './approvers.js';

const TYPE_OF: Record<Row<'requests'>['status'], 'request.submitted' | 'request.approved' | 'request.rejected' | 'request.cancelled'> = {
  pending: 'request.submitted',
  approved: 'request.approved',
  rejected: 'request.rejected',
  cancelled: 'request.cancelled',
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Appends the event of the request's current status (a new pending request is `submitted`). The
 * comment is the requester's reason on submission and the decider's note on a decision.
 * Returns whether an event was written (then kick the outbox after commit).
 */
export async function appendRequestEvent(outbox: Outbox | null, trx: Kysely<DB>, r: Row<'requests'>, actorUserId: number | null, occurredAtMs: number): Promise<boolean> {
  const type: EventType = TYPE_OF[r.status];
  if (!outbox?.wants(r.company_id, type)) return false;
  const ref = (await employeeRefs(trx, r.company_id, [r.employee_id])).get(r.employee_id);
  if (!ref) return false;
  const submitted = r.status === 'pending';
  const payload = {
    ...ref,
    requestId: r.id,
    kind: r.kind,
    status: r.status,
    from: r.from_date ?? iso(r.from_ms ?? r.correction_at_ms),
    to: r.to_date ?? iso(r.to_ms ?? r.correction_at_ms),
    approverEmployeeIds: submitted ? await approverEmployeeIds(trx, r.company_id, r.employee_id) : [],
    actorUserId,
    comment: submitted ? r.reason : r.decision_note,
  };
  await outbox.append(trx, [domainEvent(r.company_id, TYPE_OF[r.status], `employee:${r.employee_id}`, payload, occurredAtMs)]);
  return true;
}
