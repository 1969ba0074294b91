/**
 * A fleet of simulated ZKTeco push devices (devices.md §12) for end-to-end tests, load tests and
 * `daka simulate devices`. Each device handshakes, polls, uploads in 128-line batches over real
 * HTTP, and suffers the faults real deployments see; the fleet's ledger is the exact set of punches
 * that must end up stored, once each.
 */
import type { AddressInfo } from 'node:net';
import { MemoryDeviceGateway } from '../device-gateway.js';
import { SimulatedDevice } from './simulated-device.js';
import type { SimUser } from './simulator-commands.js';
import { prng, randInt, type WireQuirks } from './simulator-wire.js';

export { SimulatedDevice } from './simulated-device.js';
export type { SimulatedDeviceOptions, DeviceStats } from './simulated-device.js';

export interface FleetFaults {
  /** Chance per round that a device drops offline, builds a backlog, then reconnects and replays it. */
  offline?: number;
  /** Chance per round that the next upload's reply is lost after the hub committed it (a resend follows). */
  dropReply?: number;
  /** After everything is delivered, every device re-sends its whole log (firmware ignoring Stamps). */
  fullReplay?: boolean;
  /** Spread the wire quirks of real firmware over the fleet (CRLF/LF mix, trailing TAB, 10/11 fields, no Content-Type, GBK names). */
  quirks?: boolean;
}

export interface FleetOptions {
  count: number;
  /** Hub base URL, e.g. http://127.0.0.1:8080. */
  server: string;
  punchesPerDevice: number;
  batchSize?: number;
  seed?: number;
  faults?: FleetFaults;
  snPrefix?: string;
  usersPerDevice?: number;
  msPerDelaySecond?: number;
  /** Called after each device's first handshake, e.g. to queue commands for it. */
  onBoot?: (device: SimulatedDevice) => void | Promise<void>;
}

export interface FleetResult {
  devices: SimulatedDevice[];
  /** Idempotency key → the punch as generated; exactly what the hub must hold. */
  ledger: Map<string, { sn: string; pin: string; wallTime: string; status: number; verify: number }>;
  totals: { punches: number; requests: number; uploads: number; linesSent: number; failures: number; droppedReplies: number; commandsExecuted: number };
  elapsedMs: number;
}

const CHINESE_NAMES = ['张三', '李四', '王五', '赵六', '陈晓明', '刘德华', '周杰伦', '欧阳娜娜'];

/** Device i's firmware personality, cycling through the variants seen in the wild. */
function wireFor(i: number, quirks: boolean): { wire: Partial<WireQuirks>; language: number } {
  if (!quirks) return { wire: {}, language: 69 };
  switch (i % 5) {
    case 1:
      return { wire: { lineEnding: '\r\n', trailingTab: true, emptyWorkcode: true, contentType: null }, language: 69 };
    case 2:
      return { wire: { lineEnding: 'mixed', fieldCount: 11 }, language: 69 };
    case 3:
      return { wire: { fieldCount: 10, contentType: 'application-push; charset=UTF-8' }, language: 69 };
    case 4:
      return { wire: { contentType: null, trailingTab: true }, language: 83 };
    default:
      return { wire: {}, language: 69 };
  }
}

async function retry<T>(fn: () => Promise<T>, attempts = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts) throw err;
    }
  }
}

async function runDevice(dev: SimulatedDevice, opts: FleetOptions, rnd: () => number): Promise<void> {
  const f = opts.faults ?? {};
  const batch = opts.batchSize ?? 128;
  await retry(() => dev.boot());
  await opts.onBoot?.(dev);
  await retry(() => dev.poll());
  let generated = 0;
  while (generated < opts.punchesPerDevice) {
    const left = opts.punchesPerDevice - generated;
    const r = rnd();
    if (f.offline && r < f.offline) {
      // B6: the network is gone; people keep punching; the backlog goes out after reconnecting.
      dev.goOffline();
      const n = Math.min(left, randInt(rnd, 1, batch * 3));
      for (let i = 0; i < n; i++) dev.punch();
      generated += n;
      await dev.poll().catch(() => undefined);
      dev.goOnline();
    } else if (r < 0.35) {
      const n = Math.min(left, randInt(rnd, 1, 4));
      for (let i = 0; i < n; i++) await dev.livePunch();
      generated += n;
    } else {
      const n = Math.min(left, randInt(rnd, 1, batch * 2));
      for (let i = 0; i < n; i++) dev.punch();
      generated += n;
    }
    if (f.dropReply && rnd() < f.dropReply) dev.dropNextReplies(1);
    await dev.uploadPending();
    if (rnd() < 0.3) await retry(() => dev.poll());
  }
  await dev.uploadPending();
  await retry(() => dev.poll());
  if (f.fullReplay) {
    dev.replayAll();
    await dev.uploadPending();
  }
}

export async function runDeviceFleet(opts: FleetOptions): Promise<FleetResult> {
  const started = Date.now();
  const seed = opts.seed ?? 1;
  const server = opts.server.replace(/\/+$/, '');
  const devices: SimulatedDevice[] = [];
  for (let i = 0; i < opts.count; i++) {
    const { wire, language } = wireFor(i, opts.faults?.quirks ?? false);
    const users: SimUser[] = Array.from({ length: opts.usersPerDevice ?? 20 }, (_, u) => ({
      pin: String(1000 + u),
      name: language === 83 ? CHINESE_NAMES[u % CHINESE_NAMES.length] + (u >= CHINESE_NAMES.length ? String(u) : '') : `User ${1000 + u}`,
    }));
    devices.push(
      new SimulatedDevice({
        sn: `${opts.snPrefix ?? 'SIM'}${String(i + 1).padStart(5, '0')}`,
        server,
        seed: seed * 7919 + i,
        language,
        users,
        wire,
        batchSize: opts.batchSize ?? 128,
        msPerDelaySecond: opts.msPerDelaySecond ?? 0,
        startWall: '2026-03-02 07:00:00',
      }),
    );
  }
  await Promise.all(devices.map((d, i) => runDevice(d, opts, prng(seed * 104729 + i))));
  const ledger: FleetResult['ledger'] = new Map();
  const totals = { punches: 0, requests: 0, uploads: 0, linesSent: 0, failures: 0, droppedReplies: 0, commandsExecuted: 0 };
  for (const d of devices) {
    for (const e of d.ledger) if (!d.lostByClear.has(e.key)) ledger.set(e.key, { sn: d.sn, ...e });
    totals.punches += d.ledger.length;
    totals.requests += d.stats.requests;
    totals.uploads += d.stats.uploads;
    totals.linesSent += d.stats.linesSent;
    totals.failures += d.stats.failures;
    totals.droppedReplies += d.stats.droppedReplies;
    totals.commandsExecuted += d.stats.commandsExecuted;
  }
  return { devices, ledger, totals, elapsedMs: Date.now() - started };
}

export interface SimulateDevicesOptions {
  count: number;
  /** Hub URL; omitted → self-test against an in-process hub on 127.0.0.1 with MemoryDeviceGateway. */
  server?: string;
  punches?: number;
  batchSize?: number;
  seed?: number;
  faults?: FleetFaults;
  print?: (line: string) => void;
}

export interface SimulateDevicesSummary {
  server: string;
  devices: number;
  punches: number;
  linesSent: number;
  uploads: number;
  failures: number;
  elapsedMs: number;
  linesPerSecond: number;
  /** Self-test only: ledger punches missing from storage, and stored punches not in the ledger. */
  verification?: { stored: number; missing: number; unexpected: number; ok: boolean };
}

/** Entry point of `daka simulate devices --count N [--server URL]`; prints one JSON summary. */
export async function simulateDevicesCommand(opts: SimulateDevicesOptions): Promise<SimulateDevicesSummary> {
  const print = opts.print ?? ((line: string) => process.stdout.write(line + '\n'));
  let server = opts.server;
  let close: (() => Promise<void>) | undefined;
  let gateway: MemoryDeviceGateway | undefined;
  if (!server) {
    const [{ default: Fastify }, { default: iclockRoutes }] = await Promise.all([import('fastify'), import('./routes.js')]);
    gateway = new MemoryDeviceGateway();
    const app = Fastify();
    await app.register(iclockRoutes, { prefix: '/iclock', gateway });
    await app.listen({ host: '127.0.0.1', port: 0 });
    server = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    close = () => app.close();
  }
  try {
    const run = await runDeviceFleet({
      count: opts.count,
      server,
      punchesPerDevice: opts.punches ?? 1000,
      batchSize: opts.batchSize ?? 128,
      seed: opts.seed ?? 1,
      faults: opts.faults ?? { quirks: true },
    });
    const summary: SimulateDevicesSummary = {
      server,
      devices: run.devices.length,
      punches: run.ledger.size,
      linesSent: run.totals.linesSent,
      uploads: run.totals.uploads,
      failures: run.totals.failures,
      elapsedMs: run.elapsedMs,
      linesPerSecond: Math.round((run.totals.linesSent * 1000) / Math.max(1, run.elapsedMs)),
    };
    if (gateway) {
      const stored = new Set(gateway.punches.keys());
      const missing = [...run.ledger.keys()].filter((k) => !stored.has(k)).length;
      const unexpected = [...stored].filter((k) => !run.ledger.has(k)).length;
      summary.verification = { stored: stored.size, missing, unexpected, ok: missing === 0 && unexpected === 0 };
    }
    print(JSON.stringify(summary));
    return summary;
  } finally {
    await close?.();
  }
}
