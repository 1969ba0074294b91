// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { apiError, fakeServer, renderInApp } from '../../test/harness';
import { GrantRunPanel } from './GrantRunPanel';

const entry = (employeeId: number, ref: string) => ({ employeeId, leaveType: 'annual', ref, kind: 'grant', amount: 5, effectiveDate: '2026-01-01', expiresOn: '2026-12-31', reason: '年度发放' });

describe('yearly grant run preview', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists the employees by name and 工号, not by id', async () => {
    const server = fakeServer({
      'POST /leave-balances/runs': { runDate: '2026-01-01', dryRun: true, employees: 3, entries: 3, byType: { annual: { entries: 3, amount: 15 } }, preview: [entry(3, 'a'), entry(4, 'b'), entry(5, 'c')] },
      'GET /employees/3': { id: 3, name: '李员工', jobNumber: 'E001' },
      'GET /employees/4': { id: 4, name: '王经理', jobNumber: null },
      'GET /employees/5': apiError(404, 'NOT_FOUND'),
    });
    await renderInApp(<GrantRunPanel companyId={7} typeName={(c) => (c === 'annual' ? '年假' : c)} onPosted={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: '预览年度发放' }));
    await screen.findByText('李员工（E001）');
    expect(screen.getByText('王经理')).toBeTruthy();
    // An employee that cannot be read (removed since) still shows which one it is.
    await waitFor(() => expect(screen.getByText('#5')).toBeTruthy());
    expect(screen.queryByText('3', { selector: 'td' })).toBeNull();
    expect(server.writes()).toMatchObject([{ method: 'POST', path: '/leave-balances/runs', body: { companyId: 7, dryRun: true } }]);
  });
});
