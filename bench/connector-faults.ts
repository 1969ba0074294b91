/**
 * A month back-fill of 300 people through the connector job queue, fault-free and under 20% faults
 * (the vendors' documented error answers), and a second company's sync started during the faulted
 * back-fill, against the simulators on 127.0.0.1 (SQLite, one process).
 *   npx tsx bench/connector-faults.ts [--users 300] [--second-users 1000] [--fault-rate 0.2]
 * Baselines measured in the same run: the fault-free back-fill, and the second sync alone (mean of
 * two). Prints one JSON object: the time ratios, the punches compared, and the calls the simulators
 * refused for breaking a documented limit (must be 0).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { LocalQueue } from '../src/jobs/local-queue.js';
import { createServices } from '../src/modules/index.js';
import { systemActor } from '../src/modules/auth/actor.js';
import { CONNECTOR_SYNC_JOB, connectorJobOptions, registerConnectorSyncWorker, type ConnectorJob } from '../src/modules/connectors/connector-jobs.js';
import { egressPolicy } from '../src/shared/egress/index.js';
import { SecretBox } from '../src/shared/secret-box.js';
import { startDingTalkSimulator } from '../src/sources/dingtalk/simulator/index.js';
import { startWeComSimulator } from '../src/sources/wecom/simulator/index.js';
import { FakeCompany } from '../src/sources/platform/simulator/fake-company.js';
import { dingTalkConnectorBody, weComConnectorBody } from '../src/sources/platform/simulator/connector-body.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
const users = arg('users', 300);
const secondUsers = arg('second-users', 1_000);
const faultRate = arg('fault-rate', 0.2);
const MONTH = '2026-10';
const SEED = 'bench-faults-300';

const database = openDatabase(`sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'daka-bench-')), 'bench.sqlite')}`);
await migrateToLatest(database);
const db = database.db;
const config = loadConfig({ DAKA_DATA_DIR: '/tmp/daka-bench', LOG_LEVEL: 'silent' });
const queue = new LocalQueue(db, { pollMs: 20 });
const services = createServices({ config, database, queue, secrets: new SecretBox(randomBytes(32)) });
services.connectors.tuning.timeoutMs = 750;

const now = Date.now();
const company = async (code: string) =>
  Number(
    (
      await db
        .insertInto('companies')
        .values({ name: code, code: `${code}-${randomBytes(3).toString('hex')}`, time_zone: 'Asia/Shanghai', identity_match_order: '["job_number","email","mobile"]', active: 1, created_at_ms: now, updated_at_ms: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  );
const [cleanCo, faultyCo, secondCo] = [await company('clean'), await company('faulty'), await company('second')];
const fake = () => new FakeCompany({ seed: SEED, users, month: MONTH });
const dingClean = await startDingTalkSimulator({ seed: SEED, company: fake() });
const dingFaulty = await startDingTalkSimulator({ seed: SEED, company: fake() });
const wecom = await startWeComSimulator({ seed: 'bench-second', company: { users: secondUsers, month: MONTH } });
// The simulators are this run's own loopback servers: allowed as an operator would allow them.
for (const sim of [dingClean, dingFaulty, wecom]) egressPolicy().allow(sim.url);
const actor = systemActor('bench');
const create = async (body: object) => (await services.connectors.create(actor, body as never)).id;
const ids = {
  clean: await create(dingTalkConnectorBody(dingClean, cleanCo, 'dingtalk')),
  faulty: await create(dingTalkConnectorBody(dingFaulty, faultyCo, 'dingtalk')),
  second: await create(weComConnectorBody(wecom, secondCo, 'wecom')),
};
for (const id of Object.values(ids)) await services.connectors.run({ connectorId: id, kind: 'directory' });
await registerConnectorSyncWorker(queue, services.connectors.syncDeps);
await queue.start();

async function timed(job: ConnectorJob) {
  const since = Date.now();
  const t0 = performance.now();
  await queue.send(CONNECTOR_SYNC_JOB, job, connectorJobOptions(job, { retryLimit: 0 }));
  for (;;) {
    const run = await db.selectFrom('connector_runs').selectAll().where('connector_id', '=', job.connectorId).where('started_at_ms', '>=', since).where('finished_at_ms', 'is not', null).executeTakeFirst();
    if (run) return { ms: Math.round(performance.now() - t0), status: run.status, error: run.error };
    await new Promise((r) => setTimeout(r, 20));
  }
}
const punchHash = async (companyId: number) => {
  const rows = await db.selectFrom('checkins').select(['external_id', 'at_ms', 'source_record_id']).where('company_id', '=', companyId).execute();
  const keys = rows.map((r) => `${r.external_id}|${r.at_ms}|${r.source_record_id}`).sort();
  return { count: keys.length, hash: createHash('sha256').update(keys.join('\n')).digest('hex') };
};

const dates = fake().monthDates();
const backfill = (connectorId: number): ConnectorJob => ({ connectorId, kind: 'punches', from: dates[0], to: dates[dates.length - 1] });
const second: ConnectorJob = { connectorId: ids.second, kind: 'punches' };

const alone = [await timed(second), await timed(second)];
const secondAloneMs = (alone[0].ms + alone[1].ms) / 2;
const clean = await timed(backfill(ids.clean));
dingFaulty.setFaults({
  rate: faultRate,
  seed: 'bench-fault-mix',
  hangMs: 1_500,
  slowMs: 400,
  kinds: { rate_limit: 3, global_rate_limit: 1, token_expired: 2, server_error: 2, system_busy: 2, html_ban: 2, timeout: 1, slow: 2 },
});
const faultedRun = timed(backfill(ids.faulty));
await new Promise((r) => setTimeout(r, 300));
const during = await timed(second);
const faulted = await faultedRun;
const [cleanPunches, faultedPunches] = [await punchHash(cleanCo), await punchHash(faultyCo)];
const overLimit = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);
const overLimitCalls = overLimit(dingClean.stats.overLimit) + overLimit(dingFaulty.stats.overLimit) + overLimit(wecom.stats.overLimit) + dingClean.stats.ipBans + dingFaulty.stats.ipBans;

await queue.stop();
await Promise.all([dingClean.close(), dingFaulty.close(), wecom.close()]);
await database.close();

const backfillRatio = +(faulted.ms / clean.ms).toFixed(3);
const secondRatio = +(during.ms / secondAloneMs).toFixed(3);
console.log(
  JSON.stringify({
    bench: 'connector-faults',
    users,
    month: MONTH,
    faultRate,
    backfill: { faultFreeMs: clean.ms, faultedMs: faulted.ms, ratio: backfillRatio, status: [clean.status, faulted.status], injected: dingFaulty.stats.faults, requests: dingFaulty.stats.requests },
    punches: { faultFree: cleanPunches.count, faulted: faultedPunches.count, identical: cleanPunches.hash === faultedPunches.hash },
    second: { platform: 'wecom', users: secondUsers, aloneMs: Math.round(secondAloneMs), duringBackfillMs: during.ms, ratio: secondRatio, status: during.status },
    overLimitCalls,
    overLimitByKind: { dingtalk: { ...dingClean.stats.overLimit, ...dingFaulty.stats.overLimit }, wecom: wecom.stats.overLimit },
    pass: {
      backfillWithin3x: backfillRatio <= 3,
      samePunches: cleanPunches.hash === faultedPunches.hash && cleanPunches.count > 0,
      noLimitBroken: overLimitCalls === 0,
      secondWithin2x: secondRatio <= 2,
      allSucceeded: [clean.status, faulted.status, during.status, alone[0].status].every((s) => s === 'succeeded'),
    },
  }),
);
