/**
 * The `employee.*` domain events, built from the rows before and after a change and written in its
 * transaction. `employee.updated` names the changed fields (as the API names them), not their values.
 */
import type { Row } from '../../db/schema.js';
import { domainEvent } from '../outbox/event-payloads.js';
import type { NewEvent } from '../outbox/outbox.types.js';
import { employeeDto, employeeRef } from './employees.repo.js';

type EmployeeRow = Row<'employees'>;

export function changedFields(before: EmployeeRow, after: EmployeeRow): string[] {
  const a = employeeDto(before) as Record<string, unknown>;
  const b = employeeDto(after) as Record<string, unknown>;
  return Object.keys(b).filter((k) => a[k] !== b[k]);
}

export function employeeCreated(r: EmployeeRow, atMs: number): NewEvent {
  return domainEvent(r.company_id, 'employee.created', `employee:${r.id}`, { ...employeeRef(r), email: r.email, managerEmployeeId: r.manager_id, joinedOn: r.hire_date }, atMs);
}

/** `employee.updated` when a field changed, and `employee.left` when the employee became inactive. */
export function employeeChanged(before: EmployeeRow, after: EmployeeRow, atMs: number): NewEvent[] {
  const changed = changedFields(before, after);
  const out: NewEvent[] = [];
  if (!changed.length) return out;
  const ref = employeeRef(after);
  const subject = `employee:${after.id}`;
  const left = before.status !== 'inactive' && after.status === 'inactive';
  const rest = left ? changed.filter((f) => f !== 'status' && f !== 'leaveDate') : changed;
  if (rest.length) out.push(domainEvent(after.company_id, 'employee.updated', subject, { ...ref, changed: rest }, atMs));
  if (left) out.push(domainEvent(after.company_id, 'employee.left', subject, { ...ref, leftOn: after.leave_date }, atMs));
  return out;
}
