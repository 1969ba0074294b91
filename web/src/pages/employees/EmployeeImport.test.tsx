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
          ? { dryRun: true, total: 2, valid: 2, created: 1, updated: 1, unchanged: 0, problems: [] }
          : { dryRun: false, total: 2, valid: 2, created: 1, updated: 1, unchanged: 0, problems: [] },
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
    expect(dry.body).toEqual({ filename: '员工.csv', contentBase64: base64(CSV) });
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
        dryRun: true, total: 2, valid: 1, created: 1, updated: 0, unchanged: 0,
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
          return { dryRun: true, total: 1, valid: 1, created: 1, updated: 0, unchanged: 0, problems: [] };
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
});
