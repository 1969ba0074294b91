/**
 * Payroll delivery into a drop folder on both databases: set up only under the operator's
 * DAKA_PAYROLL_DROP_DIR (no traversal, no absolute paths, no symbolic link out of it), the closed
 * month's export written atomically under a stable name with the company and month, logged with
 * the file name, re-sent on request without overwriting an earlier file, and adjustment files.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PAYROLL_CONSUMER } from '../../src/modules/webhooks/payroll-delivery.consumer.js';
import { PayrollDropFolder, payrollFileName } from '../../src/modules/webhooks/payroll-drop-folder.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { describeEachDb } from '../helpers/test-db.js';

describeEachDb('payroll drop folder', (db) => {
  const clock = Date.parse('2026-04-03T02:00:00Z');
  let t: TestApp;
  let root: string;
  let outside: string;
  let code: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'daka-drop-'));
    outside = mkdtempSync(path.join(tmpdir(), 'daka-outside-'));
    t = await createTestApp(db(), { now: () => clock, env: { DAKA_PAYROLL_DROP_DIR: root } });
    code = (await t.database.db.selectFrom('companies').select('code').where('id', '=', t.companyId).executeTakeFirstOrThrow()).code;
  });
  afterAll(async () => {
    await t.app.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const pump = async () => {
    await t.services.outbox.dispatchAll();
    for (let i = 0; i < 20 && (await t.services.outbox.deliverDue(PAYROLL_CONSUMER)) > 0; i++);
  };
  const create = (body: Record<string, unknown>) => t.as('hr').post('/api/v1/webhooks', { companyId: t.companyId, eventTypes: ['month.closed'], purpose: 'payroll', ...body });
  const closeMonth = async (month: string) => {
    const res = await t.as('hr').post('/api/v1/month-closes', { companyId: t.companyId, month });
    expect(res.statusCode, res.body).toBe(201);
  };
  const clear = async () => {
    await t.database.db.deleteFrom('webhook_endpoints').execute();
    await t.services.payrollConsumer.refresh();
  };

  it('refuses folders outside the drop directory, and a folder for anything but payroll', async () => {
    for (const folder of ['../escape', 'a/../../b', '/etc', 'a\\b', '.hidden', 'x'.repeat(201)]) {
      const res = await create({ folder });
      expect(res.statusCode, folder).toBe(400);
      expect(res.json().error.code === 'INVALID_DROP_FOLDER' || res.json().error.code === 'VALIDATION_FAILED', res.body).toBe(true);
    }
    expect((await create({ folder: 'ok', url: 'http://127.0.0.1:9/x' })).json().error.code).toBe('URL_OR_FOLDER');
    expect((await create({ folder: 'ok', purpose: 'events', eventTypes: ['employee.left'] })).json().error.code).toBe('DROP_FOLDER_PAYROLL_ONLY');
    expect((await create({})).json().error.code).toBe('URL_REQUIRED');
    expect(() => new PayrollDropFolder(null).checkFolder('ok')).toThrow(/DAKA_PAYROLL_DROP_DIR/);
    expect(await t.database.db.selectFrom('webhook_endpoints').selectAll().execute()).toEqual([]);
  });

  it('writes the closed month’s export atomically under a stable name, logs it, and never overwrites on a re-send', async () => {
    await clear();
    const res = await create({ folder: 'acme/payroll' });
    expect(res.statusCode, res.body).toBe(201);
    const ep = res.json();
    expect(ep).toMatchObject({ target: 'folder', folder: 'acme/payroll', url: null, purpose: 'payroll' });
    await closeMonth('2026-03');
    await pump();
    const dir = path.join(root, 'acme', 'payroll');
    const name = `payroll-${code}-2026-03.csv`;
    expect(readdirSync(dir)).toEqual([name]);
    const first = readFileSync(path.join(dir, name), 'utf8');
    const lines = first.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toContain('工号');
    expect(lines.some((l) => l.includes('E001'))).toBe(true);

    const log = (await t.as('hr').get(`/api/v1/webhooks/${ep.id}/deliveries`)).json().items;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 'delivered', fileName: name });

    // Re-sent while the same file is still there: nothing new (the same bytes are delivered already).
    expect((await t.as('hr').post(`/api/v1/webhooks/${ep.id}/deliveries/${log[0].id}/redeliver`)).statusCode).toBe(200);
    await pump();
    expect(readdirSync(dir)).toEqual([name]);
    // The payroll system changed its copy: a re-send goes next to it, the earlier file stays as it is.
    writeFileSync(path.join(dir, name), 'edited by payroll\n');
    expect((await t.as('hr').post(`/api/v1/webhooks/${ep.id}/deliveries/${log[0].id}/redeliver`)).statusCode).toBe(200);
    await pump();
    expect(readdirSync(dir).sort()).toEqual([name, `payroll-${code}-2026-03-2.csv`].sort());
    expect(readFileSync(path.join(dir, name), 'utf8')).toBe('edited by payroll\n');
    expect(readFileSync(path.join(dir, `payroll-${code}-2026-03-2.csv`), 'utf8')).toBe(first);
    const again = (await t.as('hr').get(`/api/v1/webhooks/${ep.id}/deliveries`)).json().items[0];
    expect(again.fileName).toBe(`payroll-${code}-2026-03-2.csv`);
    expect(again.log).toHaveLength(3);
  });

  it('does not follow a symbolic link out of the drop directory', async () => {
    await clear();
    mkdirSync(path.join(root, 'linked'), { recursive: true });
    symlinkSync(outside, path.join(root, 'linked', 'out'));
    const ep = (await create({ folder: 'linked/out' })).json();
    await closeMonth('2026-02');
    await pump();
    expect(readdirSync(outside)).toEqual([]);
    const log = (await t.as('hr').get(`/api/v1/webhooks/${ep.id}/deliveries`)).json().items;
    expect(log[0]).toMatchObject({ status: 'dead' });
    expect(log[0].lastError).toContain('outside DAKA_PAYROLL_DROP_DIR');
  });

  it('takes adjustment files, and concurrent writes of one name end as separate complete files', async () => {
    const folder = new PayrollDropFolder(root);
    const adj = await folder.write('adjust', { companyId: 7, companyCode: 'ACME 公司', month: '2026-03', kind: 'adjustment', adjustmentKey: '42', body: '工号,调整\nE001,1\n' });
    expect(adj).toEqual({ kind: 'delivered', remoteId: 'payroll-ACME-公司-2026-03-adjustment-42.csv' });
    expect(payrollFileName({ companyId: 7, companyCode: '../..', month: '2026-03', kind: 'month' })).toBe('payroll-company7-2026-03.csv');
    const bodies = Array.from({ length: 6 }, (_, i) => `row ${i}\n`.repeat(20_000));
    const results = await Promise.all(bodies.map((body) => folder.write('race', { companyId: 7, companyCode: 'R', month: '2026-03', kind: 'month', body })));
    expect(results.every((r) => r.kind === 'delivered')).toBe(true);
    const files = readdirSync(path.join(root, 'race')).sort();
    expect(files).toHaveLength(6);
    expect(files.every((f) => !f.endsWith('.tmp'))).toBe(true);
    const contents = files.map((f) => readFileSync(path.join(root, 'race', f), 'utf8')).sort();
    expect(contents).toEqual([...bodies].sort());
  });
});
