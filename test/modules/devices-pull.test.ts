import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHikvisionSimulator, type HikSimulator } from '../../src/sources/hikvision/simulator.js';
import type { HikEvent } from '../../src/sources/hikvision/mapper.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const p2 = (n: number) => String(n).padStart(2, '0');
/** Two days of a terminal's log: face punches of E001 and M001, plus door events that are not punches. */
const EVENTS: HikEvent[] = Array.from({ length: 40 }, (_, i) => ({
  major: 5,
  minor: i % 10 === 9 ? 21 : 75,
  time: `2026-03-${p2(10 + (i % 2))}T${p2(8 + Math.floor(i / 4))}:${p2((i * 7) % 60)}:00+08:00`,
  employeeNoString: i % 10 === 9 ? undefined : i % 3 ? 'E001' : 'M001',
  serialNo: 9000 + i,
}));

describeEachDb('Hikvision back-fill over ISAPI', (db) => {
  let t: TestApp;
  let sim: HikSimulator;
  let hikId: number;
  let zkId: number;
  beforeAll(async () => {
    t = await createTestApp(db());
    sim = await startHikvisionSimulator({ events: EVENTS, username: 'admin', password: 'Passw0rd!' });
    const add = async (vendor: string, serialNumber: string) =>
      (await t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor, serialNumber, name: serialNumber })).json().id as number;
    hikId = await add('hikvision', `DS-K1T-${Date.now()}`);
    zkId = await add('zkteco', `ZK-${Date.now()}`);
    expect((await t.as('admin').patch(`/api/v1/devices/${hikId}`, { pullUrl: sim.url })).json().pullUrl).toBe(sim.url);
  });
  afterAll(async () => {
    await sim?.close();
    await t.app.close();
  });

  const body = { username: 'admin', password: 'Passw0rd!', from: '2026-03-10', to: '2026-03-11' };

  it('pulls a range into checkins once, and a second pull finds only duplicates', async () => {
    const first = await t.as('hr').post(`/api/v1/devices/${hikId}/pull`, body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ fetched: 40, stored: 36, duplicates: 0, ignored: 4, timeFilter: 'device', complete: true });
    const again = (await t.as('hr').post(`/api/v1/devices/${hikId}/pull`, body)).json();
    expect(again).toMatchObject({ stored: 0, duplicates: 36 });
    const punches = (await t.as('hr').get(`/api/v1/checkins?companyId=${t.companyId}&from=2026-03-10&to=2026-03-11&pageSize=100`)).json();
    expect(punches.total).toBe(36);
    expect(punches.items.every((p: { matched: boolean; source: string }) => p.matched && p.source === 'hikvision')).toBe(true);
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=device&entityId=${hikId}`)).json().items;
    const pulls = audit.filter((a: { action: string }) => a.action === 'device.pull').map((a: { after: { stored: number } }) => a.after.stored);
    expect(pulls).toEqual([0, 36]); // newest first
    expect(JSON.stringify(audit)).not.toContain('Passw0rd!');
  });

  it('pulls from firmware that refuses time filters by filtering the scanned log, with the same punches', async () => {
    // Events of 2026-03-09 and 2026-03-12 are outside the range and must not come in.
    const outside = [9, 12].map((d, i) => ({ major: 5, minor: 75, time: `2026-03-${p2(d)}T09:00:00+08:00`, employeeNoString: 'E001', serialNo: 8000 + i }));
    const old = await startHikvisionSimulator({ events: [...outside, ...EVENTS], username: 'admin', password: 'Passw0rd!', rejectTimeFilter: 'badParameters' });
    const sn = `DS-K1T-OLD-${Date.now()}`;
    const oldId = (await t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor: 'hikvision', serialNumber: sn, name: sn, timeZone: 'Asia/Shanghai' })).json().id as number;
    try {
      await t.as('admin').patch(`/api/v1/devices/${oldId}`, { pullUrl: old.url });
      const res = await t.as('hr').post(`/api/v1/devices/${oldId}/pull`, body);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ fetched: 40, stored: 36, duplicates: 0, ignored: 4, timeFilter: 'local', complete: true });
      expect(old.log.some((l) => l.status === 400 && l.cond?.startTime !== undefined)).toBe(true);
      const mine = (await t.as('hr').get(`/api/v1/checkins?companyId=${t.companyId}&from=2026-03-09&to=2026-03-12&pageSize=200`)).json().items as { deviceSn: string | null; wallTime: string }[];
      const fromOld = mine.filter((c) => c.deviceSn === sn);
      expect(fromOld).toHaveLength(36);
      expect(fromOld.every((c) => c.wallTime >= '2026-03-10' && c.wallTime < '2026-03-12')).toBe(true);
      // Wrong credentials are still told apart on that firmware.
      expect((await t.as('hr').post(`/api/v1/devices/${oldId}/pull`, { ...body, password: 'nope' })).json().error.code).toBe('DEVICE_CREDENTIALS_REFUSED');
    } finally {
      await old.close();
    }
  });

  it('says why a pull cannot run, and writes nothing', async () => {
    const wrong = await t.as('hr').post(`/api/v1/devices/${hikId}/pull`, { ...body, password: 'nope' });
    expect(wrong.statusCode).toBe(502);
    expect(wrong.json().error.code).toBe('DEVICE_CREDENTIALS_REFUSED');
    expect((await t.as('hr').post(`/api/v1/devices/${zkId}/pull`, body)).json().error.code).toBe('NOT_HIKVISION');
    expect((await t.as('hr').post(`/api/v1/devices/${hikId}/pull`, { ...body, to: '2026-05-30' })).json().error.code).toBe('RANGE_TOO_LONG');
    expect((await t.as('employee').post(`/api/v1/devices/${hikId}/pull`, body)).statusCode).toBeGreaterThanOrEqual(403);
  });

  it('goes only to the address an admin registered, and never repeats what the target answered', async () => {
    // The request cannot name a target any more.
    expect((await t.as('hr').post(`/api/v1/devices/${hikId}/pull`, { ...body, baseUrl: 'http://127.0.0.1:1' })).statusCode).toBe(400);
    // HR may pull, but only an admin registers where to.
    const hrSet = await t.as('hr').patch(`/api/v1/devices/${hikId}`, { pullUrl: 'http://127.0.0.1:1' });
    expect(hrSet.statusCode).toBe(403);
    expect(hrSet.json().error.code).toBe('ADMIN_ONLY_FIELD');
    const bare = (await t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor: 'hikvision', serialNumber: `DS-BARE-${Date.now()}`, name: 'bare' })).json().id as number;
    expect((await t.as('hr').post(`/api/v1/devices/${bare}/pull`, body)).json().error.code).toBe('DEVICE_PULL_ADDRESS_MISSING');

    // An internal service behind the registered address: its answers stay out of the error.
    let hits = 0;
    const probe: Server = createServer((req, res) => {
      hits++;
      if (req.url?.startsWith('/redirect')) res.writeHead(302, { location: 'http://127.0.0.2:9/' }).end();
      else res.writeHead(500, { 'content-type': 'text/plain' }).end('internal-banner-redis-6.2 secret=hunter2');
    });
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    try {
      for (const [pullUrl, code] of [
        [url, 'DEVICE_NOT_SUPPORTED'],
        [`${url}/redirect`, 'DEVICE_NOT_SUPPORTED'],
        ['http://127.0.0.1:1', 'DEVICE_UNREACHABLE'],
      ] as const) {
        await t.as('admin').patch(`/api/v1/devices/${bare}`, { pullUrl });
        const res = await t.as('hr').post(`/api/v1/devices/${bare}/pull`, body);
        expect(res.statusCode).toBe(502);
        expect(res.json().error.code).toBe(code);
        expect(res.body).not.toContain('hunter2');
        expect(res.body).not.toContain('redis');
      }
      expect(hits).toBe(2);
    } finally {
      await new Promise((r) => probe.close(r));
    }
  });
});
