// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, renderInApp, type ApiCall } from '../../test/harness';
import { QuotaReconciliationPanel } from './QuotaReconciliationPanel';

configure({ asyncUtilTimeout: 10_000 });

const row = (over: Record<string, unknown>) => ({ leaveType: 'annual', name: '年假', unit: 'half_day', daka: 5, platform: 5, platformType: null, difference: 0, status: 'match', ...over });
const QUOTAS = {
  asOf: '2026-03-20',
  total: 2,
  limit: 50,
  offset: 0,
  platformTypes: [{ externalId: '1', name: '年假', unit: 'day', leaveType: 'annual' }],
  unmappedLeaveTypes: ['marriage'],
  items: [
    { employeeId: 11, jobNumber: 'W1', name: '张三', externalUserId: 'zhangsan', status: 'different', error: null, rows: [row({ daka: 5, platform: 6.5, difference: 1.5, status: 'different' })] },
    { employeeId: 12, jobNumber: 'W2', name: '李四', externalUserId: null, status: 'not_linked', error: null, rows: [row({ platform: null, difference: null, status: 'missing_on_platform' })] },
  ],
};
const plan = (dryRun: boolean) => ({ dryRun, effectiveDate: '2026-03-20', posted: dryRun ? 0 : 1, items: [{ employeeId: 11, leaveType: 'annual', unit: 'half_day', daka: 5, platform: 6.5, amount: 1.5, residual: 0, status: dryRun ? 'would_post' : 'posted' }] });

describe('WeCom quota reconciliation', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('marks the differences, and imports the chosen ones after a dry run', async () => {
    const server = fakeServer({
      'GET /connectors': { items: [{ id: 4, platform: 'wecom', name: '企业微信' }, { id: 5, platform: 'dingtalk', name: '钉钉' }] },
      'GET /connectors/4/leave-quotas': QUOTAS,
      'POST /connectors/4/leave-quotas/import': (c: ApiCall) => plan((c.body as { dryRun: boolean }).dryRun),
    });
    await renderInApp(<QuotaReconciliationPanel companyId={7} />);
    await userEvent.click(await screen.findByRole('button', { name: '开始对账' }));
    expect(await screen.findByText('+1.5 天')).toBeTruthy();
    expect(screen.getByText('未关联企业微信')).toBeTruthy();
    expect(screen.getByText(/以下假期类型在企业微信中没有对应的假期：marriage/)).toBeTruthy();
    expect(server.calls.find((c) => c.path === '/connectors/4/leave-quotas')!.query.get('onlyDifferent')).toBe('true');
    // Only a difference can be chosen.
    const boxes = screen.getAllByRole('checkbox');
    const different = within(screen.getByText('张三').closest('tr') as HTMLElement).getByRole('checkbox');
    const unlinked = within(screen.getByText('李四').closest('tr') as HTMLElement).getByRole('checkbox');
    expect(boxes.length).toBeGreaterThan(2);
    expect((unlinked as HTMLInputElement).disabled).toBe(true);
    await userEvent.click(different);
    await userEvent.click(screen.getByRole('button', { name: /按企业微信导入为调整（1）/ }));
    expect(await screen.findByText('导入预览：记为 2026-03-20 的余额调整')).toBeTruthy();
    expect(server.writes()).toHaveLength(1);
    expect(server.writes()[0].body).toEqual({ items: [{ employeeId: 11, leaveType: 'annual' }], effectiveDate: '2026-03-20', dryRun: true });
    await userEvent.click(screen.getByRole('button', { name: '确认导入' }));
    await waitFor(() => expect(server.writes()).toHaveLength(2));
    expect(server.writes()[1].body).toMatchObject({ dryRun: false });
  }, 90_000);
});
