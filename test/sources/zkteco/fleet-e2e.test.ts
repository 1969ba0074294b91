import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryDeviceGateway } from '../../../src/sources/device-gateway.js';
import iclockRoutes from '../../../src/sources/zkteco-push/routes.js';
import { buildDeleteUser, buildQueryAttlog, buildUpdateUser, buildVerifySumAttlog } from '../../../src/sources/zkteco-push/commands.js';
import { runDeviceFleet, SimulatedDevice, simulateDevicesCommand } from '../../../src/sources/zkteco-push/simulator.js';
import { verifyMethodFor } from '../../../src/sources/zkteco-push/mapper.js';
import { testClockOffsetMs } from '../../helpers/test-clock.js';

let app: FastifyInstance;
let gw: MemoryDeviceGateway;
let server: string;

beforeAll(async () => {
  gw = new MemoryDeviceGateway();
  app = Fastify();
  await app.register(iclockRoutes, { prefix: '/iclock', gateway: gw });
  await app.listen({ host: '127.0.0.1', port: 0 });
  server = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(() => app.close());

describe('simulated fleet over real HTTP', () => {
  it('stores exactly the ledger: nothing lost, nothing extra, despite offline/replay/lost replies and wire quirks', async () => {
    const storeCallsBefore = gw.storeCalls;
    const commandIds = new Map<string, number[]>();
    const run = await runDeviceFleet({
      count: 10,
      server,
      punchesPerDevice: 700,
      batchSize: 128,
      seed: 42,
      snPrefix: 'E2E',
      faults: { offline: 0.2, dropReply: 0.35, fullReplay: true, quirks: true },
      onBoot: (dev) => {
        const ids = [
          gw.enqueueCommand(dev.sn, buildUpdateUser({ pin: '7777', name: dev.gbk ? '新员工' : 'New Hire' })),
          gw.enqueueCommand(dev.sn, buildDeleteUser('424242')),
          gw.enqueueCommand(dev.sn, 'USER ADD PIN=1'),
          gw.enqueueCommand(dev.sn, 'INFO'),
        ];
        commandIds.set(dev.sn, ids);
      },
    });

    // Faults really happened, so duplicates reached the hub.
    expect(run.totals.droppedReplies).toBeGreaterThan(0);
    expect(run.totals.failures).toBeGreaterThan(0);
    expect(run.totals.linesSent).toBeGreaterThan(run.ledger.size * 2);
    expect(gw.storeCalls - storeCallsBefore).toBeGreaterThan(50);

    const stored = [...gw.punches.values()].filter((p) => p.deviceSn?.startsWith('E2E'));
    expect(run.ledger.size).toBe(7000);
    expect(stored.length).toBe(run.ledger.size);
    const missing = [...run.ledger.keys()].filter((k) => !gw.punches.has(k));
    expect(missing).toEqual([]);
    for (const p of stored) {
      const want = run.ledger.get(p.idempotencyKey);
      expect(want, p.idempotencyKey).toBeDefined();
      expect(p.identity.externalId).toBe(want!.pin);
      expect(p.wallTime).toBe(want!.wallTime);
      // Asia/Shanghai has no DST: the instant is the wall time minus 8 h.
      expect(p.atMs).toBe(Date.parse(want!.wallTime + 'Z') - 8 * 3_600_000);
      expect(p.direction).toBe(want!.status === 0 ? 'in' : 'out');
      expect(p.verifyMethod).toBe(verifyMethodFor(want!.verify));
    }

    // Every queued command came back, matched by id, with real-firmware return codes.
    for (const [sn, ids] of commandIds) {
      const got = gw.results.filter((r) => r.sn === sn).map((r) => [r.result.id, r.result.returnCode, r.result.cmd]);
      expect(got).toEqual([
        [String(ids[0]), 0, 'DATA'],
        [String(ids[1]), -10, 'DATA'],
        [String(ids[2]), -1002, 'USER'],
        [String(ids[3]), 0, 'INFO'],
      ]);
    }
    // GBK firmware's names arrive intact, including the one pushed by command.
    const gbkDevice = run.devices.find((d) => d.gbk)!;
    const names = gw.operLogs.filter((o) => o.sn === gbkDevice.sn && o.record.tag === 'USER').map((o) => o.record.fields.Name);
    expect(names).toContain('张三');
    expect(names).toContain('新员工');
  });

  it('DATA QUERY ATTLOG re-uploads a window as duplicates; VERIFY SUM counts it', async () => {
    const dev = new SimulatedDevice({ sn: 'QRY00001', server, seed: 3, users: [{ pin: '5', name: 'Five' }] });
    await dev.boot();
    for (let i = 0; i < 300; i++) dev.punch();
    await dev.uploadPending();
    const before = gw.punches.size;
    const from = dev.log[100].wallMs;
    const to = dev.log[199].wallMs;
    const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    const q = gw.enqueueCommand(dev.sn, buildQueryAttlog(fmt(from), fmt(to)));
    const v = gw.enqueueCommand(dev.sn, buildVerifySumAttlog(fmt(from), fmt(to)));
    const uploadsBefore = dev.stats.uploads;
    expect(await dev.poll()).toBe(2);
    expect(dev.stats.uploads).toBe(uploadsBefore + 1);
    expect(gw.punches.size).toBe(before);
    const results = gw.results.filter((r) => r.sn === dev.sn).map((r) => r.result);
    expect(results.find((r) => r.id === String(q))?.returnCode).toBe(0);
    expect(results.find((r) => r.id === String(v))?.fields.attlogsum).toBe('100');
  });

  it.each(['Asia/Kolkata', 'America/New_York', 'Asia/Shanghai'])('a device whose clock is set from Date + TimeZone (%s) punches at the right instant', async (zone) => {
    const sn = `TZ${zone.replace(/\W/g, '')}`;
    gw.addDevice(sn, { timeZone: zone, pushOptions: { sendTimeZone: true } });
    const dev = new SimulatedDevice({ sn, server, seed: 6, applyTimeZoneFromServer: true });
    // The device sets its clock from the HTTP Date header, which Node stamps from the machine's real
    // clock even when the test clock (DAKA_TEST_NOW) moves the process's Date: compare with that.
    const before = Date.now() - testClockOffsetMs();
    await dev.boot();
    const p = dev.punch();
    await dev.uploadPending();
    const stored = gw.punches.get(dev.ledger[0].key)!;
    // punch() moves the clock 1..900 s forward; the Date header has 1 s resolution.
    const offset = stored.atMs - before;
    expect(offset).toBeGreaterThan(-2000);
    expect(offset).toBeLessThan(902_000);
    expect(stored.wallTime).toBe(dev.ledger[0].wallTime);
    expect(p.pin).toBe(stored.identity.externalId);
  });

  it('a REBOOT command makes the device handshake again', async () => {
    const dev = new SimulatedDevice({ sn: 'RBT00001', server, seed: 4 });
    await dev.boot();
    gw.enqueueCommand(dev.sn, 'REBOOT');
    const handshakes = () => gw.contacts.filter((c) => c.sn === dev.sn && c.info.kind === 'handshake').length;
    expect(handshakes()).toBe(1);
    await dev.poll();
    await dev.poll();
    expect(handshakes()).toBe(2);
  });

  it('a storage outage loses nothing: the device keeps its batch until the hub says OK', async () => {
    const dev = new SimulatedDevice({ sn: 'OUT00001', server, seed: 5, maxAttempts: 3 });
    await dev.boot();
    for (let i = 0; i < 50; i++) dev.punch();
    gw.failStores = true;
    await expect(dev.uploadPending()).rejects.toThrow(/upload failed/);
    expect(dev.pendingCount).toBe(50);
    gw.failStores = false;
    await dev.uploadPending();
    expect(dev.pendingCount).toBe(0);
    expect(dev.ledger.every((e) => gw.punches.has(e.key))).toBe(true);
  });

  it('simulateDevicesCommand self-test verifies its own ledger', async () => {
    const lines: string[] = [];
    const summary = await simulateDevicesCommand({ count: 3, punches: 200, seed: 9, faults: { quirks: true, dropReply: 0.3 }, print: (l) => lines.push(l) });
    expect(summary.verification).toEqual({ stored: 600, missing: 0, unexpected: 0, ok: true });
    expect(JSON.parse(lines[0])).toMatchObject({ devices: 3, punches: 600 });
  });
});
