/**
 * Webhook delivery throughput: `attendance_day.changed` events, as a bulk recompute would append
 * them, delivered signed to a local receiver (its own thread, checking every signature).
 *
 *   npx tsx bench/webhooks.ts [--events 100000] [--employees 5000] [--dialect sqlite|postgres] [--pg URL]
 *
 * Measures, in one run:
 * - append: the cost the events add to the writing transactions (500 a transaction, as the
 *   recompute writes days), against the same transactions with nobody subscribed (nothing written);
 * - delivery: dispatch plus delivery of every event until the receiver has all of them, in events/s,
 *   against the baseline of plain keep-alive POSTs of the same bodies to the same receiver
 *   (what HTTP alone allows here). Target: ≥ 2,000 events/s.
 * Prints ONE JSON object.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { LocalQueue } from '../src/jobs/local-queue.js';
import { systemActor } from '../src/modules/auth/actor.js';
import { createServices } from '../src/modules/index.js';
import { domainEvent } from '../src/modules/outbox/event-payloads.js';
import { WEBHOOKS_CONSUMER } from '../src/modules/webhooks/webhooks.consumer.js';
import { SecretBox } from '../src/shared/secret-box.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const EVENTS = Number(arg('events', '100000'));
const EMPLOYEES = Math.min(Number(arg('employees', '5000')), EVENTS);
const DIALECT = arg('dialect', 'sqlite');
const PG_URL = arg('pg', process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test');
const TARGET_EVENTS_PER_S = 2_000;
const CHUNK = 500;

/** The receiver: its own thread, verifies each signature (HMAC-SHA256 over id.timestamp.body), counts distinct ids. */
const RECEIVER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { createHmac } = require('node:crypto');
const key = Buffer.from(workerData.secret.slice(6), 'base64');
const seen = new Set(); let bad = 0; let requests = 0; let target = 0;
const server = http.createServer((req, res) => {
  const chunks = []; req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    requests++;
    const body = Buffer.concat(chunks).toString();
    const id = req.headers['webhook-id'];
    if (id) {
      const sig = 'v1,' + createHmac('sha256', key).update(id + '.' + req.headers['webhook-timestamp'] + '.' + body).digest('base64');
      if (!String(req.headers['webhook-signature']).split(' ').includes(sig)) bad++; else seen.add(id);
    }
    res.writeHead(204).end();
    if (target && seen.size >= target) { parentPort.postMessage({ done: seen.size, bad, requests }); target = 0; }
  });
});
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => { if (m.expect) { target = m.expect; seen.clear(); bad = 0; requests = 0; } });
`;

async function main() {
  const database =
    DIALECT === 'postgres'
      ? openDatabase(PG_URL, { schema: `bench_wh_${randomBytes(4).toString('hex')}` })
      : openDatabase(`sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'daka-bench-')), 'bench.sqlite')}`);
  await migrateToLatest(database);
  const db = database.db;
  const config = loadConfig({ DAKA_DATA_DIR: '/tmp/daka-bench', LOG_LEVEL: 'silent', DAKA_CONNECTOR_BASE_URLS: 'http://127.0.0.1:*' });
  const services = createServices({ config, database, queue: new LocalQueue(db, { pollMs: 1_000 }), secrets: new SecretBox(randomBytes(32)) });
  const now = Date.now();
  const companyId = Number(
    (
      await db
        .insertInto('companies')
        .values({ name: 'bench', code: `bench-${randomBytes(3).toString('hex')}`, time_zone: 'Asia/Shanghai', identity_match_order: '["job_number"]', active: 1, created_at_ms: now, updated_at_ms: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  );
  const after = { status: 'normal', dayType: 'workday', late: false, lateMinutes: 0, lateLevel: 'none', early: false, earlyMinutes: 0, missingIn: false, missingOut: false, workedMinutes: 480, overtimeMinutes: 0, leaveType: null, leaveMinutes: 0, inTime: '2026-10-12T09:00:00+08:00', outTime: '2026-10-12T18:00:00+08:00', reasons: [] };
  const events = Array.from({ length: EVENTS }, (_, i) => {
    const e = (i % EMPLOYEES) + 1;
    const day = Math.floor(i / EMPLOYEES);
    return domainEvent(companyId, 'attendance_day.changed', `employee:${e}`, { employeeId: e, employeeNo: `E${e}`, name: `员工${e}`, departmentId: null, date: `2026-10-${String((day % 28) + 1).padStart(2, '0')}`, before: null, after: { ...after, workedMinutes: 480 + day } }, now);
  });
  const appendAll = async () => {
    const t0 = performance.now();
    for (let i = 0; i < events.length; i += CHUNK) await db.transaction().execute((trx) => services.outbox.append(trx, events.slice(i, i + CHUNK)));
    return performance.now() - t0;
  };

  // Nobody subscribed: the same calls write nothing (the hot path's cost when webhooks are off).
  const appendOffMs = await appendAll();

  const worker = new Worker(RECEIVER, { eval: true, workerData: { secret: '' } });
  // The secret is only known once the endpoint exists; the receiver starts with it.
  await worker.terminate();
  const created = await services.webhooks.create(systemActor('bench'), { companyId, url: 'http://127.0.0.1:1/', eventTypes: ['attendance_day.changed'] });
  const receiver = new Worker(RECEIVER, { eval: true, workerData: { secret: created.secret } });
  const port = await new Promise<number>((r) => receiver.once('message', (m: { port: number }) => r(m.port)));
  await services.webhooks.update(systemActor('bench'), created.id, { url: `http://127.0.0.1:${port}/hooks` });
  const waitFor = (n: number) =>
    new Promise<{ done: number; bad: number; requests: number }>((r) => {
      receiver.once('message', r);
      receiver.postMessage({ expect: n });
    });

  // Baseline: plain keep-alive POSTs of the same bodies, 32 at a time, no database.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const baseline = Math.min(EVENTS, 20_000);
  const gotBaseline = waitFor(baseline);
  const tb = performance.now();
  let next = 0;
  const post = async () => {
    while (next < baseline) {
      const i = next++;
      const body = JSON.stringify(events[i].payload);
      await new Promise<void>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/hooks', method: 'POST', agent, headers: { 'content-type': 'application/json', 'webhook-id': `b${i}`, 'webhook-timestamp': '0', 'webhook-signature': 'v1,x' } }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end(body);
      });
    }
  };
  await Promise.all(Array.from({ length: 32 }, post));
  const baselineMs = performance.now() - tb;
  await Promise.race([gotBaseline, new Promise((r) => setTimeout(r, 100))]);
  agent.destroy();

  const appendOnMs = await appendAll();
  const got = waitFor(EVENTS);
  const td = performance.now();
  await services.outbox.dispatchAll(10_000);
  const dispatchMs = performance.now() - td;
  for (let i = 0; i < 100 && (await services.outbox.deliverDue(WEBHOOKS_CONSUMER)) > 0; i++);
  const result = await Promise.race([got, new Promise<null>((r) => setTimeout(() => r(null), 5_000))]);
  const deliverMs = performance.now() - td;
  const counts = await db.selectFrom('outbox_deliveries').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute();
  const eventsPerS = Math.round((EVENTS / deliverMs) * 1000);
  console.log(
    JSON.stringify({
      benchmark: 'webhooks',
      dialect: DIALECT,
      events: EVENTS,
      employees: EMPLOYEES,
      append: { offMs: Math.round(appendOffMs), onMs: Math.round(appendOnMs), perEventUs: Math.round(((appendOnMs - appendOffMs) / EVENTS) * 1000) },
      delivery: { dispatchMs: Math.round(dispatchMs), totalMs: Math.round(deliverMs), eventsPerS, received: result?.done ?? null, badSignatures: result?.bad ?? null, statuses: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) },
      baseline: { plainPostsPerS: Math.round((baseline / baselineMs) * 1000), posts: baseline },
      targets: { eventsPerS: eventsPerS >= TARGET_EVENTS_PER_S && result?.done === EVENTS && result?.bad === 0 },
    }),
  );
  await receiver.terminate();
  await database.close();
}

await main();
process.exit(0);
