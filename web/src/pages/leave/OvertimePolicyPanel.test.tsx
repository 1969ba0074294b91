// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, renderInApp, type ApiCall } from '../../test/harness';
import { OvertimePolicyPanel } from './OvertimePolicyPanel';

const GROUPS = { items: [{ id: 3, companyId: 7, name: '研发组', kind: 'fixed', active: true }], total: 1 };
const POLICY = { groupId: 3, workday: 'pay', restday: 'leave', holiday: 'pay', creditExpiryDays: 90 };

// Antd renders slowly on a busy machine: wait for answers longer than the default second.
configure({ asyncUtilTimeout: 10_000 });

describe('overtime compensation editor', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows each group’s policy, says holiday overtime is paid by law, and saves a change', async () => {
    const server = fakeServer({
      'GET /attendance-groups': GROUPS,
      'GET /attendance-groups/3/overtime-compensation': POLICY,
      'PUT /attendance-groups/3/overtime-compensation': (c: ApiCall) => ({ groupId: 3, ...(c.body as object) }),
    });
    await renderInApp(<OvertimePolicyPanel companyId={7} />);
    await screen.findByText('研发组');
    expect(screen.getByText(/《劳动法》第四十四条/)).toBeTruthy();
    const save = screen.getByRole('button', { name: '保 存' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    const row = screen.getByText('研发组').closest('tr') as HTMLElement;
    const selects = within(row).getAllByRole('combobox');
    // Holiday overtime credited as time off is flagged.
    await userEvent.click(selects[2]);
    await userEvent.click((await screen.findAllByText('转调休')).at(-1)!);
    expect(await screen.findByText('法定节假日加班依法应支付加班费')).toBeTruthy();
    const expiry = screen.getByLabelText('研发组 调休有效期');
    await userEvent.clear(expiry);
    await userEvent.type(expiry, '30');
    await userEvent.click(screen.getByRole('button', { name: '保 存' }));
    await waitFor(() => expect(server.writes()).toHaveLength(1));
    expect(server.writes()[0].body).toEqual({ workday: 'pay', restday: 'leave', holiday: 'leave', creditExpiryDays: 30 });
  }, 90_000);
});
