/**
 * Report exports at scale. Seeds 10,000 employees × 31 days of attendance days into a temporary
 * SQLite database (prepared INSERTs in one transaction), then runs each export in a child process
 * and reads its peak RSS from `process.resourceUsage().maxRSS`:
 *   - monthly XLSX, 10,000 employees (target ≤ 10 s, peak RSS ≤ 300 MB)
 *   - monthly CSV, 10,000 employees (no target; for comparison)
 *   - monthly PDF, 1,000 employees, one division (target ≤ 15 s)
 * Renders page 1 of the PDF to PNG with pdftoppm when it is installed.
 * Prints one JSON object. Usage: npx tsx bench/reports.ts [--employees 10000] [--keep]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const MONTH = '2026-10';
const DAYS = Array.from({ length: 31 }, (_, i) => `${MONTH}-${String(i + 1).padStart(2, '0')}`);
const DIVISIONS = 10;
const TEAMS = 4;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '䶮', '龘', '𠮷', '娟', '涛', '明'];

/** Deterministic pseudo-random numbers (mulberry32) so every run seeds the same month. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seed(dbFile: string, employees: number) {
  const database = openDatabase(`sqlite:${dbFile}`);
  await migrateToLatest(database);
  if (database.raw.kind !== 'sqlite') throw new Error('sqlite expected');
  const db = database.raw.db;
  const now = Date.now();
  const companyId = Number(db.prepare(`insert into companies (name, code, time_zone, identity_match_order, active, created_at_ms, updated_at_ms) values ('示例科技有限公司', 'bench', 'Asia/Shanghai', '["job_number"]', 1, ?, ?)`).run(now, now).lastInsertRowid);
  const dept = db.prepare('insert into departments (company_id, parent_id, name, code, manager_employee_id, active, created_at_ms, updated_at_ms) values (?, ?, ?, null, null, 1, ?, ?)');
  const divisions: number[] = [];
  const teams: number[] = [];
  for (let d = 1; d <= DIVISIONS; d++) {
    const div = Number(dept.run(companyId, null, `第${d}事业部`, now, now).lastInsertRowid);
    divisions.push(div);
    for (let t = 1; t <= TEAMS; t++) teams.push(Number(dept.run(companyId, div, `${d}-${t}组`, now, now).lastInsertRowid));
  }
  const shiftId = Number(db.prepare(`insert into shift_types (company_id, code, name, definition, color, active, created_at_ms, updated_at_ms) values (?, 'D', '白班 09:00-18:00', '{}', null, 1, ?, ?)`).run(companyId, now, now).lastInsertRowid);
  const leave = db.prepare('insert into leave_types (company_id, code, name, paid, unit, active) values (?, ?, ?, ?, ?, 1)');
  for (const [code, name, paid] of [['personal', '事假', 0], ['sick', '病假', 1], ['annual', '年假', 1]] as const) leave.run(companyId, code, name, paid, 'half_day');

  const emp = db.prepare(`insert into employees (company_id, job_number, name, email, mobile, department_id, manager_id, site_id, time_zone, hire_date, leave_date, status, created_at_ms, updated_at_ms) values (?, ?, ?, null, null, ?, null, null, null, '2024-01-01', null, 'active', ?, ?)`);
  const day = db.prepare(`insert into attendance_days (company_id, employee_id, date, group_id, shift_type_id, day_type, status, late, late_minutes, late_level, early, early_minutes, missing_in, missing_out, worked_minutes, overtime_minutes, overtime_category, overtime_pay_multiplier, unapproved_overtime_minutes, in_time, out_time, ignored_punch_count, duplicate_punch_count, leave_type, leave_half, corrections_used, explanation, computed_at_ms) values (?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, 0, 0, ?, ?, ?, null, ?)`);
  const rand = rng(42);
  const t0 = Date.now();
  db.transaction(() => {
    for (let i = 0; i < employees; i++) {
      // Employees fill the divisions in order, so division 1 holds exactly the first tenth.
      const team = teams[Math.floor((i * DIVISIONS) / employees) * TEAMS + (i % TEAMS)];
      const name = SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length];
      const id = Number(emp.run(companyId, `E${String(i + 1).padStart(5, '0')}`, name, team, now, now).lastInsertRowid);
      for (const date of DAYS) {
        const n = Number(date.slice(8));
        const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
        const holiday = n <= 7;
        const rest = !holiday && (dow === 0 || dow === 6);
        if (holiday || rest) {
          const ot = rand() < 0.05 ? 240 : 0;
          day.run(companyId, id, date, null, holiday ? 'statutory_holiday' : 'rest_day', holiday ? 'holiday' : 'rest', 0, 0, 'none', 0, 0, 0, 0, ot, ot, holiday ? 'holiday' : 'restday', holiday ? 3 : 2,
            ot ? `${date}T09:00:00+08:00` : null, ot ? `${date}T13:00:00+08:00` : null, null, null, 0, now);
          continue;
        }
        const r = rand();
        let status = 'present', late = 0, lateMin = 0, level = 'none', early = 0, earlyMin = 0, mIn = 0, mOut = 0, worked = 480, ot = 0;
        let leaveType: string | null = null, half: string | null = null, corr = 0;
        if (r < 0.06) [late, lateMin, level] = [1, 1 + Math.floor(rand() * 25), 'late'];
        else if (r < 0.07) [late, lateMin, level] = [1, 35 + Math.floor(rand() * 20), 'serious'];
        else if (r < 0.09) [early, earlyMin] = [1, 5 + Math.floor(rand() * 30)];
        else if (r < 0.10) [status, mOut, corr] = ['missing_punch', 1, rand() < 0.5 ? 1 : 0];
        else if (r < 0.11) [status, mIn] = ['missing_punch', 1];
        else if (r < 0.115) [status, worked] = ['absent', 0];
        else if (r < 0.13) [status, worked, leaveType] = ['on_leave', 0, ['personal', 'sick', 'annual'][Math.floor(rand() * 3)]];
        else if (r < 0.14) [worked, leaveType, half] = [240, 'sick', 'am'];
        else if (r < 0.3) ot = 60 + 30 * Math.floor(rand() * 4);
        worked -= lateMin + earlyMin;
        const inTime = mIn || status === 'absent' || status === 'on_leave' ? null : `${date}T${half ? '13:30' : `09:${String(lateMin % 60).padStart(2, '0')}`}:00+08:00`;
        const outTime = mOut || status === 'absent' || status === 'on_leave' ? null : `${date}T${ot ? String(18 + Math.ceil(ot / 60)).padStart(2, '0') : '18'}:05:00+08:00`;
        day.run(companyId, id, date, shiftId, 'workday', status, late, lateMin, level, early, earlyMin, mIn, mOut, worked, ot, 'workday', 1.5, inTime, outTime, leaveType, half, corr, now);
      }
    }
  })();
  const seedMs = Date.now() - t0;
  await database.close();
  return { companyId, division: divisions[0], seedMs };
}

interface ChildResult {
  /** Wall time; on a loaded machine cpuMs is the steadier figure. */
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  bytes: number;
  employees: number;
}

function runChild(dbFile: string, companyId: number, format: string, out: string, departmentId?: number): Promise<ChildResult> {
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), 'child', dbFile, String(companyId), format, out, String(departmentId ?? '')];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult) : reject(new Error(`child exited ${code}`))));
  });
}

/** In the child: one export, timed from the request to the last byte on disk. */
async function child([dbFile, companyId, format, out, departmentId]: string[]) {
  const { createWriteStream } = await import('node:fs');
  const { finished } = await import('node:stream/promises');
  const { ReportsService } = await import('../src/modules/reports/reports.service.js');
  const { AccessPolicy } = await import('../src/modules/auth/access.js');
  const { AuditRepo } = await import('../src/modules/audit/audit.repo.js');
  const { systemActor } = await import('../src/modules/auth/actor.js');
  const database = openDatabase(`sqlite:${dbFile}`);
  const db = database.db;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const reports = new ReportsService(db, new AccessPolicy(db), new AuditRepo(), Date.now, database.raw);
  const exp = await reports.export(systemActor('bench'), 'monthly', { companyId: Number(companyId), month: MONTH, format, departmentId: departmentId ? Number(departmentId) : undefined });
  const file = createWriteStream(out);
  await exp.write(file);
  await finished(file);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await database.close();
  const result: ChildResult = { ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), bytes: statSync(out).size, employees: exp.employeeCount };
  process.stdout.write(JSON.stringify(result) + '\n');
}

async function main() {
  const employees = Number(arg('employees', '10000'));
  const dir = mkdtempSync(path.join(tmpdir(), 'daka-bench-reports-'));
  const dbFile = path.join(dir, 'bench.db');
  const { companyId, division, seedMs } = await seed(dbFile, employees);
  const xlsx = await runChild(dbFile, companyId, 'xlsx', path.join(dir, 'monthly.xlsx'));
  const csv = await runChild(dbFile, companyId, 'csv', path.join(dir, 'monthly.csv'));
  const pdfFile = path.join(dir, 'monthly-division.pdf');
  const pdf = await runChild(dbFile, companyId, 'pdf', pdfFile, division);
  let pagePng: string | null = null;
  let pdfPages: number | null = null;
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, path.join(dir, 'page')]);
    pagePng = path.join(dir, 'page-01.png');
    pdfPages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile]).toString())?.[1]);
  } catch {
    pagePng = null;
  }
  const keep = process.argv.includes('--keep') || pagePng !== null;
  const result = {
    bench: 'reports',
    employees,
    days: DAYS.length,
    attendanceRows: employees * DAYS.length,
    seedMs,
    monthlyXlsx: { ...xlsx, targetMs: 10_000, targetMaxRssMb: 300, pass: xlsx.ms <= 10_000 && xlsx.maxRssMb <= 300 },
    monthlyCsv: csv,
    monthlyPdf: { ...pdf, pages: pdfPages, targetMs: 15_000, pass: pdf.ms <= 15_000 },
    pass: xlsx.ms <= 10_000 && xlsx.maxRssMb <= 300 && pdf.ms <= 15_000,
    files: keep ? { dir, pdfPage1Png: pagePng } : null,
  };
  if (!keep) rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

if (process.argv[2] === 'child') await child(process.argv.slice(3));
else await main();
