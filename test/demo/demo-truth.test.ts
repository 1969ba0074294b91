/**
 * `--demo` tells the truth: the simulated DingTalk tenant holds the demo company's own people, so
 * its directory sync links every one of them by job number and creates no strangers or duplicate
 * departments; the monthly page and export list exactly the company's 200 people; no punch is
 * later than now; a roster (排班) group has this and next week planned; requests wait for the
 * manager; the machines' heartbeats keep them online.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { addDays, localDate } from '../../src/shared/dates.js';
import { mondayOf } from '../../src/demo/plan.js';

const ZONE = 'Asia/Shanghai';
let server: RunningServer;
let dataDir: string;
let startedAtMs: number;
let companyId: number;
const cookies: Record<string, string> = {};

async function get<T>(user: string, url: string): Promise<{ status: number; body: T; headers: Headers; text: string }> {
  const res = await fetch(`${server.url.replace('[::1]', '127.0.0.1')}/api/v1${url}`, { headers: { cookie: cookies[user] } });
  const text = await res.text();
  return { status: res.status, body: (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null) as T, headers: res.headers, text };
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'daka-demo-truth-'));
  const config = loadConfig({ DAKA_DATA_DIR: dataDir, DAKA_ADMIN_PASSWORD: 'demo-truth-admin-1', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  startedAtMs = Date.now();
  server = await startServer(config, { demo: true, log: () => {} });
  for (const username of ['hr.demo', 'manager.demo']) {
    const res = await fetch(`${server.url.replace('[::1]', '127.0.0.1')}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'daka-demo-2026' }) });
    expect(res.status).toBe(200);
    cookies[username] = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  }
  companyId = (await server.services.db.selectFrom('companies').select('id').executeTakeFirstOrThrow()).id;
}, 240_000);

afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 240_000);

describe('the demo', () => {
  it("syncs a DingTalk directory of the company's own people: every member linked by job number, nobody created, no duplicate department", async () => {
    const { body: connectors } = await get<{ items: { id: number; name: string }[] }>('hr.demo', `/connectors?companyId=${companyId}`);
    expect(connectors.items).toHaveLength(1);
    const runs = await until(
      'the directory sync',
      async () => (await get<{ items: { kind: string; status: string; counts: Record<string, unknown> }[] }>('hr.demo', `/connectors/${connectors.items[0].id}/runs`)).body.items,
      (items) => items.some((r) => r.kind === 'directory' && r.status === 'succeeded'),
    );
    const directory = runs.find((r) => r.kind === 'directory')!;
    expect(directory.counts).toMatchObject({ platformUsers: 200, linked: 200, created: 0, ambiguous: 0, departmentsCreated: 0, departmentsLinked: 12 });
    const db = server.services.db;
    const employees = await db.selectFrom('employees').select(['id', 'job_number']).execute();
    expect(employees).toHaveLength(200);
    expect(employees.every((e) => /^YS\d{4}$/.test(e.job_number))).toBe(true);
    const identities = await db.selectFrom('external_identities').select(['employee_id', 'external_id']).where('provider', '=', 'dingtalk').execute();
    expect(new Set(identities.map((i) => i.employee_id)).size).toBe(200);
    const departments = await db.selectFrom('departments').select(['name', 'parent_id']).execute();
    expect(new Set(departments.map((d) => `${d.parent_id}/${d.name}`)).size).toBe(departments.length);
    // Sales' DingTalk punches are attributed once their identities are linked.
    await until('unmatched punches', async () => (await db.selectFrom('checkins').select('id').where('employee_id', 'is', null).execute()).length, (n) => n === 0);
    const dingtalk = await db.selectFrom('checkins').select('id').where('source', '=', 'dingtalk').execute();
    expect(dingtalk.length).toBeGreaterThan(100);
  }, 120_000);

  it('holds no punch later than now, from any source', async () => {
    const db = server.services.db;
    const late = await db.selectFrom('checkins').select(['source', 'at_ms']).where('at_ms', '>', Date.now()).execute();
    expect(late).toEqual([]);
    const sources = await db.selectFrom('checkins').select('source').distinct().execute();
    expect(sources.map((s) => s.source).sort()).toEqual(['dingtalk', 'web', 'wecom', 'zkteco']);
  });

  it("lists exactly the company's people on the monthly page and in the export", async () => {
    const month = localDate(Date.now(), ZONE).slice(0, 7);
    const { status, body } = await get<{ items: { employee: { jobNumber: string } }[]; total: number }>('hr.demo', `/attendance/monthly?companyId=${companyId}&month=${month}&pageSize=500`);
    expect(status).toBe(200);
    expect(body.total).toBe(200);
    expect(body.items.every((i) => /^YS\d{4}$/.test(i.employee.jobNumber))).toBe(true);
    const csv = await get('hr.demo', `/reports/monthly?companyId=${companyId}&month=${month}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('x-report-employees')).toBe('200');
    expect(csv.text).not.toMatch(/E0000\d\d/);
  });

  it('has a roster group with this week and next week planned', async () => {
    const { body: groups } = await get<{ items: { id: number; name: string; kind: string }[] }>('hr.demo', `/attendance-groups?companyId=${companyId}&kind=roster`);
    expect(groups.items.map((g) => g.name)).toEqual(['仓储排班考勤组']);
    const monday = mondayOf(localDate(Date.now(), ZONE));
    const { body: grid } = await get<{ dates: string[]; rows: { cells: ({ shiftTypeId: number | null; source: string } | null)[] }[] }>('hr.demo', `/rosters?companyId=${companyId}&from=${monday}&to=${addDays(monday, 13)}`);
    expect(grid.dates).toHaveLength(14);
    expect(grid.rows).toHaveLength(12);
    for (const row of grid.rows) {
      expect(row.cells.every((c) => c?.source === 'entry')).toBe(true);
      expect(row.cells.filter((c) => c?.shiftTypeId !== null).length).toBe(10);
    }
  });

  it("has requests of each kind waiting for the manager's decision", async () => {
    const { body } = await get<{ items: { kind: string; status: string }[] }>('manager.demo', `/requests?companyId=${companyId}&pendingForMe=true`);
    expect(body.items.every((r) => r.status === 'pending')).toBe(true);
    expect([...new Set(body.items.map((r) => r.kind))].sort()).toEqual(['correction', 'leave', 'overtime']);
  });

  it('shows the machines online from their heartbeats', async () => {
    const devices = await until(
      'heartbeats',
      async () => (await get<{ items: { serialNumber: string; online: boolean; lastSeenAtMs: number | null }[] }>('hr.demo', `/devices?companyId=${companyId}`)).body.items,
      (items) => items.length === 2 && items.every((d) => d.online && (d.lastSeenAtMs ?? 0) >= startedAtMs),
      30_000,
    );
    expect(devices.map((d) => d.serialNumber).sort()).toEqual(['DEMO-ZK-001', 'DEMO-ZK-002']);
  });
});
