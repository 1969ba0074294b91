import { beforeAll, describe, expect, it } from 'vitest';
import { RecomputeService } from '../../src/modules/attendance/recompute.js';
import { DAY_COLUMNS, resultHash, ResultsRepo } from '../../src/modules/attendance/results.repo.js';
import { DEFAULT_POLICY, storedFromPolicy } from '../../src/modules/schedules/policy.js';
import { describeEachDb } from '../helpers/test-db.js';

const SHIFT = {
  startMin: 540, endMin: 1080, crossesMidnight: false, break: { startMin: 720, endMin: 780 }, graceLateMin: 5, graceEarlyMin: 5,
  seriousLateMin: 30, absenteeismLateMin: 120, checkInEarliestMin: 120, checkOutLatestMin: 360, halfDayBelowMin: 240, absentBelowMin: 120, flex: null,
};
// Ids whose decimal forms sort differently from their values: 98, 99 < 100, 101 but "100" < "98".
const IDS = [98, 99, 100, 101];
const NOW = Date.parse('2026-04-01T00:00:00Z');

describe('result hash', () => {
  const base = [1, 98, '2026-03-02', 3, 4, 'workday', 'present', 0, 0, 'none', 0, 0, 0, 0, 490, 0, 'none', 1.5, null, '2026-03-02T08:55:00+08:00', '2026-03-02T18:05:00+08:00', 0, 0, null, null, 0, 0, null, null, 1000, null, null];
  it('changes with every compared column and ignores the key, the time, the hash itself and the announcement', () => {
    expect(base).toHaveLength(DAY_COLUMNS.length);
    const h = resultHash(base);
    expect(Number.isSafeInteger(h) && h >= 0 && h < 2 ** 52).toBe(true);
    const seen = new Set([h]);
    for (let c = 0; c < base.length; c++) {
      const name = DAY_COLUMNS[c];
      const changed = [...base];
      changed[c] = typeof base[c] === 'number' ? (base[c] as number) + 1 : base[c] === null ? 0 : `${base[c]}x`;
      if (name === 'employee_id' || name === 'date' || name === 'computed_at_ms' || name === 'result_hash' || name === 'announced_seq') expect(resultHash(changed)).toBe(h);
      else seen.add(resultHash(changed));
    }
    expect(seen.size).toBe(DAY_COLUMNS.length - 5 + 1);
    // Rows hashed before days carried their announcement (one column fewer) keep their hash.
    expect(resultHash(base.slice(0, -1))).toBe(h);
    // null, 0 and '0' are three different values.
    const at = DAY_COLUMNS.indexOf('leave_type');
    const variants = [null, 0, '0', ''].map((v) => resultHash(base.map((x, i) => (i === at ? v : x))));
    expect(new Set(variants).size).toBe(4);
  });
});

describeEachDb('recompute from the database', (testDb) => {
  let companyId: number;
  let service: RecomputeService;
  const db = () => testDb().database.db;
  const day = (employeeId: number, date: string) => db().selectFrom('attendance_days').selectAll().where('employee_id', '=', employeeId).where('date', '=', date).executeTakeFirstOrThrow();
  const punch = async (employeeId: number, iso: string, key: string) => {
    const at = Date.parse(iso);
    await db()
      .insertInto('checkins')
      .values({ company_id: companyId, employee_id: employeeId, provider: 'employee', tenant: '', external_id: String(employeeId), at_ms: at, wall_time: iso.slice(0, 19), utc_offset_min: 480, time_zone: 'Asia/Shanghai', source: 'api', received_at_ms: at, idempotency_key: key })
      .execute();
  };

  beforeAll(async () => {
    const now = Date.now();
    companyId = (await db().insertInto('companies').values({ name: 'R', code: 'r', time_zone: 'Asia/Shanghai', identity_match_order: '["job_number"]', active: 1, created_at_ms: now, updated_at_ms: now }).returning('id').executeTakeFirstOrThrow()).id;
    const dept = (await db().insertInto('departments').values({ company_id: companyId, parent_id: null, name: '研发', code: 'RD', manager_employee_id: null, active: 1, created_at_ms: now, updated_at_ms: now }).returning('id').executeTakeFirstOrThrow()).id;
    const shift = (await db().insertInto('shift_types').values({ company_id: companyId, code: 'STD', name: '标准班', definition: JSON.stringify(SHIFT), color: null, active: 1, created_at_ms: now, updated_at_ms: now }).returning('id').executeTakeFirstOrThrow()).id;
    const weekly = { '0': null, '1': shift, '2': shift, '3': shift, '4': shift, '5': shift, '6': null };
    const group = (
      await db()
        .insertInto('attendance_groups')
        .values({ company_id: companyId, name: '总部', kind: 'fixed', time_zone: null, holiday_calendar_id: null, policy: JSON.stringify(storedFromPolicy(DEFAULT_POLICY)), weekly: JSON.stringify(weekly), roster_cycle: null, free_hours: null, active: 1, created_at_ms: now, updated_at_ms: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db().insertInto('group_members').values({ company_id: companyId, group_id: group, department_id: dept, employee_id: null, effective_from: '2026-01-01', effective_to: null, created_at_ms: now }).execute();
    await db()
      .insertInto('employees')
      .values(IDS.map((id) => ({ id, company_id: companyId, job_number: `E${id}`, name: `员工${id}`, email: null, mobile: null, department_id: dept, manager_id: null, site_id: null, time_zone: null, hire_date: null, leave_date: null, status: 'active' as const, created_at_ms: now, updated_at_ms: now })))
      .execute();
    for (const id of IDS) {
      await punch(id, '2026-03-02T08:55:00+08:00', `in-${id}`);
      await punch(id, '2026-03-02T18:05:00+08:00', `out-${id}`);
    }
    service = new RecomputeService(db(), testDb().database.raw, () => NOW);
  });

  it('gives every employee of a chunk their own punches, whatever the order of their ids as text', async () => {
    const stats = await service.recompute(companyId, 'all', '2026-03-01', '2026-03-31', { chunkSize: IDS.length });
    expect(stats).toMatchObject({ employees: 4, days: 124, written: 124 });
    for (const id of IDS) expect(await day(id, '2026-03-02')).toMatchObject({ status: 'present', in_time: '2026-03-02T08:55:00+08:00', worked_minutes: 490 });
  });

  it('stores a hash per day; an unchanged recompute writes nothing, a new punch rewrites its day only', async () => {
    const before = await day(98, '2026-03-03');
    expect(typeof before.result_hash).toBe('number');
    expect((await service.recompute(companyId, 'all', '2026-03-01', '2026-03-31', { chunkSize: 3 })).written).toBe(0);
    await punch(99, '2026-03-03T09:20:00+08:00', 'late-99');
    const stats = await service.recompute(companyId, 'all', '2026-03-01', '2026-03-31');
    expect(stats.written).toBe(1);
    expect(await day(99, '2026-03-03')).toMatchObject({ status: 'missing_punch', late: 1, late_minutes: 20 });
    expect((await day(98, '2026-03-03')).computed_at_ms).toBe(before.computed_at_ms);
  });

  it('a day stored by someone else after the hashes were read is upserted, not duplicated', async () => {
    const results = new ResultsRepo(testDb().database.raw);
    const stored = await results.storedHashes([100], '2026-03-01', '2026-03-31');
    expect(stored.get(100)?.size).toBe(31);
    const row = (await db().selectFrom('attendance_days').selectAll().where('employee_id', '=', 100).where('date', '=', '2026-03-05').executeTakeFirstOrThrow()) as Record<string, unknown>;
    await db().deleteFrom('attendance_days').where('employee_id', '=', 100).where('date', '=', '2026-03-05').execute();
    const stale = await results.storedHashes([100], '2026-03-01', '2026-03-31');
    expect(stale.get(100)?.has('2026-03-05')).toBe(false);
    // Another writer stores the day again before this chunk writes it as a new day.
    await db().insertInto('attendance_days').values({ ...row, status: 'absent' } as never).execute();
    const again: Record<string, unknown> = { ...row, status: 'normal' };
    const written = await service.results.write([DAY_COLUMNS.map((c) => again[c])], [], stale);
    expect(written).toBe(1);
    expect((await day(100, '2026-03-05')).status).toBe('normal');
  });
});
