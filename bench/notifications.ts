/**
 * Clock-in reminders for a whole company: planning them from the real schedule, then delivering
 * them as DingTalk work notices to the simulator through the outbox, under DingTalk's documented
 * call limits (20 calls/s and 1 500 calls/min per app and API, enforced by the client and counted
 * by the simulator). SQLite, one process.
 *   npx tsx bench/notifications.ts [--employees 10000] [--deliver 10000] [--kill]
 * With --kill the delivery runs in a child process that is SIGKILLed halfway; this process then
 * takes over (once the child's leases run out) and the result counts what was lost (must be 0),
 * what was sent twice as calls (each send is settled as soon as it returns, so only the sends in
 * flight at the kill: at most the consumer's concurrency) and what a person received twice (0:
 * the repeat is identical content, which DingTalk drops for one person on one day).
 * Baseline in the same run: the theoretical minimum delivery time those limits allow for the
 * delivered count, one call per person. Prints one JSON object: planning time, delivery span,
 * its ratio to the minimum, calls the simulator refused for breaking a limit (must be 0),
 * duplicates and lost reminders (must be 0).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { LocalQueue } from '../src/jobs/local-queue.js';
import { createServices } from '../src/modules/index.js';
import { systemActor } from '../src/modules/auth/actor.js';
import { NOTIFICATIONS } from '../src/modules/notifications/notifications.consumer.js';
import { egressPolicy } from '../src/shared/egress/index.js';
import { SecretBox } from '../src/shared/secret-box.js';
import { startDingTalkSimulator } from '../src/sources/dingtalk/simulator/index.js';
import { dingTalkConnectorBody } from '../src/sources/platform/simulator/connector-body.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}
const employees = arg('employees', 10_000);
const deliver = Math.min(arg('deliver', employees), employees);
const DATE = '2026-12-07';
const PER_SECOND = 20;
const PER_MINUTE = 1_500;

const KILL = process.argv.includes('--kill');
/** Sends one instance has in flight at once (the notifications consumer's concurrency). */
const IN_FLIGHT = 8;

// The child of --kill: delivers what is due in the parent's database, on the parent's clock, until killed.
if (process.argv.includes('--worker')) {
  const wOffset = Number(process.env.BENCH_OFFSET);
  const wDatabase = openDatabase(`sqlite:${process.env.BENCH_DB}`);
  const wQueue = new LocalQueue(wDatabase.db, { pollMs: 20 });
  const wServices = createServices({ config: loadConfig({ DAKA_DATA_DIR: '/tmp/daka-bench', LOG_LEVEL: 'silent' }), database: wDatabase, queue: wQueue, secrets: new SecretBox(Buffer.from(process.env.BENCH_KEY!, 'hex')), now: () => Date.now() + wOffset });
  egressPolicy().allow(process.env.BENCH_SIM_URL!);
  await wServices.outbox.deliverDue(NOTIFICATIONS);
  process.exit(0);
}

// The bench's clock: planning happens at 08:00 on the date; the reminders (70 min before a 10:00
// start, so none expires while 10,000 are sent) fall due at 08:50.
let offset = Date.parse(`${DATE}T08:00:00+08:00`) - Date.now();
const now = () => Date.now() + offset;
const dbFile = path.join(mkdtempSync(path.join(tmpdir(), 'daka-bench-')), 'bench.sqlite');
const database = openDatabase(`sqlite:${dbFile}`);
const key = randomBytes(32);
await migrateToLatest(database);
const db = database.db;
const config = loadConfig({ DAKA_DATA_DIR: '/tmp/daka-bench', LOG_LEVEL: 'silent' });
const queue = new LocalQueue(db, { pollMs: 20 });
const services = createServices({ config, database, queue, secrets: new SecretBox(key), now });
const actor = systemActor('bench');

const sim = await startDingTalkSimulator({ seed: 'bench-notify', company: { users: 2 }, now });
egressPolicy().allow(sim.url);
const t0 = now();
const companyId = Number(
  (await db.insertInto('companies').values({ name: 'bench', code: 'bench-notify', time_zone: 'Asia/Shanghai', identity_match_order: '["job_number"]', active: 1, created_at_ms: t0, updated_at_ms: t0 }).returning('id').executeTakeFirstOrThrow()).id,
);
const connectorId = (await services.connectors.create(actor, dingTalkConnectorBody(sim, companyId) as never)).id;
const dept = Number((await db.insertInto('departments').values({ company_id: companyId, parent_id: null, name: '全员', code: 'ALL', manager_employee_id: null, active: 1, created_at_ms: t0, updated_at_ms: t0 }).returning('id').executeTakeFirstOrThrow()).id);
const ids: number[] = [];
for (let i = 0; i < employees; i += 500) {
  const rows = Array.from({ length: Math.min(500, employees - i) }, (_, k) => ({
    company_id: companyId, job_number: `B${i + k}`, name: `员工${i + k}`, email: null, mobile: null, department_id: dept, manager_id: null, site_id: null, time_zone: null,
    hire_date: '2025-01-01', leave_date: null, status: 'active' as const, created_at_ms: t0, updated_at_ms: t0,
  }));
  ids.push(...(await db.insertInto('employees').values(rows).returning('id').execute()).map((r) => Number(r.id)));
}
for (let i = 0; i < ids.length; i += 500) {
  await db.insertInto('external_identities').values(ids.slice(i, i + 500).map((id) => ({ company_id: companyId, employee_id: id, provider: 'dingtalk', tenant: sim.corpId, external_id: `u${id}`, created_at_ms: t0 }))).execute();
}
const shift = (await services.shiftTypes.create(actor, { companyId, code: 'D', name: '白班', start: '10:00', end: '19:00' } as never)).id;
const group = (await services.groups.create(actor, { companyId, kind: 'fixed', name: '全员', weekly: { '1': shift, '2': shift, '3': shift, '4': shift, '5': shift } } as never)).id;
await services.members.add(actor, group, { departmentId: dept, effectiveFrom: '2026-01-01' });
await services.notifications.putSettings(actor, { companyId, enabled: true, defaultChannel: 'dingtalk', kinds: ['remind_in'], remindInBeforeMin: 70 });

// Planning: every reminder of the date, as the planning job does.
const p0 = performance.now();
const planned = await services.notifications.planScheduled(() => [DATE]);
const planMs = performance.now() - p0;
const replanned = await services.notifications.planScheduled(() => [DATE]);

// Keep only `deliver` of them due (the rest cancelled), then let the clock reach 08:50 and deliver.
if (deliver < planned) {
  const keep = await db.selectFrom('outbox_deliveries').select('id').where('consumer', '=', NOTIFICATIONS).orderBy('id').limit(deliver).execute();
  await db.updateTable('outbox_deliveries').set({ status: 'cancelled' }).where('consumer', '=', NOTIFICATIONS).where('id', '>', keep[keep.length - 1].id).execute();
}
offset += 50 * 60_000;
const before = sim.stats.workNotices.length;
const receivedBefore = sim.stats.noticesReceived.length;
const d0 = performance.now();
let killedAt: number | null = null;
if (KILL) {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [...(self.endsWith('.ts') ? ['--import', 'tsx'] : []), self, '--worker'], {
    env: { ...process.env, BENCH_DB: dbFile, BENCH_KEY: key.toString('hex'), BENCH_OFFSET: String(offset), BENCH_SIM_URL: sim.url },
    stdio: 'inherit',
  });
  while (sim.stats.workNotices.length - before < deliver / 2 && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  killedAt = sim.stats.workNotices.length - before;
  // The child's leases (60 s) must run out before this process may take its deliveries over. The
  // simulator's rate windows run on real time: a real second lets the child's last calls leave the
  // per-second window, as the 60 s would in a real takeover.
  offset += 61_000;
  await new Promise((r) => setTimeout(r, 1_100));
}
await services.outbox.deliverDue(NOTIFICATIONS);
const spanMs = performance.now() - d0;
const notices = sim.stats.workNotices.slice(before);
const recipients = notices.flatMap((n) => n.userIds);
const unique = new Set(recipients);
// What people got, after DingTalk dropped identical content to one person on one day.
const received = sim.stats.noticesReceived.slice(receivedBefore).map((n) => n.userId);
const receivedTwice = received.length - new Set(received).size;
// A second call to one person with the same content is a resend of a send in flight at the kill; other content twice would be a real duplicate.
const contents = new Map<string, Set<string>>();
for (const n of notices) for (const u of n.userIds) contents.set(u, (contents.get(u) ?? new Set()).add(JSON.stringify(n.msg)));
const differingTwice = [...contents.values()].filter((c) => c.size > 1).length;
const delivered = await db.selectFrom('outbox_deliveries').select(({ fn }) => fn.countAll<number>().as('n')).where('consumer', '=', NOTIFICATIONS).where('status', '=', 'delivered').executeTakeFirstOrThrow();
// One call per person: the 20/s window allows `deliver` calls in (deliver − 1)/20 s; the per-minute window in whole minutes.
const minMs = Math.max(((deliver - 1) / PER_SECOND) * 1_000, Math.floor((deliver - 1) / PER_MINUTE) * 60_000);
// Every call the simulator refused for a rate window (overLimit breaks the same count down by window).
const refused = sim.stats.qpsRejected;
const lost = deliver - unique.size;
const result = KILL
  ? {
      benchmark: 'notifications',
      mode: 'sigkill',
      employees,
      delivered: deliver,
      deliveredRows: Number(delivered.n),
      killedAfterNotices: killedAt,
      sentTwice: recipients.length - unique.size,
      receivedTwice,
      droppedByPlatform: sim.stats.identicalNoticesDropped,
      differingTwice,
      lost,
      refusedForLimits: refused,
      targets: {
        noneLost: lost === 0,
        noDifferingDuplicates: differingTwice === 0,
        noneReceivedTwice: receivedTwice === 0,
        resendsOnlyInFlight: recipients.length - unique.size <= IN_FLIGHT,
      },
    }
  : {
      benchmark: 'notifications',
      employees,
      planned,
      replannedAdded: replanned,
      planMs: Math.round(planMs),
      delivered: deliver,
      deliveredRows: Number(delivered.n),
      spanMs: Math.round(spanMs),
      theoreticalMinMs: Math.round(minMs),
      ratio: +(spanMs / Math.max(1, minMs)).toFixed(3),
      refusedForLimits: refused,
      duplicates: recipients.length - unique.size,
      receivedTwice,
      lost,
      connectorId,
      overLimit: sim.stats.overLimit,
      qpsRejected: sim.stats.qpsRejected,
      targets: {
        allPlanned: planned === employees && replanned === 0,
        withinLimits: refused === 0,
        ratioAtMost1_2: spanMs <= 1.2 * minMs,
        noDuplicates: recipients.length === unique.size,
        noneLost: unique.size === deliver,
      },
    };
console.log(JSON.stringify(result));
services.notifications.mail.close();
await sim.close();
await database.close();
process.exit(0);
