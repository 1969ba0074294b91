// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, waitFor, within } from '@testing-library/react';
import { apiError, fakeServer, ME, renderInApp } from '../../test/harness';
import ApprovalsPage from './ApprovalsPage';
import MyRequestsPage from './MyRequestsPage';

const request = (id: number, extra: Record<string, unknown> = {}) => ({
  id, companyId: 7, employeeId: 3, kind: 'leave', status: 'pending', leaveType: 'annual', fromDate: '2026-03-05', toDate: '2026-03-06', half: null, hours: null,
  fromMs: null, toMs: null, correctionAtMs: null, reason: '回老家', source: 'web', externalId: null, createdByUserId: 5, decidedByUserId: null, decidedAtMs: null,
  decisionNote: null, createdAtMs: Date.parse('2026-03-01T09:00:00+08:00'), updatedAtMs: Date.parse('2026-03-01T09:00:00+08:00'), ...extra,
});
const staff = { id: 3, name: '李员工', jobNumber: 'E001' };
const drawer = () => document.querySelector('.ant-drawer') as HTMLElement;

describe('requests opened from a notification link (?request=<id>)', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('opens the request for the approver, with who filed it, and decides it from the drawer', async () => {
    const server = fakeServer(
      {
        'GET /requests': { items: [], total: 0 },
        'GET /requests/7': request(7),
        'GET /employees/3': staff,
        'POST /requests/7/approve': request(7, { status: 'approved' }),
      },
      { user: { ...ME, role: 'manager', employeeId: 9 } },
    );
    await renderInApp(<ApprovalsPage />, { route: '/requests/approvals?request=7' });
    await waitFor(() => expect(drawer()?.textContent).toContain('回老家'));
    expect(drawer().textContent).toContain('申请 #7');
    await waitFor(() => expect(drawer().textContent).toContain('李员工'));
    fireEvent.click(within(drawer()).getByRole('button', { name: /同\s*意/ }));
    await waitFor(() => expect(document.querySelector('.ant-modal')?.textContent).toContain('李员工'));
    fireEvent.click(within(document.querySelector('.ant-modal') as HTMLElement).getByRole('button', { name: /同\s*意/ }));
    await waitFor(() => expect(server.writes().map((c) => `${c.method} ${c.path}`)).toEqual(['POST /requests/7/approve']));
  });

  it('says plainly when the linked request is not one the user may see', async () => {
    fakeServer({ 'GET /requests': { items: [], total: 0 }, 'GET /requests/8': apiError(404, 'NOT_FOUND') }, { user: { ...ME, role: 'employee', employeeId: 3 } });
    await renderInApp(<MyRequestsPage />, { route: '/requests/mine?request=8' });
    await waitFor(() => expect(drawer()?.textContent).toContain('申请 #8 不存在，或您无权查看。'));
  });

  it("opens the employee's own decided request with the decision note, and ignores a malformed id", async () => {
    const server = fakeServer(
      { 'GET /requests': { items: [], total: 0 }, 'GET /requests/7': request(7, { status: 'rejected', decisionNote: '项目上线期间不批假' }) },
      { user: { ...ME, role: 'employee', employeeId: 3 } },
    );
    await renderInApp(<MyRequestsPage />, { route: '/requests/mine?request=7' });
    await waitFor(() => expect(drawer()?.textContent).toContain('项目上线期间不批假'));
    expect(drawer().textContent).toContain('已拒绝');
    // Filed at 09:00 in the company's zone (Asia/Shanghai), whatever the browser's zone.
    expect(drawer().textContent).toContain('2026-03-01 09:00');
    cleanup();
    server.calls.length = 0;
    await renderInApp(<MyRequestsPage />, { route: '/requests/mine?request=7abc' });
    await waitFor(() => expect(server.calls.some((c) => c.path === '/requests')).toBe(true));
    expect(server.calls.some((c) => c.path.startsWith('/requests/'))).toBe(false);
    expect(drawer()).toBeNull();
  });
});
