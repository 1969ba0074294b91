import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describeEachDb('employees', (db) => {
  let t: TestApp;
  let rdId: number;
  let subId: number;
  let salesId: number;
  let otherDeptId: number;
  let otherSiteId: number;
  let ids: Record<string, number>;
  const base = '/api/v1/employees';
  const total = async () => (await t.as('admin').get(`${base}?companyId=${t.companyId}`)).json().total as number;
  const auditTotal = async () => (await t.as('admin').get('/api/v1/audit?pageSize=1')).json().total as number;
  const jobs = (res: { json(): { items: { jobNumber: string }[] } }) => res.json().items.map((e) => e.jobNumber).sort();

  beforeAll(async () => {
    t = await createTestApp(db());
    const admin = t.as('admin');
    rdId = (await admin.get(`/api/v1/departments?companyId=${t.companyId}`)).json().items[0].id;
    subId = (await admin.post('/api/v1/departments', { companyId: t.companyId, parentId: rdId, name: '前端组' })).json().id;
    salesId = (await admin.post('/api/v1/departments', { companyId: t.companyId, name: '销售部' })).json().id;
    otherDeptId = (await admin.post('/api/v1/departments', { companyId: t.otherCompanyId, name: '别家' })).json().id;
    otherSiteId = (await admin.post('/api/v1/sites', { companyId: t.otherCompanyId, name: '别家站点' })).json().id;
    const list = (await admin.get(`${base}?companyId=${t.companyId}`)).json().items as { id: number; jobNumber: string }[];
    ids = Object.fromEntries(list.map((e) => [e.jobNumber, e.id]));
    for (const [job, name, departmentId] of [['F001', '前端一', subId], ['S001', '销售一', salesId]] as const) {
      const res = await t.as('hr').post(base, { companyId: t.companyId, jobNumber: job, name, departmentId });
      expect(res.statusCode).toBe(201);
      ids[job] = res.json().id;
    }
    // Leavers of their own, so that the status filters do not rely on another test's deactivations.
    for (const [job, departmentId] of [['Q900', rdId], ['Q901', null]] as const) {
      const res = await t.as('hr').post(base, { companyId: t.companyId, jobNumber: job, name: '离职者', departmentId });
      expect(res.statusCode).toBe(201);
      ids[job] = res.json().id;
      expect((await t.as('hr').post(`${base}/${ids[job]}/deactivate`, { leaveDate: '2025-12-31' })).statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('creates, reads, updates and deactivates an employee, auditing each change', async () => {
    const hr = t.as('hr');
    const created = await hr.post(base, {
      companyId: t.companyId,
      jobNumber: 'N100',
      name: '  新同事 ',
      email: 'new@example.com',
      mobile: '+86 138-0013-8000',
      departmentId: rdId,
      managerId: ids.M001,
      timeZone: 'Asia/Urumqi',
      hireDate: '2025-03-01',
    });
    expect(created.statusCode).toBe(201);
    const e = created.json();
    expect(e).toEqual({
      id: expect.any(Number), companyId: t.companyId, jobNumber: 'N100', name: '新同事', email: 'new@example.com', mobile: '+8613800138000',
      departmentId: rdId, managerId: ids.M001, siteId: null, timeZone: 'Asia/Urumqi', hireDate: '2025-03-01', leaveDate: null, workStartDate: null, status: 'active',
    });
    expect((await hr.get(`${base}/${e.id}`)).json()).toEqual(e);
    const patched = await hr.patch(`${base}/${e.id}`, { mobile: null, email: 'renamed@example.com', departmentId: subId });
    expect(patched.json()).toMatchObject({ mobile: null, email: 'renamed@example.com', departmentId: subId, hireDate: '2025-03-01' });
    // 参加工作日期 (statutory annual leave) is a real date no later than the hire date.
    expect((await hr.patch(`${base}/${e.id}`, { workStartDate: '2025-04-01' })).json().error.details.problems[0]).toMatchObject({ path: 'body.workStartDate', code: 'WORK_START_AFTER_HIRE' });
    expect((await hr.patch(`${base}/${e.id}`, { workStartDate: '2012-07-01' })).json()).toMatchObject({ workStartDate: '2012-07-01' });
    const gone = await hr.post(`${base}/${e.id}/deactivate`, { leaveDate: '2025-09-30' });
    expect(gone.json()).toMatchObject({ status: 'inactive', leaveDate: '2025-09-30' });
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=employee&entityId=${e.id}`)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['employee.deactivate', 'employee.update', 'employee.update', 'employee.create']);
    expect(audit[2]).toMatchObject({ before: { mobile: '+8613800138000' }, after: { mobile: null } });
    expect(audit[1]).toMatchObject({ before: { workStartDate: null }, after: { workStartDate: '2012-07-01' } });
    expect(audit[0].companyId).toBe(t.companyId);
  });

  it('deactivates with today as the leave date when none is given', async () => {
    const e = (await t.as('hr').post(base, { companyId: t.companyId, jobNumber: 'N101', name: '临时' })).json();
    const res = await t.as('hr').post(`${base}/${e.id}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.json().leaveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.json().status).toBe('inactive');
  });

  it('searches by job number, name, e-mail and mobile, filters by status and department subtree, and pages', async () => {
    const admin = t.as('admin');
    expect(jobs(await admin.get(`${base}?companyId=${t.companyId}&q=e001`))).toEqual(['E001']);
    expect(jobs(await admin.get(`${base}?companyId=${t.companyId}&q=${encodeURIComponent('销售')}`))).toEqual(['S001']);
    expect(jobs(await admin.get(`${base}?companyId=${t.companyId}&q=M001%40EXAMPLE`))).toEqual(['M001']);
    expect(jobs(await admin.get(`${base}?companyId=${t.companyId}&q=${encodeURIComponent('%')}`))).toEqual([]);
    expect(jobs(await admin.get(`${base}?companyId=${t.companyId}&departmentId=${rdId}&status=active`))).toEqual(['E001', 'M001']);
    expect(jobs(await admin.get(`${base}?companyId=${t.companyId}&departmentId=${rdId}&includeSubdepartments=true&status=active`))).toEqual(['E001', 'F001', 'M001']);
    const inactive = (await admin.get(`${base}?companyId=${t.companyId}&status=inactive`)).json().items as { jobNumber: string; status: string }[];
    expect(inactive.map((e) => e.jobNumber)).toEqual(expect.arrayContaining(['Q900', 'Q901']));
    expect(inactive.every((e) => e.status === 'inactive')).toBe(true);
    const all = await total();
    expect(all).toBeGreaterThanOrEqual(6);
    const page = (await admin.get(`${base}?companyId=${t.companyId}&page=2&pageSize=2`)).json();
    expect(page).toMatchObject({ page: 2, pageSize: 2, total: all });
    expect(page.items).toHaveLength(2);
  });

  it('scopes reads: managers see their subtree, employees themselves, other companies nothing', async () => {
    expect(jobs(await t.as('manager').get(`${base}?companyId=${t.companyId}&status=active`))).toEqual(['E001', 'F001', 'M001']);
    // Without a status filter the manager's subtree includes its leavers (Q900), never another department's.
    const subtree = jobs(await t.as('manager').get(base));
    expect(subtree).toEqual(expect.arrayContaining(['E001', 'F001', 'M001', 'Q900']));
    expect(subtree).not.toContain('S001');
    expect(subtree).not.toContain('Q901');
    expect((await t.as('manager').get(`${base}/${ids.S001}`)).statusCode).toBe(404);
    expect((await t.as('manager').get(`${base}/${ids.F001}`)).statusCode).toBe(200);
    expect(jobs(await t.as('employee').get(`${base}?companyId=${t.companyId}`))).toEqual(['E001']);
    expect((await t.as('employee').get(`${base}/${ids.M001}`)).statusCode).toBe(404);
    expect((await t.as('employee').get(`${base}/${ids.E001}`)).json().jobNumber).toBe('E001');
    expect((await t.as('otherHr').get(`${base}?companyId=${t.companyId}`)).statusCode).toBe(404);
    expect((await t.as('otherHr').get(`${base}/${ids.E001}`)).statusCode).toBe(404);
    expect((await t.as('otherHr').get(base)).json().total).toBe(0);
    expect((await t.as('anonymous').get(base)).statusCode).toBe(401);
  });

  it('lets only admin and HR of the company write', async () => {
    const before = await total();
    const body = { companyId: t.companyId, jobNumber: 'X1', name: 'x' };
    expect((await t.as('employee').post(base, body)).json().error.code).toBe('FORBIDDEN');
    expect((await t.as('manager').post(base, body)).statusCode).toBe(403);
    expect((await t.as('employee').patch(`${base}/${ids.E001}`, { name: 'hacked' })).statusCode).toBe(403);
    expect((await t.as('manager').post(`${base}/${ids.E001}/deactivate`)).statusCode).toBe(403);
    expect((await t.as('otherHr').post(base, body)).statusCode).toBe(404);
    expect((await t.as('otherHr').patch(`${base}/${ids.E001}`, { name: 'x' })).statusCode).toBe(404);
    expect(await total()).toBe(before);
    expect((await t.as('admin').get(`${base}/${ids.E001}`)).json().name).toBe('李员工');
  });

  it('rejects each broken rule with its code and field, writing nothing', async () => {
    const hr = t.as('hr');
    const [countBefore, auditBefore] = [await total(), await auditTotal()];
    const ok = { companyId: t.companyId, jobNumber: 'V1', name: 'v' };
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ email: 'nope' }, 400, 'INVALID_EMAIL', 'body.email'],
      [{ mobile: '12345678901' }, 400, 'INVALID_MOBILE', 'body.mobile'],
      [{ mobile: '+86 1381234' }, 400, 'INVALID_MOBILE', 'body.mobile'],
      [{ hireDate: '2025-02-29' }, 400, 'INVALID_DATE', 'body.hireDate'],
      [{ leaveDate: '2025/01/01' }, 400, 'INVALID_DATE', 'body.leaveDate'],
      [{ hireDate: '2025-03-01', leaveDate: '2025-02-28' }, 400, 'LEAVE_BEFORE_HIRE', 'body.leaveDate'],
      [{ timeZone: 'Asia/Beijing' }, 400, 'INVALID_TIME_ZONE', 'body.timeZone'],
      [{ departmentId: otherDeptId }, 400, 'UNKNOWN_DEPARTMENT', 'body.departmentId'],
      [{ departmentId: 999999 }, 400, 'UNKNOWN_DEPARTMENT', 'body.departmentId'],
      [{ siteId: otherSiteId }, 400, 'UNKNOWN_SITE', 'body.siteId'],
      [{ managerId: 999999 }, 400, 'UNKNOWN_MANAGER', 'body.managerId'],
      [{ status: 'away' }, 400, 'VALIDATION_FAILED', 'body.status'],
      [{ extra: 1 }, 400, 'VALIDATION_FAILED', 'body.extra'],
    ];
    for (const [patch, status, code, path] of cases) {
      const res = await hr.post(base, { ...ok, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(status);
      expect(res.json().error.code, JSON.stringify(patch)).toBe(code);
      expect(res.json().error.details.problems.map((p: { path: string }) => p.path), JSON.stringify(patch)).toContain(path);
    }
    const dup = await hr.post(base, { ...ok, jobNumber: 'E001' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'DUPLICATE_JOB_NUMBER', details: { field: 'body.jobNumber', employeeId: ids.E001 } });
    const many = (await hr.post(base, { ...ok, email: 'x', mobile: 'y' })).json().error;
    expect(many.code).toBe('VALIDATION_FAILED');
    expect(many.details.problems.map((p: { code: string }) => p.code)).toEqual(['INVALID_EMAIL', 'INVALID_MOBILE']);
    expect((await hr.patch(`${base}/${ids.F001}`, { jobNumber: 'E001' })).json().error.code).toBe('DUPLICATE_JOB_NUMBER');
    expect((await hr.patch(`${base}/${ids.F001}`, { leaveDate: '2024-12-31', hireDate: '2025-01-01' })).json().error.code).toBe('LEAVE_BEFORE_HIRE');
    expect(await total()).toBe(countBefore);
    expect(await auditTotal()).toBe(auditBefore);
    expect((await hr.get(`${base}/${ids.F001}`)).json()).toMatchObject({ jobNumber: 'F001', leaveDate: null });
  });

  it('answers DUPLICATE_JOB_NUMBER, not a server error, when two requests race for one job number', async () => {
    const body = { companyId: t.companyId, jobNumber: 'RACE1', name: 'r' };
    const results = await Promise.all([t.as('hr').post(base, body), t.as('admin').post(base, body), t.as('hr').post(base, body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('DUPLICATE_JOB_NUMBER');
  });

  it('accepts mainland, +86 and E.164 mobile numbers', async () => {
    for (const [i, mobile] of ['13912345678', '+8619912345678', '+14155552671'].entries()) {
      const res = await t.as('hr').post(base, { companyId: t.companyId, jobNumber: `MOB${i}`, name: 'm', mobile });
      expect(res.statusCode, mobile).toBe(201);
    }
  });

  it('refuses reporting loops', async () => {
    const hr = t.as('hr');
    expect((await hr.patch(`${base}/${ids.F001}`, { managerId: ids.S001 })).statusCode).toBe(200);
    const loop = await hr.patch(`${base}/${ids.S001}`, { managerId: ids.F001 });
    expect(loop.json().error).toMatchObject({ code: 'MANAGER_CYCLE', details: { problems: [{ path: 'body.managerId' }] } });
    expect((await hr.patch(`${base}/${ids.S001}`, { managerId: ids.S001 })).json().error.code).toBe('MANAGER_CYCLE');
  });
});
