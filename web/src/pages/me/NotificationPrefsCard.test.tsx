// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeServer, ME, renderInApp, type ApiCall } from '../../test/harness';
import { NotificationPrefsCard } from './NotificationPrefsCard';

const PREFS = { employeeId: 3, channel: null, effectiveChannel: 'email', reachable: ['email'], locale: null, managerDigest: 'immediate', muted: [] };

describe('my notifications', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows where the person is told, offers only reachable channels, and saves muted kinds', async () => {
    const server = fakeServer(
      { 'GET /notifications/preferences/me': PREFS, 'PUT /notifications/preferences/me': (c: ApiCall) => ({ ...PREFS, ...(c.body as object) }) },
      { user: { ...ME, role: 'employee', employeeId: 3 } },
    );
    await renderInApp(<NotificationPrefsCard manager={false} />);
    await screen.findByText('通知将发到：邮件');
    expect(screen.queryByText('团队考勤异常通知方式')).toBeNull();
    fireEvent.click(screen.getByLabelText('上班打卡提醒'));
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(server.writes()).toHaveLength(1));
    expect(server.writes()[0].body).toEqual({ channel: null, locale: null, muted: ['remind_in'] });
  });
});
