import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describeEachDb('departments', (db) => {
  let t: TestApp;
  let rdId: number;
  let backendId: number;
  let apiId: number;
  let salesId: number;
  const base = '/api/v1/departments';
  const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((d) => d.name).sort();
  const total = async () => (await t.as('admin').get(`${base}?companyId=${t.companyId}`)).json().total as number;
  const auditTotal = async () => (await t.as('admin').get('/api/v1/audit?pageSize=1')).json().total as number;

  beforeAll(async () => {
    t = await createTestApp(db());
    rdId = (await t.as('admin').get(`${base}?companyId=${t.companyId}`)).json().items[0].id;
    // A tree the tests read but never change: 研发部 › 后端组 › 接口组, and 销售部 beside it.
    const hr = t.as('hr');
    backendId = (await hr.post(base, { companyId: t.companyId, parentId: rdId, name: '后端组', code: 'RD-BE' })).json().id;
    apiId = (await hr.post(base, { companyId: t.companyId, parentId: backendId, name: '接口组' })).json().id;
    salesId = (await hr.post(base, { companyId: t.companyId, name: '销售部' })).json().id;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('builds a tree with create, and lists it flat with parent ids', async () => {
    const hr = t.as('hr');
    const before = await total();
    const frontend = await hr.post(base, { companyId: t.companyId, parentId: rdId, name: '前端组', code: 'RD-FE' });
    expect(frontend.statusCode).toBe(201);
    expect(frontend.json()).toEqual({ id: expect.any(Number), companyId: t.companyId, parentId: rdId, name: '前端组', code: 'RD-FE', managerEmployeeId: null, active: true });
    const frontendId = frontend.json().id;
    const webId = (await hr.post(base, { companyId: t.companyId, parentId: frontendId, name: '网页组' })).json().id;
    const list = (await hr.get(`${base}?companyId=${t.companyId}`)).json();
    expect(list).toMatchObject({ total: before + 2, page: 1, pageSize: 50 });
    expect(list.items.find((d: { id: number }) => d.id === webId).parentId).toBe(frontendId);
    expect(list.items.find((d: { id: number }) => d.id === apiId).parentId).toBe(backendId);
    expect((await hr.get(`${base}/${webId}`)).json().name).toBe('网页组');
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=department&entityId=${frontendId}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'department.create', companyId: t.companyId, after: { name: '前端组', parentId: rdId } });
  });

  it('shows managers their subtree and employees their own department only', async () => {
    const managerSees = names(await t.as('manager').get(`${base}?companyId=${t.companyId}`));
    expect(managerSees).toEqual(expect.arrayContaining(['后端组', '接口组', '研发部']));
    expect(managerSees).not.toContain('销售部');
    expect((await t.as('manager').get(`${base}/${salesId}`)).statusCode).toBe(404);
    expect(names(await t.as('employee').get(`${base}?companyId=${t.companyId}`))).toEqual(['研发部']);
    expect((await t.as('employee').get(`${base}/${backendId}`)).statusCode).toBe(404);
    expect((await t.as('otherHr').get(`${base}?companyId=${t.companyId}`)).statusCode).toBe(404);
    expect((await t.as('otherHr').get(`${base}/${rdId}`)).statusCode).toBe(404);
    expect(names(await t.as('otherHr').get(base))).toEqual([]);
  });

  it('renames, moves and assigns a manager, auditing before and after', async () => {
    const m001 = (await t.as('admin').get(`/api/v1/employees?companyId=${t.companyId}&q=M001`)).json().items[0].id;
    const moverId = (await t.as('hr').post(base, { companyId: t.companyId, parentId: backendId, name: '临时组' })).json().id;
    const res = await t.as('hr').patch(`${base}/${moverId}`, { name: 'API 组', parentId: rdId, managerEmployeeId: m001 });
    expect(res.json()).toMatchObject({ name: 'API 组', parentId: rdId, managerEmployeeId: m001 });
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=department&entityId=${moverId}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'department.update', before: { name: '临时组', parentId: backendId }, after: { name: 'API 组', parentId: rdId } });
    expect((await t.as('hr').patch(`${base}/${moverId}`, { parentId: backendId })).statusCode).toBe(200);
  });

  it('rejects cycles, foreign parents, unknown managers and duplicates, writing nothing', async () => {
    const hr = t.as('hr');
    const [before, auditBefore] = [await total(), await auditTotal()];
    const cycle = await hr.patch(`${base}/${rdId}`, { parentId: apiId });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error).toMatchObject({ code: 'DEPARTMENT_CYCLE', details: { problems: [{ path: 'body.parentId' }] } });
    expect((await hr.patch(`${base}/${rdId}`, { parentId: rdId })).json().error.code).toBe('DEPARTMENT_CYCLE');
    const foreign = (await t.as('admin').post(base, { companyId: t.otherCompanyId, name: '别家部门' })).json().id;
    expect((await hr.post(base, { companyId: t.companyId, parentId: foreign, name: 'x' })).json().error).toMatchObject({ code: 'UNKNOWN_PARENT', details: { problems: [{ path: 'body.parentId' }] } });
    expect((await hr.post(base, { companyId: t.companyId, name: 'x', managerEmployeeId: 999999 })).json().error).toMatchObject({ code: 'UNKNOWN_MANAGER', details: { problems: [{ path: 'body.managerEmployeeId' }] } });
    const dupCode = await hr.post(base, { companyId: t.companyId, name: '新部门', code: 'RD' });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().error).toMatchObject({ code: 'DUPLICATE_DEPARTMENT_CODE', details: { field: 'body.code' } });
    expect((await hr.post(base, { companyId: t.companyId, parentId: rdId, name: '后端组' })).json().error.code).toBe('DUPLICATE_DEPARTMENT_NAME');
    expect((await hr.post(base, { companyId: t.companyId, name: 'a/b' })).json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { problems: [{ path: 'body.name' }] } });
    expect((await hr.post(base, { companyId: t.companyId, name: 'x', colour: 'red' })).json().error.details.problems[0].path).toBe('body.colour');
    expect(await total()).toBe(before);
    // Only the other company's department (created by admin above) was audited.
    expect(await auditTotal()).toBe(auditBefore + 1);
    expect((await hr.get(`${base}/${rdId}`)).json().parentId).toBeNull();
  });

  it('lets only admin and HR of the company write', async () => {
    expect((await t.as('employee').post(base, { companyId: t.companyId, name: 'x' })).statusCode).toBe(403);
    expect((await t.as('manager').patch(`${base}/${rdId}`, { name: 'x' })).statusCode).toBe(403);
    expect((await t.as('otherHr').post(base, { companyId: t.companyId, name: 'x' })).statusCode).toBe(404);
    expect((await t.as('otherHr').post(`${base}/${rdId}/deactivate`)).statusCode).toBe(404);
  });

  it('refuses to deactivate a department with active children or employees', async () => {
    const hr = t.as('hr');
    const parentId = (await hr.post(base, { companyId: t.companyId, parentId: rdId, name: '停用组' })).json().id;
    const leafId = (await hr.post(base, { companyId: t.companyId, parentId, name: '停用叶' })).json().id;
    const withStaff = await hr.post(`${base}/${rdId}/deactivate`);
    expect(withStaff.statusCode).toBe(409);
    expect(withStaff.json().error).toMatchObject({ code: 'DEPARTMENT_NOT_EMPTY', details: { activeEmployees: 2 } });
    expect(withStaff.json().error.details.activeChildren).toBeGreaterThanOrEqual(2);
    expect((await hr.post(`${base}/${parentId}/deactivate`)).json().error).toMatchObject({ code: 'DEPARTMENT_NOT_EMPTY', details: { activeChildren: 1, activeEmployees: 0 } });
    const leaf = await hr.post(`${base}/${leafId}/deactivate`);
    expect(leaf.json()).toMatchObject({ id: leafId, active: false });
    expect((await t.as('admin').get(`/api/v1/audit?entity=department&entityId=${leafId}`)).json().items[0].action).toBe('department.deactivate');
    expect((await hr.post(`${base}/${parentId}/deactivate`)).json().active).toBe(false);
    const active = names(await hr.get(`${base}?companyId=${t.companyId}&active=true`));
    expect(active).toEqual(expect.arrayContaining(['研发部', '销售部', '后端组', '接口组']));
    expect(active).not.toContain('停用组');
    expect(active).not.toContain('停用叶');
    // A deactivated department cannot take new employees, nor become a parent.
    expect((await hr.post('/api/v1/employees', { companyId: t.companyId, jobNumber: 'Z1', name: 'z', departmentId: parentId })).json().error.code).toBe('UNKNOWN_DEPARTMENT');
    expect((await hr.post(base, { companyId: t.companyId, parentId, name: 'y' })).json().error.code).toBe('UNKNOWN_PARENT');
    // Its name is free again for a new department.
    expect((await hr.post(base, { companyId: t.companyId, parentId: rdId, name: '停用组' })).statusCode).toBe(201);
  });
});
