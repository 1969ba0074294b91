import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi, describe } from 'vitest';
import { reportCommand } from '../../src/cli/report.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

describe('daka report (CLI)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'daka-report-cli-'));
  const env = { ...process.env };
  let companyId: number;

  beforeAll(async () => {
    process.env.DATABASE_URL = `sqlite:${path.join(dir, 'daka.db')}`;
    process.env.DAKA_DATA_DIR = dir;
    const database = openDatabase(process.env.DATABASE_URL);
    await migrateToLatest(database);
    const db = database.db;
    companyId = (await db.insertInto('companies').values({ name: '命令行公司', code: 'cli', time_zone: 'Asia/Shanghai', identity_match_order: '["job_number"]', active: 1, created_at_ms: 1, updated_at_ms: 1 }).returning('id').executeTakeFirstOrThrow()).id;
    const employeeId = (await db.insertInto('employees').values({ company_id: companyId, job_number: 'C001', name: '龘䶮', email: null, mobile: null, department_id: null, manager_id: null, site_id: null, time_zone: null, hire_date: null, leave_date: null, status: 'active', created_at_ms: 1, updated_at_ms: 1 }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('attendance_days').values({
      company_id: companyId, employee_id: employeeId, date: '2026-10-08', group_id: null, shift_type_id: 1, day_type: 'workday', status: 'present', late: 1, late_minutes: 7,
      late_level: 'late', early: 0, early_minutes: 0, missing_in: 0, missing_out: 0, worked_minutes: 473, overtime_minutes: 0, overtime_category: 'workday', overtime_pay_multiplier: 1,
      unapproved_overtime_minutes: null, in_time: '2026-10-08T09:07:00+08:00', out_time: '2026-10-08T18:00:00+08:00', ignored_punch_count: 0, duplicate_punch_count: 0,
      leave_type: null, leave_half: null, corrections_used: 0, explanation: null, computed_at_ms: 1,
    }).execute();
    await database.close();
  });
  afterAll(() => {
    process.env = env;
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the monthly CSV with progress on stderr and audits the export', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = path.join(dir, 'october.csv');
    const code = await reportCommand('monthly', { company: String(companyId), month: '2026-10', out });
    const printed = err.mock.calls.map((c) => String(c[0])).join('');
    err.mockRestore();
    expect(code).toBe(0);
    expect(printed).toMatch(/report monthly 100% 1\/1/);
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const row = text.split('\r\n').find((l) => l.startsWith('C001'))!.split(',');
    expect(row.slice(0, 6)).toEqual(['C001', '龘䶮', '', '1', '1', '1']);
    expect(row[3 + 17 + 7]).toBe('迟');
    const database = openDatabase(process.env.DATABASE_URL!);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_name', 'after']).where('action', '=', 'report.export').execute();
    await database.close();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_name).toBe('cli');
    expect(JSON.parse(audit[0].after!)).toMatchObject({ kind: 'monthly', format: 'csv', employees: 1 });
  });

  it('fails with the error code and leaves no file behind on bad parameters', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = path.join(dir, 'bad.xlsx');
    const code = await reportCommand('monthly', { company: String(companyId), month: '2026-13', out });
    const printed = err.mock.calls.map((c) => String(c[0])).join('');
    err.mockRestore();
    expect(code).toBe(1);
    expect(printed).toContain('INVALID_MONTH');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.part`)).toBe(false);
  });
});
