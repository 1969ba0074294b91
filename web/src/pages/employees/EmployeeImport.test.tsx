// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeServer, renderInApp, type ApiCall } from '../../test/harness';
import { EmployeeImport } from './EmployeeImport';

const CSV = '工号,姓名,邮箱\nA100,张伟,zhangwei@example.com\nA101,王芳,wangfang@example.com\n';
const file = () => new File([CSV], '员工.csv', { type: 'text/csv' });
const base64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

async function pickFile() {
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  await userEvent.upload(input, file());
  // The file name replaces the drop hint once the file has been read.
  await screen.findByText('员工.csv');
}

const imports = (calls: ApiCall[]) => calls.filter((c) => c.path === '/employees/import');

describe('employee import', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('checks the file with a dry run, then imports it for real, sending the file as base64', async () => {
    const server = fakeServer({
      'POST /employees/import': (c: ApiCall) =>
        c.query.get('dryRun') === 'true'
          ? { dryRun: true, total: 2, valid: 2, created: 1, updated: 1, unchanged: 0, departmentsToCreate: [], problems: [] }
          : { dryRun: false, total: 2, valid: 2, created: 1, updated: 1, unchanged: 0, departmentsToCreate: [], problems: [] },
    });
    const onImported = vi.fn();
    await renderInApp(<EmployeeImport open companyId={7} onClose={() => {}} onImported={onImported} />);
    const check = screen.getByRole('button', { name: '检查文件' });
    expect((check as HTMLButtonElement).disabled).toBe(true);
    await pickFile();
    await userEvent.click(screen.getByRole('button', { name: '检查文件' }));

    await screen.findByText('检查通过，共 2 行可以导入。');
    const [dry] = imports(server.calls);
    expect(dry.method).toBe('POST');
    expect(Object.fromEntries(dry.query)).toEqual({ companyId: '7', dryRun: 'true' });
    expect(dry.body).toEqual({ filename: '员工.csv', contentBase64: base64(CSV), createDepartments: false });
    expect(onImported).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: '确认导入 2 行' }));
    await screen.findByText('导入完成');
    expect(screen.getByText('新增 1 人，更新 1 人')).toBeTruthy();
    const real = imports(server.calls)[1];
    expect(Object.fromEntries(real.query)).toEqual({ companyId: '7', dryRun: 'false' });
    expect(real.body).toEqual(dry.body);
    expect(onImported).toHaveBeenCalledTimes(1);
    expect(server.unanswered).toEqual([]);
  });

  it('lists every row problem of the dry run and offers no import', async () => {
    const server = fakeServer({
      'POST /employees/import': {
        dryRun: true, total: 2, valid: 1, created: 1, updated: 0, unchanged: 0, departmentsToCreate: [],
        problems: [{ line: 3, column: '邮箱', code: 'INVALID_EMAIL', message: "'x' is not an e-mail address" }],
      },
    });
    await renderInApp(<EmployeeImport open companyId={7} onClose={() => {}} onImported={() => {}} />);
    await pickFile();
    await userEvent.click(screen.getByRole('button', { name: '检查文件' }));

    await screen.findByText('邮箱格式不正确');
    const row = screen.getByText('邮箱格式不正确').closest('tr')!;
    expect(row.textContent).toContain('3');
    expect(row.textContent).toContain('邮箱');
    expect(screen.getByText('文件中有问题时不会导入任何数据。请按下表修改文件后重新上传。')).toBeTruthy();
    expect((screen.getByRole('button', { name: '确认导入 1 行' }) as HTMLButtonElement).disabled).toBe(true);
    expect(imports(server.calls)).toHaveLength(1);
  });

  it('shows the problems the server finds on the real run and reports nothing as imported', async () => {
    let dryRuns = 0;
    fakeServer({
      'POST /employees/import': (c: ApiCall) => {
        if (c.query.get('dryRun') === 'true') {
          dryRuns++;
          return { dryRun: true, total: 1, valid: 1, created: 1, updated: 0, unchanged: 0, departmentsToCreate: [], problems: [] };
        }
        // Someone took the job number between the check and the import.
        return apiError(400, 'IMPORT_INVALID', { problems: [{ line: 2, column: '工号', code: 'DUPLICATE_JOB_NUMBER', message: 'A100 exists' }] });
      },
    });
    const onImported = vi.fn();
    await renderInApp(<EmployeeImport open companyId={7} onClose={() => {}} onImported={onImported} />);
    await pickFile();
    await userEvent.click(screen.getByRole('button', { name: '检查文件' }));
    await userEvent.click(await screen.findByRole('button', { name: '确认导入 1 行' }));

    await screen.findByText('文件中有错误，未导入任何数据。请按下表修改后重新上传');
    expect(screen.getByText('工号重复').closest('tr')!.textContent).toContain('2');
    expect(screen.queryByText('导入完成')).toBeNull();
    await waitFor(() => expect(dryRuns).toBe(1));
    expect(onImported).not.toHaveBeenCalled();
  });
  it('creates missing departments only when ticked, and says department problems in Chinese with the value', async () => {
    const server = fakeServer({
      'POST /employees/import': (c: ApiCall) =>
        (c.body as { createDepartments: boolean }).createDepartments
          ? { dryRun: true, total: 2, valid: 2, created: 2, updated: 0, unchanged: 0, departmentsToCreate: ['研发中心/前端组'], problems: [] }
          : {
              dryRun: true, total: 2, valid: 0, created: 0, updated: 0, unchanged: 0, departmentsToCreate: [],
              problems: [
                { line: 2, column: '部门', code: 'UNKNOWN_DEPARTMENT', value: '前端组', message: "There is no department '前端组'" },
                { line: 3, column: '部门', code: 'AMBIGUOUS_DEPARTMENT', value: '测试组', candidates: ['市场部/测试组', '研发部/测试组'], message: "'测试组' fits several departments" },
              ],
            },
    });
    await renderInApp(<EmployeeImport open companyId={7} onClose={() => {}} onImported={() => {}} />);
    await pickFile();
    await userEvent.click(screen.getByText('检查文件').closest('button')!);
    const unknown = await screen.findByText('部门“前端组”不存在。请写完整路径（如 研发中心/后端组），或勾选“自动创建文件中不存在的部门”');
    expect(unknown.closest('tr')!.textContent).toContain('2');
    expect(screen.getByText('“测试组”对应多个部门（市场部/测试组、研发部/测试组），请写完整路径').closest('tr')!.textContent).toContain('3');
    expect(screen.queryByText(/There is no department/)).toBeNull();

    await userEvent.click(screen.getByText('重新选择文件').closest('button')!);
    await pickFile();
    await userEvent.click(screen.getByText('自动创建文件中不存在的部门（按路径逐级创建在对应上级之下）'));
    await userEvent.click(screen.getByText('检查文件').closest('button')!);
    await screen.findByText('将新建 1 个部门：研发中心/前端组');
    expect(imports(server.calls).map((c) => (c.body as { createDepartments: boolean }).createDepartments)).toEqual([false, true]);
  });

  it('downloads the import template', async () => {
    const server = fakeServer({ 'GET /employees/import-template': '工号,姓名' });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:template', revokeObjectURL: () => {} }));
    await renderInApp(<EmployeeImport open companyId={7} onClose={() => {}} onImported={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: /下载导入模板/ }));
    await waitFor(() => expect(server.calls.some((c) => c.method === 'GET' && c.path === '/employees/import-template')).toBe(true));
    expect(server.unanswered).toEqual([]);
  });
});
