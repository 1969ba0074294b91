// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeServer, ME, renderInApp } from '../../test/harness';
import MyBalancesPage from './MyBalancesPage';

const balance = (leaveType: string, name: string, available: number) => ({
  leaveType, name, unit: 'day', granted: 10, used: 10 - available, pending: 0, available, expiringSoon: 0,
});

describe('my leave balances', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows each balance and opens the request form with that leave type chosen (no separate estimate form)', async () => {
    const server = fakeServer(
      {
        'GET /leave-balances': { items: [{ employeeId: 3, balances: [balance('annual', '年假', 5), balance('sick', '病假', 8)] }], total: 1 },
        'GET /leave-types': {
          items: [
            { id: 1, code: 'annual', name: '年假', paid: true, unit: 'day', active: true },
            { id: 2, code: 'sick', name: '病假', paid: true, unit: 'day', active: true },
          ],
          total: 2,
        },
      },
      { user: { ...ME, role: 'employee', employeeId: 3 } },
    );
    await renderInApp(<MyBalancesPage />);
    await screen.findByText('病假');
    const list = server.calls.find((c) => c.path === '/leave-balances')!;
    expect(list.query.get('employeeId')).toBe('3');
    expect(list.query.get('companyId')).toBe('7');
    expect(screen.queryByText('请假前试算')).toBeNull();
    const sickCard = screen.getByText('病假').closest('.ant-card') as HTMLElement;
    fireEvent.click(within(sickCard).getByRole('button', { name: /请假/ }));
    await waitFor(() => expect(document.querySelector('.ant-drawer')?.textContent).toContain('病假（'));
    expect(server.writes()).toEqual([]);
  });
});
