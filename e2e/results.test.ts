/**
 * Results that read right, in a real browser on the demo: the dashboard's anomaly total links to
 * the filtered daily results (班次 and 考勤组 columns, the 迟到 filter), the monthly page has its
 * day grid and a column for every leave type; and a manager approves a 补卡 from a phone at 390 px,
 * after which the employee's day is normal and marked 含补卡. Screenshots go to test-results/screenshots/.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeWithBrowser } from '../test/helpers/browser.js';
import { SHOTS, useDemoWithBrowser } from './demo-browser.js';

const PASSWORD = 'daka-demo-2026';

describeWithBrowser('results pages and approving from a phone (Chromium)', (chromiumPath) => {
  const demo = useDemoWithBrowser(chromiumPath, 'results');

  async function signIn(username: string, size: 'phone' | 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await demo.browser.newContext(
      size === 'phone'
        ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }
        : { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
    );
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${demo.base}/login`);
    await page.locator('input#username').fill(username);
    await page.locator('input#password').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    return { context, page };
  }

  it('links the dashboard anomaly total to the filtered daily results, with 班次, 考勤组 and the tag filters', async () => {
    const { context, page } = await signIn('hr.demo', 'desktop');
    await page.goto(`${demo.base}/dashboard`);
    const total = page.getByTestId('anomaly-total');
    await expect(total.innerText()).resolves.toMatch(/至 .* 共 \d+ 条异常/);
    const count = Number(/共 (\d+) 条异常/.exec(await total.innerText())![1]);
    expect(count).toBeGreaterThan(0);
    await total.getByRole('link', { name: '查看全部' }).click();
    await page.waitForURL((u) => u.pathname === '/attendance/daily' && u.searchParams.get('tag') === 'anomaly');
    // The demo keeps punching in the background, so the total is that of the list's own moment.
    await expect(page.locator('.ant-pagination-total-text').first().innerText()).resolves.toMatch(/共 \d+ 条/);
    await expect(page.getByTestId('day-tag-filter').innerText()).resolves.toContain('全部异常');
    const headers = await page.locator('.ant-table-thead th').allInnerTexts();
    expect(headers).toEqual(expect.arrayContaining(['班次', '考勤组']));
    const firstRow = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await firstRow.waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'desktop-daily-anomalies.png') });
    // The 迟到 tag: every row says 迟到, none says 正常.
    // The rows read are those of the filtered answer, not the anomaly list still on screen.
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/attendance/days') && new URL(r.url()).searchParams.get('tag') === 'late' && r.status() === 200);
    await page.getByTestId('day-tag-filter').click();
    await page.locator('.ant-select-item-option', { hasText: /^迟到$/ }).click();
    const lateRows = (await (await answered).json()) as { total: number };
    expect(lateRows.total).toBeGreaterThan(0);
    const rowTexts = () => page.locator('.ant-table-tbody tr.ant-table-row').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
    await expect.poll(async () => (await rowTexts()).length > 0 && (await rowTexts()).every((s) => /迟到/.test(s)), { timeout: 20_000 }).toBe(true);
    for (const s of await rowTexts()) expect(s).not.toMatch(/正常/);
    await context.close();
  }, 120_000);

  it('shows the monthly day grid with a legend and every active leave type as a column', async () => {
    const { context, page } = await signIn('hr.demo', 'desktop');
    await page.goto(`${demo.base}/attendance/monthly`);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 60_000 });
    const headers = await page.locator('.ant-table-thead th').allInnerTexts();
    expect(headers).toEqual(expect.arrayContaining(['每日考勤', '年假', '病假', '事假']));
    expect(await page.locator('.ant-table-tbody [data-day]').count()).toBeGreaterThan(10);
    await expect(page.getByTestId('month-legend').innerText()).resolves.toContain('旷 旷工');
    await page.screenshot({ path: path.join(SHOTS, 'desktop-monthly-grid.png') });
    await context.close();
  }, 120_000);

  it('lets a manager approve a 补卡 from a phone; the employee then sees the day normal', async () => {
    const employee = await signIn('employee.demo', 'phone');
    // The demo employee's day without a check-out, and a correction for it.
    const filed = await employee.page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()).user;
      const to = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const from = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
      const companyId = me.companyIds[0];
      const days = await (await fetch(`/api/v1/attendance/days?companyId=${companyId}&from=${from}&to=${to}&tag=missing_punch&employeeId=${me.employeeId}`)).json();
      const day = days.items.find((d: { missingOut: boolean; missingIn: boolean }) => d.missingOut && !d.missingIn);
      const res = await fetch('/api/v1/requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'correction', time: `${day.date}T18:20:00+08:00`, reason: '忘记打下班卡' }),
      });
      return { status: res.status, date: day.date as string, companyId, employeeId: me.employeeId };
    });
    expect(filed.status).toBe(201);

    const manager = await signIn('manager.demo', 'phone');
    await manager.page.locator('.daka-tab', { hasText: '审批处理' }).click();
    await manager.page.waitForURL((u) => u.pathname === '/requests/approvals');
    const row = manager.page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '忘记打下班卡' });
    await row.waitFor();
    expect(await manager.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await manager.page.screenshot({ path: path.join(SHOTS, 'phone-manager-approvals.png') });
    await row.getByRole('button', { name: '同意' }).click();
    await manager.page.locator('.ant-modal-footer .ant-btn-primary').click();
    await manager.page.locator('.ant-message-success').waitFor();
    await manager.page.screenshot({ path: path.join(SHOTS, 'phone-manager-approved.png') });
    await manager.context.close();

    // The approval recomputes the day: the employee sees it present, with the correction marked.
    let day: { status: string; missingOut: boolean; correctionsUsed: number } | null = null;
    for (let i = 0; i < 240 && !(day && day.status === 'present' && !day.missingOut); i++) {
      await employee.page.waitForTimeout(250);
      day = await employee.page.evaluate(async (f) => (await (await fetch(`/api/v1/attendance/days/${f.employeeId}/${f.date}?companyId=${f.companyId}`)).json()).day, filed);
    }
    expect(day).toMatchObject({ status: 'present', missingOut: false, correctionsUsed: 1 });
    await employee.context.close();
  }, 180_000);
});
