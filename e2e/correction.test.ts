/**
 * A missing punch put right, end to end in a real browser (Chromium through playwright-core) on the
 * real server with the demo company (e2e/demo-browser.ts):
 *
 *   an employee finds a day with a missing punch in 我的考勤 and files a 补卡 → their manager
 *   approves it → the day is recomputed to normal; then HR exports that month to XLSX, which is
 *   read back with exceljs.
 *
 * Screenshots of every page visited go to test-results/screenshots/.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser } from '../test/helpers/browser.js';
import { DEMO_PASSWORD, newContext, SHOTS, useDemoWithBrowser } from './demo-browser.js';
import { networkQuiet, watchRequests } from './network-quiet.js';

/** How long a page may take to show what a poll waits for (vitest's 1 s default is too short on a busy machine). */
const PAGE_WAIT = { timeout: 20_000 };
/** How long a list page may take to show its first rows (the month and day lists compute on a busy machine). */
const LIST_WAIT = { timeout: 90_000 };

interface DayRow {
  date: string;
  status: string;
  missingIn: boolean;
  missingOut: boolean;
  employee: { id: number; name: string; jobNumber: string };
}

describeWithBrowser('补卡 from My month to the exported month (Chromium)', (chromiumPath) => {
  const demo = useDemoWithBrowser(chromiumPath, 'correction');

  // One browser context for the three people (signing in again switches user): the app's bundles load once.
  let page: Page;
  beforeAll(async () => {
    const context = await newContext(demo.browser, { viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    watchRequests(page);
    page.setDefaultTimeout(40_000);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  async function signIn(username: string): Promise<void> {
    await page.context().clearCookies();
    await page.goto(`${demo.base}/login`);
    await page.locator('input#username').fill(username);
    await page.locator('input#password').fill(DEMO_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.locator('.daka-header').waitFor();
  }

  async function shot(name: string, fullPage = true): Promise<void> {
    // The page's data has landed; chart and drawer animations take a moment more.
    await networkQuiet(page);
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
  }

  /** A GET with the page's session, as its logged-in user. */
  async function apiGet<T>(url: string): Promise<T> {
    return page.evaluate(async (u) => {
      const res = await fetch(u, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`${u}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    }, `/api/v1${url}`) as Promise<T>;
  }

  /** The day the employee put right (the export test reads that month). */
  let fixed: DayRow | undefined;

  it(
    '补卡 in My month → manager approves → day recomputed to normal',
    async () => {
      // Employee: a recent day with a missing punch, found in 我的考勤.
      await signIn('employee.demo');
      expect(new URL(page.url()).pathname).toBe('/me/month');
      const me = (await apiGet<{ user: { employeeId: number; companyIds: number[] } }>('/auth/me')).user;
      const companyId = me.companyIds[0];
      const to = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const from = new Date(Date.now() + 8 * 3_600_000 - 20 * 86_400_000).toISOString().slice(0, 10);
      const missing = await apiGet<{ items: DayRow[] }>(`/attendance/days?companyId=${companyId}&from=${from}&to=${to}&status=missing_punch&pageSize=50`);
      const day = missing.items.filter((d) => d.missingIn !== d.missingOut).sort((a, b) => b.date.localeCompare(a.date))[0];
      expect(day, `employee.demo has no day with a missing punch between ${from} and ${to}`).toBeDefined();
      await page.goto(`${demo.base}/me/month?month=${day.date.slice(0, 7)}`);
      const cell = page.locator(`.daka-day[data-date="${day.date}"]`);
      await expect.poll(() => cell.getAttribute('data-status'), PAGE_WAIT).toBe('missing_punch');
      await shot('04-employee-my-month');
      await cell.click();
      const drawer = page.locator('.ant-drawer-section').filter({ hasText: '打卡记录' });
      await drawer.getByText('规则说明').waitFor();
      await shot('05-employee-day-detail', false);
      await drawer.getByRole('button', { name: '申请补卡' }).click();

      const form = page.locator('.ant-drawer-section').filter({ hasText: '发起申请' });
      await form.getByText('补卡时间').waitFor();
      // The missing check-out is filed after the shift ends, a missing check-in before it starts.
      const time = day.missingOut ? '19:00' : '08:30';
      const timeInput = form.locator('.ant-picker').nth(1).locator('input');
      await timeInput.click();
      await timeInput.fill(time);
      await timeInput.press('Enter');
      await form.locator('textarea').fill('忘记打卡，已与主管确认');
      await shot('06-employee-correction-form', false);
      await form.getByRole('button', { name: '提交申请' }).click();
      await page.locator('.ant-message').getByText('已保存').waitFor();
      const mine = await apiGet<{ items: { id: number; kind: string; status: string; fromDate: string }[] }>(`/requests?companyId=${companyId}&mine=true&kind=correction`);
      expect(mine.items.find((r) => r.fromDate === day.date && r.status === 'pending')).toBeDefined();
      await page.goto(`${demo.base}/requests/mine`);
      await page.locator('.ant-table-row').first().waitFor(LIST_WAIT);
      await shot('07-employee-my-requests');

      // Manager: approves it from the approvals list.
      await signIn('manager.demo');
      await page.goto(`${demo.base}/requests/approvals`);
      const row = page.locator('.ant-table-row').filter({ hasText: day.employee.name }).filter({ hasText: '补卡' }).first();
      await row.waitFor(LIST_WAIT);
      await shot('08-manager-approvals');
      await row.getByRole('button', { name: /^同\s*意$/ }).click();
      const modal = page.locator('.ant-modal-container');
      await modal.locator('textarea').fill('同意');
      await modal.getByRole('button', { name: /^同\s*意$/ }).click();
      await page.locator('.ant-message').getByText('已同意').waitFor();

      // The approval queues a recompute; the day turns normal.
      await signIn('employee.demo');
      await expect
        .poll(async () => (await apiGet<{ day: { status: string } | null }>(`/attendance/days/${me.employeeId}/${day.date}`)).day?.status, { timeout: 60_000, interval: 500 })
        .toBe('present');
      await page.goto(`${demo.base}/me/month?month=${day.date.slice(0, 7)}`);
      await expect.poll(() => cell.getAttribute('data-status'), PAGE_WAIT).toBe('present');
      await shot('09-employee-day-fixed');
      fixed = day;
    },
    240_000,
  );

  it(
    "exports that month to XLSX with the employee's row",
    async () => {
      const day = fixed;
      if (!day) throw new Error('the 补卡 flow above did not finish, so there is no month to export');
      const to = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      await signIn('hr.demo');
      await page.goto(`${demo.base}/attendance/monthly`);
      await page.locator('.ant-table-row').first().waitFor(LIST_WAIT);
      if (day.date.slice(0, 7) !== to.slice(0, 7)) {
        const picker = page.locator('.daka-filters .ant-picker').first().locator('input');
        await picker.click();
        await picker.fill(day.date.slice(0, 7));
        await picker.press('Enter');
      }
      await shot('10-hr-monthly');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: '导出 Excel' }).click()]);
      const file = path.join(demo.dataDir, download.suggestedFilename() || 'monthly.xlsx');
      await download.saveAs(file);
      expect(file.endsWith('.xlsx')).toBe(true);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const texts: string[] = [];
      book.eachSheet((sheet) => sheet.eachRow((r) => texts.push((r.values as unknown[]).map((v) => (v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))).join('|'))));
      const employeeRow = texts.find((line) => line.includes(day.employee.jobNumber));
      expect(employeeRow, 'the employee is in the exported month').toBeDefined();
      expect(employeeRow).toContain(day.employee.name);
      expect(day.employee.name).toMatch(/[\u4e00-\u9fff]/);
    },
    180_000,
  );
});
