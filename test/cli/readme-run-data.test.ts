/**
 * The README's commands that work on data (user, import, report), run the way it shows them: the
 * `daka` binary in a child process on a SQLite data directory that holds one company and one device.
 * test/cli/readme-commands.test.ts checks that every command the README names is run somewhere.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withServices } from '../../src/cli/context.js';
import { systemActor } from '../../src/modules/auth/actor.js';
import { cliEnv, daka, ROOT } from './daka-process.js';

const data = mkdtempSync(path.join(tmpdir(), 'daka-readme-data-'));
const env = cliEnv(data, { DAKA_ADMIN_PASSWORD: 'readme-admin-1' });
let companyId = 0;
let deviceId = 0;

beforeAll(async () => {
  const saved = { ...process.env };
  process.env.DAKA_DATA_DIR = data;
  delete process.env.DATABASE_URL;
  try {
    await withServices(async (services) => {
      const actor = systemActor('readme-test');
      companyId = (await services.companies.create(actor, { name: '文档公司', code: 'readme', timeZone: 'Asia/Shanghai' })).id;
      deviceId = (await services.devices.register(actor, { companyId, vendor: 'zkteco', serialNumber: 'READMEZK1', name: '前台考勤机' })).id;
    });
  } finally {
    process.env = saved;
  }
}, 60_000);
afterAll(() => rmSync(data, { recursive: true, force: true }));

describe('README commands on data', () => {
  it('daka user create / list / reset-password', async () => {
    const created = await daka(['user', 'create', '--username', 'readme.hr', '--password', 'readme-pass-1', '--role', 'hr', '--company', String(companyId)], env);
    expect(created.code, created.stderr).toBe(0);
    const list = await daka(['user', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('readme.hr');
    expect(await daka(['user', 'reset-password', '--username', 'readme.hr', '--password', 'readme-pass-2'], env)).toMatchObject({ code: 0 });
  });

  it('daka import employees FILE --company ID [--dry-run] [--create-departments]: the dry run changes nothing; a department is never guessed', async () => {
    const file = path.join(data, 'people.csv');
    writeFileSync(file, '工号,姓名,部门\nRM001,文档测,研发部/后端组\n');
    const unknown = await daka(['import', 'employees', file, '--company', String(companyId), '--dry-run'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('line 2, 部门');
    expect(unknown.stderr).toContain('UNKNOWN_DEPARTMENT');
    const dry = await daka(['import', 'employees', file, '--company', String(companyId), '--dry-run', '--create-departments'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, created: 1, departmentsToCreate: ['研发部', '研发部/后端组'] });
    const real = await daka(['import', 'employees', file, '--company', String(companyId), '--create-departments'], env);
    expect(JSON.parse(real.stdout)).toMatchObject({ dryRun: false, created: 1, departmentsToCreate: ['研发部', '研发部/后端组'] });
    // Now that they exist, the sub-department is found by its name alone.
    writeFileSync(file, '工号,姓名,部门\nRM002,文档二,后端组\n');
    const byName = await daka(['import', 'employees', file, '--company', String(companyId)], env);
    expect(byName.code, byName.stderr).toBe(0);
    expect(JSON.parse(byName.stdout)).toMatchObject({ created: 1, departmentsToCreate: [] });
  });

  it('daka import punches FILE --device ID [--dry-run]', async () => {
    const file = path.join(ROOT, 'test/fixtures/devices/attlog-usb.dat');
    const dry = await daka(['import', 'punches', file, '--device', String(deviceId), '--dry-run'], env);
    expect(dry.stderr).not.toMatch(/error/i);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true });
  });

  it('daka report monthly --company ID --month M --out FILE.xlsx, with progress on stderr', async () => {
    const out = path.join(data, 'month.xlsx');
    const r = await daka(['report', 'monthly', '--company', String(companyId), '--month', '2026-10', '--out', out], env);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(r.stderr.length).toBeGreaterThan(0);
  });
});
