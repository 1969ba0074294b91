import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { approvedInputs } from '../../src/modules/requests/requests.repo.js';
import type { DomainEventMap } from '../../src/shared/events.js';

type Changed = DomainEventMap['attendance.inputs_changed'];
// 2026-03-20 12:00 in Shanghai.
const NOW = Date.parse('2026-03-20T04:00:00Z');

describeEachDb('leave types and requests', (db) => {
  let t: TestApp;
  const events: Changed[] = [];
  let staff: number;
  let manager: number;
  let groupId: number;
  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => NOW });
    t.services.events.on('attendance.inputs_changed', (e) => void events.push(e));
    const d = t.services.db;
    staff = (await d.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'E001').executeTakeFirstOrThrow()).id;
    manager = (await d.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'M001').executeTakeFirstOrThrow()).id;
    const rd = (await d.selectFrom('departments').select('id').where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).id;
    const shift = (await t.as('hr').post('/api/v1/shift-types', { companyId: t.companyId, code: 'D', name: 'D', start: '09:00', end: '18:00' })).json().id;
    const g = await t.as('hr').post('/api/v1/attendance-groups', {
      companyId: t.companyId,
      name: '研发',
      kind: 'fixed',
      weekly: { '1': shift, '2': shift, '3': shift, '4': shift, '5': shift },
      policy: { corrections: { quotaPerMonth: 2, deadlineDays: 5 } },
    });
    groupId = g.json().id;
    await t.as('hr').post(`/api/v1/attendance-groups/${groupId}/members`, { departmentId: rd, effectiveFrom: '2026-01-01' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  // Seeding is idempotent: tests that file leave make sure of the leave types themselves.
  const ensureLeaveTypes = () => t.as('hr').post('/api/v1/leave-types/seed', { companyId: t.companyId });
  /** An approved request of the staff member (filed and approved as the workflow tests do), unless one is there. */
  const ensureApproved = async (kind: 'leave' | 'correction', fromDate: string, body: Record<string, unknown>) => {
    const row = await t.services.db.selectFrom('requests').select('id').where('employee_id', '=', staff).where('kind', '=', kind).where('from_date', '=', fromDate).where('status', '=', 'approved').executeTakeFirst();
    if (row) return;
    await ensureLeaveTypes();
    const id = (await t.as('employee').post('/api/v1/requests', { kind, ...body })).json().id;
    await t.as('manager').post(`/api/v1/requests/${id}/approve`, {});
  };

  it('seeds the common Chinese leave types once, for HR only', async () => {
    expect((await t.as('employee').post('/api/v1/leave-types/seed', { companyId: t.companyId })).statusCode).toBe(403);
    const seeded = (await t.as('hr').post('/api/v1/leave-types/seed', { companyId: t.companyId })).json().items;
    expect(seeded.map((x: { code: string; name: string }) => `${x.code}:${x.name}`)).toEqual([
      'annual:年假',
      'personal:事假',
      'sick:病假',
      'compensatory:调休',
      'marriage:婚假',
      'maternity:产假',
      'bereavement:丧假',
    ]);
    expect((await t.as('hr').post('/api/v1/leave-types/seed', { companyId: t.companyId })).json().items).toEqual([]);
    expect((await t.as('employee').get(`/api/v1/leave-types?companyId=${t.companyId}`)).json().total).toBe(7);
  });

  it('validates leave requests with codes and field paths', async () => {
    await ensureLeaveTypes();
    const emp = t.as('employee');
    const span = await emp.post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: '2026-03-10', toDate: '2026-03-11', half: 'am' });
    expect(span.json().error).toMatchObject({ code: 'HALF_DAY_SPAN', details: { problems: [{ path: 'body.half' }] } });
    const unknown = await emp.post('/api/v1/requests', { kind: 'leave', leaveType: 'nap', fromDate: '2026-03-10' });
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_LEAVE_TYPE', details: { problems: [{ path: 'body.leaveType' }] } });
    const unit = await emp.post('/api/v1/requests', { kind: 'leave', leaveType: 'marriage', fromDate: '2026-03-10', half: 'pm' });
    expect(unit.json().error.code).toBe('LEAVE_UNIT');
    const mixed = await emp.post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: '2026-03-10', time: '2026-03-10T09:00:00+08:00' });
    expect(mixed.json().error.details.problems[0]).toMatchObject({ path: 'body.time', code: 'FIELD_NOT_FOR_KIND' });
    const other = await emp.post('/api/v1/requests', { employeeId: manager, kind: 'leave', leaveType: 'annual', fromDate: '2026-03-10' });
    expect(other.statusCode).toBe(404);
    expect((await t.services.db.selectFrom('requests').selectAll().execute()).length).toBe(0);
  });

  it('runs the approval workflow with role checks, audit rows and events', async () => {
    await ensureLeaveTypes();
    events.length = 0;
    const created = await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: '2026-03-10', toDate: '2026-03-10', half: 'am', reason: '看病' });
    expect(created.statusCode).toBe(201);
    const req = created.json();
    expect(req).toMatchObject({ employeeId: staff, status: 'pending', half: 'am', source: 'web' });
    expect(events).toEqual([]);

    const own = await t.as('employee').post(`/api/v1/requests/${req.id}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('CANNOT_DECIDE_OWN');
    expect((await t.as('otherHr').post(`/api/v1/requests/${req.id}/approve`)).statusCode).toBe(404);
    const forMe = (await t.as('manager').get(`/api/v1/requests?companyId=${t.companyId}&pendingForMe=true`)).json();
    expect(forMe.items.map((r: { id: number }) => r.id)).toEqual([req.id]);
    expect((await t.as('employee').get('/api/v1/requests?pendingForMe=true')).json().total).toBe(0);

    events.length = 0;
    const ok = await t.as('manager').post(`/api/v1/requests/${req.id}/approve`, { note: '同意' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decisionNote: '同意' });
    expect(events).toEqual([{ companyId: t.companyId, employeeIds: [staff], fromDate: '2026-03-10', toDate: '2026-03-10', reason: 'request.approve' }]);
    const again = await t.as('hr').post(`/api/v1/requests/${req.id}/reject`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('REQUEST_NOT_PENDING');
    // Approved leave that has begun is cancelled by HR or the approver, not by the requester.
    expect((await t.as('employee').post(`/api/v1/requests/${req.id}/cancel`)).json().error.code).toBe('REQUEST_ALREADY_STARTED');
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=request&entityId=${req.id}`)).json();
    expect(audit.items.map((i: { action: string }) => i.action)).toEqual(['request.approve', 'request.create']);

    // The manager's own request: not by themselves, but HR may decide it.
    const mine = (await t.as('manager').post('/api/v1/requests', { kind: 'leave', leaveType: 'personal', fromDate: '2026-03-16', hours: 2 })).json();
    expect((await t.as('manager').post(`/api/v1/requests/${mine.id}/approve`, {})).json().error).toMatchObject({ code: 'CANNOT_DECIDE_OWN' });
    // A colleague who manages nobody may not decide, and cannot even see the request.
    expect((await t.as('employee').post(`/api/v1/requests/${mine.id}/approve`, {})).statusCode).toBe(404);
    expect((await t.as('employee').get(`/api/v1/requests/${mine.id}`)).statusCode).toBe(404);
    expect((await t.as('hr').post(`/api/v1/requests/${mine.id}/reject`, { note: '项目紧' })).json().status).toBe('rejected');

    const overlap = await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'sick', fromDate: '2026-03-09', toDate: '2026-03-10' });
    expect(overlap.json().error.code).toBe('LEAVE_OVERLAP');
    const otherHalf = await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'sick', fromDate: '2026-03-10', half: 'pm' });
    expect(otherHalf.statusCode).toBe(201);
    events.length = 0;
    expect((await t.as('employee').post(`/api/v1/requests/${otherHalf.json().id}/cancel`)).json().status).toBe('cancelled');
    expect(events[0]).toMatchObject({ reason: 'request.cancel', fromDate: '2026-03-10' });
  });

  it('enforces the group 补卡 deadline and monthly quota', async () => {
    const emp = t.as('employee');
    const late = await emp.post('/api/v1/requests', { kind: 'correction', time: '2026-03-14T18:00:00+08:00', reason: '忘记打卡' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('CORRECTION_DEADLINE_PASSED');
    const noReason = await emp.post('/api/v1/requests', { kind: 'correction', time: '2026-03-18T18:00:00+08:00' });
    expect(noReason.json().error.details.problems[0]).toMatchObject({ path: 'body.reason', code: 'REASON_REQUIRED' });
    const badTime = await emp.post('/api/v1/requests', { kind: 'correction', time: '2026-03-18 18:00', reason: 'x' });
    expect(badTime.json().error.details.problems[0]).toMatchObject({ path: 'body.time', code: 'INVALID_TIME' });
    const first = await emp.post('/api/v1/requests', { kind: 'correction', time: '2026-03-15T18:00:00+08:00', reason: '忘记打卡' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ fromDate: '2026-03-15', correctionAtMs: Date.parse('2026-03-15T10:00:00Z') });
    const second = await emp.post('/api/v1/requests', { kind: 'correction', time: '2026-03-19T09:00:00+08:00', reason: '忘记打卡' });
    expect(second.statusCode).toBe(201);
    const third = await emp.post('/api/v1/requests', { kind: 'correction', time: '2026-03-19T18:00:00+08:00', reason: '忘记打卡' });
    expect(third.statusCode).toBe(409);
    expect(third.json().error).toMatchObject({ code: 'CORRECTION_QUOTA_EXCEEDED', details: { quotaPerMonth: 2, used: 2 } });
    // A cancelled request gives its slot back.
    await emp.post(`/api/v1/requests/${second.json().id}/cancel`);
    expect((await emp.post('/api/v1/requests', { kind: 'correction', time: '2026-03-19T18:00:00+08:00', reason: '忘记打卡' })).statusCode).toBe(201);
    events.length = 0;
    expect((await t.as('manager').post(`/api/v1/requests/${first.json().id}/approve`, {})).json().status).toBe('approved');
    // A 补卡 may belong to the previous day's night shift, so the day before is recomputed too.
    expect(events).toEqual([{ companyId: t.companyId, employeeIds: [staff], fromDate: '2026-03-14', toDate: '2026-03-15', reason: 'request.approve' }]);
  });

  it('approves overtime automatically when the group says so, and returns approved inputs', async () => {
    await ensureApproved('leave', '2026-03-10', { leaveType: 'annual', fromDate: '2026-03-10', toDate: '2026-03-10', half: 'am', reason: '看病' });
    await ensureApproved('correction', '2026-03-15', { time: '2026-03-15T18:00:00+08:00', reason: '忘记打卡' });
    events.length = 0;
    const pending = await t.as('employee').post('/api/v1/requests', { kind: 'overtime', from: '2026-03-17T18:30:00+08:00', to: '2026-03-17T20:30:00+08:00', reason: '上线' });
    expect(pending.json()).toMatchObject({ status: 'pending', fromDate: '2026-03-17', toDate: '2026-03-17' });
    const range = await t.as('employee').post('/api/v1/requests', { kind: 'overtime', fromMs: NOW, toMs: NOW - 1 });
    expect(range.json().error.code).toBe('OVERTIME_RANGE');
    await t.as('hr').patch(`/api/v1/attendance-groups/${groupId}`, { policy: { overtime: { approvalMode: 'auto' } } });
    const auto = await t.as('employee').post('/api/v1/requests', { kind: 'overtime', fromMs: Date.parse('2026-03-18T11:00:00Z'), toMs: Date.parse('2026-03-18T13:00:00Z') });
    expect(auto.json()).toMatchObject({ status: 'approved', fromDate: '2026-03-18' });
    expect(events.at(-1)).toEqual({ companyId: t.companyId, employeeIds: [staff], fromDate: '2026-03-17', toDate: '2026-03-18', reason: 'request.create' });

    const inputs = await approvedInputs(t.services.db, t.companyId, [staff, manager], '2026-03-01', '2026-03-31');
    expect(inputs.leave).toEqual([{ employeeId: staff, date: '2026-03-10', half: 'am', type: 'annual' }]);
    expect(inputs.overtime).toEqual([{ employeeId: staff, date: '2026-03-18', fromMs: Date.parse('2026-03-18T11:00:00Z'), toMs: Date.parse('2026-03-18T13:00:00Z') }]);
    expect(inputs.corrections).toEqual([expect.objectContaining({ employeeId: staff, atMs: Date.parse('2026-03-15T10:00:00Z'), reason: '忘记打卡' })]);
    const outside = await approvedInputs(t.services.db, t.companyId, [staff], '2026-03-11', '2026-03-13');
    expect(outside.leave).toEqual([]);
    expect(outside.corrections).toEqual([]);
  });

  it('mirrors connector approvals idempotently by external id', async () => {
    events.length = 0;
    const input = { source: 'dingtalk' as const, externalId: 'proc-1', employeeId: staff, kind: 'leave' as const, status: 'approved' as const, leaveType: 'annual', fromDate: '2026-03-23', toDate: '2026-03-24' };
    const first = await t.services.requests.upsertExternal(t.companyId, input);
    expect(first).toMatchObject({ created: true, changed: true, request: { status: 'approved', source: 'dingtalk', externalId: 'proc-1' } });
    expect(events).toEqual([{ companyId: t.companyId, employeeIds: [staff], fromDate: '2026-03-23', toDate: '2026-03-24', reason: 'request.external_create' }]);
    const again = await t.services.requests.upsertExternal(t.companyId, input);
    expect(again).toMatchObject({ created: false, changed: false, request: { id: first.request.id } });
    expect(events).toHaveLength(1);
    const revoked = await t.services.requests.upsertExternal(t.companyId, { ...input, status: 'cancelled' });
    expect(revoked).toMatchObject({ created: false, changed: true, request: { id: first.request.id, status: 'cancelled' } });
    expect(events).toHaveLength(3);
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=request&entityId=${first.request.id}`)).json();
    expect(audit.items.map((i: { action: string; actorName: string }) => i.action)).toEqual(['request.external_update', 'request.external_create']);
    await expect(t.services.requests.upsertExternal(t.otherCompanyId, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const punch = await t.services.requests.upsertExternal(t.companyId, { source: 'wecom', externalId: 'sp-9', employeeId: staff, kind: 'correction', status: 'approved', correctionAtMs: Date.parse('2026-03-16T01:00:00Z') });
    expect(punch.request).toMatchObject({ kind: 'correction', fromDate: '2026-03-16', reason: null });
    const bad = t.services.requests.upsertExternal(t.companyId, { ...input, externalId: 'proc-2', fromDate: '2026-03-25', toDate: '2026-03-24' });
    await expect(bad).rejects.toMatchObject({ code: 'DATE_ORDER' });
  });
});
