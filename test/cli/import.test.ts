import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { importCommand } from '../../src/cli/import.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

const dir = mkdtempSync(path.join(tmpdir(), 'daka-cli-import-'));
const saved = { ...process.env };

beforeAll(async () => {
  process.env.DAKA_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  const database = openDatabase(`sqlite:${path.join(dir, 'daka.sqlite')}`);
  await migrateToLatest(database);
  await database.db.insertInto('companies').values({ name: '测试', code: 'cli', time_zone: 'Asia/Shanghai', identity_match_order: '["job_number"]', active: 1, created_at_ms: 0, updated_at_ms: 0 }).execute();
  await database.close();
});
afterAll(() => {
  process.env = saved;
});

it('imports employees from a file: a dry run reports by line and changes nothing, then the real import applies', async () => {
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const bad = path.join(dir, 'bad.csv');
  writeFileSync(bad, '工号,姓名,邮箱\nC001,张三,not-mail\n');
  expect(await importCommand('employees', bad, { company: '1', dryRun: true })).toBe(1);
  expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain('line 2, 邮箱');
  const good = path.join(dir, 'good.csv');
  writeFileSync(good, '工号,姓名,部门\nC001,张三,研发部\nC002,李四,研发部/后端组\n');
  // The departments do not exist yet: an error on their rows unless the import is told to create them.
  expect(await importCommand('employees', good, { company: '1' })).toBe(1);
  expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain('UNKNOWN_DEPARTMENT');
  expect(await importCommand('employees', good, { company: '1', createDepartments: true })).toBe(0);
  const report = JSON.parse(String(out.mock.calls.at(-1)![0]));
  expect(report).toMatchObject({ dryRun: false, created: 2 });
  const database = openDatabase(`sqlite:${path.join(dir, 'daka.sqlite')}`);
  const names = (await database.db.selectFrom('employees').select('name').orderBy('job_number').execute()).map((r) => r.name);
  await database.close();
  expect(names).toEqual(['张三', '李四']);
  expect(await importCommand('employees', path.join(dir, 'missing.csv'), { company: '1' })).toBe(1);
  err.mockRestore();
  out.mockRestore();
});
