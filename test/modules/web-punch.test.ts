/**
 * Web clock-in (H5 打卡) end to end through the API on both databases: the group decides what is
 * allowed, the geofence judges the position, field work keeps its reason, a photo is stored and
 * served, and a double tap or a replayed request stores one punch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceM, judgeFix } from '../../src/modules/web-punch/geofence.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

// 上海 人民广场 and points at known distances north of it (1° latitude ≈ 111,195 m).
const SITE = { lat: 31.2304, lng: 121.4737 };
const north = (m: number) => ({ lat: SITE.lat + m / 111_195, lng: SITE.lng });
const JPEG = `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]).toString('base64')}`;

describe('geofence', () => {
  const fences = [
    { siteId: 1, name: '总部', ...SITE, radiusM: 300 },
    { siteId: 2, name: '分部', lat: 31.3, lng: 121.5, radiusM: 200 },
  ];
  it('measures great-circle distance', () => {
    expect(distanceM(SITE, north(1000))).toBeCloseTo(1000, -1);
    expect(distanceM({ lat: 39.9042, lng: 116.4074 }, SITE)).toBeGreaterThan(1_060_000);
    expect(distanceM({ lat: 39.9042, lng: 116.4074 }, SITE)).toBeLessThan(1_070_000);
  });
  it('is inside within the radius, outside beyond it (naming the nearest site), and undecided when the fix is vague', () => {
    expect(judgeFix(fences, { ...north(290), accuracyM: 20 }, 100)).toMatchObject({ kind: 'inside', siteId: 1, distanceM: 290 });
    expect(judgeFix(fences, { ...north(310), accuracyM: 20 }, 100)).toMatchObject({ kind: 'outside', siteId: 1, distanceM: 310 });
    expect(judgeFix(fences, { ...north(50), accuracyM: 150 }, 100)).toEqual({ kind: 'inaccurate', accuracyM: 150, limitM: 100 });
    expect(judgeFix([], { ...north(0), accuracyM: 5 }, 100)).toMatchObject({ kind: 'outside', siteId: null, distanceM: null });
  });
});

describeEachDb('web clock-in', (db) => {
  let t: TestApp;
  let groupId: number;
  let siteId: number;
  const emp = () => t.as('employee');
  const challenge = async () => {
    const res = await emp().get('/api/v1/me/clock');
    expect(res.statusCode, res.body).toBe(200);
    return res.json().challenge as string;
  };
  const setRules = async (webPunch: Record<string, unknown>) => {
    const res = await t.as('hr').patch(`/api/v1/attendance-groups/${groupId}`, { policy: { webPunch } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const count = async () => Number((await db().database.db.selectFrom('checkins').select((eb) => eb.fn.countAll().as('n')).where('company_id', '=', t.companyId).where('source', '=', 'web').executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp(db());
    const d = t.services.db;
    const rd = (await d.selectFrom('departments').select('id').where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).id;
    const shift = (await t.as('hr').post('/api/v1/shift-types', { companyId: t.companyId, code: 'D', name: 'D', start: '09:00', end: '18:00' })).json().id;
    const g = await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, name: '研发', kind: 'fixed', weekly: { '1': shift, '2': shift, '3': shift, '4': shift, '5': shift } });
    groupId = g.json().id;
    await t.as('hr').post(`/api/v1/attendance-groups/${groupId}/members`, { departmentId: rd, effectiveFrom: '2020-01-01' });
    const site = await t.as('hr').post('/api/v1/sites', { companyId: t.companyId, name: '总部', timeZone: 'Asia/Shanghai', geofence: { ...SITE, radiusM: 300 } });
    expect(site.statusCode, site.body).toBe(201);
    siteId = site.json().id;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('is closed until the group opens it, and only for employees', async () => {
    const status = (await emp().get('/api/v1/me/clock')).json();
    expect(status.rules.enabled).toBe(false);
    expect(status.groupName).toBe('研发');
    expect(status.fences).toEqual([{ siteId, name: '总部', lat: SITE.lat, lng: SITE.lng, radiusM: 300 }]);
    const res = await emp().post('/api/v1/me/clock', { challenge: status.challenge, location: { ...north(10), accuracyM: 10 } });
    expect(res.statusCode).toBe(403);
    expect((await t.as('hr').get('/api/v1/me/clock')).statusCode).toBe(403);
    expect((await t.as('anonymous').get('/api/v1/me/clock')).statusCode).toBe(401);
    expect(await count()).toBe(0);
  });

  it('stores a punch inside the fence at the server\'s time, with the position as evidence, once per challenge', async () => {
    await setRules({ enabled: true, location: 'required', maxAccuracyM: 100, fieldWork: false, photo: 'off' });
    const c = await challenge();
    const before = Date.now();
    const body = { challenge: c, location: { ...north(120), accuracyM: 15 } };
    // A double tap: two requests with the same challenge at once.
    const [a, b] = await Promise.all([emp().post('/api/v1/me/clock', body), emp().post('/api/v1/me/clock', body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().checkin.id).toBe(b.json().checkin.id);
    const created = [a, b].find((r) => r.statusCode === 201)!.json();
    expect(created.geofence).toEqual({ verdict: 'inside', siteId, distanceM: 120 });
    expect(created.checkin.atMs).toBeGreaterThanOrEqual(before);
    expect(created.checkin.timeZone).toBe('Asia/Shanghai');
    // A captured request replayed later changes nothing.
    const replay = await emp().post('/api/v1/me/clock', body);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().outcome).toBe('duplicate');
    expect(await count()).toBe(1);
    const row = await db().database.db.selectFrom('checkins').selectAll().where('id', '=', created.checkin.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'web', verify_method: 'gps', hold_reason: null });
    expect(JSON.parse(row.location!)).toMatchObject({ lat: north(120).lat, accuracyM: 15, geofence: { verdict: 'inside', siteId } });
    // The punch is the employee's, listed like any other.
    const listedRes = await emp().get(`/api/v1/checkins?companyId=${t.companyId}`);
    expect(listedRes.statusCode, listedRes.body).toBe(200);
    const listed = listedRes.json();
    expect(listed.items.map((i: { id: number }) => i.id)).toContain(created.checkin.id);
    // The geofence verdict is evidence HR sees with the punch.
    expect(listed.items.find((i: { id: number }) => i.id === created.checkin.id).location).toMatchObject({ accuracyM: 15, geofence: { verdict: 'inside', siteId } });
    expect((await emp().get('/api/v1/me/clock')).json().today.map((p: { id: number }) => p.id)).toContain(created.checkin.id);
  });

  it('refuses a position outside the fence, a vague fix, a missing position and a foreign or unknown challenge, writing nothing', async () => {
    const n = await count();
    const outside = await emp().post('/api/v1/me/clock', { challenge: await challenge(), location: { ...north(900), accuracyM: 10 } });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error).toMatchObject({ code: 'OUTSIDE_GEOFENCE', details: { kind: 'outside', siteId, distanceM: 900 } });
    const vague = await emp().post('/api/v1/me/clock', { challenge: await challenge(), location: { ...north(10), accuracyM: 1500 } });
    expect(vague.json().error.code).toBe('LOCATION_INACCURATE');
    const none = await emp().post('/api/v1/me/clock', { challenge: await challenge() });
    expect(none.json().error.code).toBe('LOCATION_REQUIRED');
    const unknown = await emp().post('/api/v1/me/clock', { challenge: 'A'.repeat(32), location: { ...north(10), accuracyM: 10 } });
    expect(unknown.json().error.code).toBe('CHALLENGE_UNKNOWN');
    // The manager is an employee too, but may not use the staff member's challenge.
    const foreign = await t.as('manager').post('/api/v1/me/clock', { challenge: await challenge(), location: { ...north(10), accuracyM: 10 } });
    expect(foreign.json().error.code).toBe('CHALLENGE_UNKNOWN');
    expect(await count()).toBe(n);
  });

  it('keeps a punch outside the fence as field work when the group allows it and a reason is given', async () => {
    await setRules({ fieldWork: true });
    const c = await challenge();
    const noReason = await emp().post('/api/v1/me/clock', { challenge: c, location: { ...north(5000), accuracyM: 30 } });
    expect(noReason.json().error.code).toBe('FIELD_WORK_REASON_REQUIRED');
    const ok = await emp().post('/api/v1/me/clock', { challenge: c, location: { ...north(5000), accuracyM: 30 }, fieldWorkReason: '  客户现场安装  ' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ geofence: { verdict: 'outside', siteId, distanceM: 5000 }, fieldWorkReason: '客户现场安装' });
  });

  it('takes a camera photo when the group asks for one, and serves it with the punch', async () => {
    await setRules({ photo: 'required' });
    const missing = await emp().post('/api/v1/me/clock', { challenge: await challenge(), location: { ...north(10), accuracyM: 10 } });
    expect(missing.json().error.code).toBe('PHOTO_REQUIRED');
    const fake = await emp().post('/api/v1/me/clock', { challenge: await challenge(), location: { ...north(10), accuracyM: 10 }, photo: `data:image/jpeg;base64,${Buffer.from('<svg/>').toString('base64')}` });
    expect(fake.json().error.code).toBe('PHOTO_INVALID');
    const ok = await emp().post('/api/v1/me/clock', { challenge: await challenge(), location: { ...north(10), accuracyM: 10 }, photo: JPEG });
    expect(ok.statusCode, ok.body).toBe(201);
    const photo = await emp().get(`/api/v1/checkins/${ok.json().checkin.id}/photo`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.rawPayload.equals(Buffer.from(JPEG.split(',')[1], 'base64'))).toBe(true);
    // HR may see it; to another company's HR it does not exist.
    expect((await t.as('hr').get(`/api/v1/checkins/${ok.json().checkin.id}/photo`)).statusCode).toBe(200);
    expect((await t.as('otherHr').get(`/api/v1/checkins/${ok.json().checkin.id}/photo`)).statusCode).toBe(404);
    await setRules({ photo: 'off' });
    const notAllowed = await emp().post('/api/v1/me/clock', { challenge: await challenge(), location: { ...north(10), accuracyM: 10 }, photo: JPEG });
    expect(notAllowed.json().error.code).toBe('PHOTO_NOT_ALLOWED');
  });

  it('refuses an expired challenge', async () => {
    const c = await challenge();
    await db().database.db.updateTable('punch_challenges').set({ expires_at_ms: Date.now() - 1 }).execute();
    const res = await emp().post('/api/v1/me/clock', { challenge: c, location: { ...north(10), accuracyM: 10 } });
    expect(res.json().error.code).toBe('CHALLENGE_EXPIRED');
  });
});
