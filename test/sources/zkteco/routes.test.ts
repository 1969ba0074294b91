import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryDeviceGateway } from '../../../src/sources/device-gateway.js';
import iclockRoutes from '../../../src/sources/zkteco-push/routes.js';
import { buildUpdateUser } from '../../../src/sources/zkteco-push/commands.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/devices/${name}`, import.meta.url));
const SN = 'CNYG213260182';

let app: FastifyInstance;
let gw: MemoryDeviceGateway;

beforeEach(async () => {
  gw = new MemoryDeviceGateway();
  app = Fastify();
  await app.register(iclockRoutes, { prefix: '/iclock', gateway: gw, now: () => Date.UTC(2026, 2, 2) });
  await app.ready();
});
afterEach(() => app.close());

const post = (url: string, payload: Buffer | string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload, headers: { 'user-agent': 'iClock Proxy/1.09', ...headers } });

describe('/iclock handshake', () => {
  it('answers the option block with device headers and registers an unknown SN as pending', async () => {
    const res = await app.inject({ method: 'GET', url: `/iclock/cdata?SN=${SN}&options=all&pushver=2.4.1&language=83&DeviceType=middle%20east` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['connection']).toBe('close');
    expect(res.headers['date']).toMatch(/GMT$/);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    expect(res.body.split('\n')[0]).toBe(`GET OPTION FROM: ${SN}`);
    for (const key of ['ATTLOGStamp', 'OPERLOGStamp', 'ATTPHOTOStamp', 'ErrorDelay', 'Delay', 'TransTimes', 'TransInterval', 'TransFlag', 'Realtime', 'Encrypt']) {
      expect(res.body).toMatch(new RegExp(`^${key}=`, 'm'));
    }
    expect(gw.devices.get(SN)?.status).toBe('pending');
    expect(gw.contacts[0]).toEqual({ sn: SN, info: { kind: 'handshake', pushVersion: '2.4.1', language: '83', ip: '127.0.0.1' } });
    expect(gw.devices.get(SN)?.charset).toBe('gbk');
  });

  it('refuses a disabled device and a request without SN', async () => {
    gw.addDevice(SN, { status: 'disabled' });
    expect((await app.inject({ method: 'GET', url: `/iclock/cdata?SN=${SN}&options=all` })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/iclock/cdata?options=all` })).statusCode).toBe(400);
    const up = await post(`/iclock/cdata?SN=${SN}&table=ATTLOG`, fixture('attlog-spec-lf.txt'));
    expect(up.statusCode).toBe(403);
    expect(up.body).not.toMatch(/^OK/);
    expect(gw.punches.size).toBe(0);
  });

  it('answers Security PUSH devices with the registry form', async () => {
    const res = await app.inject({ method: 'GET', url: `/iclock/cdata?SN=${SN}&options=all&pushver=3.1.2` });
    expect(res.body).toMatch(/^registry=ok\nRegistryCode=[0-9a-f]{32}\n/);
    expect(res.body).toContain('TimeoutSec=10');
  });
});

describe('/iclock ATTLOG upload', () => {
  it.each([
    ['no Content-Type, spec form', 'attlog-spec-lf.txt', {}],
    ['CRLF + trailing TAB', 'attlog-crlf-trailing-tab.txt', { 'content-type': 'text/plain' }],
    ['11 fields, application-push', 'attlog-mb10vl-11-fields.txt', { 'content-type': 'application-push; charset=UTF-8' }],
    ['a lying JSON Content-Type', 'attlog-spec-lf.txt', { 'content-type': 'application/json' }],
  ])('%s → OK:2 and two stored punches', async (_l, file, headers) => {
    gw.addDevice(SN);
    const res = await post(`/iclock/cdata?SN=${SN}&table=ATTLOG&Stamp=9999`, fixture(file), headers as Record<string, string>);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('OK:2');
    expect(res.headers['connection']).toBe('close');
    expect([...gw.punches.keys()]).toEqual([`zk:${SN}:1452:2026-03-02T08:59:12`, `zk:${SN}:1453:2026-03-02T09:00:05`]);
    expect(gw.punches.get(`zk:${SN}:1452:2026-03-02T08:59:12`)).toMatchObject({ direction: 'in', verifyMethod: 'fingerprint', atMs: Date.UTC(2026, 2, 2, 0, 59, 12), pending: false });
    expect(gw.devices.get(SN)?.stamps.attlog).toBe('9999');
  });

  it('counts duplicates in OK:n and stores nothing twice (whole history re-sent)', async () => {
    gw.addDevice(SN);
    const body = Array.from({ length: 300 }, (_, i) => `${i % 7}\t2026-03-02 ${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00\t0\t1\t0\t0\t0`).join('\n');
    expect((await post(`/iclock/cdata?SN=${SN}&table=ATTLOG`, body)).body).toBe('OK:300');
    expect((await post(`/iclock/cdata?SN=${SN}&table=ATTLOG`, body)).body).toBe('OK:300');
    expect(gw.punches.size).toBe(300);
  });

  it('applies the device status map', async () => {
    gw.addDevice(SN, { statusMap: { '0': 'out', '1': 'in' } });
    await post(`/iclock/cdata?SN=${SN}&table=ATTLOG`, fixture('attlog-spec-lf.txt'));
    expect([...gw.punches.values()].map((p) => p.direction)).toEqual(['out', 'in']);
  });

  it('passes pending devices\' punches to the gateway, marked pending', async () => {
    const res = await post(`/iclock/cdata?SN=NEWDEV&table=ATTLOG`, fixture('attlog-mb20vl-10-fields-255.txt'));
    expect(res.body).toBe('OK:1');
    expect([...gw.punches.values()][0]).toMatchObject({ pending: true, direction: null, verifyMethod: 'face', deviceSn: 'NEWDEV' });
  });

  it('never says OK when storage fails', async () => {
    gw.addDevice(SN);
    gw.failStores = true;
    const res = await post(`/iclock/cdata?SN=${SN}&table=ATTLOG`, fixture('attlog-spec-lf.txt'));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/^OK/);
  });

  it('counts unparseable lines as handled (a resend cannot fix them), stores only good ones, skips blank lines', async () => {
    gw.addDevice(SN);
    const res = await post(`/iclock/cdata?SN=${SN}&table=ATTLOG`, '1\t2026-03-02 08:00:00\t0\t1\n\ngarbage\n2\t2026-03-02 08:00:00\t0\t1\n');
    expect(res.body).toBe('OK:3');
    expect(gw.punches.size).toBe(2);
    expect((await post(`/iclock/cdata?SN=${SN}&table=ATTLOG`, '')).body).toBe('OK:0');
    expect(gw.storeCalls).toBe(1);
  });
});

describe('/iclock other tables', () => {
  it('OPERLOG with GBK names', async () => {
    gw.addDevice(SN);
    const res = await post(`/iclock/cdata?SN=${SN}&table=OPERLOG&Stamp=1`, fixture('operlog-gbk-mixed.bin'));
    expect(res.body).toBe('OK:3');
    expect(gw.operLogs.map((o) => o.record.tag)).toEqual(['OPLOG', 'USER', 'FP']);
    expect(gw.operLogs[1].record.fields.Name).toBe('张三');
  });

  it('OPERLOG names that are ambiguous bytes follow the charset learned at handshake', async () => {
    await app.inject({ method: 'GET', url: `/iclock/cdata?SN=${SN}&options=all&pushver=2.4.1&language=83` });
    const body = iconv.encode('USER PIN=9\tName=铡廷\tPri=0\n', 'gbk');
    expect((await post(`/iclock/cdata?SN=${SN}&table=OPERLOG`, body)).body).toBe('OK:1');
    expect(gw.operLogs[0].record.fields.Name).toBe('铡廷');
    await app.inject({ method: 'GET', url: `/iclock/cdata?SN=SEC1&options=all&pushver=3.1.2&language=83` });
    expect(gw.devices.get('SEC1')?.charset).toBe('utf8');
  });

  it('ATTPHOTO on /fdata, options, tabledata', async () => {
    gw.addDevice(SN);
    const photo = Buffer.concat([Buffer.from('PIN=20260302085912-1452.jpg\nSN=X\nsize=4\nCMD=uploadphoto\0'), Buffer.from([0xff, 0xd8, 0xff, 0xd9])]);
    expect((await post(`/iclock/fdata?SN=${SN}&table=ATTPHOTO`, photo)).body).toBe('OK');
    expect(gw.photos).toEqual([{ sn: SN, name: '20260302085912-1452.jpg', size: 4 }]);
    expect((await post(`/iclock/cdata?SN=${SN}&table=options`, 'FingerFunOn=1,FaceFunOn=1')).body).toBe('OK');
    expect(gw.contacts.at(-1)?.info.deviceOptions).toEqual({ FingerFunOn: '1', FaceFunOn: '1' });
    expect((await post(`/iclock/cdata?SN=${SN}&table=tabledata&tablename=user&count=2`, 'user uid=1\tpin=1\tname=Ann\nuser uid=2\tpin=2\n')).body).toBe('user=2');
    expect(gw.operLogs.map((o) => [o.record.tag, o.record.fields.pin])).toEqual([
      ['USER', '1'],
      ['USER', '2'],
    ]);
    expect((await post(`/iclock/cdata?SN=${SN}&table=tabledata&tablename=biophoto`, 'biophoto\tpin=3\tcontent=QUJD\n')).body).toBe('biophoto=1');
  });
});

describe('/iclock commands', () => {
  it('getrequest: OK when idle, queued commands as C: lines, then OK again', async () => {
    gw.addDevice(SN);
    const idle = await app.inject({ method: 'GET', url: `/iclock/getrequest?SN=${SN}` });
    expect(idle.body).toBe('OK');
    expect(idle.headers['connection']).toBe('close');
    const a = gw.enqueueCommand(SN, 'REBOOT');
    const b = gw.enqueueCommand(SN, 'DATA DELETE USERINFO PIN=9');
    const res = await app.inject({ method: 'GET', url: `/iclock/getrequest?SN=${SN}` });
    expect(res.body).toBe(`C:${a}:REBOOT\nC:${b}:DATA DELETE USERINFO PIN=9\n`);
    expect((await app.inject({ method: 'GET', url: `/iclock/getrequest?SN=${SN}` })).body).toBe('OK');
  });

  it('getrequest with INFO records the device counts', async () => {
    await app.inject({ method: 'GET', url: `/iclock/getrequest?SN=${SN}&INFO=Ver%202.0.12-20150625,3,5,1200,192.168.16.27,10,7,15,0,111` });
    expect(gw.contacts[0].info).toMatchObject({ kind: 'poll', firmware: 'Ver 2.0.12-20150625', userCount: 3, attlogCount: 1200 });
  });

  it('sends GBK command text to GBK firmware', async () => {
    gw.addDevice(SN, { charset: 'gbk' });
    const id = gw.enqueueCommand(SN, buildUpdateUser({ pin: '1452', name: '张三' }));
    const res = await app.inject({ method: 'GET', url: `/iclock/getrequest?SN=${SN}` });
    expect(iconv.decode(res.rawPayload, 'gbk')).toBe(`C:${id}:${buildUpdateUser({ pin: '1452', name: '张三' })}\n`);
  });

  it('devicecmd records every result', async () => {
    const res = await post(`/iclock/devicecmd?SN=${SN}`, fixture('devicecmd-results.txt'));
    expect(res.body).toBe('OK');
    expect(gw.results.map((r) => [r.result.id, r.result.returnCode])).toEqual([
      ['info8487', 0],
      ['fp7464', -1002],
      ['77', 0],
      ['78', 3],
    ]);
  });

  it('ping, registry and push', async () => {
    expect((await app.inject({ method: 'GET', url: `/iclock/ping?SN=${SN}` })).body).toBe('OK');
    const reg = await post(`/iclock/registry?SN=${SN}`, 'DeviceType=acc,~DeviceName=SpeedFace,FirmVer=ZAM180');
    expect(reg.body).toMatch(/^RegistryCode=[0-9a-f]{32}$/);
    expect(gw.contacts.at(-1)?.info).toMatchObject({ kind: 'registry', deviceOptions: { DeviceType: 'acc', '~DeviceName': 'SpeedFace' } });
    const push = await post(`/iclock/push?SN=${SN}`, '');
    expect(push.body).toContain('SessionID=');
    gw.devices.get(SN)!.status = 'disabled';
    expect((await post(`/iclock/registry?SN=${SN}`, '')).statusCode).toBe(406);
  });
});
