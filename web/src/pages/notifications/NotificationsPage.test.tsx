// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeServer, renderInApp, type ApiCall } from '../../test/harness';
import NotificationsPage from './NotificationsPage';

const RULES = {
  companyId: 1, enabled: true, defaultChannel: 'webhook', dingtalkConnectorId: null, wecomConnectorId: null, robotConnectorId: null, quietHours: null, dailyCap: 20, digestAt: '18:00',
  requestReminderHours: 24, remindInBeforeMin: 10, remindOutAfterMin: 5, groupReminders: [{ groupId: 4, inBeforeMin: 20, outAfterMin: 3, enabled: true }], kinds: ['anomaly', 'clock_skew'], smtp: null,
  webhookEndpointId: 9, ops: { clockSkewMin: 5, gapHours: 6, monthCloseDays: 5 },
};

describe('notification rules page', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('reads and saves the rules at /notification-rules, with per-group reminders, the webhook channel and operations thresholds', async () => {
    const puts: unknown[] = [];
    fakeServer({
      'GET /notification-rules': RULES,
      'PUT /notification-rules': (c: ApiCall) => (puts.push(c.body), { ...RULES, ...(c.body as object) }),
      'GET /webhooks': { items: [{ id: 9, url: 'https://relay.example.cn/daka', purpose: 'notifications', enabled: true }], total: 1, page: 1, pageSize: 200 },
      'GET /attendance-groups': { items: [{ id: 4, name: '白班组' }] },
      'GET /notifications': { items: [], nextBeforeId: null },
    });
    await renderInApp(<NotificationsPage />);
    await screen.findByText('https://relay.example.cn/daka', {}, { timeout: 10_000 });
    expect(screen.getByText('白班组')).toBeTruthy();
    expect(screen.getByRole('tab', { name: '消息模板' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('考勤机时钟偏差超过（分钟）'), { target: { value: '8' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(puts).toHaveLength(1), { timeout: 5_000 });
    expect(puts[0]).toMatchObject({ webhookEndpointId: 9, defaultChannel: 'webhook', groupReminders: [{ groupId: 4, inBeforeMin: 20, outAfterMin: 3, enabled: true }], ops: { clockSkewMin: 8, gapHours: 6, monthCloseDays: 5 } });
  }, 60_000);
});
