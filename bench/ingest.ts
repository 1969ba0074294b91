/**
 * Checkin ingest through the HTTP API vs. the fastest bare write of the same rows:
 * a prepared INSERT in one transaction on SQLite, COPY on PostgreSQL.
 * Also: cold start of the built server to /healthz, and its idle RSS.
 * The server runs in its own process (the built one when dist/ exists), as it is deployed.
 * Prints one JSON object. Usage: npx tsx bench/ingest.ts [--batches 10] [--pg URL] [--only sqlite|postgres]
 * [--profile DIR] (the server writes a V8 CPU profile of its run into DIR)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { sha256 } from '../src/modules/auth/auth.service.js';
import { CHECKIN_COLUMNS, copyValue, type CheckinRow } from '../src/modules/checkins/checkins.repo.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { wallTimeAt } from '../src/shared/time.js';
import { freePort, ROOT } from './support.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const BATCHES = Number(arg('batches', '10'));
const BATCH = 10_000;
const EMPLOYEES = 2_000;
const PG_URL = arg('pg', process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test');
const ONLY = arg('only', '');
const PROFILE_DIR = arg('profile', '');

function makeBatches(employeeIds: number[], seed: number) {
  const start = Date.parse('2026-03-01T00:00:00Z') + seed * 86_400_000 * 40;
  return Array.from({ length: BATCHES }, (_, b) =>
    Array.from({ length: BATCH }, (_, i) => {
      const n = b * BATCH + i;
      return {
        employeeId: employeeIds[n % employeeIds.length],
        atMs: start + Math.floor(n / employeeIds.length) * 3_600_000 + (n % 3600) * 1000,
        source: 'api' as const,
        deviceSn: 'BENCH0001',
        verifyMethod: 'fingerprint' as const,
      };
    }),
  );
}

/** Company, employees and an API token written straight into a fresh database. */
async function seedDatabase(url: string, schema?: string) {
  const database = openDatabase(url, { schema });
  await migrateToLatest(database);
  const db = database.db;
  const now = Date.now();
  const company = await db.insertInto('companies').values({ name: 'Bench', code: `bench-${now}`, time_zone: 'Asia/Shanghai', identity_match_order: '["job_number"]', active: 1, created_at_ms: now, updated_at_ms: now }).returning('id').executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (let i = 0; i < EMPLOYEES; i += 500) {
    const rows = await db
      .insertInto('employees')
      .values(Array.from({ length: 500 }, (_, k) => ({ company_id: company.id, job_number: `B${i + k}`, name: `员工${i + k}`, email: null, mobile: null, department_id: null, manager_id: null, site_id: null, time_zone: null, hire_date: null, leave_date: null, status: 'active' as const, created_at_ms: now, updated_at_ms: now })))
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  const user = await db.insertInto('users').values({ username: 'bench', display_name: 'bench', password_hash: 'x', role: 'admin', employee_id: null, locale: null, status: 'active', failed_logins: 0, must_change_password: 0, created_at_ms: now, updated_at_ms: now }).returning('id').executeTakeFirstOrThrow();
  const token = `dk_bench_${randomBytes(16).toString('hex')}`;
  await db.insertInto('api_tokens').values({ user_id: user.id, name: 'bench', token_hash: sha256(token), scopes: '["checkins:write"]', created_at_ms: now }).execute();
  await database.close();
  return { companyId: company.id, ids, token };
}

/** The node arguments of `npm start` (V8 flags and the entry point), so the bench runs what users run. */
function startArgs(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [cmd, ...args] = pkg.scripts.start.split(/\s+/);
  if (cmd !== 'node') throw new Error(`npm start is not a node command: ${pkg.scripts.start}`);
  return args.map((a) => (a.endsWith('.js') ? path.join(ROOT, a) : a));
}

/** The server in its own process, as deployed; the load generator stays in this one. */
async function startServerProcess(env: Record<string, string>) {
  const port = await freePort();
  const built = existsSync(path.join(ROOT, 'dist', 'main.js'));
  const args = [...(PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : []), ...(built ? startArgs() : ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')])];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DAKA_WORKERS: 'false', DAKA_ADMIN_PASSWORD: 'bench-password-1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      if (Date.now() - t0 > 30_000) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { url, stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))) };
}

async function apiRun(databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'daka-bench-'));
  const url = databaseUrl ?? `sqlite:${path.join(dataDir, 'daka.sqlite')}`;
  const { companyId, ids, token } = await seedDatabase(url);
  const server = await startServerProcess({ DAKA_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const batches = makeBatches(ids, 0).map((items) => JSON.stringify({ companyId, items }));
  const post = (body: string) => fetch(`${server.url}/api/v1/checkins/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  await (await post(JSON.stringify({ companyId, items: [{ employeeId: ids[0], atMs: 1 }] }))).arrayBuffer(); // warm-up
  const t0 = performance.now();
  let created = 0;
  for (const body of batches) {
    const res = await post(body);
    if (res.status !== 200) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
    created += ((await res.json()) as { created: number }).created;
  }
  const seconds = (performance.now() - t0) / 1000;
  const rows = makeBatches(ids, 0).flat().map((it) => toRow(companyId, it.employeeId, it.atMs));
  await server.stop();
  return { created, seconds, rate: created / seconds, rows };
}

function toRow(companyId: number, employeeId: number, atMs: number): CheckinRow {
  return {
    company_id: companyId, employee_id: employeeId, provider: 'employee', tenant: '', external_id: String(employeeId), at_ms: atMs,
    wall_time: wallTimeAt(atMs, 480), utc_offset_min: 480, time_zone: 'Asia/Shanghai', source: 'api', source_record_id: null, device_sn: 'BENCH0001',
    verify_method: 'fingerprint', direction: null, location: null, photo_ref: null, platform_result: null, raw: null, received_at_ms: Date.now(),
    // The key the API derives for the same punch, so both sides insert the same rows.
    idempotency_key: `api:employee::${employeeId}:${atMs}`, hold_reason: null,
  };
}

async function bareSqlite(rows: CheckinRow[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'daka-bare-'));
  const database = openDatabase(`sqlite:${path.join(dir, 'bare.sqlite')}`);
  await migrateToLatest(database);
  if (database.raw.kind !== 'sqlite') throw new Error('unreachable');
  const h = database.raw.db;
  const now = Date.now();
  h.prepare(`insert into companies (id, name, code, time_zone, identity_match_order, active, created_at_ms, updated_at_ms) values (?, 'b', 'b', 'UTC', '[]', 1, ?, ?)`).run(rows[0].company_id, now, now);
  const emp = h.prepare(`insert into employees (id, company_id, job_number, name, status, created_at_ms, updated_at_ms) values (?, ?, ?, 'e', 'active', 0, 0)`);
  h.transaction(() => {
    for (const id of new Set(rows.map((r) => r.employee_id!))) emp.run(id, rows[0].company_id, `B${id}`);
  })();
  const stmt = h.prepare(`insert into checkins (${CHECKIN_COLUMNS.join(',')}) values (${CHECKIN_COLUMNS.map(() => '?').join(',')})`);
  const insert = h.transaction((batch: CheckinRow[]) => {
    for (const r of batch) stmt.run(CHECKIN_COLUMNS.map((c) => r[c]));
  });
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) insert(rows.slice(i, i + BATCH));
  const seconds = (performance.now() - t0) / 1000;
  await database.close();
  return { seconds, rate: rows.length / seconds };
}

async function barePgCopy(rows: CheckinRow[], schema: string) {
  const database = openDatabase(PG_URL, { schema });
  await migrateToLatest(database);
  await database.close();
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  // The same constraints as the real table: the company and employees exist, foreign keys are checked.
  await client.query(`insert into companies (id, name, code, time_zone, identity_match_order, active, created_at_ms, updated_at_ms) values ($1, 'b', 'b', 'UTC', '[]', 1, 0, 0)`, [rows[0].company_id]);
  const empIds = [...new Set(rows.map((r) => r.employee_id!))];
  await client.query(`insert into employees (id, company_id, job_number, name, status, created_at_ms, updated_at_ms) select id, $1, 'B' || id, 'e', 'active', 0, 0 from unnest($2::bigint[]) as id`, [rows[0].company_id, empIds]);
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    const text = chunk.map((r) => CHECKIN_COLUMNS.map((c) => copyValue(r[c])).join('\t')).join('\n') + '\n';
    await pipeline(Readable.from([text]), client.query(copyFrom(`copy checkins (${CHECKIN_COLUMNS.join(',')}) from stdin`)));
  }
  const seconds = (performance.now() - t0) / 1000;
  await client.query(`drop schema ${schema} cascade`);
  await client.end();
  return { seconds, rate: rows.length / seconds };
}

async function coldStart(): Promise<{ coldStartMs: number; idleRssMb: number } | { skipped: string }> {
  const dist = path.join(ROOT, 'dist', 'main.js');
  try {
    readFileSync(dist);
  } catch {
    return { skipped: 'dist/main.js missing: run npm run build first' };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'daka-cold-'));
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, startArgs(), { env: { ...process.env, DAKA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DAKA_ADMIN_PASSWORD: 'bench-password-1', LOG_LEVEL: 'warn', DATABASE_URL: '' }, stdio: 'ignore' });
  let ready = -1;
  while (performance.now() - t0 < 15_000) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) {
        ready = performance.now() - t0;
        break;
      }
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  await new Promise((r) => setTimeout(r, 3000));
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  child.kill('SIGTERM');
  return { coldStartMs: Math.round(ready), idleRssMb: Math.round(rssKb / 1024) };
}

const round = (n: number) => Math.round(n);
const skipped = { seconds: NaN, rate: NaN };
const runSqlite = ONLY !== 'postgres';
const runPostgres = ONLY !== 'sqlite';
const sqliteApi = runSqlite ? await apiRun(undefined) : { ...skipped, rows: [] };
const sqliteBare = runSqlite ? await bareSqlite(sqliteApi.rows) : skipped;
let pgApi: { rate: number; rows: CheckinRow[] } = { ...skipped, rows: [] };
let pgBare = skipped;
if (runPostgres) {
  const pgDatabase = `daka_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${pgDatabase}`);
  const pgUrl = new URL(PG_URL);
  pgUrl.pathname = `/${pgDatabase}`;
  pgApi = await apiRun(pgUrl.toString());
  await admin.query(`drop database ${pgDatabase} with (force)`);
  await admin.end();
  pgBare = await barePgCopy(pgApi.rows, `bench_bare_${Date.now()}`);
}
const server = ONLY ? { skipped: '--only' } : await coldStart();
const result = {
  bench: 'checkin-ingest',
  batchSize: BATCH,
  punches: BATCH * BATCHES,
  sqlite: { apiPerSec: round(sqliteApi.rate), barePreparedInsertPerSec: round(sqliteBare.rate), ratio: +(sqliteApi.rate / sqliteBare.rate).toFixed(2) },
  postgres: { apiPerSec: round(pgApi.rate), bareCopyPerSec: round(pgBare.rate), ratio: +(pgApi.rate / pgBare.rate).toFixed(2) },
  server,
  targets: { apiPerSec: 50_000, ratio: 0.5, coldStartMs: 2000, idleRssMb: 150 },
  pass: {
    sqlite: sqliteApi.rate >= 50_000 && sqliteApi.rate / sqliteBare.rate >= 0.5,
    postgres: pgApi.rate >= 50_000 && pgApi.rate / pgBare.rate >= 0.5,
    coldStart: 'coldStartMs' in server ? server.coldStartMs <= 2000 : null,
    idleRss: 'idleRssMb' in server ? server.idleRssMb <= 150 : null,
  },
};
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
process.exit(0);
