/**
 * HR's desk in a real browser (Chromium through playwright-core), on the real server with the
 * demo company (e2e/demo-browser.ts): recomputing months and following the jobs, the dashboard's
 * counts and trend, the daily results with a day's rules, a what-if preview, the approvals page
 * and the dashboard in English. Screenshots of every page go to test-results/screenshots/.
 * The employee's 补卡 and its approval are e2e/correction.test.ts.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser } from '../test/helpers/browser.js';
import { DEMO_PASSWORD, newContext, SHOTS, useDemoWithBrowser } from './demo-browser.js';
import { networkQuiet, watchRequests } from './network-quiet.js';

/** How long a page may take to show what a poll waits for (vitest's 1 s default is too short on a busy machine). */
const PAGE_WAIT = { timeout: 20_000 };
/** How long a list page may take to show its first rows (the month and day lists compute on a busy machine). */
const LIST_WAIT = { timeout: 90_000 };

describeWithBrowser('HR pages end to end (Chromium)', (chromiumPath) => {
  const demo = useDemoWithBrowser(chromiumPath, 'hr');

  // One signed-in HR page for the whole file: the app's bundles load once.
  let page: Page;
  beforeAll(async () => {
    const context = await newContext(demo.browser, { viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    watchRequests(page);
    page.setDefaultTimeout(40_000);
    await page.goto(`${demo.base}/login`);
    await page.locator('input#username').fill('hr.demo');
    await page.locator('input#password').fill(DEMO_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.locator('.daka-header').waitFor();
  }, 120_000);
  afterAll(async () => {
    await page?.context().close();
  });

  async function shot(name: string, fullPage = true): Promise<void> {
    // The page's data has landed; chart and drawer animations take a moment more.
    await networkQuiet(page);
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
  }

  it('recomputes the demo months on the Recompute page and follows the jobs to the end', async () => {
    const shanghai = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const months = [...new Set([shanghai(Date.now() - 35 * 86_400_000).slice(0, 7), shanghai(Date.now()).slice(0, 7)])];
    await page.goto(`${demo.base}/attendance/recompute`);
    for (const month of months) {
      const picker = page.locator('form .ant-picker input').first();
      await picker.click();
      await picker.fill(month);
      await picker.press('Enter');
      await page.getByRole('button', { name: '开始计算' }).click();
      await page.locator('.ant-list-item').filter({ hasText: month }).first().waitFor();
    }
    // The job list survives leaving the page and coming back.
    await page.goto(`${demo.base}/dashboard`);
    await page.goto(`${demo.base}/attendance/recompute`);
    for (const month of months) {
      await page.locator('.ant-list-item').filter({ hasText: month }).filter({ hasText: '已完成' }).first().waitFor({ timeout: 60_000 });
    }
    await shot('00-hr-recompute-done');
  }, 180_000);

  it("shows today's counts, the 30-day trend and the daily results with a day's rules", async () => {
    await page.goto(`${demo.base}/dashboard`);
    const cards = page.locator('.daka-stat-card');
    await expect.poll(() => cards.count(), PAGE_WAIT).toBe(7);
    const values = await page.locator('.daka-stat-card .ant-statistic-content-value').allInnerTexts();
    expect(values).toHaveLength(7);
    for (const v of values) expect(v.replace(/[,\s]/g, '')).toMatch(/^\d+$/);
    const today = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()).user as { companyIds: number[] };
      return (await fetch(`/api/v1/dashboard/today?companyId=${me.companyIds[0]}`)).json() as Promise<{ trend: { expected: number }[] }>;
    });
    expect(today.trend.some((d) => d.expected > 0)).toBe(true);
    await page.locator('canvas').first().waitFor();
    await shot('01-hr-dashboard');

    await page.goto(`${demo.base}/attendance/daily`);
    await page.locator('.ant-table-row').first().waitFor(LIST_WAIT);
    await shot('02-hr-daily-results');
    await page.locator('.ant-table-row').first().getByRole('button', { name: /^详\s*情$/ }).click();
    await page.locator('.ant-drawer-section').getByText('规则说明').waitFor();
    await shot('03-hr-day-detail', false);
  }, 180_000);

  it('previews a wider late grace (nothing is saved), shows approvals, and speaks English', async () => {
    await page.goto(`${demo.base}/attendance/what-if`);
    await expect.poll(() => page.locator('.ant-input-number input').first().getAttribute('placeholder'), PAGE_WAIT).toMatch(/^\d+$/);
    await page.locator('.ant-input-number input').first().fill('20');
    await page.getByRole('button', { name: /开始预演/ }).click();
    await page.getByText('变化的天数').waitFor({ timeout: 60_000 });
    await shot('11-hr-what-if');

    await page.goto(`${demo.base}/requests/approvals`);
    await page.locator('.daka-page-header').waitFor();
    await shot('12-hr-approvals');

    await page.goto(`${demo.base}/dashboard`);
    await page.locator('.daka-header').getByText('EN', { exact: true }).click();
    await page.getByText('Attendance rate, last 30 days').waitFor();
    await shot('13-hr-dashboard-en');
  }, 180_000);
});
