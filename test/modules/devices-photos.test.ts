import { afterAll, beforeAll, expect, it } from 'vitest';
import { sourcePlugins } from '../../src/sources/plugins.js';
import { renderEventPush } from '../../src/sources/hikvision/simulator.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]);
const photoBody = (name: string) => Buffer.concat([Buffer.from(`PIN=${name}\nSN=X\nsize=${JPEG.length}\nCMD=uploadphoto\0`), JPEG]);

describeEachDb('punch photos from machines', (db) => {
  let t: TestApp;
  const serial = `ZKPHOTO${Date.now() % 100000}`;
  const post = (table: string, payload: Buffer) =>
    t.app.inject({ method: 'POST', url: `/iclock/cdata?SN=${serial}&table=${table}`, payload, headers: { 'content-type': 'application/octet-stream' } });
  beforeAll(async () => {
    t = await createTestApp(db(), { plugins: sourcePlugins });
    expect((await t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor: 'zkteco', serialNumber: serial, name: '前台', timeZone: 'Asia/Shanghai' })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('keeps the photo of a punch, whichever arrives first, and shows it to those who may see the punch', async () => {
    // The photo of 08:59:12 arrives before its punch; the 18:02:00 punch never gets a photo.
    expect((await post('ATTPHOTO', photoBody('20260310085912-E001.jpg'))).body).toBe('OK');
    const att = 'E001\t2026-03-10 08:59:12\t0\t15\t0\t0\t0\nE001\t2026-03-10 18:02:00\t1\t15\t0\t0\t0\n';
    expect((await post('ATTLOG', Buffer.from(att))).body).toBe('OK:2');
    const list = (await t.as('hr').get(`/api/v1/checkins?companyId=${t.companyId}&from=2026-03-10&to=2026-03-10`)).json().items as { id: number; wallTime: string }[];
    const morning = list.find((c) => c.wallTime === '2026-03-10T08:59:12')!;
    const evening = list.find((c) => c.wallTime === '2026-03-10T18:02:00')!;
    const photo = await t.as('hr').get(`/api/v1/checkins/${morning.id}/photo`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(photo.rawPayload, JPEG)).toBe(0);
    expect((await t.as('employee').get(`/api/v1/checkins/${morning.id}/photo`)).statusCode).toBe(200);
    expect((await t.as('otherHr').get(`/api/v1/checkins/${morning.id}/photo`)).statusCode).toBe(404);
    expect((await t.as('hr').get(`/api/v1/checkins/${evening.id}/photo`)).json().error.code).toBe('NOT_FOUND');
    // The device re-sends its photos after a reset: stored once.
    expect((await post('ATTPHOTO', photoBody('20260310085912-E001.jpg'))).body).toBe('OK');
    const n = await db().database.db.selectFrom('device_photos').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });
});

describeEachDb('event pictures from Hikvision pushes', (db) => {
  let t: TestApp;
  const serial = `DS-K1TPHOTO${Date.now() % 100000}`;
  const push = (event: Record<string, unknown>, picture?: Buffer) => {
    const alert = { ipAddress: '192.168.1.64', dateTime: '2026-03-10T08:59:12+08:00', eventType: 'AccessControllerEvent', AccessControllerEvent: { majorEventType: 5, subEventType: 75, employeeNoString: 'E001', ...event } };
    const { contentType, body } = renderEventPush(alert, picture ? { picture } : {});
    return t.app.inject({ method: 'POST', url: `/isapi/events/${serial}`, payload: body, headers: { 'content-type': contentType } });
  };
  beforeAll(async () => {
    t = await createTestApp(db(), { plugins: sourcePlugins });
    expect((await t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor: 'hikvision', serialNumber: serial, name: '大门', timeZone: 'Asia/Shanghai' })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('serves the picture pushed with an event as the photo of its checkin', async () => {
    expect((await push({ serialNo: 7001 }, JPEG)).json()).toMatchObject({ punches: 1, stored: 1 });
    // A second event of the same person without a picture has no photo.
    expect((await push({ serialNo: 7002, time: '2026-03-10T18:02:00+08:00' })).json()).toMatchObject({ punches: 1, stored: 1 });
    const list = (await t.as('hr').get(`/api/v1/checkins?companyId=${t.companyId}&from=2026-03-10&to=2026-03-10`)).json().items as { id: number; wallTime: string }[];
    const morning = list.find((c) => c.wallTime === '2026-03-10T08:59:12')!;
    const evening = list.find((c) => c.wallTime === '2026-03-10T18:02:00')!;
    const photo = await t.as('hr').get(`/api/v1/checkins/${morning.id}/photo`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(photo.rawPayload, JPEG)).toBe(0);
    expect((await t.as('employee').get(`/api/v1/checkins/${morning.id}/photo`)).statusCode).toBe(200);
    expect((await t.as('otherHr').get(`/api/v1/checkins/${morning.id}/photo`)).statusCode).toBe(404);
    expect((await t.as('hr').get(`/api/v1/checkins/${evening.id}/photo`)).json().error.code).toBe('NOT_FOUND');
    // Terminals replay stored events with their pictures: the punch and the picture are kept once.
    expect((await push({ serialNo: 7001 }, JPEG)).json()).toMatchObject({ stored: 0, duplicates: 1 });
    const n = await db().database.db.selectFrom('device_photos').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });
});
