/**
 * A recompute's `attendance_day.changed` row holds which days changed; each day's result after is
 * read when the row is dispatched. These tests change days again before that happens (a second
 * recompute, a day deleted) and check that every event still carries the result it announced,
 * and that a raw SQLite write never lands inside someone else's open transaction.
 */
import { beforeAll, expect, it } from 'vitest';
import { dayChangesExpander } from '../../src/modules/attendance/day-changes.expander.js';
import { DAYS_PER_ROW } from '../../src/modules/attendance/day-events.js';
import { RecomputeService } from '../../src/modules/attendance/recompute.js';
import { DAY_COLUMNS, ResultsRepo, type DayRowValues } from '../../src/modules/attendance/results.repo.js';
import { Outbox } from '../../src/modules/outbox/outbox.js';
import type { OutboxConsumer, OutboxEvent } from '../../src/modules/outbox/outbox.types.js';
import { DEFAULT_POLICY, storedFromPolicy } from '../../src/modules/schedules/policy.js';
import { describeEachDb } from '../helpers/test-db.js';

const SHIFT = {
  startMin: 540, endMin: 1080, crossesMidnight: false, break: { startMin: 720, endMin: 780 }, graceLateMin: 5, graceEarlyMin: 5,
  seriousLateMin: 30, absenteeismLateMin: 120, checkInEarliestMin: 120, checkOutLatestMin: 360, halfDayBelowMin: 240, absentBelowMin: 120, flex: null,
};
const NOW = Date.parse('2026-04-01T00:00:00Z');
const MARCH = ['2026-03-01', '2026-03-31'] as const;

type DayEvent = { date: string; employeeId: number; before: { status: string } | null; after: { status: string; inTime: string | null; outTime: string | null } };

describeEachDb('day announcements', (testDb) => {
  let companyId: number;
  let membership: number;
  let outbox: Outbox;
  let service: RecomputeService;
  const seen: OutboxEvent[] = [];
  const db = () => testDb().database.db;
  let seq = 0;

  const consumer: OutboxConsumer = {
    name: 'day-announcements-test',
    retry: { baseDelayMs: 1000, maxDelayMs: 1000, maxAgeMs: 60_000, maxAttempts: 1 },
    concurrency: 1,
    wants: (company, type) => company === companyId && type === 'attendance_day.changed',
    plan: async (events) => {
      seen.push(...events);
      return [];
    },
    send: async () => ({ kind: 'delivered' }),
  };

  const newEmployee = async () => {
    const job = `DA${++seq}`;
    return (
      await db()
        .insertInto('employees')
        .values({ company_id: companyId, job_number: job, name: `员工${job}`, email: null, mobile: null, department_id: null, manager_id: null, site_id: null, time_zone: null, hire_date: null, leave_date: null, status: 'active', created_at_ms: NOW, updated_at_ms: NOW })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  };
  const punch = (employeeId: number, iso: string) =>
    db()
      .insertInto('checkins')
      .values({ company_id: companyId, employee_id: employeeId, provider: 'employee', tenant: '', external_id: String(employeeId), at_ms: Date.parse(iso), wall_time: iso.slice(0, 19), utc_offset_min: 480, time_zone: 'Asia/Shanghai', source: 'api', received_at_ms: NOW, idempotency_key: `${employeeId}-${iso}` })
      .execute();
  const recompute = (employeeId: number) => service.recompute(companyId, [employeeId], ...MARCH);
  /** Dispatches what is pending; returns the events of one employee's day, in order. */
  const eventsOf = async (employeeId: number, date: string) => {
    await outbox.dispatchAll();
    return seen.map((e) => e.payload as unknown as DayEvent).filter((p) => p.employeeId === employeeId && p.date === date);
  };
  const pendingRows = () => db().selectFrom('outbox_events').select(['id', 'payload', 'dispatched_at_ms']).where('type', '=', 'attendance_day.changed').orderBy('id').execute();

  beforeAll(async () => {
    companyId = (await db().insertInto('companies').values({ name: 'A', code: 'a', time_zone: 'Asia/Shanghai', identity_match_order: '["job_number"]', active: 1, created_at_ms: NOW, updated_at_ms: NOW }).returning('id').executeTakeFirstOrThrow()).id;
    const shift = (await db().insertInto('shift_types').values({ company_id: companyId, code: 'STD', name: '标准班', definition: JSON.stringify(SHIFT), color: null, active: 1, created_at_ms: NOW, updated_at_ms: NOW }).returning('id').executeTakeFirstOrThrow()).id;
    const weekly = { '0': null, '1': shift, '2': shift, '3': shift, '4': shift, '5': shift, '6': null };
    const group = (
      await db()
        .insertInto('attendance_groups')
        .values({ company_id: companyId, name: '总部', kind: 'fixed', time_zone: null, holiday_calendar_id: null, policy: JSON.stringify(storedFromPolicy(DEFAULT_POLICY)), weekly: JSON.stringify(weekly), roster_cycle: null, free_hours: null, active: 1, created_at_ms: NOW, updated_at_ms: NOW })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // Everyone of the company through one employee-level membership per test employee.
    membership = group;
    outbox = new Outbox(db(), testDb().dialect, () => NOW);
    outbox.expandWith(dayChangesExpander);
    outbox.register(consumer);
    service = new RecomputeService(db(), testDb().database.raw, () => NOW, outbox);
  });

  const join = async (employeeId: number, to: string | null = null) =>
    db().insertInto('group_members').values({ company_id: companyId, group_id: membership, department_id: null, employee_id: employeeId, effective_from: '2026-01-01', effective_to: to, created_at_ms: NOW }).returning('id').executeTakeFirstOrThrow();

  it('a day changed again before its announcement is dispatched: each event keeps the result it announced', async () => {
    const id = await newEmployee();
    await join(id);
    await punch(id, '2026-03-02T08:55:00+08:00');
    await recompute(id);
    await punch(id, '2026-03-02T18:05:00+08:00');
    await recompute(id);
    const rows = await pendingRows();
    expect(rows.map((r) => r.dispatched_at_ms)).toEqual([null, null]);
    // The first row was frozen by the second write (1); the second still waits for its results (2).
    expect(rows.map((r) => (JSON.parse(r.payload) as { dayChanges: number }).dayChanges)).toEqual([1, 2]);
    const events = await eventsOf(id, '2026-03-02');
    expect(events.map((e) => [e.before?.status ?? null, e.after.status, e.after.outTime])).toEqual([
      [null, 'missing_punch', null],
      ['missing_punch', 'present', '2026-03-02T18:05:00+08:00'],
    ]);
    // One event per day of March for the first recompute, one for the changed day after.
    expect(seen.filter((e) => (e.payload as unknown as DayEvent).employeeId === id)).toHaveLength(31 + 1);
  });

  it('a row already dispatched is left as it was; the next change is announced on its own', async () => {
    const id = await newEmployee();
    await join(id);
    await punch(id, '2026-03-03T08:50:00+08:00');
    await recompute(id);
    await outbox.dispatchAll();
    const [first] = (await pendingRows()).slice(-1);
    await punch(id, '2026-03-03T18:10:00+08:00');
    await recompute(id);
    const again = await db().selectFrom('outbox_events').select('payload').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(again.payload).toBe(first.payload);
    const events = await eventsOf(id, '2026-03-03');
    expect(events.map((e) => [e.before?.status ?? null, e.after.status])).toEqual([
      [null, 'missing_punch'],
      ['missing_punch', 'present'],
    ]);
  });

  it('a day deleted before its announcement is dispatched still has its event, with the result it had', async () => {
    const id = await newEmployee();
    const member = await join(id);
    await punch(id, '2026-03-20T08:58:00+08:00');
    await punch(id, '2026-03-20T18:02:00+08:00');
    await recompute(id);
    // Out of the group from 16 March: the days after are no longer covered and are deleted.
    await db().updateTable('group_members').set({ effective_to: '2026-03-15' }).where('id', '=', member.id).execute();
    await recompute(id);
    expect(await db().selectFrom('attendance_days').select('date').where('employee_id', '=', id).where('date', '=', '2026-03-20').executeTakeFirst()).toBeUndefined();
    const events = await eventsOf(id, '2026-03-20');
    expect(events.map((e) => [e.before, e.after.status, e.after.inTime])).toEqual([[null, 'present', '2026-03-20T08:58:00+08:00']]);
  });

  it('a large chunk is announced in rows of at most DAYS_PER_ROW days, each day pointing at its own row', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) {
      const id = await newEmployee();
      await join(id);
      ids.push(id);
    }
    const from = Number((await db().selectFrom('outbox_events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
    await service.recompute(companyId, ids, ...MARCH);
    const rows = (await pendingRows()).filter((r) => r.id > from).map((r) => ({ id: Number(r.id), days: (JSON.parse(r.payload) as { dates: [number, string[]][] }).dates.flatMap(([employeeId, dates]) => dates.map((date) => [employeeId, date] as const)) }));
    expect(rows.map((r) => r.days.length)).toEqual([DAYS_PER_ROW, 40 * 31 - DAYS_PER_ROW]);
    const stored = await db().selectFrom('attendance_days').select(['employee_id', 'date', 'announced_seq']).where('employee_id', 'in', ids).execute();
    const seqOf = new Map(stored.map((d) => [`${d.employee_id}|${d.date}`, Number(d.announced_seq)]));
    for (const r of rows) for (const [employeeId, date] of r.days) expect(seqOf.get(`${employeeId}|${date}`)).toBe(r.id);
    await outbox.dispatchAll();
    expect(seen.filter((e) => e.seq > from)).toHaveLength(40 * 31);
  });

  it('a row stored in the earlier full-result format is still expanded, with the event ids that format had', async () => {
    const id = await newEmployee();
    const ref = { employeeId: id, employeeNo: `DA${seq}`, name: `员工DA${seq}`, departmentId: null };
    const picked = ['late', 'workday', 1, 12, 'minor', 0, 0, 0, 0, 468, 0, null, 0, '2026-03-05T09:12:00+08:00', '2026-03-05T18:00:00+08:00', null];
    const eventId = '01900000-0000-7000-8000-000000000000';
    const payload = { dayChanges: 1, refs: { [id]: ref }, days: [[id, '2026-03-05', null, picked]] };
    await db().insertInto('outbox_events').values({ event_id: eventId, company_id: companyId, type: 'attendance_day.changed', subject: null, payload: JSON.stringify(payload), occurred_at_ms: NOW }).execute();
    const [event] = await eventsOf(id, '2026-03-05');
    expect(event).toMatchObject({ ...ref, date: '2026-03-05', before: null, after: { status: 'late', lateMinutes: 12, workedMinutes: 468, inTime: '2026-03-05T09:12:00+08:00' } });
    const dispatched = seen.find((e) => (e.payload as unknown as DayEvent).employeeId === id)!;
    expect(dispatched.eventId.slice(0, 24)).toBe(eventId.slice(0, 24));
    expect(dispatched.subject).toBe(`employee:${id}`);
  });

  it('a raw SQLite write started while a transaction is open waits for it, and a rollback does not take it along', async (ctx) => {
    if (testDb().dialect !== 'sqlite') ctx.skip();
    const id = await newEmployee();
    await join(id);
    await recompute(id);
    const stored = await db().selectFrom('attendance_days').select([...DAY_COLUMNS]).where('employee_id', '=', id).where('date', '=', '2026-03-02').executeTakeFirstOrThrow();
    const row: DayRowValues = DAY_COLUMNS.map((c) => (stored as Record<string, unknown>)[c]);
    row[DAY_COLUMNS.indexOf('date')] = '2026-04-02';
    const results = new ResultsRepo(testDb().database.raw);
    let writing: Promise<number> | null = null;
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('companies').set({ name: 'changed' }).where('id', '=', companyId).execute();
          writing = results.write([row], []);
          await new Promise((r) => setTimeout(r, 30));
          throw new Error('rolled back');
        }),
    ).rejects.toThrow('rolled back');
    expect(await writing).toBe(1);
    expect((await db().selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirstOrThrow()).name).toBe('A');
    expect(await db().selectFrom('attendance_days').select('status').where('employee_id', '=', id).where('date', '=', '2026-04-02').executeTakeFirst()).toBeDefined();
  });
});
