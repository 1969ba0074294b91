// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { apiError, fakeServer, renderInApp, type ApiCall } from '../../test/harness';
import { TemplatesPanel } from './TemplatesPanel';

const ANOMALY = {
  kind: 'anomaly', locale: 'zh-CN', title: '考勤异常：{{date}} {{anomaly}}', body: '{{reasons}}', custom: false,
  variables: ['date', 'anomaly', 'reasons', 'needsCorrection', 'link'], defaultTitle: '考勤异常：{{date}} {{anomaly}}', defaultBody: '{{reasons}}', updatedAt: null,
};

describe('notification templates', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('edits a template, shows its variables, previews it, and sends a refused variable to the server, which answers with its code', async () => {
    const saved: unknown[] = [];
    fakeServer({
      'GET /notification-templates': { items: [ANOMALY] },
      'POST /notification-templates/preview': (c: ApiCall) => ({ title: String((c.body as { title: string }).title).replace('{{date}}', '2026-03-02').replace('{{anomaly}}', '迟到'), markdown: '**…**', link: null, data: 'sample' }),
      'PUT /notification-templates/anomaly/zh-CN': (c: ApiCall) =>
        saved.push(c.body) && String((c.body as { title: string }).title).includes('{{employeeName}}') ? apiError(400, 'TEMPLATE_UNKNOWN_VARIABLE', { field: 'body.title', variable: 'employeeName' }) : { ...ANOMALY, ...(c.body as object), custom: true },
    });
    await renderInApp(<TemplatesPanel companyId={1} />);
    fireEvent.click(await screen.findByRole('button', { name: /编\s*辑/ }, { timeout: 10_000 }));
    expect(screen.getByText(/\{\{needsCorrection\}\}/)).toBeTruthy();
    const title = screen.getByLabelText('标题');
    fireEvent.change(title, { target: { value: '打卡异常 {{date}}：{{anomaly}}' } });
    fireEvent.click(screen.getByRole('button', { name: /预\s*览/ }));
    await screen.findByText('打卡异常 2026-03-02：迟到', {}, { timeout: 5_000 });
    // Buttons wait while a call is out.
    await waitFor(() => expect(document.querySelector('.ant-btn-loading')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: /保存模板/ }));
    await screen.findByText('已自定义', {}, { timeout: 5_000 });
    expect(saved).toEqual([{ companyId: 1, title: '打卡异常 {{date}}：{{anomaly}}', body: '{{reasons}}' }]);
    fireEvent.change(title, { target: { value: '{{employeeName}}' } });
    await waitFor(() => expect(document.querySelector('.ant-btn-loading')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: /保存模板/ }));
    await waitFor(() => expect(saved).toHaveLength(2));
    await screen.findByText('模板中有该通知类型没有的变量 {{employeeName}}', {}, { timeout: 5_000 });
  }, 60_000);
});
