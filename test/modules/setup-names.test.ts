/**
 * Setup pages read in names: a group's list row says how many employees it applies to today, and
 * the audit log names the entity and company of each entry instead of their ids.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describeEachDb('setup lists with names and counts', (db) => {
  let t: TestApp;
  const clock = Date.parse('2026-06-03T10:00:00+08:00');
  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => clock });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('counts the active employees a group applies to today', async () => {
    const dept = (await t.services.db.selectFrom('departments').select('id').where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).id;
    const shift = (await t.as('hr').post('/api/v1/shift-types', { companyId: t.companyId, code: 'MC', name: 'MC', start: '09:00', end: '18:00' })).json().id;
    const group = (await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, name: '计数组', kind: 'fixed', weekly: { '1': shift } })).json().id;
    const empty = (await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, name: '空组', kind: 'fixed', weekly: { '1': shift } })).json().id;
    expect((await t.as('hr').post(`/api/v1/attendance-groups/${group}/members`, { departmentId: dept, effectiveFrom: '2026-01-01' })).statusCode).toBe(201);
    const list = (await t.as('hr').get(`/api/v1/attendance-groups?companyId=${t.companyId}`)).json().items as { id: number; memberCount: number }[];
    expect(list.find((g) => g.id === group)!.memberCount).toBe(2);
    expect(list.find((g) => g.id === empty)!.memberCount).toBe(0);
  });

  it('names the entity and the company of an audit entry', async () => {
    const staff = (await t.services.db.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'E001').executeTakeFirstOrThrow()).id;
    expect((await t.as('hr').patch(`/api/v1/employees/${staff}`, { mobile: '13800000001' })).statusCode).toBe(200);
    const entries = (await t.as('admin').get(`/api/v1/audit?entity=employee&entityId=${staff}`)).json().items as { entityName: string; companyName: string }[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({ entityName: '李员工', companyName: expect.stringMatching(/^Company acme-/) });
  });
});
