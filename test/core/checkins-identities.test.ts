import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describeEachDb('checkin ingest and identity resolution', (db) => {
  let t: TestApp;
  let staffId: number;
  beforeAll(async () => {
    t = await createTestApp(db());
    staffId = (await t.services.db.selectFrom('employees').select('id').where('job_number', '=', 'E001').where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('a partly re-sent batch stores only its new punches, and concurrent overlapping batches store each punch once', async () => {
    const item = (min: number) => ({ employeeId: staffId, time: `2026-04-01T08:${String(min).padStart(2, '0')}:00+08:00`, source: 'api' });
    const post = (items: unknown[]) => t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items });
    const first = (await post([item(0), item(1)])).json();
    expect(first).toMatchObject({ created: 2, duplicates: 0 });
    // Stored, new, repeated inside the batch, stored.
    const mixed = (await post([item(0), item(2), item(2), item(1)])).json();
    expect(mixed.items.map((i: { outcome: string }) => i.outcome)).toEqual(['duplicate', 'created', 'duplicate', 'duplicate']);
    const ids = new Set([...first.items, ...mixed.items].filter((i: { outcome: string }) => i.outcome === 'created').map((i: { checkinId: string }) => i.checkinId));
    expect(ids.size).toBe(3);
    const batches = [0, 1, 2, 3].map((k) => Array.from({ length: 40 }, (_, i) => item(10 + ((i + k * 10) % 50))));
    const results = (await Promise.all(batches.map((b) => post(b)))).map((r) => r.json());
    const created = results.flatMap((r) => r.items).filter((i: { outcome: string }) => i.outcome === 'created');
    expect(created).toHaveLength(50);
    expect(new Set(created.map((i: { checkinId: string }) => i.checkinId)).size).toBe(50);
    const stored = await t.services.db.selectFrom('checkins').select(({ fn }) => fn.countAll<number>().as('n')).where('employee_id', '=', staffId).where('wall_time', 'like', '2026-04-01T08:%').executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(53);
  });

  it('ingests a batch idempotently and says so per item', async () => {
    const batch = {
      companyId: t.companyId,
      items: [
        { employeeId: staffId, time: '2026-03-10T08:55:12+08:00', source: 'api' },
        { jobNumber: 'E001', atMs: Date.parse('2026-03-10T10:05:40Z') },
        { identity: { provider: 'dingtalk', tenant: 'ding-corp', externalId: 'u-777' }, time: '2026-03-10T09:01:00+08:00', sourceRecordId: 'r1', idempotencyKey: 'dingtalk:ding-corp:r1' },
      ],
    };
    const first = (await t.as('hr').post('/api/v1/checkins/batch', batch)).json();
    expect(first).toMatchObject({ created: 3, duplicates: 0, unmatched: 1 });
    expect(first.items.map((i: { outcome: string }) => i.outcome)).toEqual(['created', 'created', 'created']);
    const again = (await t.as('hr').post('/api/v1/checkins/batch', batch)).json();
    expect(again).toMatchObject({ created: 0, duplicates: 3 });
    expect(again.items.every((i: { outcome: string }) => i.outcome === 'duplicate')).toBe(true);
    const list = (await t.as('hr').get(`/api/v1/checkins?companyId=${t.companyId}&employeeId=${staffId}&from=2026-03-10&to=2026-03-10`)).json();
    expect(list.total).toBe(2);
    expect(list.items.map((i: { time: string }) => i.time).sort()).toEqual(['2026-03-10T08:55:12+08:00', '2026-03-10T18:05:40+08:00']);
  });

  it('lists punches with 工号, 部门, the device name and site, and exports them as CSV with the same filters', async () => {
    const site = (await t.as('hr').post('/api/v1/sites', { companyId: t.companyId, name: '一号楼', timeZone: 'Asia/Shanghai' })).json().id;
    const made = await t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor: 'zkteco', serialNumber: 'EXP-SN-1', name: '前台考勤机', siteId: site });
    expect(made.statusCode).toBe(201);
    const items = [
      { employeeId: staffId, time: '2026-05-06T08:51:00+08:00', source: 'zkteco', deviceSn: 'EXP-SN-1' },
      { employeeId: staffId, time: '2026-05-06T18:03:00+08:00', source: 'zkteco', deviceSn: 'UNKNOWN-SN' },
    ];
    expect((await t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items })).json()).toMatchObject({ created: 2 });
    const range = `companyId=${t.companyId}&employeeId=${staffId}&from=2026-05-06&to=2026-05-06`;
    const list = (await t.as('hr').get(`/api/v1/checkins?${range}`)).json();
    expect(list.items.map((i: Record<string, unknown>) => [i.jobNumber, i.departmentName, i.deviceName, i.deviceSiteName, i.deviceSn])).toEqual([
      ['E001', '研发部', null, null, 'UNKNOWN-SN'],
      ['E001', '研发部', '前台考勤机', '一号楼', 'EXP-SN-1'],
    ]);
    const csv = await t.as('hr').get(`/api/v1/checkins/export?${range}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['x-export-rows']).toBe('2');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n').filter((l: string) => l !== '');
    expect(lines[0]).toBe('时间,时区,工号,姓名,部门,来源,方向,设备,设备地点,设备序列号,验证方式,打卡位置,不计入原因,来源记录号');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^2026-05-06 18:03:00,Asia\/Shanghai,E001,李员工,研发部,中控考勤机,.*,,,UNKNOWN-SN,/),
      expect.stringMatching(/^2026-05-06 08:51:00,Asia\/Shanghai,E001,李员工,研发部,中控考勤机,.*,前台考勤机,一号楼,EXP-SN-1,/),
    ]);
    // An employee exports only their own punches; a bad filter is a 400.
    const own = await t.as('employee').get(`/api/v1/checkins/export?companyId=${t.companyId}&from=2026-05-06&to=2026-05-06`);
    expect(own.headers['x-export-rows']).toBe('2');
    expect((await t.as('hr').get(`/api/v1/checkins/export?companyId=${t.companyId}&page=2`)).statusCode).toBe(400);
  });

  it('rejects a batch whole when one item is bad, naming the item and field', async () => {
    const res = await t.as('hr').post('/api/v1/checkins/batch', {
      companyId: t.companyId,
      items: [
        { employeeId: staffId, time: '2026-03-11T08:55:00+08:00' },
        { employeeId: staffId, time: '2026-03-11 08:55' },
        { employeeId: staffId, atMs: 1, timeZone: 'Nowhere/Town' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('INVALID_CHECKINS');
    expect(err.details.problems.map((p: { path: string }) => p.path)).toEqual(['body.items[1].time', 'body.items[2].timeZone']);
    const list = (await t.as('hr').get(`/api/v1/checkins?companyId=${t.companyId}&from=2026-03-11&to=2026-03-11`)).json();
    expect(list.total).toBe(0);
    const tooBig = await t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items: Array.from({ length: 10_001 }, () => ({ employeeId: staffId, atMs: 1 })) });
    expect(tooBig.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('keeps unmatched punches and attributes them all when HR links the identity', async () => {
    const unmatched = (await t.as('hr').get(`/api/v1/identities/unmatched?companyId=${t.companyId}`)).json();
    expect(unmatched.items).toEqual([expect.objectContaining({ provider: 'dingtalk', tenant: 'ding-corp', externalId: 'u-777', punchCount: 1 })]);
    expect((await t.as('employee').get(`/api/v1/identities/unmatched?companyId=${t.companyId}`)).statusCode).toBe(403);
    const linked = await t.as('hr').post('/api/v1/identities', { companyId: t.companyId, employeeId: staffId, provider: 'dingtalk', tenant: 'ding-corp', externalId: 'u-777' });
    expect(linked.statusCode).toBe(201);
    expect(linked.json().attributedPunches).toBe(1);
    expect((await t.as('hr').get(`/api/v1/identities/unmatched?companyId=${t.companyId}`)).json().total).toBe(0);
    const later = (await t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items: [{ identity: { provider: 'dingtalk', tenant: 'ding-corp', externalId: 'u-777' }, time: '2026-03-12T09:00:00+08:00' }] })).json();
    expect(later).toMatchObject({ created: 1, unmatched: 0 });
    const dup = await t.as('hr').post('/api/v1/identities', { companyId: t.companyId, employeeId: staffId, provider: 'dingtalk', tenant: 'ding-corp', externalId: 'u-777' });
    expect(dup.json().error.code).toBe('IDENTITY_LINKED');
  });

  it('matches device PINs to job numbers, and reports ambiguous rule matches instead of guessing', async () => {
    const res = (await t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items: [{ identity: { provider: 'device', externalId: 'E001' }, time: '2026-03-13T08:59:00+08:00', deviceSn: 'CKJ0001' }] })).json();
    expect(res).toMatchObject({ created: 1, unmatched: 0 });
    const now = Date.now();
    for (const job of ['X1', 'X2']) {
      await t.services.db
        .insertInto('employees')
        .values({ company_id: t.companyId, job_number: job, name: '同名', email: 'same@example.com', mobile: '13800000000', department_id: null, manager_id: null, site_id: null, time_zone: null, hire_date: null, leave_date: null, status: 'active', created_at_ms: now, updated_at_ms: now })
        .execute();
    }
    expect(await t.services.identities.match(t.companyId, { email: 'SAME@example.com' })).toMatchObject({ status: 'ambiguous', by: 'email' });
    expect(await t.services.identities.match(t.companyId, { jobNumber: 'X1', email: 'same@example.com' })).toMatchObject({ status: 'matched', by: 'job_number' });
    expect(await t.services.identities.match(t.companyId, { mobile: '+86 138-0000-0000' })).toMatchObject({ status: 'ambiguous', by: 'mobile' });
    expect(await t.services.identities.match(t.companyId, { email: 'nobody@example.com' })).toEqual({ status: 'none', tried: ['email'] });
  });

  it('stores awkward text exactly and counts a key repeated inside one batch once', async () => {
    const raw = { note: 'tab\there, line\nbreak, back\\slash, 𠮷野家', n: 1 };
    const item = { employeeId: staffId, time: '2026-03-14T09:00:00+08:00', idempotencyKey: 'weird-1', raw, location: { address: '上海市\t浦东新区', lat: 31.2, lng: 121.5 } };
    const res = (await t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items: [item, item] })).json();
    expect(res).toMatchObject({ created: 1, duplicates: 1 });
    expect(res.items.map((i: { outcome: string }) => i.outcome)).toEqual(['created', 'duplicate']);
    const stored = (await t.as('hr').get(`/api/v1/checkins/${res.items[0].checkinId}`)).json();
    expect(stored.raw).toEqual(raw);
    expect(stored.location.address).toBe('上海市\t浦东新区');
  });

  it('scopes punch queries by role', async () => {
    const mine = (await t.as('employee').get(`/api/v1/checkins?companyId=${t.companyId}`)).json();
    expect(mine.items.every((i: { employeeId: number }) => i.employeeId === staffId)).toBe(true);
    expect((await t.as('otherHr').get(`/api/v1/checkins?companyId=${t.companyId}`)).statusCode).toBe(404);
    expect((await t.as('employee').post('/api/v1/checkins/batch', { companyId: t.companyId, items: [{ employeeId: staffId, atMs: 1 }] })).statusCode).toBe(403);
  });
});
