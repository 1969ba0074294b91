/**
 * Attendance-machine figures against a real Daka server on SQLite. Prints one JSON object.
 *
 * 1. throughput: N simulated ZKTeco push devices (the wire layer's SimulatedDevice, spread over worker
 *    threads so they do not share the server's event loop) upload 128-line ATTLOG batches at once
 *    ('batches'), then the same with runDeviceFleet's mixed rounds ('mixed');
 *    committed punches/s = rows in checkins / wall time; rows are compared key by key with the
 *    simulators' ledger (lost, duplicated, unexpected).
 * 2. heartbeat: GET /iclock/getrequest with nothing queued vs. a bare Fastify route answering `OK`
 *    with the same headers, same load generator (concurrent keep-alive clients), same run.
 * 3. crash: the server runs as a child process; SIGKILL in the middle of the load, restart on the
 *    same data dir and port; devices keep re-sending unacknowledged batches; stored == generated.
 *
 * Usage: npx tsx bench/devices.ts [--devices 200] [--punches 1000] [--fleet-threads 4] [--heartbeat-seconds 5]
 *        [--crash-devices 50] [--crash-punches 1024] [--only-throughput]
 * (Also runs compiled: the workers and the crash server then start without tsx.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from './support.js';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { DB } from '../src/db/schema.js';
import { systemActor } from '../src/modules/auth/actor.js';
import { DevicesRepo } from '../src/modules/devices/devices.repo.js';
import type { Services } from '../src/modules/index.js';
import { startServer, type RunningServer } from '../src/server.js';
import { runDeviceFleet, SimulatedDevice, type FleetFaults } from '../src/sources/zkteco-push/simulator.js';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Running from compiled JavaScript (no tsx): workers and the crash server start without the loader. */
const COMPILED = import.meta.url.endsWith('.js');

// ---------- shared harness (also used by test/e2e-devices.test.ts) ----------

export async function startHub(dataDir: string): Promise<RunningServer> {
  const config = loadConfig({ DAKA_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', DAKA_ADMIN_PASSWORD: 'bench-admin-password' });
  const server = await startServer(config, { log: () => {} });
  server.url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  return server;
}

export async function createCompany(db: Kysely<DB>, code: string): Promise<number> {
  const now = Date.now();
  const row = await db
    .insertInto('companies')
    .values({ name: `Company ${code}`, code, time_zone: 'Asia/Shanghai', identity_match_order: '["job_number","email","mobile"]', active: 1, created_at_ms: now, updated_at_ms: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const serialOf = (prefix: string, i: number) => `${prefix}${String(i + 1).padStart(5, '0')}`;

/** Pre-register the fleet's serials as active devices of the company, through the service. */
export async function registerFleet(services: Services, companyId: number, prefix: string, count: number): Promise<void> {
  const actor = systemActor('bench');
  for (let i = 0; i < count; i++) {
    await services.devices.register(actor, { companyId, vendor: 'zkteco', serialNumber: serialOf(prefix, i), name: `Sim ${i + 1}` });
  }
}

/** Stored rows vs. the ledger, key by key. */
export async function compareWithLedger(db: Kysely<DB>, prefix: string, ledger: Iterable<string>) {
  const rows = await db.selectFrom('checkins').select(['idempotency_key']).where('device_sn', 'like', `${prefix}%`).execute();
  const expected = new Set(ledger);
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.idempotency_key, (seen.get(r.idempotency_key) ?? 0) + 1);
  let lost = 0;
  for (const k of expected) if (!seen.has(k)) lost++;
  let duplicated = 0;
  let unexpected = 0;
  for (const [k, n] of seen) {
    if (n > 1) duplicated += n - 1;
    if (!expected.has(k)) unexpected++;
  }
  return { generated: expected.size, stored: rows.length, lost, duplicated, unexpected };
}

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  elapsedMs?: number;
  samples?: number[];
}

/** `concurrency` clients, each issuing GETs back to back over a keep-alive agent, for `durationMs`. */
export async function loadGen(urlFor: (i: number) => string, concurrency: number, durationMs: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const one = (url: string) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - t0);
          else errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) await one(urlFor(n++));
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] * 100) / 100 : NaN);
  return { requests: latencies.length, errors, rps: Math.round((latencies.length * 1000) / elapsed), p50Ms: pct(0.5), p99Ms: pct(0.99), elapsedMs: elapsed, samples: latencies };
}

/** Several windows of one target merged: total rate and percentiles over every sample. */
export function mergeLoad(parts: LoadResult[]): Omit<LoadResult, 'samples' | 'elapsedMs'> {
  const samples = parts.flatMap((p) => p.samples ?? []).sort((a, b) => a - b);
  const elapsed = parts.reduce((s, p) => s + (p.elapsedMs ?? 0), 0);
  const pct = (p: number) => (samples.length ? Math.round(samples[Math.min(samples.length - 1, Math.floor(samples.length * p))] * 100) / 100 : NaN);
  return {
    requests: samples.length,
    errors: parts.reduce((s, p) => s + p.errors, 0),
    rps: Math.round((samples.length * 1000) / Math.max(1, elapsed)),
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
  };
}


// ---------- fleet worker ----------

interface FleetJob {
  server: string;
  count: number;
  punches: number;
  prefix: string;
  seed: number;
  faults: FleetFaults;
  mode: 'batches' | 'mixed';
}

/** Runs the fleet in a worker thread; resolves with its ledger keys and totals. */
function fleetInWorker(job: FleetJob): Promise<{ keys: string[]; totals: Record<string, number>; elapsedMs: number }> {
  return runWorker(job);
}

function runWorker<T>(job: object): Promise<T> {
  return new Promise((resolve, reject) => {
    // Workers do not inherit tsx's loader: register it, then load this file as the worker body.
    const self = JSON.stringify(import.meta.url);
    const boot = COMPILED ? `import(${self})` : `import('tsx/esm/api').then((m) => { m.register(); return import(${self}); })`;
    const w = new Worker(boot, { eval: true, workerData: job });
    w.once('message', (m: T) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`worker exited with ${code} before answering`)));
  });
}

/**
 * 'batches': every device boots (handshake, OPERLOG, first poll with INFO), then uploads full
 * 128-line ATTLOG batches back to back, as a device draining its log does.
 * 'mixed': the wire layer's runDeviceFleet rounds (live single-line punches, batches, polls).
 */
async function runBatchFleet(job: FleetJob) {
  const started = Date.now();
  const devices = Array.from(
    { length: job.count },
    (_, i) =>
      new SimulatedDevice({ sn: serialOf(job.prefix, i), server: job.server, seed: job.seed * 7919 + i, batchSize: 128, startWall: '2026-03-02 07:00:00', users: Array.from({ length: 20 }, (_, u) => ({ pin: String(1000 + u), name: `User ${1000 + u}` })) }),
  );
  await Promise.all(
    devices.map(async (d) => {
      await d.boot();
      await d.poll();
      for (let n = 0; n < job.punches; n += 128) {
        for (let i = 0; i < Math.min(128, job.punches - n); i++) d.punch();
        await d.uploadPending();
      }
    }),
  );
  const totals = { uploads: 0, requests: 0, failures: 0 };
  for (const d of devices) {
    totals.uploads += d.stats.uploads;
    totals.requests += d.stats.requests;
    totals.failures += d.stats.failures;
  }
  return { keys: devices.flatMap((d) => d.ledger.map((e) => e.key)), totals, elapsedMs: Date.now() - started };
}

interface LoadJob {
  load: true;
  /** Full URL of the bare route, or the hub base URL when `prefix` is set (getrequest of each device in turn). */
  url: string;
  prefix?: string;
  count?: number;
  concurrency: number;
  durationMs: number;
}

/** Runs the load generator in a worker thread, so the server's event loop has the main thread to itself. */
export function loadInWorker(job: Omit<LoadJob, 'load'>): Promise<LoadResult> {
  return runWorker<LoadResult>({ load: true, ...job });
}

if (!isMainThread && parentPort && (workerData as LoadJob | undefined)?.load) {
  const job = workerData as LoadJob;
  const urlFor = job.prefix ? (i: number) => `${job.url}/iclock/getrequest?SN=${serialOf(job.prefix!, i % job.count!)}` : () => job.url;
  parentPort.postMessage(await loadGen(urlFor, job.concurrency, job.durationMs));
} else if (!isMainThread && parentPort && (workerData as FleetJob | undefined)?.prefix) {
  const job = workerData as FleetJob;
  if (job.mode === 'batches') {
    parentPort.postMessage(await runBatchFleet(job));
  } else {
    const run = await runDeviceFleet({ count: job.count, server: job.server, punchesPerDevice: job.punches, batchSize: 128, seed: job.seed, snPrefix: job.prefix, faults: job.faults });
    parentPort.postMessage({ keys: [...run.ledger.keys()], totals: run.totals, elapsedMs: run.elapsedMs });
  }
}

// ---------- the three measurements ----------

async function throughputAndHeartbeat(devices: number, punches: number, heartbeatSeconds: number, fleetThreads: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'daka-bench-devices-'));
  const hub = await startHub(dir);
  const bare = Fastify();
  bare.get('/ok', async (_req, reply) => reply.header('content-type', 'text/plain').header('connection', 'close').send('OK'));
  try {
    const companyId = await createCompany(hub.database.db, 'bench-devices');
    const prefix = 'BDEV';
    const measure = async (mode: 'batches' | 'mixed', prefix: string) => {
      // The fleet is split over several worker threads (serials <prefix>A00001…, <prefix>B00001…):
      // one thread cannot open connections and render batches as fast as the server stores them.
      const shares = Array.from({ length: fleetThreads }, (_, w) => ({
        prefix: `${prefix}${String.fromCharCode(65 + w)}`,
        count: Math.floor(devices / fleetThreads) + (w < devices % fleetThreads ? 1 : 0),
      })).filter((x) => x.count > 0);
      for (const x of shares) await registerFleet(hub.services, companyId, x.prefix, x.count);
      const rounds = { ...hub.services.deviceGateway.batcher.stats };
      const started = performance.now();
      const parts = await Promise.all(shares.map((x, w) => fleetInWorker({ server: hub.url, count: x.count, punches, prefix: x.prefix, seed: 7 + w, faults: {}, mode })));
      const fleet = {
        keys: parts.flatMap((p) => p.keys),
        totals: { uploads: parts.reduce((n, p) => n + p.totals.uploads, 0), requests: parts.reduce((n, p) => n + p.totals.requests, 0) },
      };
      const elapsedMs = performance.now() - started;
      const check = await compareWithLedger(hub.database.db, prefix, fleet.keys);
      return {
        mode,
        devices,
        fleetThreads: shares.length,
        punchesPerDevice: punches,
        ...check,
        uploads: fleet.totals.uploads,
        requests: fleet.totals.requests,
        elapsedMs: Math.round(elapsedMs),
        committedPunchesPerSec: Math.round((check.stored * 1000) / elapsedMs),
        /** Group commit: ingest rounds run for this many uploads. */
        ingestRounds: hub.services.deviceGateway.batcher.stats.rounds - rounds.rounds,
        uploadsMerged: hub.services.deviceGateway.batcher.stats.uploads - rounds.uploads,
      };
    };
    const throughput = await measure('batches', prefix);
    if (process.argv.includes('--only-throughput')) return { throughput, mixed: throughput, heartbeat: null as never };
    const mixed = await measure('mixed', 'BMIX');

    await bare.listen({ host: '127.0.0.1', port: 0 });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/ok`;
    const hb = { url: hub.url, prefix, count: devices, concurrency: 50 };
    // Warm up both (caches, JIT), then measure each with the same generator.
    await loadInWorker({ ...hb, durationMs: 1000 });
    await loadInWorker({ url: bareUrl, concurrency: 50, durationMs: 1000 });
    // Alternate one-second windows so that load from elsewhere on the machine hits both alike.
    const hbParts: LoadResult[] = [];
    const bareParts: LoadResult[] = [];
    for (let i = 0; i < heartbeatSeconds; i++) {
      hbParts.push(await loadInWorker({ ...hb, durationMs: 1000 }));
      bareParts.push(await loadInWorker({ url: bareUrl, concurrency: 50, durationMs: 1000 }));
    }
    const heartbeat = mergeLoad(hbParts);
    const bareRoute = mergeLoad(bareParts);
    return {
      throughput,
      mixed,
      heartbeat: {
        concurrency: 50,
        seconds: heartbeatSeconds,
        windows: 'alternating 1 s windows, getrequest then bare',
        getrequest: heartbeat,
        bare: bareRoute,
        ratio: Math.round((heartbeat.rps / bareRoute.rps) * 100) / 100,
        note: 'both replies carry Connection: close, as the iclock plugin sends to devices',
      },
    };
  } finally {
    await bare.close();
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function spawnServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, COMPILED ? ['src/main.js'] : ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DAKA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DAKA_ADMIN_PASSWORD: 'bench-admin-password' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('Daka is running')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out.slice(-2000)}`)));
  });
}

/** Each device: boot, then batches of punches until `punches`, re-sending until acknowledged. */
async function driveDevice(dev: SimulatedDevice, punches: number, stop: () => boolean): Promise<void> {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  for (;;) {
    try {
      await dev.boot();
      break;
    } catch {
      await sleep(100);
    }
  }
  let generated = 0;
  while (generated < punches) {
    const n = Math.min(128, punches - generated);
    for (let i = 0; i < n; i++) dev.punch();
    generated += n;
    // uploadPending retries with ErrorDelay pauses; during a restart it may give up: try again.
    for (;;) {
      try {
        await dev.uploadPending();
        break;
      } catch {
        if (stop()) throw new Error(`${dev.sn}: gave up`);
        await sleep(200);
      }
    }
  }
}

async function crash(devices: number, punches: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'daka-bench-crash-'));
  const port = await freePort();
  const prefix = 'CRSH';
  // Prepare the database and the active devices before the server process starts.
  {
    const config = loadConfig({ DAKA_DATA_DIR: dir, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'silent', DAKA_ADMIN_PASSWORD: 'bench-admin-password', DAKA_WORKERS: 'false' });
    const hub = await startServer(config, { listen: false, log: () => {} });
    const companyId = await createCompany(hub.database.db, 'crash');
    await registerFleet(hub.services, companyId, prefix, devices);
    await hub.close();
  }
  let child = await spawnServer(dir, port);
  const server = `http://127.0.0.1:${port}`;
  const fleet = Array.from(
    { length: devices },
    (_, i) =>
      new SimulatedDevice({ sn: serialOf(prefix, i), server, seed: 1000 + i, batchSize: 128, msPerDelaySecond: 10, maxAttempts: 400, startWall: '2026-03-02 07:00:00', users: Array.from({ length: 20 }, (_, u) => ({ pin: String(1000 + u), name: `User ${u}` })) }),
  );
  let giveUp = false;
  const started = performance.now();
  const run = Promise.all(fleet.map((d) => driveDevice(d, punches, () => giveUp)));
  // Kill once about a third of the punches are committed.
  const target = Math.floor((devices * punches) / 3);
  const probe = openDatabase(`sqlite:${path.join(dir, 'daka.sqlite')}`);
  let atKill = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    const r = await probe.db.selectFrom('checkins').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    atKill = Number(r.n);
    if (atKill >= target) break;
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const killedAtMs = Math.round(performance.now() - started);
  await new Promise((r) => setTimeout(r, 500));
  child = await spawnServer(dir, port);
  const restartedAtMs = Math.round(performance.now() - started);
  const timer = setTimeout(() => (giveUp = true), 120_000);
  try {
    await run;
  } finally {
    clearTimeout(timer);
  }
  const ledger = fleet.flatMap((d) => d.ledger.map((e) => e.key));
  const check = await compareWithLedger(probe.db, prefix, ledger);
  await probe.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  const failures = fleet.reduce((s, d) => s + d.stats.failures, 0);
  rmSync(dir, { recursive: true, force: true });
  return { devices, punchesPerDevice: punches, committedAtKill: atKill, killedAtMs, restartedAtMs, failedUploadsSeenByDevices: failures, ...check, ok: check.lost === 0 && check.duplicated === 0 && check.unexpected === 0 };
}

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};

if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const node = process.version;
  if (process.argv.includes('--only-throughput')) {
    const r = await throughputAndHeartbeat(arg('devices', 200), arg('punches', 1000), 0, arg('fleet-threads', 4));
    process.stdout.write(JSON.stringify({ bench: 'devices', node, cpus: os.cpus().length, loadAvg1m: Math.round(os.loadavg()[0] * 10) / 10, throughput: r.throughput }) + '\n');
    process.exit(0);
  }
  const { throughput, mixed, heartbeat } = await throughputAndHeartbeat(arg('devices', 200), arg('punches', 1000), arg('heartbeat-seconds', 5), arg('fleet-threads', 4));
  const crashResult = await crash(arg('crash-devices', 50), arg('crash-punches', 1024));
  const targets = {
    punchesPerSec20k: throughput.committedPunchesPerSec >= 20_000,
    zeroLostDuplicated: [throughput, mixed].every((r) => r.lost === 0 && r.duplicated === 0 && r.unexpected === 0),
    heartbeat60pctOfBare: heartbeat.ratio >= 0.6,
    heartbeatP99Under50ms: heartbeat.getrequest.p99Ms <= 50,
    crashExact: crashResult.ok,
  };
  process.stdout.write(JSON.stringify({ bench: 'devices', node, cpus: os.cpus().length, loadAvg1m: Math.round(os.loadavg()[0] * 10) / 10, database: 'sqlite', throughput, mixedFleet: mixed, heartbeat, crash: crashResult, targets }) + '\n');
  process.exit(0);
}
