import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IMPORT_FIELDS, fieldOfHeader } from '../../src/modules/employees/employee-import.columns.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));

describeEachDb('employee import', (db) => {
  let t: TestApp;
  let rdId: number;
  const url = (dryRun: boolean, companyId = t.companyId) => `/api/v1/employees/import?companyId=${companyId}&dryRun=${dryRun}`;
  const file = (filename: string, content: Buffer, createDepartments?: boolean) => ({ filename, contentBase64: content.toString('base64'), ...(createDepartments === undefined ? {} : { createDepartments }) });
  const employee = async (job: string) => (await t.as('admin').get(`/api/v1/employees?companyId=${t.companyId}&q=${job}`)).json().items.find((e: { jobNumber: string }) => e.jobNumber === job);
  const counts = async () => {
    const e = (await t.as('admin').get(`/api/v1/employees?companyId=${t.companyId}&pageSize=500`)).json().total;
    const d = (await t.as('admin').get(`/api/v1/departments?companyId=${t.companyId}&pageSize=500`)).json().total;
    const a = (await t.as('admin').get('/api/v1/audit?pageSize=500')).json().total;
    return { e, d, a };
  };

  beforeAll(async () => {
    t = await createTestApp(db());
    const site = await t.as('hr').post('/api/v1/sites', { companyId: t.companyId, name: '上海总部' });
    expect(site.statusCode).toBe(201);
    rdId = (await t.as('admin').get(`/api/v1/departments?companyId=${t.companyId}`)).json().items.find((d: { code: string }) => d.code === 'RD').id;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('dry-runs a CSV with Chinese headers: reports what would happen, writes nothing', async () => {
    const before = await counts();
    const res = await t.as('hr').post(url(true), file('员工.csv', fixture('employees-zh.csv'), true));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dryRun: true, total: 3, valid: 3, created: 3, updated: 0, unchanged: 0, departmentsToCreate: ['研发部/后端组'], problems: [] });
    expect(await counts()).toEqual(before);
  });

  it('imports it: creates departments, resolves in-file managers, audits each employee', async () => {
    const res = await t.as('hr').post(url(false), file('员工.csv', fixture('employees-zh.csv'), true));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, total: 3, valid: 3, created: 3, updated: 0, departmentsToCreate: ['研发部/后端组'], problems: [] });
    const [a100, a101, a102, m001] = [await employee('A100'), await employee('A101'), await employee('A102'), await employee('M001')];
    const backend = (await t.as('admin').get(`/api/v1/departments?companyId=${t.companyId}`)).json().items.find((d: { name: string }) => d.name === '后端组');
    expect(backend).toMatchObject({ parentId: rdId, active: true });
    expect(a100).toMatchObject({ name: '张伟', departmentId: backend.id, managerId: a101.id, hireDate: '2024-03-05', mobile: '13800138000', status: 'active' });
    expect(a101).toMatchObject({ departmentId: rdId, managerId: m001.id, mobile: '+8613912345678', timeZone: 'Asia/Shanghai', hireDate: '2023-01-16' });
    expect(a102).toMatchObject({ email: null, mobile: '+447911123456', hireDate: '2024-12-01', leaveDate: '2025-06-30', status: 'inactive', managerId: a101.id });
    expect(a100.siteId).toBe(a101.siteId);
    expect(a100.siteId).not.toBeNull();
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=employee&entityId=${a100.id}`)).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'employee.create', after: { jobNumber: 'A100', managerId: a101.id, via: 'import' } });
    const summary = (await t.as('admin').get(`/api/v1/audit?entity=company&entityId=${t.companyId}`)).json().items;
    expect(summary[0]).toMatchObject({ action: 'employee.import', after: { filename: '员工.csv', created: 3, updated: 0 } });
    expect((await t.as('admin').get(`/api/v1/audit?entity=department&entityId=${backend.id}`)).json().items[0].action).toBe('department.create');
    // The manager of 研发部 now sees the imported sub-department's staff.
    const seen = (await t.as('manager').get(`/api/v1/employees?companyId=${t.companyId}&pageSize=500`)).json().items.map((e: { jobNumber: string }) => e.jobNumber);
    expect(seen).toEqual(expect.arrayContaining(['A100', 'A101', 'A102']));
  });

  it('is idempotent: a second run creates nothing and changes nothing', async () => {
    const before = await counts();
    const res = await t.as('hr').post(url(false), file('员工.csv', fixture('employees-zh.csv')));
    expect(res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3, departmentsToCreate: [] });
    // Only the summary row is new.
    expect(await counts()).toEqual({ ...before, a: before.a + 1 });
  });

  it('reads GBK-encoded CSV and creates departments along a new path', async () => {
    const raw = fixture('employees-gbk.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(raw)).toThrow();
    const dry = (await t.as('hr').post(url(true), file('gbk.csv', raw, true))).json();
    expect(dry).toMatchObject({ total: 2, valid: 2, created: 2, departmentsToCreate: ['市场部', '市场部/华东组'], problems: [] });
    const res = await t.as('hr').post(url(false), file('gbk.csv', raw, true));
    expect(res.statusCode).toBe(200);
    expect(await employee('G200')).toMatchObject({ name: '赵敏', departmentId: rdId, hireDate: '2024-02-29' });
    const g201 = await employee('G201');
    expect(g201.name).toBe('钱琨');
    const dept = (await t.as('admin').get(`/api/v1/departments/${g201.departmentId}`)).json();
    expect(dept.name).toBe('华东组');
    expect((await t.as('admin').get(`/api/v1/departments/${dept.parentId}`)).json()).toMatchObject({ name: '市场部', parentId: null });
  });

  it('reads XLSX with English headers, Excel date cells and numeric job numbers; upserts existing rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Staff');
    ws.addRow(['jobNumber', 'name', 'email', 'mobile', 'department', 'managerJobNumber', 'hireDate', 'status']);
    ws.addRow([9001, 'Alice Li', 'alice@example.com', 13700000001, 'RD', 'M001', new Date(Date.UTC(2024, 6, 15)), 'active']);
    ws.addRow(['E001', '李员工', 'e001@example.com', '137 0000 0002', 'RD', 'M001', '2025/1/1', 'active']);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await t.as('admin').post(url(false), file('staff.xlsx', content));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 2, created: 1, updated: 1, problems: [] });
    expect(await employee('9001')).toMatchObject({ name: 'Alice Li', hireDate: '2024-07-15', mobile: '13700000001', departmentId: rdId });
    const e001 = await employee('E001');
    expect(e001.mobile).toBe('13700000002');
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=employee&entityId=${e001.id}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'employee.update', before: { mobile: null }, after: { mobile: '13700000002' } });
  });

  it('lists every bad row by line and column, and a real run applies nothing', async () => {
    const before = await counts();
    const dry = (await t.as('hr').post(url(true), file('bad.csv', fixture('employees-bad.csv')))).json();
    expect(dry).toMatchObject({ total: 5, valid: 0 });
    const got = dry.problems.map((p: { line: number; column: string; code: string }) => `${p.line}|${p.column}|${p.code}`).sort();
    expect(got).toEqual(
      [
        '2|邮箱|INVALID_EMAIL',
        '2|手机|INVALID_MOBILE',
        '2|入职日期|INVALID_DATE',
        '4|直属上级工号|UNKNOWN_MANAGER',
        '4|站点|UNKNOWN_SITE',
        '4|离职日期|LEAVE_BEFORE_HIRE',
        '4|时区|INVALID_TIME_ZONE',
        '4|状态|INVALID_STATUS',
        '5|工号|DUPLICATE_JOB_NUMBER',
        '6|工号|REQUIRED',
        '7|直属上级工号|MANAGER_CYCLE',
      ].sort(),
    );
    const real = await t.as('hr').post(url(false), file('bad.csv', fixture('employees-bad.csv')));
    expect(real.statusCode).toBe(400);
    expect(real.json().error.code).toBe('IMPORT_INVALID');
    expect(real.json().error.details.problems).toHaveLength(11);
    expect(await counts()).toEqual(before);
  });

  it('rejects a whole file when one row is bad, even if the others are fine', async () => {
    const before = await counts();
    const csv = Buffer.from('工号,姓名,部门\nOK1,好人,新部门\nOK2,,新部门\n');
    const res = await t.as('hr').post(url(false), file('x.csv', csv, true));
    expect(res.json().error).toMatchObject({ code: 'IMPORT_INVALID', details: { problems: [{ line: 3, column: '姓名', code: 'REQUIRED' }] } });
    expect(await counts()).toEqual(before);
    expect(await employee('OK1')).toBeUndefined();
  });

  it('reports unknown and missing columns, unsupported files and bad base64', async () => {
    const unknown = (await t.as('hr').post(url(true), file('x.csv', Buffer.from('工号,姓名,爱好\nZ1,某人,游泳\n')))).json();
    expect(unknown.problems).toEqual([{ line: 1, column: '爱好', code: 'UNKNOWN_COLUMN', message: expect.any(String) }]);
    const missing = (await t.as('hr').post(url(true), file('x.csv', Buffer.from('姓名\n某人\n')))).json();
    expect(missing.problems[0]).toMatchObject({ line: 1, column: '工号', code: 'MISSING_COLUMN' });
    expect((await t.as('hr').post(url(true), file('x.pdf', Buffer.from('%PDF')))).json().error.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect((await t.as('hr').post(url(true), { filename: 'x.csv', contentBase64: '***' })).json().error.code).toBe('INVALID_BASE64');
    expect((await t.as('hr').post(url(true), file('x.csv', Buffer.from('\n\n')))).json().error.code).toBe('FILE_EMPTY');
  });

  it('refuses more than 50,000 rows', async () => {
    const body = ['工号,姓名', ...Array.from({ length: 50_001 }, (_, i) => `X${i},n`)].join('\n');
    const res = await t.as('hr').post(url(true), file('big.csv', Buffer.from(body)));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'TOO_MANY_ROWS', details: { rows: 50_001, max: 50_000 } });
  });

  const csv = (text: string) => Buffer.from(text);
  const deptByPath = async (path: string) => {
    const items = (await t.as('admin').get(`/api/v1/departments?companyId=${t.companyId}&pageSize=500`)).json().items as { id: number; parentId: number | null; name: string }[];
    let parent: number | null = null;
    let found: { id: number } | undefined;
    for (const name of path.split('/')) {
      found = items.find((d) => d.parentId === parent && d.name === name);
      if (!found) return undefined;
      parent = found.id;
    }
    return found;
  };
  const problemKeys = (problems: { line: number; column: string; code: string; value?: string }[]) => problems.map((p) => `${p.line}|${p.column}|${p.code}|${p.value}`);

  it('matches a sub-department by its unique name, never making a top-level duplicate', async () => {
    const before = await counts();
    const body = file('x.csv', csv('工号,姓名,部门\nN1,甲,后端组\nN2,乙,研发部/后端组\nN3,丙,华东组\n'));
    expect((await t.as('hr').post(url(true), body)).json()).toMatchObject({ valid: 3, created: 3, departmentsToCreate: [], problems: [] });
    expect((await t.as('hr').post(url(false), body)).statusCode).toBe(200);
    const backend = (await deptByPath('研发部/后端组'))!.id;
    expect((await employee('N1')).departmentId).toBe(backend);
    expect((await employee('N2')).departmentId).toBe(backend);
    expect((await employee('N3')).departmentId).toBe((await deptByPath('市场部/华东组'))!.id);
    expect(await deptByPath('后端组')).toBeUndefined();
    expect((await counts()).d).toBe(before.d);
  });

  it('an unknown department is an error on its line and column, and nothing is written, dry run or not', async () => {
    const before = await counts();
    const body = file('x.csv', csv('工号,姓名,部门\nU1,甲,研发部\nU2,乙,不存在部\nU3,丙,研发部/前端组\n'));
    const dry = (await t.as('hr').post(url(true), body)).json();
    expect(dry).toMatchObject({ total: 3, valid: 1, departmentsToCreate: [] });
    expect(problemKeys(dry.problems)).toEqual(['3|部门|UNKNOWN_DEPARTMENT|不存在部', '4|部门|UNKNOWN_DEPARTMENT|研发部/前端组']);
    const real = await t.as('hr').post(url(false), body);
    expect(real.statusCode).toBe(400);
    expect(real.json().error.code).toBe('IMPORT_INVALID');
    expect(problemKeys(real.json().error.details.problems)).toEqual(problemKeys(dry.problems));
    // An explicit "no" is the same as leaving the option out.
    expect((await t.as('hr').post(url(false), file('x.csv', csv('工号,姓名,部门\nU2,乙,不存在部\n'), false))).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
    expect(await employee('U1')).toBeUndefined();
    expect(await deptByPath('不存在部')).toBeUndefined();
  });

  it('a name two departments share is ambiguous, even when creating; the full path settles it', async () => {
    for (const parent of ['研发部', '市场部']) {
      const res = await t.as('hr').post('/api/v1/departments', { companyId: t.companyId, parentId: (await deptByPath(parent))!.id, name: '测试组' });
      expect(res.statusCode).toBe(201);
    }
    const before = await counts();
    for (const create of [false, true]) {
      const body = file('x.csv', csv('工号,姓名,部门\nQ1,甲,测试组\nQ2,乙,测试组/新小组\n'), create);
      const dry = (await t.as('hr').post(url(true), body)).json();
      expect(dry.problems).toEqual([
        { line: 2, column: '部门', code: 'AMBIGUOUS_DEPARTMENT', value: '测试组', candidates: ['市场部/测试组', '研发部/测试组'], message: expect.stringContaining('市场部/测试组') },
        // Without the option the path simply does not exist; with it, the place to create it is ambiguous.
        create
          ? { line: 3, column: '部门', code: 'AMBIGUOUS_DEPARTMENT', value: '测试组/新小组', candidates: ['市场部/测试组', '研发部/测试组'], message: expect.any(String) }
          : { line: 3, column: '部门', code: 'UNKNOWN_DEPARTMENT', value: '测试组/新小组', message: expect.any(String) },
      ]);
      expect((await t.as('hr').post(url(false), body)).statusCode).toBe(400);
    }
    expect(await counts()).toEqual(before);
    const ok = await t.as('hr').post(url(false), file('x.csv', csv('工号,姓名,部门\nQ1,甲,研发部/测试组\n')));
    expect(ok.statusCode).toBe(200);
    expect((await employee('Q1')).departmentId).toBe((await deptByPath('研发部/测试组'))!.id);
  });

  it('creates missing levels only when asked, under the right parent', async () => {
    const body = (create?: boolean) => file('x.csv', csv('工号,姓名,部门\nC1,甲,华东组/上海小组/徐汇\nC2,乙,总部/行政部/前台\nC3,丙,华东组/上海小组\n'), create);
    const refused = (await t.as('hr').post(url(true), body())).json();
    expect(refused.problems.map((p: { line: number; code: string }) => `${p.line}|${p.code}`)).toEqual(['2|UNKNOWN_DEPARTMENT', '3|UNKNOWN_DEPARTMENT', '4|UNKNOWN_DEPARTMENT']);
    // Parents first: by depth, then by name.
    const toCreate = ['总部', '总部/行政部', '市场部/华东组/上海小组', '总部/行政部/前台', '市场部/华东组/上海小组/徐汇'];
    expect((await t.as('hr').post(url(true), body(true))).json()).toMatchObject({ valid: 3, departmentsToCreate: toCreate, problems: [] });
    const res = await t.as('hr').post(url(false), body(true));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 3, departmentsToCreate: toCreate });
    expect((await employee('C1')).departmentId).toBe((await deptByPath('市场部/华东组/上海小组/徐汇'))!.id);
    expect((await employee('C2')).departmentId).toBe((await deptByPath('总部/行政部/前台'))!.id);
    expect((await employee('C3')).departmentId).toBe((await deptByPath('市场部/华东组/上海小组'))!.id);
    expect(await deptByPath('华东组')).toBeUndefined();
    const summary = (await t.as('admin').get(`/api/v1/audit?entity=company&entityId=${t.companyId}`)).json().items;
    expect(summary[0]).toMatchObject({ action: 'employee.import', after: { createDepartments: true, departmentsCreated: toCreate } });
  });

  it('offers a template with every accepted column under its Chinese header, whose example row imports cleanly', async () => {
    const res = await t.as('hr').get('/api/v1/employees/import-template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('员工导入模板.csv')}`);
    const raw = res.rawPayload;
    expect(raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, example, ...rest] = raw.subarray(3).toString('utf8').split('\r\n');
    expect(rest).toEqual(['']);
    const headers = header.split(',');
    expect(headers.every((h) => /\p{Script=Han}/u.test(h))).toBe(true);
    expect(headers.map((h) => fieldOfHeader(h))).toEqual(IMPORT_FIELDS);
    expect(example.split(',')).toHaveLength(headers.length);
    const before = await counts();
    const dry = (await t.as('hr').post(url(true), file('模板.csv', raw, true))).json();
    expect(dry).toMatchObject({ total: 1, valid: 1, created: 1, departmentsToCreate: ['研发中心', '研发中心/后端组'], problems: [] });
    expect(await counts()).toEqual(before);
    expect((await t.as('anonymous').get('/api/v1/employees/import-template')).statusCode).toBe(401);
  });

  it('keeps other companies and non-writers out', async () => {
    const csv = file('x.csv', fixture('employees-zh.csv'));
    expect((await t.as('otherHr').post(url(true), csv)).statusCode).toBe(404);
    expect((await t.as('employee').post(url(true), csv)).statusCode).toBe(403);
    expect((await t.as('manager').post(url(false), csv)).statusCode).toBe(403);
  });
});
