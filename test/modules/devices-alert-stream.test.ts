/**
 * Following a Hikvision terminal over ISAPI's alertStream, against a real local HTTP server that
 * plays the terminal: Digest auth, then a `multipart/mixed` stream written as devices.md §8.1–8.2
 * describes it (announced `boundary=mime_boundary`, written `--MIME_boundary`; JSON parts with
 * Content-Length, a JPEG part with `Content-ID: pictureImage`, heartbeats), parts split across
 * TCP writes, a connection the device closes, a reconnect that replays an event, and refused credentials.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyDigest } from '../../src/sources/hikvision/digest.js';
import { MultipartStreamReader } from '../../src/sources/hikvision/alert-stream.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const REALM = 'DS-K1T341AM';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('fake-jpeg-body'), Buffer.from([0xff, 0xd9])]);

function jsonPart(doc: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(doc, null, '\t'));
  return Buffer.concat([Buffer.from(`--MIME_boundary\r\nContent-Type: application/json; charset="UTF-8"\r\nContent-Length: ${body.length}\r\n\r\n`), body, Buffer.from('\r\n')]);
}
function jpegPart(): Buffer {
  return Buffer.concat([Buffer.from(`--MIME_boundary\r\nContent-Type: image/jpeg\r\nContent-Length: ${JPEG.length}\r\nContent-ID: pictureImage\r\n\r\n`), JPEG, Buffer.from('\r\n')]);
}
const heartbeat = (at: string) => jsonPart({ ipAddress: '192.168.1.64', portNo: 80, protocol: 'HTTP', dateTime: at, activePostCount: 1, eventType: 'heartBeat', eventState: 'active', eventDescription: 'heartBeat' });
const access = (serialNo: number, at: string, employee = 'E001') =>
  jsonPart({
    ipAddress: '192.168.1.64',
    portNo: 80,
    protocol: 'HTTP',
    macAddress: 'bc:5e:33:01:02:03',
    channelID: 1,
    dateTime: at,
    activePostCount: 1,
    eventType: 'AccessControllerEvent',
    eventState: 'active',
    eventDescription: 'Access Controller Event',
    AccessControllerEvent: { deviceName: 'Gate', majorEventType: 5, subEventType: 75, employeeNoString: employee, serialNo, currentVerifyMode: 'cardOrFace', attendanceStatus: 'checkIn', picturesNumber: 1 },
  });

describeEachDb('hikvision alertStream', (db) => {
  let t: TestApp;
  let terminal: Server;
  let url = '';
  /** What each authenticated connection writes, in TCP-sized pieces; the last stays open. */
  const scripts: Buffer[][] = [];
  let connections = 0;
  let unauthenticated = 0;
  const open = new Set<ServerResponse>();

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url !== '/ISAPI/Event/notification/alertStream') return void res.writeHead(404).end();
    const v = verifyDigest(req.headers.authorization, 'GET', { admin: 'door-12345' }, REALM);
    if (!v.ok) {
      unauthenticated++;
      return void res.writeHead(401, { 'www-authenticate': `Digest realm="${REALM}", nonce="${Date.now().toString(16)}", qop="auth"` }).end();
    }
    const script = scripts[connections++] ?? [];
    res.writeHead(200, { 'content-type': 'multipart/mixed; boundary=mime_boundary', connection: 'keep-alive' });
    open.add(res);
    res.on('close', () => open.delete(res));
    let i = 0;
    const next = () => {
      if (i < script.length) {
        res.write(script[i++]);
        setTimeout(next, 5);
      } else if (connections === 1) res.end(); // the terminal drops the first connection
    };
    next();
  };

  beforeAll(async () => {
    t = await createTestApp(db(), { plugins: undefined });
    terminal = createServer(serve);
    await new Promise<void>((r) => terminal.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(terminal.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.services.deviceAlertStreams.stopAll();
    for (const r of open) r.destroy();
    await new Promise((r) => terminal.close(r));
    await t.app.close();
  });

  it('reads parts split anywhere, with and without Content-Length, matching the boundary case-insensitively', () => {
    const stream = Buffer.concat([heartbeat('2026-03-02T08:00:00+08:00'), access(7, '2026-03-02T08:01:00+08:00'), jpegPart(), Buffer.from('--MIME_boundary\r\nContent-Type: application/xml\r\n\r\n<EventNotificationAlert><eventType>heartBeat</eventType></EventNotificationAlert>\r\n--MIME_boundary\r\n')]);
    for (const step of [1, 7, 64, stream.length]) {
      const reader = new MultipartStreamReader('mime_boundary');
      const parts = [];
      for (let i = 0; i < stream.length; i += step) parts.push(...reader.push(stream.subarray(i, i + step)));
      expect(parts.map((p) => p.headers['content-type'])).toEqual(['application/json; charset="UTF-8"', 'application/json; charset="UTF-8"', 'image/jpeg', 'application/xml']);
      expect(parts[2].body.equals(JPEG)).toBe(true);
      expect(JSON.parse(parts[1].body.toString()).AccessControllerEvent.serialNo).toBe(7);
    }
    // A part announcing more than the bound ends the stream instead of filling memory.
    expect(() => new MultipartStreamReader('b').push(Buffer.from('--b\r\nContent-Length: 99999999\r\n\r\n'))).toThrow(/announced/);
  });

  it('ingests AcsEvent punches in real time, stores the picture with its punch, reconnects after the device drops the connection', async () => {
    const serial = `DSK${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
    const res = await t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor: 'hikvision', serialNumber: serial, name: 'Door', timeZone: 'Asia/Shanghai' });
    const id = res.json().id as number;
    await t.as('admin').patch(`/api/v1/devices/${id}`, { pullUrl: url });
    const first = Buffer.concat([heartbeat('2026-03-02T08:00:00+08:00'), access(101, '2026-03-02T08:55:00+08:00'), jpegPart()]);
    // Split mid-header and mid-picture, as TCP may.
    scripts.push([first.subarray(0, 40), first.subarray(40, first.length - 7), first.subarray(first.length - 7)]);
    scripts.push([access(101, '2026-03-02T08:55:00+08:00'), access(102, '2026-03-02T18:01:00+08:00', 'M001'), heartbeat('2026-03-02T18:01:05+08:00')]);
    // HR sets the login through the API; the sync job's pass opens the connection.
    expect((await t.as('manager').inject({ method: 'PUT', url: `/api/v1/devices/${id}/alert-stream`, payload: { username: 'admin', password: 'door-12345' } })).statusCode).toBe(403);
    expect((await t.as('hr').inject({ method: 'PUT', url: `/api/v1/devices/${id}/alert-stream`, payload: { username: 'admin', password: 'door-12345' } })).json()).toEqual({ following: true });
    const row = await db().database.db.selectFrom('device_alert_streams').selectAll().where('device_id', '=', id).executeTakeFirstOrThrow();
    expect(row.password_sealed).not.toContain('door-12345');
    expect(await t.services.deviceAlertStreams.reconcile({ backoff: { firstMs: 20, maxMs: 100 } })).toMatchObject({ following: expect.any(Number) });
    expect(t.services.deviceAlertStreams.state(id)).not.toBeNull();
    const count = async () => Number((await db().database.db.selectFrom('checkins').select((eb) => eb.fn.countAll<number>().as('n')).where('device_sn', '=', serial).executeTakeFirstOrThrow()).n);
    for (let i = 0; i < 200 && (await count()) < 2; i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 100));
    const rows = await db().database.db.selectFrom('checkins').select(['idempotency_key', 'at_ms', 'external_id']).where('device_sn', '=', serial).orderBy('at_ms').execute();
    expect(rows.map((r) => [r.idempotency_key, r.external_id, r.at_ms])).toEqual([
      [`hik:${serial}:101`, 'E001', Date.parse('2026-03-02T08:55:00+08:00')],
      [`hik:${serial}:102`, 'M001', Date.parse('2026-03-02T18:01:00+08:00')],
    ]);
    const photo = await db().database.db.selectFrom('device_photos').selectAll().where('device_id', '=', id).executeTakeFirstOrThrow();
    expect(photo.idempotency_key).toBe(`hik:${serial}:101`);
    expect(Buffer.from(photo.bytes).equals(JPEG)).toBe(true);
    // The picture that followed the event is that checkin's photo through the API.
    const morning = await db().database.db.selectFrom('checkins').select('id').where('idempotency_key', '=', `hik:${serial}:101`).executeTakeFirstOrThrow();
    const served = await t.as('hr').get(`/api/v1/checkins/${morning.id}/photo`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(served.rawPayload, JPEG)).toBe(0);
    expect(connections).toBe(2);
    expect(t.services.deviceAlertStreams.state(id)).toMatchObject({ connected: true, punches: 3, stored: 2 });
    await t.services.devicesHealth.run();
    expect((await db().database.db.selectFrom('devices').select('online').where('id', '=', id).executeTakeFirstOrThrow()).online).toBe(1);
    // Cleared: the next pass (or the request itself) ends the connection.
    expect((await t.as('hr').delete(`/api/v1/devices/${id}/alert-stream`)).json()).toEqual({ following: false });
    await t.services.deviceAlertStreams.reconcile();
    expect(t.services.deviceAlertStreams.state(id)).toBeNull();
    const audit = await db().database.db.selectFrom('audit_log').select('action').where('entity', '=', 'device').where('entity_id', '=', String(id)).where('action', 'like', 'device.alert_stream%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['device.alert_stream_set', 'device.alert_stream_cleared']);
  });

  it('refused credentials are reported and retried with growing waits; a device not registered for it is refused', async () => {
    const serial = `DSK${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
    const id = (await t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor: 'hikvision', serialNumber: serial, name: 'Door 2', timeZone: 'Asia/Shanghai' })).json().id as number;
    await expect(t.services.deviceAlertStreams.follow(id, { username: 'admin', password: 'x' })).rejects.toMatchObject({ code: 'DEVICE_PULL_ADDRESS_MISSING' });
    await t.as('admin').patch(`/api/v1/devices/${id}`, { pullUrl: url });
    const waits: number[] = [];
    const before = unauthenticated;
    await t.services.deviceAlertStreams.follow(id, { username: 'admin', password: 'wrong-password' }, {
      backoff: { firstMs: 10, maxMs: 40 },
      sleep: async (ms) => {
        waits.push(ms);
        await new Promise((r) => setTimeout(r, 1));
      },
    });
    for (let i = 0; i < 200 && waits.length < 4; i++) await new Promise((r) => setTimeout(r, 10));
    expect(t.services.deviceAlertStreams.state(id)).toMatchObject({ connected: false, lastError: 'HIKVISION_AUTH_FAILED' });
    await t.services.deviceAlertStreams.stop(id);
    expect(waits.slice(0, 4)).toEqual([10, 20, 40, 40]);
    expect(unauthenticated - before).toBeGreaterThanOrEqual(8);
  });
});
