/**
 * The long fuzz run: every OpenAPI operation, `--runs` generated requests per operation per role
 * (admin, hr, manager, employee), on SQLite and PostgreSQL. Prints one JSON object: requests per
 * operation per role, 5xx count, writes on 4xx, missing error shapes, p99 of /healthz during the
 * run against the idle p99 measured first (the baseline), and the latency of far-date requests.
 *
 *   npx tsx bench/fuzz.ts [--runs 100] [--db sqlite|postgres|both]
 * Targets: ≥ 100 requests per operation per role, 0 5xx, 0 writes on 4xx, p99 /healthz ≤ 100 ms,
 * every far-date request 4xx in ≤ 50 ms.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { sourcePlugins } from '../src/sources/plugins.js';
import { fingerprinter, healthProbe, operationsOf, percentile, requestsFor, runAs, type FuzzOutcome, type Operation } from '../test/helpers/fuzz.js';
import { createTestApp, type RoleName, type TestApp } from '../test/helpers/test-app.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const RUNS = Number(arg('runs', '100'));
const DBS = arg('db', 'both') === 'both' ? (['sqlite', 'postgres'] as const) : ([arg('db', 'sqlite')] as ('sqlite' | 'postgres')[]);
const PG_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
const ROLES: RoleName[] = ['admin', 'hr', 'manager', 'employee'];
const FAR = ['9999-12-31', '0001-01-01'];
/** Each far-date request is sent this many times, for a p99 over a few hundred samples. */
const FAR_REPEAT = 10;

async function openDb(dialect: 'sqlite' | 'postgres') {
  if (dialect === 'sqlite') {
    const database = openDatabase('sqlite::memory:');
    await migrateToLatest(database);
    return { database, dialect, url: 'sqlite::memory:', schema: null, drop: () => database.close() };
  }
  const schema = `bench_fuzz_${randomBytes(4).toString('hex')}`;
  const database = openDatabase(PG_URL, { schema, poolSize: 4 });
  await migrateToLatest(database);
  return {
    database,
    dialect,
    url: PG_URL,
    schema,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    },
  };
}

/** One request per date/month parameter of an operation, with that parameter set far outside the window. */
function farDateRequests(op: Operation, companyId: number): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const isMonth = (p: Operation['params'][number]) => p.schema.format === 'month' || p.name === 'month';
  const dated = op.params.filter((p) => p.in === 'query' && (p.schema.format === 'date' || isMonth(p) || /^(from|to|date|fromDate|toDate)$/.test(p.name)));
  for (const p of dated) {
    for (const far of FAR) {
      const qs = new URLSearchParams({ companyId: String(companyId) });
      for (const other of dated) qs.set(other.name, isMonth(other) ? '2026-03' : '2026-03-02');
      qs.set(p.name, isMonth(p) ? far.slice(0, 7) : far);
      const path = op.path.replace(/\{[^}]+\}/g, '1');
      if (op.method === 'GET') out.push({ method: 'GET', url: `${path}?${qs}` });
    }
  }
  return out;
}

async function runOne(dialect: 'sqlite' | 'postgres') {
  const db = await openDb(dialect);
  const t: TestApp = await createTestApp(db, { plugins: sourcePlugins });
  try {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ops = operationsOf(doc);
    const fingerprint = await fingerprinter(db.database.db, dialect, db.schema);
    const idle = healthProbe(t, 5);
    await new Promise((r) => setTimeout(r, 1000));
    const baseline = await idle.stop();
    const probe = healthProbe(t, 20);
    const started = Date.now();
    const outcomes: FuzzOutcome[] = [];
    let seed = 1;
    const farMs: number[] = [];
    let farNot4xx = 0;
    try {
      for (const op of ops) {
        for (const role of ROLES) outcomes.push(...(await runAs(t, role, op, requestsFor(op, t.companyId, RUNS, seed++), fingerprint)));
        for (const r of farDateRequests(op, t.companyId).flatMap((x) => Array.from({ length: FAR_REPEAT }, () => x))) {
          const s = performance.now();
          const res = await t.as('employee').inject({ method: 'GET', url: r.url });
          farMs.push(performance.now() - s);
          if (res.statusCode < 400 || res.statusCode >= 500) farNot4xx++;
        }
      }
    } finally {
      var health = await probe.stop();
    }
    const perOpRole = new Map<string, number>();
    for (const o of outcomes) perOpRole.set(`${o.op.method} ${o.op.path} ${o.role}`, (perOpRole.get(`${o.op.method} ${o.op.path} ${o.role}`) ?? 0) + 1);
    const counts = [...perOpRole.values()];
    const problems = outcomes.filter((o) => o.problem);
    return {
      dialect,
      operations: ops.length,
      roles: ROLES.length,
      requests: outcomes.length,
      requestsPerOperationPerRole: { min: Math.min(...counts), max: Math.max(...counts) },
      status: { '2xx': outcomes.filter((o) => o.status < 300).length, '4xx': outcomes.filter((o) => o.status >= 400 && o.status < 500).length, '5xx': outcomes.filter((o) => o.status >= 500).length },
      writesOn4xx: problems.filter((o) => o.problem!.startsWith('wrote')).length,
      missingErrorShape: problems.filter((o) => o.problem!.startsWith('no error shape')).length,
      examples: problems.slice(0, 10).map((o) => `${o.role} ${o.request.method} ${o.request.url.slice(0, 160)} → ${o.problem!.slice(0, 160)}`),
      healthz: { samples: health.length, p99Ms: round(percentile(health, 99)), maxMs: round(Math.max(...health)), baselineIdleP99Ms: round(percentile(baseline, 99)) },
      farDates: { requests: farMs.length, not4xx: farNot4xx, p99Ms: round(percentile(farMs, 99)), maxMs: round(Math.max(0, ...farMs)) },
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await t.app.close();
    await db.drop();
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

const results = [];
for (const d of DBS) results.push(await runOne(d));
const targets = {
  requestsPerOperationPerRole: results.every((r) => r.requestsPerOperationPerRole.min >= 100),
  no5xx: results.every((r) => r.status['5xx'] === 0),
  noWritesOn4xx: results.every((r) => r.writesOn4xx === 0),
  healthzP99Within100ms: results.every((r) => r.healthz.p99Ms <= 100),
  farDatesWithin50ms: results.every((r) => r.farDates.not4xx === 0 && r.farDates.maxMs <= 50),
};
process.stdout.write(JSON.stringify({ bench: 'fuzz', runsPerOperationPerRole: RUNS, results, targets }, null, 2) + '\n');
process.exit(0);
