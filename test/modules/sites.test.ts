import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describeEachDb('sites', (db) => {
  let t: TestApp;
  const base = '/api/v1/sites';
  const total = async () => (await t.as('admin').get(`${base}?companyId=${t.companyId}`)).json().total as number;

  beforeAll(async () => {
    t = await createTestApp(db());
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('creates a site with the company zone by default, reads, updates and deactivates it, auditing each', async () => {
    const hr = t.as('hr');
    const [allBefore, activeBefore] = [await total(), (await hr.get(`${base}?companyId=${t.companyId}&active=true`)).json().total];
    const created = await hr.post(base, { companyId: t.companyId, name: '上海总部', address: '浦东新区世纪大道 1 号', geofence: { lat: 31.2304, lng: 121.4737, radiusM: 200 } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: expect.any(Number), companyId: t.companyId, name: '上海总部', address: '浦东新区世纪大道 1 号', timeZone: 'Asia/Shanghai',
      geofence: { lat: 31.2304, lng: 121.4737, radiusM: 200 }, active: true,
    });
    const siteId = created.json().id;
    expect((await hr.get(`${base}/${siteId}`)).json().name).toBe('上海总部');
    const patched = await hr.patch(`${base}/${siteId}`, { timeZone: 'Asia/Urumqi', geofence: null });
    expect(patched.json()).toMatchObject({ timeZone: 'Asia/Urumqi', geofence: null, address: '浦东新区世纪大道 1 号' });
    const list = (await t.as('employee').get(`${base}?companyId=${t.companyId}`)).json();
    expect(list).toMatchObject({ total: allBefore + 1, page: 1, pageSize: 50 });
    const off = await hr.post(`${base}/${siteId}/deactivate`);
    expect(off.json().active).toBe(false);
    expect((await hr.get(`${base}?companyId=${t.companyId}&active=true`)).json().total).toBe(activeBefore);
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=site&entityId=${siteId}`)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['site.deactivate', 'site.update', 'site.create']);
    expect(audit[1]).toMatchObject({ before: { timeZone: 'Asia/Shanghai', geofence: { radiusM: 200 } }, after: { timeZone: 'Asia/Urumqi', geofence: null } });
  });

  it('rejects bad zones, out-of-range geofences and duplicate names, writing nothing', async () => {
    const hr = t.as('hr');
    const id = (await hr.post(base, { companyId: t.companyId, name: '北京分部' })).json().id;
    const before = await total();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ timeZone: 'Asia/Beijing' }, 'INVALID_TIME_ZONE', 'body.timeZone'],
      [{ geofence: { lat: 91, lng: 0, radiusM: 100 } }, 'VALIDATION_FAILED', 'body.geofence.lat'],
      [{ geofence: { lat: 0, lng: -181, radiusM: 100 } }, 'VALIDATION_FAILED', 'body.geofence.lng'],
      [{ geofence: { lat: 0, lng: 0, radiusM: 5 } }, 'VALIDATION_FAILED', 'body.geofence.radiusM'],
      [{ geofence: { lat: 0, lng: 0 } }, 'VALIDATION_FAILED', 'body.geofence.radiusM'],
      [{ name: '' }, 'VALIDATION_FAILED', 'body.name'],
    ];
    for (const [patch, code, path] of cases) {
      const res = await hr.post(base, { companyId: t.companyId, name: '新站点', ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().error.code, JSON.stringify(patch)).toBe(code);
      expect(res.json().error.details.problems.map((p: { path: string }) => p.path), JSON.stringify(patch)).toContain(path);
    }
    const dup = await hr.post(base, { companyId: t.companyId, name: '北京分部' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'DUPLICATE_SITE_NAME', details: { field: 'body.name' } });
    expect((await hr.patch(`${base}/${id}`, { timeZone: 'Nowhere/Land' })).json().error.code).toBe('INVALID_TIME_ZONE');
    expect(await total()).toBe(before);
    expect((await hr.get(`${base}/${id}`)).json().timeZone).toBe('Asia/Shanghai');
  });

  it('hides other companies and lets only admin and HR write', async () => {
    const siteId = (await t.as('hr').post(base, { companyId: t.companyId, name: '广州分部' })).json().id;
    expect((await t.as('otherHr').get(`${base}?companyId=${t.companyId}`)).statusCode).toBe(404);
    expect((await t.as('otherHr').get(`${base}/${siteId}`)).statusCode).toBe(404);
    expect((await t.as('otherHr').get(base)).json().total).toBe(0);
    expect((await t.as('otherHr').patch(`${base}/${siteId}`, { name: 'x' })).statusCode).toBe(404);
    expect((await t.as('employee').post(base, { companyId: t.companyId, name: 'x' })).statusCode).toBe(403);
    expect((await t.as('manager').patch(`${base}/${siteId}`, { name: 'x' })).statusCode).toBe(403);
    expect((await t.as('employee').post(`${base}/${siteId}/deactivate`)).statusCode).toBe(403);
    expect((await t.as('admin').get(`${base}/${siteId}`)).json().name).toBe('广州分部');
  });
});
