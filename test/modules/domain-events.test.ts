/**
 * Domain events as producers write them: each change is driven through the real service or API,
 * and the events it wrote to outbox_events are compared exactly (type, subject, payload). An event
 * exists exactly when its change committed, and a recompute that changes nothing emits nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../src/sources/dingtalk/simulator/index.js';
import { DEFAULT_POLICY, storedFromPolicy } from '../../src/modules/schedules/policy.js';
import type { OutboxConsumer, OutboxEvent } from '../../src/modules/outbox/outbox.types.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const SHIFT = {
  startMin: 540, endMin: 1080, crossesMidnight: false, break: { startMin: 720, endMin: 780 }, graceLateMin: 5, graceEarlyMin: 5,
  seriousLateMin: 30, absenteeismLateMin: 120, checkInEarliestMin: 120, checkOutLatestMin: 360, halfDayBelowMin: 240, absentBelowMin: 120, flex: null,
};
const START = Date.parse('2026-03-20T10:00:00+08:00');

/** Wants every event of the companies it is given and keeps each as dispatched; plans nothing. */
const everything = (companies: number[], seen: OutboxEvent[]): OutboxConsumer => ({
  name: 'domain-events-test',
  retry: { baseDelayMs: 1000, maxDelayMs: 1000, maxAgeMs: 60_000, maxAttempts: 1 },
  concurrency: 1,
  wants: (companyId) => companies.includes(companyId),
  plan: async (events) => {
    seen.push(...events);
    return [];
  },
  send: async () => ({ kind: 'delivered' }),
});

describeEachDb('domain events', (testDb) => {
  let t: TestApp;
  let clock = START;
  let rd: number;
  let manager: number;
  let staff: number;
  let seq = 0;
  const db = () => t.services.db;

  /** The id of the newest event so far: a test reads only what it caused. */
  const mark = async () => Number((await db().selectFrom('outbox_events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
  /** Every event as consumers saw it (a recompute stores a chunk's day changes as one row, expanded at dispatch). */
  const seen: OutboxEvent[] = [];
  const eventsSince = async (from: number, type?: string) => {
    await t.services.outbox.dispatchAll();
    return seen
      .filter((e) => e.seq > from && (type === undefined || e.type === type))
      .sort((a, b) => a.seq - b.seq)
      .map((e) => ({ companyId: e.companyId, type: e.type, subject: e.subject, payload: e.payload }));
  };
  const ref = (id: number, employeeNo: string, name: string, departmentId: number | null) => ({ employeeId: id, employeeNo, name, departmentId });
  /** A new employee in R&D (which the test group covers), so each test starts from its own days. */
  const newEmployee = async () => {
    const job = `DE${++seq}-${Math.random().toString(36).slice(2, 6)}`;
    const id = (await db().insertInto('employees').values({ company_id: t.companyId, job_number: job, name: `员工${job}`, email: null, mobile: null, department_id: rd, manager_id: null, site_id: null, time_zone: null, hire_date: '2025-01-01', leave_date: null, status: 'active', created_at_ms: clock, updated_at_ms: clock }).returning('id').executeTakeFirstOrThrow()).id;
    return { id, job, ref: ref(id, job, `员工${job}`, rd) };
  };
  const punch = (employeeId: number, time: string) => t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items: [{ employeeId, time, source: 'api', verifyMethod: 'fingerprint' }] });

  beforeAll(async () => {
    t = await createTestApp(testDb(), { now: () => clock, env: { DAKA_SESSION_TTL_HOURS: '48' } });
    t.services.outbox.register(everything([t.companyId, t.otherCompanyId], seen));
    const emp = (job: string) => db().selectFrom('employees').select(['id', 'department_id']).where('company_id', '=', t.companyId).where('job_number', '=', job).executeTakeFirstOrThrow();
    const e = await emp('E001');
    staff = e.id;
    rd = e.department_id!;
    manager = (await emp('M001')).id;
    const shiftId = (await db().insertInto('shift_types').values({ company_id: t.companyId, code: 'STD', name: '标准班', definition: JSON.stringify(SHIFT), color: null, active: 1, created_at_ms: clock, updated_at_ms: clock }).returning('id').executeTakeFirstOrThrow()).id;
    const weekly = { '0': null, '1': shiftId, '2': shiftId, '3': shiftId, '4': shiftId, '5': shiftId, '6': null };
    const groupId = (
      await db()
        .insertInto('attendance_groups')
        .values({ company_id: t.companyId, name: '总部', kind: 'fixed', time_zone: null, holiday_calendar_id: null, policy: JSON.stringify(storedFromPolicy(DEFAULT_POLICY)), weekly: JSON.stringify(weekly), roster_cycle: null, free_hours: null, active: 1, created_at_ms: clock, updated_at_ms: clock })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db().insertInto('group_members').values({ company_id: t.companyId, group_id: groupId, department_id: rd, employee_id: null, effective_from: '2026-01-01', effective_to: null, created_at_ms: clock }).execute();
    expect((await t.as('hr').post('/api/v1/leave-types/seed', { companyId: t.companyId })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('a matched punch is checkin.created, an unknown identity checkin.unmatched, a re-sent one nothing', async () => {
    const e = await newEmployee();
    const from = await mark();
    const res = await t.as('hr').post('/api/v1/checkins/batch', {
      companyId: t.companyId,
      items: [
        { employeeId: e.id, time: '2026-03-02T08:55:00+08:00', source: 'api', verifyMethod: 'face', photoRef: 'photos/secret-face.jpg' },
        { identity: { provider: 'device', externalId: 'PIN-404' }, time: '2026-03-02T09:01:00+08:00', source: 'api' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [created, unmatched] = res.json().items.map((i: { checkinId: string }) => Number(i.checkinId));
    expect(await eventsSince(from)).toEqual([
      { companyId: t.companyId, type: 'checkin.created', subject: `employee:${e.id}`, payload: { ...e.ref, checkinId: created, source: 'api', punchedAt: '2026-03-02T08:55:00+08:00', localDate: '2026-03-02', method: 'face' } },
      { companyId: t.companyId, type: 'checkin.unmatched', subject: null, payload: { checkinId: unmatched, source: 'api', externalUserId: 'PIN-404', punchedAt: '2026-03-02T09:01:00+08:00' } },
    ]);
    expect(JSON.stringify(await eventsSince(from))).not.toContain('secret-face');
    const again = await mark();
    expect((await punch(e.id, '2026-03-02T08:55:00+08:00')).json()).toMatchObject({ created: 0, duplicates: 1 });
    expect(await eventsSince(again)).toEqual([]);
  });

  it('a punch batch whose events cannot be written stores nothing: punches and events commit together', async () => {
    const e = await newEmployee();
    const from = await mark();
    type Hook = ((out: (number | null)[]) => { eventId: string }[]) | null;
    const service = t.services.checkins as unknown as { eventsOf: (b: unknown) => Promise<Hook> };
    const eventsOf = service.eventsOf;
    // The batch's events end with a copy of the first (same event id): their insert fails inside the ingest.
    service.eventsOf = async (b) => {
      const hook = await eventsOf.call(t.services.checkins, b);
      return hook && ((out) => {
        const events = hook(out);
        return events.length ? [...events, { ...events[0] }] : events;
      });
    };
    try {
      const res = await punch(e.id, '2026-03-03T08:55:00+08:00');
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    } finally {
      service.eventsOf = eventsOf;
    }
    expect(await db().selectFrom('checkins').select('id').where('employee_id', '=', e.id).execute()).toEqual([]);
    expect(await eventsSince(from)).toEqual([]);
  });

  it('attendance_day.changed carries before and after with reasons, once per real change; a no-op recompute emits nothing', async () => {
    const e = await newEmployee();
    const recompute = () => t.services.attendance.recomputer.recompute(t.companyId, [e.id], '2026-03-02', '2026-03-02');
    const first = await mark();
    await recompute();
    const [absent, ...more] = await eventsSince(first, 'attendance_day.changed');
    expect(more).toEqual([]);
    expect(absent).toMatchObject({ subject: `employee:${e.id}`, payload: { ...e.ref, date: '2026-03-02', before: null, after: { status: 'absent', dayType: 'workday', missingIn: true, missingOut: true, workedMinutes: 0 } } });
    const after = (absent.payload.after as { reasons: { field: string; code: string; params: unknown }[] }).reasons;
    expect(after.length).toBeGreaterThan(0);
    for (const r of after) expect(Object.keys(r).sort()).toEqual(['code', 'field', 'params']);

    const noop = await mark();
    expect((await recompute()).written).toBe(0);
    expect(await eventsSince(noop)).toEqual([]);

    await punch(e.id, '2026-03-02T09:20:00+08:00');
    await punch(e.id, '2026-03-02T18:05:00+08:00');
    const late = await mark();
    await recompute();
    const changed = await eventsSince(late, 'attendance_day.changed');
    expect(changed).toHaveLength(1);
    expect(changed[0].payload).toMatchObject({
      date: '2026-03-02',
      before: absent.payload.after as object,
      after: { status: 'present', late: true, lateMinutes: 20, missingIn: false, missingOut: false, inTime: '2026-03-02T09:20:00+08:00', outTime: '2026-03-02T18:05:00+08:00' },
    });
  });

  it('requests announce submitted (with who may approve), approved, rejected and cancelled', async () => {
    const hrUser = (await db().selectFrom('users').select('id').where('username', 'like', 'hr-%').executeTakeFirstOrThrow()).id;
    const managerUser = (await db().selectFrom('users').select('id').where('employee_id', '=', manager).executeTakeFirstOrThrow()).id;
    const staffRef = ref(staff, 'E001', '李员工', rd);
    const file = async (day: string) => {
      const res = await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: day, toDate: day, reason: '家中有事' });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    // A day of its own per database run and per test run: leave days may not overlap.
    const day = (n: number) => `2026-0${4 + n}-${String(1 + (seq++ % 27)).padStart(2, '0')}`;
    const from = await mark();
    const a = await file(day(0));
    const b = await file(day(1));
    const c = await file(day(2));
    const submitted = await eventsSince(from);
    expect(submitted.map((e) => e.type)).toEqual(['request.submitted', 'request.submitted', 'request.submitted']);
    expect(submitted[0]).toEqual({
      companyId: t.companyId,
      type: 'request.submitted',
      subject: `employee:${staff}`,
      payload: { ...staffRef, requestId: a, kind: 'leave', status: 'pending', from: expect.any(String), to: expect.any(String), approverEmployeeIds: [manager], actorUserId: expect.any(Number), comment: '家中有事' },
    });
    const decided = await mark();
    expect((await t.as('manager').post(`/api/v1/requests/${a}/approve`, { note: '同意' })).statusCode).toBe(200);
    expect((await t.as('hr').post(`/api/v1/requests/${b}/reject`, { note: '人手不足' })).statusCode).toBe(200);
    expect((await t.as('employee').post(`/api/v1/requests/${c}/cancel`)).statusCode).toBe(200);
    const events = await eventsSince(decided);
    expect(events.map((e) => [e.type, e.subject, e.payload.requestId, e.payload.status, e.payload.actorUserId, e.payload.approverEmployeeIds])).toEqual([
      ['request.approved', `employee:${staff}`, a, 'approved', managerUser, []],
      ['request.rejected', `employee:${staff}`, b, 'rejected', hrUser, []],
      ['request.cancelled', `employee:${staff}`, c, 'cancelled', expect.any(Number), []],
    ]);
    expect(events[0].payload.comment).toBe('同意');
    // A second decision is refused and announces nothing.
    const none = await mark();
    expect((await t.as('hr').post(`/api/v1/requests/${a}/reject`)).statusCode).toBe(409);
    expect(await eventsSince(none)).toEqual([]);
  });

  it('employees announce created, updated (naming the changed fields) and left', async () => {
    const from = await mark();
    const job = `EV${Math.random().toString(36).slice(2, 7)}`;
    const res = await t.as('hr').post('/api/v1/employees', { companyId: t.companyId, jobNumber: job, name: '新员工', email: `${job}@example.com`, departmentId: rd, managerId: manager, hireDate: '2026-03-01' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    expect((await t.as('hr').patch(`/api/v1/employees/${id}`, { name: '新员工二', mobile: '13800000000', departmentId: rd })).statusCode).toBe(200);
    expect((await t.as('hr').patch(`/api/v1/employees/${id}`, { name: '新员工二' })).statusCode).toBe(200);
    expect((await t.as('hr').post(`/api/v1/employees/${id}/deactivate`, { leaveDate: '2026-03-19' })).statusCode).toBe(200);
    expect(await eventsSince(from)).toEqual([
      { companyId: t.companyId, type: 'employee.created', subject: `employee:${id}`, payload: { ...ref(id, job, '新员工', rd), email: `${job}@example.com`, managerEmployeeId: manager, joinedOn: '2026-03-01' } },
      { companyId: t.companyId, type: 'employee.updated', subject: `employee:${id}`, payload: { ...ref(id, job, '新员工二', rd), changed: ['name', 'mobile'] } },
      { companyId: t.companyId, type: 'employee.left', subject: `employee:${id}`, payload: { ...ref(id, job, '新员工二', rd), leftOn: '2026-03-19' } },
    ]);
  });

  it('an import announces each created and each changed employee, in the import\'s transaction', async () => {
    const e = await newEmployee();
    const job = `IM${Math.random().toString(36).slice(2, 7)}`;
    const csv = Buffer.from(`工号,姓名\n${job},导入员工\n${e.job},改名员工\n`);
    const from = await mark();
    const res = await t.as('hr').post(`/api/v1/employees/import?companyId=${t.companyId}&dryRun=false`, { filename: 'people.csv', contentBase64: csv.toString('base64') });
    expect(res.statusCode, res.body).toBe(200);
    const id = (await db().selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', job).executeTakeFirstOrThrow()).id;
    expect(await eventsSince(from)).toEqual([
      { companyId: t.companyId, type: 'employee.created', subject: `employee:${id}`, payload: { ...ref(id, job, '导入员工', null), email: null, managerEmployeeId: null, joinedOn: null } },
      { companyId: t.companyId, type: 'employee.updated', subject: `employee:${e.id}`, payload: { ...e.ref, name: '改名员工', changed: ['name'] } },
    ]);
  });

  it('a change that rolls back leaves no event', async () => {
    const from = await mark();
    const repo = t.services.outbox.repo;
    const append = repo.appendEvents.bind(repo);
    // The events are written, then the transaction fails: neither the employee nor its event may remain.
    repo.appendEvents = async (trx, events) => {
      await append(trx, events);
      throw new Error('fails after the events were written');
    };
    const job = `RB${Math.random().toString(36).slice(2, 7)}`;
    try {
      expect((await t.as('hr').post('/api/v1/employees', { companyId: t.companyId, jobNumber: job, name: '回滚' })).statusCode).toBe(500);
    } finally {
      repo.appendEvents = append;
    }
    expect(await db().selectFrom('employees').select('id').where('job_number', '=', job).execute()).toEqual([]);
    expect(await eventsSince(from)).toEqual([]);
  });

  it('a device announces going offline and coming back, once per transition', async () => {
    const serial = `EVT${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    const res = await t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor: 'zkteco', serialNumber: serial, name: 'Gate E', timeZone: 'Asia/Shanghai' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    const seen = clock;
    await db().updateTable('devices').set({ online: 1, last_seen_at_ms: seen, offline_after_min: 10 }).where('id', '=', id).execute();
    const from = await mark();
    const payload = { deviceId: id, serial, name: 'Gate E', siteId: null, lastSeenAt: new Date(seen).toISOString() };
    clock += 11 * 60_000;
    try {
      await t.services.devicesHealth.run();
      await t.services.devicesHealth.run();
      expect(await eventsSince(from)).toEqual([{ companyId: t.companyId, type: 'device.offline', subject: `device:${id}`, payload }]);
      const back = await mark();
      await db().updateTable('devices').set({ last_seen_at_ms: clock }).where('id', '=', id).execute();
      await t.services.devicesHealth.run();
      await t.services.devicesHealth.run();
      expect(await eventsSince(back)).toEqual([{ companyId: t.companyId, type: 'device.online', subject: `device:${id}`, payload: { ...payload, lastSeenAt: new Date(clock).toISOString() } }]);
    } finally {
      clock = START;
    }
  });

  it('a connector run that fails announces connector.run_failed without its secrets; a good run nothing', async () => {
    let sim: DingTalkSimulator | undefined;
    try {
      sim = await startDingTalkSimulator({ seed: 'domain-events', company: { users: 5 } });
      const wrong = 'not-the-app-secret-4711';
      const res = await t.as('otherHr').post('/api/v1/connectors', {
        companyId: t.otherCompanyId, platform: 'dingtalk', name: '钉钉', corpId: sim.corpId, appKey: sim.apps[0].appKey, agentId: String(sim.apps[0].agentId), appSecret: wrong, baseUrl: sim.url,
        callbackToken: 'cb-token', encodingAesKey: 'a'.repeat(43),
      });
      expect(res.statusCode, res.body).toBe(201);
      const connectorId = res.json().id as number;
      const from = await mark();
      const run = await t.services.connectors.run({ connectorId, kind: 'directory' });
      expect(run?.status).toBe('failed');
      const events = await eventsSince(from);
      expect(events).toEqual([
        { companyId: t.otherCompanyId, type: 'connector.run_failed', subject: `connector:${connectorId}`, payload: { connectorId, platform: 'dingtalk', runId: run!.runId, job: 'directory', error: run!.error, failedAt: new Date(clock).toISOString() } },
      ]);
      expect(JSON.stringify(events)).not.toContain(wrong);
      await t.as('otherHr').patch(`/api/v1/connectors/${connectorId}`, { appSecret: 'sim-app-secret' });
      const ok = await mark();
      expect((await t.services.connectors.run({ connectorId, kind: 'directory' }))?.status).toBe('succeeded');
      expect((await eventsSince(ok)).filter((e) => e.type === 'connector.run_failed')).toEqual([]);
    } finally {
      await sim?.close();
    }
  });
});
