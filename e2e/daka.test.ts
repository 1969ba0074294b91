/**
 * The web app end to end in a real browser: the real server (startServer on SQLite in a temp dir,
 * with the demo company) serving the built app, driven by Chromium through playwright-core.
 *
 *   HR sees the dashboard → an employee finds a day with a missing punch in 我的考勤 and files a
 *   补卡 → their manager approves it → the day is recomputed to normal → HR exports the month to
 *   XLSX, which is read back with exceljs.
 *
 * Needs Chromium: DAKA_CHROMIUM, else Debian's /usr/bin/chromium (and fonts-noto-cjk for readable
 * screenshots). Skipped with a note when there is none, except in CI where that fails.
 * Screenshots of every page visited go to test-results/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';
import { testClockOffsetMs } from '../test/helpers/test-clock.js';
import { describeWithBrowser } from '../test/helpers/browser.js';

const PASSWORD = 'daka-demo-2026';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const TEST_TIMEOUT = 300_000;
/** How long a page may take to show what a poll waits for (vitest's 1 s default is too short on a busy machine). */
const PAGE_WAIT = { timeout: 20_000 };

interface DayRow {
  date: string;
  status: string;
  missingIn: boolean;
  missingOut: boolean;
  employee: { id: number; name: string; jobNumber: string };
}

describeWithBrowser('web app end to end (Chromium)', (chromiumPath) => {
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let dataDir: string;
  let profileDir: string;
  let base: string;

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'web', 'index.html'))) {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-web.js')], { cwd: ROOT, stdio: 'inherit' });
    }
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'daka-e2e-web-'));
    profileDir = mkdtempSync(path.join(tmpdir(), 'daka-e2e-chromium-'));
    const config = loadConfig({ DAKA_DATA_DIR: dataDir, DAKA_ADMIN_PASSWORD: 'e2e-admin-password', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    server = await startServer(config, { demo: true, log: () => {} });
    base = server.url.replace('[::1]', '127.0.0.1');
    // The browser starts while the demo's recompute runs.
    [, context] = await Promise.all([
      waitForJobs(server, 120_000),
      chromium.launchPersistentContext(profileDir, {
        executablePath: chromiumPath,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
      }),
    ]);
    // Under DAKA_TEST_NOW the server's calendar is moved (test/helpers/clock-setup.ts); the browser's follows it.
    if (testClockOffsetMs() !== 0) await context.clock.install({ time: Date.now() });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  async function login(username: string): Promise<void> {
    await context.clearCookies();
    await page.goto(`${base}/login`);
    await page.locator('input#username').fill(username);
    await page.locator('input#password').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.locator('.daka-header').waitFor();
  }

  async function shot(name: string, fullPage = true): Promise<void> {
    // Let spinners and chart animations settle before the picture.
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
  }

  /** A GET with the browser's session, as the logged-in user. */
  async function apiGet<T>(url: string): Promise<T> {
    return page.evaluate(async (u) => {
      const res = await fetch(u, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`${u}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    }, `/api/v1${url}`) as Promise<T>;
  }

  it(
    'dashboard → 补卡 in My month → manager approves → day recomputed → XLSX export',
    async () => {
      // HR: recomputes the demo months on the Recompute page and follows the jobs to the end;
      // the job list survives leaving the page and coming back.
      await login('hr.demo');
      const shanghai = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
      const months = [...new Set([shanghai(Date.now() - 35 * 86_400_000).slice(0, 7), shanghai(Date.now()).slice(0, 7)])];
      await page.goto(`${base}/attendance/recompute`);
      for (const month of months) {
        const picker = page.locator('form .ant-picker input').first();
        await picker.click();
        await picker.fill(month);
        await picker.press('Enter');
        await page.getByRole('button', { name: '开始计算' }).click();
        await page.locator('.ant-list-item').filter({ hasText: month }).first().waitFor();
      }
      await page.goto(`${base}/dashboard`);
      await page.goto(`${base}/attendance/recompute`);
      for (const month of months) {
        await page.locator('.ant-list-item').filter({ hasText: month }).filter({ hasText: '已完成' }).first().waitFor({ timeout: 120_000 });
      }
      await shot('00-hr-recompute-done');

      // HR: the dashboard shows today's counts and the 30-day trend of the demo company.
      await page.goto(`${base}/dashboard`);
      const cards = page.locator('.daka-stat-card');
      await expect.poll(() => cards.count(), PAGE_WAIT).toBe(7);
      const values = await page.locator('.daka-stat-card .ant-statistic-content-value').allInnerTexts();
      expect(values).toHaveLength(7);
      for (const v of values) expect(v.replace(/[,\s]/g, '')).toMatch(/^\d+$/);
      const companyId = (await apiGet<{ user: { companyIds: number[] } }>('/auth/me')).user.companyIds[0];
      const today = await apiGet<{ trend: { expected: number }[]; anomalies: unknown[] }>(`/dashboard/today?companyId=${companyId}`);
      expect(today.trend.some((d) => d.expected > 0)).toBe(true);
      await page.locator('canvas').first().waitFor();
      await shot('01-hr-dashboard');

      await page.goto(`${base}/attendance/daily`);
      await page.locator('.ant-table-row').first().waitFor();
      await shot('02-hr-daily-results');
      await page.locator('.ant-table-row').first().getByRole('button', { name: /^详\s*情$/ }).click();
      await page.locator('.ant-drawer-section').getByText('规则说明').waitFor();
      await shot('03-hr-day-detail', false);
      await page.keyboard.press('Escape');

      // Employee: a recent day with a missing punch, found in 我的考勤.
      await login('employee.demo');
      expect(new URL(page.url()).pathname).toBe('/me/month');
      const me = (await apiGet<{ user: { employeeId: number } }>('/auth/me')).user;
      const to = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const from = new Date(Date.now() + 8 * 3_600_000 - 20 * 86_400_000).toISOString().slice(0, 10);
      const missing = await apiGet<{ items: DayRow[] }>(`/attendance/days?companyId=${companyId}&from=${from}&to=${to}&status=missing_punch&pageSize=50`);
      const day = missing.items.filter((d) => d.missingIn !== d.missingOut).sort((a, b) => b.date.localeCompare(a.date))[0];
      expect(day, `employee.demo has no day with a missing punch between ${from} and ${to}`).toBeDefined();
      await page.goto(`${base}/me/month?month=${day.date.slice(0, 7)}`);
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
      const filed = mine.items.find((r) => r.fromDate === day.date && r.status === 'pending');
      expect(filed).toBeDefined();
      await page.goto(`${base}/requests/mine`);
      await page.locator('.ant-table-row').first().waitFor();
      await shot('07-employee-my-requests');

      // Manager: approves it from the approvals list.
      await login('manager.demo');
      await page.goto(`${base}/requests/approvals`);
      const row = page.locator('.ant-table-row').filter({ hasText: day.employee.name }).filter({ hasText: '补卡' }).first();
      await row.waitFor();
      await shot('08-manager-approvals');
      await row.getByRole('button', { name: /^同\s*意$/ }).click();
      const modal = page.locator('.ant-modal-container');
      await modal.locator('textarea').fill('同意');
      await modal.getByRole('button', { name: /^同\s*意$/ }).click();
      await page.locator('.ant-message').getByText('已同意').waitFor();

      // The approval queues a recompute; the day turns normal.
      await login('employee.demo');
      await expect
        .poll(async () => (await apiGet<{ day: { status: string } | null }>(`/attendance/days/${me.employeeId}/${day.date}`)).day?.status, { timeout: 90_000, intervals: [500, 1000, 2000] })
        .toBe('present');
      await page.goto(`${base}/me/month?month=${day.date.slice(0, 7)}`);
      await expect.poll(() => cell.getAttribute('data-status'), PAGE_WAIT).toBe('present');
      await shot('09-employee-day-fixed');

      // HR: the month as XLSX, read back.
      await login('hr.demo');
      await page.goto(`${base}/attendance/monthly`);
      await page.locator('.ant-table-row').first().waitFor();
      if (day.date.slice(0, 7) !== to.slice(0, 7)) {
        const picker = page.locator('.daka-filters .ant-picker').first().locator('input');
        await picker.click();
        await picker.fill(day.date.slice(0, 7));
        await picker.press('Enter');
      }
      await shot('10-hr-monthly');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
      const file = path.join(dataDir, download.suggestedFilename() || 'monthly.xlsx');
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

      // HR: a what-if preview of a wider late grace (nothing is saved).
      await page.goto(`${base}/attendance/what-if`);
      await expect.poll(() => page.locator('.ant-input-number input').first().getAttribute('placeholder'), PAGE_WAIT).toMatch(/^\d+$/);
      await page.locator('.ant-input-number input').first().fill('20');
      await page.getByRole('button', { name: /开始预演/ }).click();
      await page.getByText('变化的天数').waitFor({ timeout: 60_000 });
      await shot('11-hr-what-if');

      await page.goto(`${base}/requests/approvals`);
      await page.locator('.daka-page-header').waitFor();
      await shot('12-hr-approvals');

      // The same dashboard in English.
      await page.goto(`${base}/dashboard`);
      await page.locator('.daka-header').getByText('EN', { exact: true }).click();
      await page.getByText('Attendance rate, last 30 days').waitFor();
      await shot('13-hr-dashboard-en');
    },
    TEST_TIMEOUT,
  );
});

/** Waits until the demo seed's queued work (recomputes) has finished. */
async function waitForJobs(server: RunningServer, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const busy = await server.database.db.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'active']).execute();
    if (!busy.length) return;
    if (Date.now() > until) throw new Error(`demo jobs still running after ${timeoutMs} ms: ${busy.length}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
