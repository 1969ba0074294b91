import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryDeviceGateway } from '../../../src/sources/device-gateway.js';
import { digestResponse, DigestSession, parseChallenge, verifyDigest } from '../../../src/sources/hikvision/digest.js';
import { parseIsapiPush, splitMultipart } from '../../../src/sources/hikvision/event-parse.js';
import { hikDirection, hikTime, mapHikEvent, mapHikEvents, type HikEvent } from '../../../src/sources/hikvision/mapper.js';
import isapiRoutes from '../../../src/sources/hikvision/routes.js';
import { renderEventPush } from '../../../src/sources/hikvision/simulator.js';

const ctx = { sn: 'DS-K1T341AM20230101', timeZone: 'Africa/Kampala' };

function alert(event: Partial<HikEvent>, extra: Record<string, unknown> = {}) {
  return {
    ipAddress: '192.168.1.64',
    portNo: 80,
    protocol: 'HTTP',
    macAddress: 'bc:5e:33:01:02:03',
    channelID: 1,
    dateTime: '2026-09-19T18:02:38+03:00',
    activePostCount: 1,
    eventType: 'AccessControllerEvent',
    eventState: 'active',
    eventDescription: 'Access Controller Event',
    AccessControllerEvent: {
      deviceName: 'Entrance',
      majorEventType: 5,
      subEventType: 75,
      name: 'Amina',
      employeeNoString: '1452',
      serialNo: 1201,
      currentVerifyMode: 'cardOrFace',
      attendanceStatus: 'checkIn',
      currentEvent: true,
      ...event,
    },
    ...extra,
  };
}

describe('Hikvision event mapping', () => {
  it.each([
    [5, 0x4b, 'face'],
    [5, 0x01, 'card'],
    [5, 0x26, 'fingerprint'],
    [5, 0x65, 'password'],
    [5, 0x9f, 'bluetooth'],
  ] as const)('(%i, %i) is a punch by %s', (major, minor, method) => {
    const r = mapHikEvent(ctx, { major, minor, time: '2026-09-19T18:02:38+03:00', employeeNoString: '1452', serialNo: 9 });
    expect('punch' in r && r.punch.verifyMethod).toBe(method);
  });

  it.each([
    [{ major: 5, minor: 0x4c }, 'not_authentication'], // face failed
    [{ major: 5, minor: 0x06 }, 'not_authentication'], // no permission
    [{ major: 5, minor: 0x15 }, 'not_authentication'], // door unlocked
    [{ major: 3, minor: 0x400 }, 'not_access_event'], // remote open (operation)
    [{ major: 2, minor: 0x4b }, 'not_access_event'], // same minor, other major
    [{ major: 5, minor: 0x4b, employeeNoString: 'null' }, 'no_employee'],
    [{ major: 5, minor: 0x4b, employeeNoString: '' }, 'no_employee'],
    [{ major: 5, minor: 0x4b, employeeNoString: '1', time: 'yesterday' }, 'bad_time'],
  ] as const)('%o is ignored as %s', (e, reason) => {
    expect(mapHikEvent(ctx, { time: '2026-09-19T18:02:38+03:00', employeeNoString: '1452', ...e })).toEqual({ ignored: reason });
  });

  it('maps a punch: key on serial + serialNo, offset as sent, direction from attendanceStatus', () => {
    const r = mapHikEvent(ctx, { major: 5, minor: 75, time: '2026-09-19T18:02:38+08:30', employeeNoString: '1452', serialNo: 1201, attendanceStatus: 'overTimeIn', pictureURL: 'http://dev/pic/1.jpg' });
    expect(r).toMatchObject({
      punch: {
        source: 'hikvision',
        sourceRecordId: '1201',
        idempotencyKey: 'hik:DS-K1T341AM20230101:1201',
        identity: { provider: 'device', tenant: '', externalId: '1452' },
        atMs: Date.UTC(2026, 8, 19, 9, 32, 38),
        wallTime: '2026-09-19T18:02:38',
        utcOffsetMin: 510,
        timeZone: 'Africa/Kampala',
        direction: 'ot_in',
        photoRef: 'http://dev/pic/1.jpg',
      },
    });
  });

  it('reads times with Z, negative and missing offsets', () => {
    expect(hikTime('2026-01-05T08:00:00Z', 'UTC')).toEqual({ atMs: Date.UTC(2026, 0, 5, 8), wallTime: '2026-01-05T08:00:00', utcOffsetMin: 0 });
    expect(hikTime('2026-01-05T08:00:00-0500', 'UTC')?.atMs).toBe(Date.UTC(2026, 0, 5, 13));
    expect(hikTime('2026-01-05T08:00:00', 'Africa/Kampala')).toEqual({ atMs: Date.UTC(2026, 0, 5, 5), wallTime: '2026-01-05T08:00:00', utcOffsetMin: 180 });
    expect(hikTime('2026-02-30T08:00:00Z', 'UTC')).toBeNull();
    expect(hikDirection('CHECKOUT')).toBe('out');
    expect(hikDirection('undefined')).toBeNull();
  });

  it('counts ignored events by reason', () => {
    const b = mapHikEvents(ctx, [
      { event: { major: 5, minor: 75, employeeNoString: '1', serialNo: 1 }, fallbackTime: '2026-09-19T18:02:38+03:00' },
      { event: { major: 5, minor: 76, employeeNoString: '1', serialNo: 2 } },
      { event: { major: 5, minor: 21, serialNo: 3 } },
      { event: { major: 1, minor: 1024 } },
    ]);
    expect(b.punches).toHaveLength(1);
    expect(b.ignored).toEqual({ not_authentication: 2, not_access_event: 1 });
    expect(b.ignoredTotal).toBe(3);
  });
});

describe('ISAPI push bodies', () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0xd9]);

  it('multipart with a picture and the boundary-case mismatch', () => {
    const { contentType, body } = renderEventPush(alert({}), { picture: jpeg, boundaryCaseMismatch: true });
    const push = parseIsapiPush(body, contentType);
    expect(push.problems).toEqual([]);
    expect(push.alerts).toHaveLength(1);
    expect(push.alerts[0].event).toMatchObject({ majorEventType: 5, subEventType: 75, employeeNoString: '1452' });
    expect(push.pictures).toHaveLength(1);
    expect(push.pictures[0].body.equals(jpeg)).toBe(true);
    expect(splitMultipart(body, 'mime_boundary').map((p) => p.name)).toEqual(['AccessControllerEvent', 'Picture']);
  });

  it('plain JSON, doubly nested event, XML, and a missing Content-Type', () => {
    const nested = { ...alert({}), AccessControllerEvent: { AccessControllerEvent: alert({}).AccessControllerEvent } };
    expect(parseIsapiPush(Buffer.from(JSON.stringify(nested)), 'application/json').alerts[0].event?.serialNo).toBe(1201);
    const xml = `<?xml version="1.0" encoding="UTF-8"?><EventNotificationAlert><dateTime>2026-09-19T18:02:38+03:00</dateTime><eventType>AccessControllerEvent</eventType><AccessControllerEvent><majorEventType>5</majorEventType><subEventType>38</subEventType><employeeNoString>77</employeeNoString><serialNo>5</serialNo></AccessControllerEvent></EventNotificationAlert>`;
    const x = parseIsapiPush(Buffer.from(xml), 'application/xml');
    expect(x.alerts[0]).toMatchObject({ eventType: 'AccessControllerEvent', dateTime: '2026-09-19T18:02:38+03:00', event: { majorEventType: 5, subEventType: 38, employeeNoString: '77', serialNo: 5 } });
    const { body } = renderEventPush(alert({}));
    expect(parseIsapiPush(body, undefined).alerts).toHaveLength(1);
    expect(parseIsapiPush(Buffer.from('{not json'), 'application/json').problems[0]).toMatch(/invalid JSON/);
  });
});

describe('/isapi routes', () => {
  let app: FastifyInstance;
  let gw: MemoryDeviceGateway;
  beforeEach(async () => {
    gw = new MemoryDeviceGateway({ timeZone: 'Africa/Kampala' });
    app = Fastify();
    await app.register(isapiRoutes, { prefix: '/isapi', gateway: gw });
  });
  afterEach(() => app.close());

  it('stores a multipart punch once, with its picture; replays are duplicates', async () => {
    gw.addDevice(ctx.sn);
    const { contentType, body } = renderEventPush(alert({}), { picture: Buffer.from([0xff, 0xd8, 0xff, 0xd9]), boundaryCaseMismatch: true });
    const send = () => app.inject({ method: 'POST', url: `/isapi/events/${ctx.sn}`, payload: body, headers: { 'content-type': contentType } });
    const first = await send();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ punches: 1, stored: 1, duplicates: 0, ignored: 0 });
    expect((await send()).json()).toMatchObject({ punches: 1, stored: 0, duplicates: 1 });
    expect(gw.punches.get(`hik:${ctx.sn}:1201`)).toMatchObject({ direction: 'in', verifyMethod: 'face', atMs: Date.UTC(2026, 8, 19, 15, 2, 38), photoRef: `hik-${ctx.sn}-1201.jpg` });
    expect(gw.photos).toHaveLength(2);
    // The picture names its punch's key: the key the checkin is looked up by.
    expect(gw.photos[0].punchKey).toBe(`hik:${ctx.sn}:1201`);
  });

  it('counts non-punch events and heartbeats without storing', async () => {
    gw.addDevice(ctx.sn);
    const door = await app.inject({ method: 'POST', url: `/isapi/events/${ctx.sn}`, payload: JSON.stringify(alert({ subEventType: 21, employeeNoString: undefined })), headers: { 'content-type': 'application/json' } });
    expect(door.json()).toMatchObject({ punches: 0, ignored: 1, ignoredByReason: { not_authentication: 1 } });
    const hb = await app.inject({ method: 'POST', url: `/isapi/events?sn=${ctx.sn}`, payload: JSON.stringify({ eventType: 'heartBeat', dateTime: '2026-09-19T18:02:38+03:00' }), headers: { 'content-type': 'application/json' } });
    expect(hb.json()).toMatchObject({ heartbeats: 1, ignored: 0 });
    expect(gw.contacts.at(-1)?.info.kind).toBe('ping');
    expect(gw.punches.size).toBe(0);
  });

  it('refuses disabled devices and unreadable bodies; pending devices are stored pending', async () => {
    gw.addDevice('OFF1', { status: 'disabled' });
    const payload = JSON.stringify(alert({}));
    expect((await app.inject({ method: 'POST', url: '/isapi/events/OFF1', payload, headers: { 'content-type': 'application/json' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/isapi/events/X', payload: 'garbage', headers: { 'content-type': 'text/plain' } })).statusCode).toBe(400);
    const res = await app.inject({ method: 'POST', url: '/isapi/events', payload, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(200);
    expect(gw.punches.get('hik:BC5E33010203:1201')?.pending).toBe(true);
  });
});

describe('HTTP Digest (RFC 2617 / 7616 MD5 vectors)', () => {
  it('computes the published responses', () => {
    expect(
      digestResponse({ username: 'Mufasa', password: 'Circle Of Life', realm: 'testrealm@host.com', method: 'GET', uri: '/dir/index.html', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', nc: '00000001', cnonce: '0a4f113b', qop: 'auth' }),
    ).toBe('6629fae49393a05397450978507c4ef1');
    expect(
      digestResponse({
        username: 'Mufasa',
        password: 'Circle of Life',
        realm: 'http-auth@example.org',
        method: 'GET',
        uri: '/dir/index.html',
        nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
        nc: '00000001',
        cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
        qop: 'auth',
      }),
    ).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('client header verifies on the server side; nc increments; bad challenges are refused', () => {
    const s = new DigestSession('admin', 'pw');
    expect(s.authorization('POST', '/x')).toBeNull();
    expect(s.accept('Basic realm="x"')).toBe(false);
    expect(s.accept('Digest realm="r", qop="auth-int", nonce="n"')).toBe(false);
    expect(s.accept('Digest realm="r", qop="auth", nonce="abc", opaque="o", algorithm=MD5')).toBe(true);
    const h1 = s.authorization('POST', '/ISAPI/x?format=json')!;
    const h2 = s.authorization('POST', '/ISAPI/x?format=json')!;
    expect(h1).toContain('nc=00000001');
    expect(h2).toContain('nc=00000002');
    expect(verifyDigest(h1, 'POST', { admin: 'pw' }, 'r')).toMatchObject({ ok: true, nonce: 'abc', nc: 1 });
    expect(verifyDigest(h1, 'POST', { admin: 'other' }, 'r').ok).toBe(false);
    expect(verifyDigest(h1, 'GET', { admin: 'pw' }, 'r').ok).toBe(false);
    expect(parseChallenge('Digest realm="DS", nonce="n1", stale=TRUE')?.stale).toBe(true);
  });
});
