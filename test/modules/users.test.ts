import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describeEachDb('users', (db) => {
  let t: TestApp;
  let e001: number;
  let m001: number;
  const base = '/api/v1/users';
  const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  const userCount = async () => (await t.as('admin').get(`${base}?pageSize=500`)).json().total as number;

  beforeAll(async () => {
    t = await createTestApp(db());
    // The fixture's E001 and M001 already have accounts; these two have none yet.
    e001 = (await t.as('admin').post('/api/v1/employees', { companyId: t.companyId, jobNumber: 'U001', name: '新员工' })).json().id;
    m001 = (await t.as('admin').post('/api/v1/employees', { companyId: t.companyId, jobNumber: 'U002', name: '新经理' })).json().id;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('lets admins create users who must change the password, never showing a hash', async () => {
    const created = await t.as('admin').post(base, { username: 'zhang.san', displayName: '张三', password: 's3cret-pass', role: 'hr', companyIds: [t.companyId] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: expect.any(Number), username: 'zhang.san', displayName: '张三', role: 'hr', companyIds: [t.companyId], employeeId: null,
      locale: null, status: 'active', mustChangePassword: true, lastLoginAtMs: null, createdAtMs: expect.any(Number),
    });
    const res = await login('zhang.san', 's3cret-pass');
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    const list = await t.as('admin').get(`${base}?q=zhang`);
    expect(list.json().items.map((u: { username: string }) => u.username)).toEqual(['zhang.san']);
    expect(list.body).not.toMatch(/argon2|password_?hash/i);
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=user&entityId=${created.json().id}`)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toContain('user.create');
    expect(JSON.stringify(audit)).not.toContain('argon2');
  });

  it('lets HR list and create employee and manager accounts of their own companies only', async () => {
    const hr = t.as('hr');
    const ok = await hr.post(base, { username: 'li.employee', displayName: '李员工', password: 'password1', role: 'employee', companyIds: [t.companyId], employeeId: e001 });
    expect(ok.statusCode).toBe(201);
    expect((await hr.post(base, { username: 'x1', displayName: 'x', password: 'password1', role: 'hr', companyIds: [t.companyId] })).statusCode).toBe(403);
    expect((await hr.post(base, { username: 'x2', displayName: 'x', password: 'password1', role: 'admin' })).statusCode).toBe(403);
    const foreign = await hr.post(base, { username: 'x3', displayName: 'x', password: 'password1', role: 'employee', companyIds: [t.otherCompanyId] });
    expect(foreign.json().error).toMatchObject({ code: 'UNKNOWN_COMPANY', details: { problems: [{ path: 'body.companyIds[0]' }] } });
    const seen = (await hr.get(`${base}?pageSize=500`)).json().items as { role: string; companyIds: number[] }[];
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((u) => ['employee', 'manager'].includes(u.role) && u.companyIds.includes(t.companyId))).toBe(true);
    expect((await t.as('otherHr').get(`${base}?companyId=${t.companyId}`)).statusCode).toBe(404);
    expect((await t.as('otherHr').get(`${base}/${ok.json().id}`)).statusCode).toBe(404);
    expect((await hr.patch(`${base}/${ok.json().id}`, { displayName: 'y' })).statusCode).toBe(403);
    expect((await t.as('employee').get(base)).statusCode).toBe(403);
    expect((await t.as('manager').post(base, { username: 'x4', displayName: 'x', password: 'password1', role: 'employee', companyIds: [t.companyId] })).statusCode).toBe(403);
  });

  it('rejects bad users with codes and fields, writing nothing', async () => {
    const admin = t.as('admin');
    const before = await userCount();
    const ok = { username: 'valid.name', displayName: 'v', password: 'password1', role: 'employee', companyIds: [t.companyId] };
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ password: 'short' }, 400, 'VALIDATION_FAILED', 'body.password'],
      [{ role: 'boss' }, 400, 'VALIDATION_FAILED', 'body.role'],
      [{ username: 'has space' }, 400, 'VALIDATION_FAILED', 'body.username'],
      [{ companyIds: [] }, 400, 'COMPANY_REQUIRED', 'body.companyIds'],
      [{ companyIds: [999999] }, 400, 'UNKNOWN_COMPANY', 'body.companyIds[0]'],
      [{ employeeId: 999999 }, 400, 'UNKNOWN_EMPLOYEE', 'body.employeeId'],
      [{ companyIds: [t.otherCompanyId], employeeId: m001 }, 400, 'UNKNOWN_EMPLOYEE', 'body.employeeId'],
    ];
    for (const [patch, status, code, path] of cases) {
      const res = await admin.post(base, { ...ok, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(status);
      expect(res.json().error.code, JSON.stringify(patch)).toBe(code);
      expect(res.json().error.details.problems.map((p: { path: string }) => p.path)).toContain(path);
    }
    const dup = await admin.post(base, { ...ok, username: 'zhang.san' });
    expect(dup.json().error).toMatchObject({ code: 'DUPLICATE_USERNAME', details: { field: 'body.username' } });
    expect(dup.statusCode).toBe(409);
    const linked = await admin.post(base, { ...ok, employeeId: e001 });
    expect(linked.statusCode).toBe(409);
    expect(linked.json().error.code).toBe('EMPLOYEE_ALREADY_LINKED');
    expect(await userCount()).toBe(before);
  });

  it('updates role, companies, employee link, locale and status; disabling ends sessions', async () => {
    const admin = t.as('admin');
    const u = (await admin.post(base, { username: 'wang.m', displayName: '王', password: 'password1', role: 'employee', companyIds: [t.companyId] })).json();
    const res = await admin.patch(`${base}/${u.id}`, { role: 'manager', companyIds: [t.companyId, t.otherCompanyId], employeeId: m001, locale: 'en', displayName: '王经理' });
    expect(res.json()).toMatchObject({ role: 'manager', companyIds: [t.companyId, t.otherCompanyId].sort((a, b) => a - b), employeeId: m001, locale: 'en', displayName: '王经理' });
    const audit = (await admin.get(`/api/v1/audit?entity=user&entityId=${u.id}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'user.update', before: { role: 'employee' }, after: { role: 'manager' } });
    const session = (await login('wang.m', 'password1')).cookies.find((c) => c.name === 'daka_session')!.value;
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `daka_session=${session}` } });
    expect((await me()).statusCode).toBe(200);
    expect((await admin.patch(`${base}/${u.id}`, { status: 'disabled' })).json().status).toBe('disabled');
    expect((await me()).statusCode).toBe(401);
    expect((await login('wang.m', 'password1')).statusCode).toBe(401);
    expect((await admin.patch(`${base}/${u.id}`, { employeeId: e001 })).json().error.code).toBe('EMPLOYEE_ALREADY_LINKED');
    expect((await admin.patch(`${base}/999999`, { displayName: 'x' })).statusCode).toBe(404);
  });

  it('resets a password: the user must change it and is logged out everywhere', async () => {
    const admin = t.as('admin');
    const u = (await admin.post(base, { username: 'reset.me', displayName: 'r', password: 'password1', role: 'employee', companyIds: [t.companyId] })).json();
    const session = (await login('reset.me', 'password1')).cookies.find((c) => c.name === 'daka_session')!.value;
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `daka_session=${session}` } });
    expect((await me()).statusCode).toBe(200);
    expect((await admin.post(`${base}/${u.id}/reset-password`, { password: 'short' })).json().error.details.problems[0].path).toBe('body.password');
    const res = await admin.post(`${base}/${u.id}/reset-password`, { password: 'brand-new-pass' });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    expect((await me()).statusCode).toBe(401);
    expect((await login('reset.me', 'password1')).statusCode).toBe(401);
    expect((await login('reset.me', 'brand-new-pass')).statusCode).toBe(200);
    const audit = (await admin.get(`/api/v1/audit?entity=user&entityId=${u.id}`)).json().items;
    expect(audit.find((a: { action: string }) => a.action === 'user.reset_password').after).toEqual({ sessionsEnded: 1, tokensRevoked: 0 });
    expect((await t.as('hr').post(`${base}/${u.id}/reset-password`, { password: 'brand-new-pass' })).statusCode).toBe(403);
  });

  it('keeps the last active admin from demoting or disabling themselves', async () => {
    const admin = t.as('admin');
    const me = (await admin.get('/api/v1/auth/me')).json().user;
    for (const patch of [{ role: 'hr', companyIds: [t.companyId] }, { status: 'disabled' }]) {
      const res = await admin.patch(`${base}/${me.id}`, patch);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('LAST_ADMIN');
    }
    expect((await admin.get(`${base}/${me.id}`)).json()).toMatchObject({ role: 'admin', status: 'active' });
    await admin.post(base, { username: 'second.admin', displayName: 'a2', password: 'password1', role: 'admin' });
    expect((await admin.patch(`${base}/${me.id}`, { locale: 'zh-CN' })).statusCode).toBe(200);
    const other = (await admin.get(`${base}?q=second.admin`)).json().items[0];
    const demoted = await admin.patch(`${base}/${other.id}`, { role: 'hr', companyIds: [t.companyId] });
    expect(demoted.json().role).toBe('hr');
  });
});
