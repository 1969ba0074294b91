// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLanguage } from '../../app/i18n';
import { fakeServer, ME, renderInApp } from '../../test/harness';
import WebhooksPage from './WebhooksPage';

const ENDPOINT = {
  id: 3, companyId: 7, url: 'https://hooks.example.cn/daka', description: null, eventTypes: ['attendance_day.changed'], origin: 'api', purpose: 'events',
  enabled: false, disabledReason: 'A delivery was given up on: the receiver answered 500', disabledAt: '2026-03-03T01:00:00.000Z', previousSecretValidUntil: null, createdAt: '2026-03-01T01:00:00.000Z',
};
const DELIVERY = {
  id: 41, eventId: 'ev-1', eventType: 'attendance_day.changed', status: 'dead', attempts: 30, lastResponseStatus: 500, lastError: 'the receiver answered 500', nextAttemptAt: null,
  createdAt: '2026-03-02T01:00:00.000Z', finishedAt: '2026-03-03T01:00:00.000Z', log: [{ attempt: 30, startedAt: '2026-03-03T01:00:00.000Z', durationMs: 87, outcome: 'failed', responseStatus: 500, error: 'x' }],
};

describe('webhooks setup page', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists endpoints in Chinese, shows a disabled one, and redelivers from the delivery log', async () => {
    const server = fakeServer({
      'GET /webhooks': { items: [ENDPOINT], total: 1, page: 1, pageSize: 20 },
      'GET /webhooks/3/deliveries': { items: [DELIVERY], nextBeforeId: null },
      'POST /webhooks/3/deliveries/41/redeliver': { ...DELIVERY, status: 'pending' },
    });
    await renderInApp(<WebhooksPage />);
    expect(await screen.findByText('https://hooks.example.cn/daka')).toBeTruthy();
    expect(screen.getByText('已停用')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '推送记录' }));
    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByText('已放弃')).toBeTruthy();
    expect(within(drawer).getByText('87 ms')).toBeTruthy();
    await userEvent.click(within(drawer).getByRole('button', { name: '重新推送' }));
    await waitFor(() => expect(server.calls.some((c) => c.method === 'POST' && c.path === '/webhooks/3/deliveries/41/redeliver')).toBe(true));
  });

  it('shows the file a drop-folder payroll delivery was written as, in Chinese and in English', async () => {
    const folderEndpoint = { ...ENDPOINT, id: 5, url: null, folder: 'acme/payroll', purpose: 'payroll', eventTypes: ['month.closed'], enabled: true, disabledReason: null, disabledAt: null };
    const written = { ...DELIVERY, id: 51, eventType: 'month.closed', status: 'delivered', attempts: 1, lastResponseStatus: null, lastError: null, fileName: 'payroll-acme-2026-03-2.csv' };
    const waiting = { ...written, id: 52, status: 'pending', fileName: null };
    for (const [lang, header] of [['zh-CN', '文件名'], ['en', 'File']] as const) {
      fakeServer({
        'GET /webhooks': { items: [folderEndpoint], total: 1, page: 1, pageSize: 20 },
        'GET /webhooks/5/deliveries': { items: [written, waiting], nextBeforeId: null },
      }, { user: { ...ME, locale: lang } });
      await setLanguage(lang, false);
      await renderInApp(<WebhooksPage />);
      await userEvent.click(await screen.findByRole('button', { name: lang === 'en' ? 'Deliveries' : '推送记录' }));
      const drawer = await screen.findByRole('dialog');
      expect(await within(drawer).findByText('payroll-acme-2026-03-2.csv')).toBeTruthy();
      expect(within(drawer).getByRole('columnheader', { name: header })).toBeTruthy();
      expect(within(drawer).queryByRole('columnheader', { name: lang === 'en' ? 'Response' : '响应码' })).toBeNull();
      cleanup();
    }
    await setLanguage('zh-CN', false);
  });
});
