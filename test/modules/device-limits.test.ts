/**
 * The unauthenticated device endpoints under limits: new serials per source address, pending
 * devices, held punches per pending device and photo bytes per device. Past a limit the device gets
 * a non-OK reply (it keeps its data and retries after ErrorDelay) and the devices page says so.
 * Also: company device policy (token required, allowed addresses required), locking a device to
 * the address it registered from on approval, and the documented `Authorization: Bearer` token.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sourcePlugins } from '../../src/sources/plugins.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const START = Date.UTC(2026, 2, 10, 1, 0, 0);
const attlog = (pins: string[], day = '2026-03-10') => pins.map((p, i) => `${p}\t${day} 08:0${i}:00\t0\t1\t0\t0\t0`).join('\n') + '\n';
const photo = (name: string, size: number) => Buffer.concat([Buffer.from(`PIN=${name}\nSN=X\nsize=${size}\nCMD=uploadphoto\0`), Buffer.alloc(size, 7)]);

describeEachDb('device endpoint limits', (db) => {
  let t: TestApp;
  const clock = { now: START };
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const sn = (name: string) => `${name}${tag}`;
  const poll = (serial: string, remoteAddress = '127.0.0.1', headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/iclock/getrequest?SN=${serial}`, remoteAddress, headers });
  const upload = (serial: string, table: string, payload: string | Buffer, remoteAddress = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url: `/iclock/cdata?SN=${serial}&table=${table}`, payload: Buffer.isBuffer(payload) ? payload : Buffer.from(payload), remoteAddress, headers: { 'content-type': 'application/octet-stream' } });
  const deviceId = async (serial: string) => (await t.database.db.selectFrom('devices').select('id').where('serial_number', '=', serial).executeTakeFirstOrThrow()).id;
  const limits = async () => (await t.as('admin').get('/api/v1/devices/limits')).json();

  beforeAll(async () => {
    t = await createTestApp(db(), {
      now: () => clock.now,
      plugins: sourcePlugins,
      env: { DAKA_DEVICE_MAX_PENDING: '3', DAKA_DEVICE_NEW_PER_HOUR: '2', DAKA_DEVICE_MAX_HELD_PUNCHES: '3', DAKA_DEVICE_PHOTO_MB: '1' },
    });
  });
  afterAll(async () => {
    await t?.app.close();
  });

  it('limits new serials per source address and pending devices, answering 503 so the device backs off', async () => {
    expect((await poll(sn('A'), '127.0.0.5')).statusCode).toBe(200);
    expect((await poll(sn('B'), '127.0.0.5')).statusCode).toBe(200);
    const third = await poll(sn('C'), '127.0.0.5');
    expect(third.statusCode).toBe(503);
    expect(third.body).toMatch(/^ERROR/);
    expect((await poll(sn('D'), '127.0.0.6')).statusCode).toBe(200);
    expect((await poll(sn('E'), '127.0.0.7')).statusCode).toBe(503);
    // A device already known keeps working.
    expect((await poll(sn('A'), '127.0.0.5')).statusCode).toBe(200);
    clock.now += 3_600_000;
    expect((await poll(sn('F'), '127.0.0.5')).statusCode).toBe(503); // the address may again, the queue is full
    const status = await limits();
    expect(status).toMatchObject({ pendingDevices: 3, limits: { maxPendingDevices: 3, newSerialsPerAddressPerHour: 2 }, refusals: { new_serials: 1, pending_devices: 2 } });
    expect((await t.as('hr').get('/api/v1/devices/limits')).statusCode).toBe(200);
    expect((await t.as('employee').get('/api/v1/devices/limits')).statusCode).toBe(403);
    expect(await t.database.db.selectFrom('devices').select('id').where('serial_number', 'in', [sn('C'), sn('E'), sn('F')]).execute()).toHaveLength(0);
  });

  it('holds at most the limit of punches for a pending device, says so on the device, and approval can lock it to its address', async () => {
    const serial = sn('A');
    expect((await upload(serial, 'ATTLOG', attlog(['E001', 'E001']), '127.0.0.5')).body).toBe('OK:2');
    const over = await upload(serial, 'ATTLOG', attlog(['E001', 'E001'], '2026-03-11'), '127.0.0.5');
    expect(over.statusCode).toBe(503);
    const id = await deviceId(serial);
    expect((await t.as('admin').get(`/api/v1/devices/${id}`)).json()).toMatchObject({ limitHit: 'held_punches', limitHitAtMs: clock.now, heldPunches: 2, lastIp: '127.0.0.5' });
    const approved = await t.as('admin').post(`/api/v1/devices/${id}/approve`, { companyId: t.companyId, lockToAddress: true });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().device).toMatchObject({ allowedIps: ['127.0.0.5'], limitHit: null });
    expect((await upload(serial, 'ATTLOG', attlog(['E001', 'E001'], '2026-03-11'), '127.0.0.5')).body).toBe('OK:2');
    expect((await poll(serial, '127.0.0.6')).statusCode).toBe(403);
  });

  it('stores at most the limit of photo bytes per device', async () => {
    const serial = sn('P');
    expect((await t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor: 'zkteco', serialNumber: serial, name: 'photo' })).statusCode).toBe(201);
    expect((await upload(serial, 'ATTPHOTO', photo('20260310080000-E001.jpg', 600 * 1024))).body).toBe('OK');
    // The same photo again (a device re-sends after a reset) is neither stored nor counted twice.
    expect((await upload(serial, 'ATTPHOTO', photo('20260310080000-E001.jpg', 600 * 1024))).body).toBe('OK');
    const over = await upload(serial, 'ATTPHOTO', photo('20260310080100-E001.jpg', 600 * 1024));
    expect(over.statusCode).toBe(503);
    expect((await t.as('hr').get(`/api/v1/devices/${await deviceId(serial)}`)).json().limitHit).toBe('photo_bytes');
    expect((await limits()).refusals.photo_bytes).toBe(1);
  });

  it('a company can require device tokens and allowed addresses; the Bearer device token works', async () => {
    const serial = sn('T');
    const created = await t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor: 'zkteco', serialNumber: serial, name: 'token' });
    const id = created.json().id as number;
    const first = await poll(serial);
    expect(first.statusCode, `${created.body} ${first.body}`).toBe(200);
    const hrTry = await t.as('hr').patch(`/api/v1/companies/${t.companyId}`, { deviceRequireToken: true });
    expect(hrTry.statusCode).toBe(403);
    expect((await t.as('admin').patch(`/api/v1/companies/${t.companyId}`, { deviceRequireToken: true })).json().deviceRequireToken).toBe(true);
    clock.now += 11_000; // cached device contexts expire
    expect((await poll(serial)).statusCode).toBe(403);
    await t.as('hr').patch(`/api/v1/devices/${id}`, { authToken: 'device-token-123' });
    expect((await poll(serial)).statusCode).toBe(403);
    expect((await poll(serial, '127.0.0.1', { authorization: 'Bearer wrong-token-00' })).statusCode).toBe(403);
    expect((await poll(serial, '127.0.0.1', { authorization: 'Bearer device-token-123' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/iclock/getrequest?SN=${serial}&token=device-token-123` })).statusCode).toBe(200);

    expect((await t.as('admin').patch(`/api/v1/companies/${t.companyId}`, { deviceRequireToken: false, deviceRequireAllowedIps: true })).statusCode).toBe(200);
    clock.now += 11_000;
    expect((await poll(serial)).statusCode).toBe(403);
    await t.as('hr').patch(`/api/v1/devices/${id}`, { allowedIps: ['127.0.0.1'], authToken: null });
    expect((await poll(serial)).statusCode).toBe(200);
    expect((await poll(serial, '127.0.0.9')).statusCode).toBe(403);
    await t.as('admin').patch(`/api/v1/companies/${t.companyId}`, { deviceRequireAllowedIps: false });
  });
});
