/**
 * WeCom 假期管理 quotas against Daka's balances, with the simulator answering as the docs say
 * (getcorpconf, getuservacationquota; 301062 when the app may not read leave, 301063 for a bad
 * parameter): differences per employee and type in the Daka type's unit, the import of WeCom's
 * figure as an adjustment (dry run first, audited, posted once), and a manager's view of balances
 * limited to the team.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/engine/leave/index.js';
import { WeComClient } from '../../src/sources/wecom/client.js';
import { mapWeComVacationQuotas, mapWeComVacationTypes } from '../../src/sources/wecom/mapper.js';
import { startWeComSimulator, type WeComSimulator } from '../../src/sources/wecom/simulator/index.js';
import { isConnectorError } from '../../src/sources/platform/index.js';
import { inDakaUnit, postable } from '../../src/modules/connectors/leave-quotas.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const KEY = 'D'.repeat(43);
// 2026-03-20 12:00 in Shanghai: balances are read at a fixed date.
const NOW = Date.parse('2026-03-20T04:00:00Z');
const TODAY = '2026-03-20';

describe('WeCom 假期管理 wire and mapping', () => {
  let sim: WeComSimulator;
  let client: WeComClient;
  beforeAll(async () => {
    sim = await startWeComSimulator({ seed: 'quota-wire', company: { users: 3 } });
    client = new WeComClient({ corpId: sim.corpId, secret: sim.apps[0].secret, baseUrl: sim.url, retry: { maxTransientRetries: 0 } });
  });
  afterAll(async () => sim?.close());

  it('reads the corp’s leave types and a member’s quotas in seconds, and maps them into days and hours', async () => {
    const user = sim.company.users[0].userId;
    sim.vacations.set(user, 1, { assign: 10, used: 2.5, left: 7.5 });
    sim.vacations.set(user, 4, { assign: 12, used: 4, left: 8 });
    const types = mapWeComVacationTypes(await client.getCorpVacationConf());
    expect(types.find((t) => t.externalId === '1')).toEqual({ externalId: '1', name: '年假', unit: 'day', hoursPerDay: 24, compensatory: false });
    expect(types.find((t) => t.externalId === '4')).toEqual({ externalId: '4', name: '调休假', unit: 'hour', hoursPerDay: 8, compensatory: true });
    const raw = await client.getUserVacationQuota(user);
    expect(raw.find((q) => q.id === 1)).toMatchObject({ assignduration: 864_000, usedduration: 216_000, leftduration: 648_000, vacationname: '年假' });
    const quotas = mapWeComVacationQuotas(raw, types);
    expect(quotas.find((q) => q.typeExternalId === '1')).toMatchObject({ unit: 'day', granted: 10, used: 2.5, left: 7.5 });
    expect(quotas.find((q) => q.typeExternalId === '4')).toMatchObject({ unit: 'hour', granted: 12, used: 4, left: 8 });
    expect(quotas.find((q) => q.typeExternalId === '3')).toMatchObject({ granted: 0, used: 0, left: 0 });
    // Hours into days by the type's working day, days into hours likewise.
    expect(inDakaUnit({ unit: 'hour', hoursPerDay: 8 }, 12, 'day')).toBe(1.5);
    expect(inDakaUnit({ unit: 'day', hoursPerDay: 8 }, 1.5, 'hour')).toBe(12);
    expect(postable(3.7, 'half_day')).toBe(3.5);
    expect(postable(3.76, 'hour')).toBe(3.76);
  });

  it('answers with WeCom’s documented errors: a bad userid, an unknown member, an app without leave access', async () => {
    await expect(client.getUserVacationQuota('nobody-here')).rejects.toSatisfy((e) => isConnectorError(e) && e.info.errcode === 60111);
    const raw = await fetch(`${sim.url}/cgi-bin/oa/vacation/getuservacationquota?access_token=${await client.getAccessToken()}`, { method: 'POST', body: '{}' });
    expect(await raw.json()).toMatchObject({ errcode: 301063 });
    sim.vacations.allowed = false;
    try {
      await expect(client.getCorpVacationConf()).rejects.toSatisfy((e) => isConnectorError(e, 'CONNECTOR_PERMISSION_DENIED') && e.info.errcode === 301062);
    } finally {
      sim.vacations.allowed = true;
    }
  });
});

describeEachDb('leave quotas: WeCom against Daka', (db) => {
  let t: TestApp;
  let sim: WeComSimulator;
  let connectorId: number;
  /** WeCom userid → Daka employee id, after the directory sync. */
  let links: Map<string, number>;
  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => NOW });
    sim = await startWeComSimulator({ seed: 'quotas', company: { users: 4 } });
    const hr = t.as('hr');
    const res = await hr.post('/api/v1/connectors', {
      companyId: t.companyId, platform: 'wecom', name: '企业微信', corpId: sim.corpId, agentId: String(sim.apps[0].agentId), appSecret: sim.apps[0].secret, callbackToken: 'tok', encodingAesKey: KEY, baseUrl: sim.url,
      // WeCom's 调休假 is Daka's 调休.
      settings: { leaveTypeMap: { '4': 'compensatory' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    connectorId = res.json().id;
    expect((await t.services.connectors.run({ connectorId, kind: 'directory' }))?.status).toBe('succeeded');
    const rows = await db().database.db.selectFrom('external_identities').select(['external_id', 'employee_id']).where('company_id', '=', t.companyId).where('provider', '=', 'wecom').execute();
    links = new Map(rows.map((r) => [r.external_id, r.employee_id]));
    expect(links.size).toBe(4);
    await hr.post('/api/v1/leave-types/seed', { companyId: t.companyId });
    for (const code of ['annual', 'compensatory', 'marriage']) {
      const put = await hr.inject({ method: 'PUT', url: `/api/v1/leave-types/${code}/balance-rules`, payload: { companyId: t.companyId, rules: { ...DEFAULT_RULES, allowNegative: false } } });
      expect(put.statusCode, put.body).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.app.close();
    await sim?.close();
  });

  const users = () => sim.company.users.map((u) => u.userId);
  const adjust = async (employeeId: number, leaveType: string, amount: number) => {
    const res = await t.as('hr').post('/api/v1/leave-balances/adjustments', { employeeId, leaveType, amount, effectiveDate: '2026-01-01', reason: '期初' });
    expect(res.statusCode, res.body).toBe(201);
  };

  it('shows per employee and type Daka’s balance against WeCom’s quota in the Daka unit, differences marked', async () => {
    const [u1, u2] = users();
    await adjust(links.get(u1)!, 'annual', 5);
    sim.vacations.set(u1, 1, { assign: 5, used: 0, left: 5 });
    await adjust(links.get(u2)!, 'annual', 5);
    sim.vacations.set(u2, 1, { assign: 7, used: 0.5, left: 6.5 });
    sim.vacations.set(u2, 4, { assign: 12, used: 0, left: 12 });
    const res = await t.as('hr').get(`/api/v1/connectors/${connectorId}/leave-quotas?asOf=${TODAY}&limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.platformTypes).toEqual(expect.arrayContaining([
      { externalId: '1', name: '年假', unit: 'day', leaveType: 'annual' },
      { externalId: '4', name: '调休假', unit: 'hour', leaveType: 'compensatory' },
    ]));
    // No WeCom type is called 婚假 and none is mapped to it.
    expect(body.unmappedLeaveTypes).toEqual(['marriage']);
    const of = (u: string) => body.items.find((i: { employeeId: number }) => i.employeeId === links.get(u));
    const row = (u: string, type: string) => of(u).rows.find((r: { leaveType: string }) => r.leaveType === type);
    expect(of(u1).status).toBe('match');
    expect(row(u1, 'annual')).toMatchObject({ daka: 5, platform: 5, difference: 0, status: 'match' });
    expect(of(u2).status).toBe('different');
    expect(row(u2, 'annual')).toMatchObject({ daka: 5, platform: 6.5, difference: 1.5, status: 'different', platformType: { externalId: '1', granted: 7, used: 0.5, left: 6.5 } });
    expect(row(u2, 'compensatory')).toMatchObject({ unit: 'hour', daka: 0, platform: 12, difference: 12, status: 'different' });
    expect(row(u2, 'marriage')).toMatchObject({ platform: null, difference: null, status: 'missing_on_platform' });
    // Employees not on WeCom are listed as such, without calls made for them.
    expect(body.items.find((i: { jobNumber: string }) => i.jobNumber === 'E001')).toMatchObject({ status: 'not_linked', externalUserId: null });
    const only = (await t.as('hr').get(`/api/v1/connectors/${connectorId}/leave-quotas?asOf=${TODAY}&onlyDifferent=true`)).json();
    expect(only.items.map((i: { employeeId: number }) => i.employeeId)).not.toContain(links.get(u1));
    expect(only.items.map((i: { employeeId: number }) => i.employeeId)).toContain(links.get(u2));
  });

  it('imports WeCom’s figure as an adjustment: dry run first, then posted once with an audit entry', async () => {
    const u2 = users()[1];
    const emp = links.get(u2)!;
    const items = [{ employeeId: emp, leaveType: 'annual' }, { employeeId: emp, leaveType: 'compensatory' }, { employeeId: emp, leaveType: 'marriage' }];
    const dry = await t.as('hr').post(`/api/v1/connectors/${connectorId}/leave-quotas/import`, { items, effectiveDate: TODAY, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, posted: 0 });
    expect(dry.json().items).toEqual([
      expect.objectContaining({ leaveType: 'annual', amount: 1.5, residual: 0, status: 'would_post' }),
      expect.objectContaining({ leaveType: 'compensatory', amount: 12, status: 'would_post' }),
      expect.objectContaining({ leaveType: 'marriage', status: 'missing_on_platform' }),
    ]);
    const ledgerSize = async () => (await t.as('hr').get(`/api/v1/leave-balances/${emp}/ledger`)).json().total;
    const before = await ledgerSize();
    const run = await t.as('hr').post(`/api/v1/connectors/${connectorId}/leave-quotas/import`, { items, effectiveDate: TODAY });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().posted).toBe(2);
    expect(await ledgerSize()).toBe(before + 2);
    const balances = (await t.as('hr').get(`/api/v1/leave-balances?companyId=${t.companyId}&employeeId=${emp}&asOf=${TODAY}`)).json().items[0].balances;
    expect(balances.find((b: { leaveType: string }) => b.leaveType === 'annual').balance).toBe(6.5);
    const audit = await db().database.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'leave_balance.platform_import').execute();
    expect(audit).toHaveLength(1);
    // The same import again posts nothing.
    const again = (await t.as('hr').post(`/api/v1/connectors/${connectorId}/leave-quotas/import`, { items, effectiveDate: TODAY })).json();
    expect(again.posted).toBe(0);
    expect(again.items.filter((i: { status: string }) => i.status === 'posted')).toEqual([]);
    expect(await ledgerSize()).toBe(before + 2);
  });

  it('refuses what is not HR’s or not on WeCom, and says when the app may not read leave', async () => {
    const emp = links.get(users()[0])!;
    expect((await t.as('employee').get(`/api/v1/connectors/${connectorId}/leave-quotas`)).statusCode).toBe(403);
    expect((await t.as('manager').post(`/api/v1/connectors/${connectorId}/leave-quotas/import`, { items: [{ employeeId: emp, leaveType: 'annual' }], dryRun: true })).statusCode).toBe(403);
    const staff = (await db().database.db.selectFrom('employees').select('id').where('job_number', '=', 'E001').where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).id;
    const unlinked = await t.as('hr').post(`/api/v1/connectors/${connectorId}/leave-quotas/import`, { items: [{ employeeId: staff, leaveType: 'annual' }], dryRun: true });
    expect(unlinked.statusCode).toBe(400);
    expect(unlinked.json().error.code).toBe('EMPLOYEE_NOT_LINKED');
    const untracked = await t.as('hr').post(`/api/v1/connectors/${connectorId}/leave-quotas/import`, { items: [{ employeeId: emp, leaveType: 'sick' }], dryRun: true });
    expect(untracked.json().error.code).toBe('LEAVE_TYPE_NOT_TRACKED');
    sim.vacations.allowed = false;
    try {
      const refused = await t.as('hr').get(`/api/v1/connectors/${connectorId}/leave-quotas?asOf=${TODAY}`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'LEAVE_QUOTAS_NOT_ALLOWED', details: { errcode: 301062 } });
    } finally {
      sim.vacations.allowed = true;
    }
  });

  it('managers see the balances of their team and nobody else’s', async () => {
    // The team: the manager's department (the WeCom sync may have put members into it too).
    const q = db().database.db.selectFrom('employees').select(['id', 'job_number', 'department_id']).where('company_id', '=', t.companyId);
    const all = await q.execute();
    const rd = all.find((e) => e.job_number === 'M001')!.department_id;
    const team = (await t.as('manager').get(`/api/v1/leave-balances?companyId=${t.companyId}&asOf=${TODAY}&limit=2000`)).json();
    expect(team.items.map((i: { jobNumber: string }) => i.jobNumber).sort()).toEqual(all.filter((e) => e.department_id === rd).map((e) => e.job_number).sort());
    const outsider = all.find((e) => e.department_id !== rd)!.id;
    expect((await t.as('manager').get(`/api/v1/leave-balances?companyId=${t.companyId}&employeeId=${outsider}`)).statusCode).toBe(404);
    expect((await t.as('manager').get(`/api/v1/leave-balances/${outsider}/ledger`)).statusCode).toBe(404);
    const hrView = (await t.as('hr').get(`/api/v1/leave-balances?companyId=${t.companyId}&asOf=${TODAY}`)).json();
    expect(hrView.total).toBe(all.length);
    expect(team.total).toBeLessThan(all.length);
  });
});
