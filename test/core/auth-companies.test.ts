import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.js';

describeEachDb('auth, companies and audit', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(db());
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('rejects anonymous calls and wrong passwords with stable codes', async () => {
    expect((await t.as('anonymous').get('/api/v1/companies')).json().error.code).toBe('UNAUTHENTICATED');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks an account after repeated failures and audits it', async () => {
    const me = (await t.as('employee').get('/api/v1/auth/me')).json().user;
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: me.username, password: 'wrong' } });
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: me.username, password: TEST_PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('LOGIN_LOCKED');
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=user&entityId=${me.id}`)).json();
    expect(audit.items.map((i: { action: string }) => i.action)).toContain('auth.lockout');
  });

  it('lets admins create companies, audits the change, hides other companies from HR', async () => {
    const created = await t.as('admin').post('/api/v1/companies', { name: '华东分公司', code: `east-${Date.now()}`, timeZone: 'Asia/Shanghai' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const hrList = (await t.as('hr').get('/api/v1/companies')).json().items.map((c: { id: number }) => c.id);
    expect(hrList).toEqual([t.companyId]);
    expect((await t.as('hr').get(`/api/v1/companies/${t.otherCompanyId}`)).statusCode).toBe(404);
    expect((await t.as('hr').post('/api/v1/companies', { name: 'x', code: 'x' })).statusCode).toBe(403);
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=company&entityId=${id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'company.create', entity: 'company', after: { name: '华东分公司' } });
  });

  it('rejects bad input whole with the field named and writes nothing', async () => {
    const before = (await t.as('admin').get('/api/v1/companies')).json().items.length;
    const bad = await t.as('admin').post('/api/v1/companies', { name: 'x', code: 'ok-code', timeZone: 'Mars/Olympus' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { problems: [{ path: 'body.timeZone' }] } });
    const wrongType = await t.as('admin').post('/api/v1/companies', { name: 5, code: 'ok-code' });
    expect(wrongType.json().error.details.problems[0].path).toBe('body.name');
    const malformed = await t.as('admin').inject({ method: 'POST', url: '/api/v1/companies', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    expect(malformed.json().error.code).toBe('MALFORMED_JSON');
    expect((await t.as('admin').get('/api/v1/companies')).json().items.length).toBe(before);
  });

  it('answers oversize bodies, bad dates, unknown routes and unknown ids with stable codes', async () => {
    const huge = await t.as('admin').inject({ method: 'POST', url: '/api/v1/companies', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(17 * 1024 * 1024), code: 'big' }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const badDate = await t.as('hr').get(`/api/v1/checkins?companyId=${t.companyId}&from=2026-02-30`);
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.details.problems[0].path).toBe('querystring.from');
    expect((await t.as('admin').get('/api/v1/companies/999999')).json().error.code).toBe('NOT_FOUND');
    expect((await t.as('admin').get('/api/v1/no-such-thing')).json().error.code).toBe('ROUTE_NOT_FOUND');
    const wrongType = await t.as('admin').inject({ method: 'POST', url: '/api/v1/companies', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(wrongType.statusCode).toBe(415);
  });

  it('issues scoped API tokens, which can be revoked', async () => {
    const created = await t.as('admin').post('/api/v1/tokens', { name: 'payroll', scopes: ['read'] });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^dk_/);
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/companies', headers: bearer })).statusCode).toBe(200);
    const write = await t.app.inject({ method: 'POST', url: '/api/v1/companies', headers: bearer, payload: { name: 'x', code: 'tok-x' } });
    expect(write.json().error.code).toBe('TOKEN_SCOPE');
    expect((await t.as('admin').delete(`/api/v1/tokens/${token.id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/companies', headers: bearer })).statusCode).toBe(401);
    const list = (await t.as('admin').get('/api/v1/tokens')).json().items;
    expect(JSON.stringify(list)).not.toContain(secret);
  });
});
