/**
 * The phone side in a real browser at 390×844: the tab bar shell, no page that scrolls sideways,
 * web clock-in inside the site's fence and outside it as field work, the PWA manifest, and the
 * desktop shell still in place at desktop size. Screenshots go to test-results/screenshots/.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeWithBrowser } from '../test/helpers/browser.js';
import { SHOTS, useDemoWithBrowser } from './demo-browser.js';
import { networkQuiet, watchRequests } from './network-quiet.js';

const PASSWORD = 'daka-demo-2026';
// The demo's 上海总部 fence: 300 m around this point.
const HQ = { latitude: 31.2035, longitude: 121.5907 };
const FAR = { latitude: 31.25, longitude: 121.5907 };

describeWithBrowser('phone layout and web clock-in (Chromium, 390 px)', (chromiumPath) => {
  const demo = useDemoWithBrowser(chromiumPath, 'phone');

  async function phone(username: string, at = HQ, locale = 'zh-CN'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await demo.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale,
      timezoneId: 'Asia/Shanghai',
      geolocation: { ...at, accuracy: 20 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    watchRequests(page);
    page.setDefaultTimeout(20_000);
    await page.goto(`${demo.base}/login`);
    await page.locator('input#username').fill(username);
    await page.locator('input#password').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.locator('.daka-tabbar').waitFor();
    return { context, page };
  }

  async function visit(page: Page, route: string, shotName: string): Promise<number> {
    await page.goto(`${demo.base}${route}`);
    await page.locator('.daka-phone-content').waitFor();
    // The page's data has landed and laid out before the picture and the width are taken.
    await networkQuiet(page, 300);
    await page.screenshot({ path: path.join(SHOTS, `${shotName}.png`) });
    return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  }

  it('shows the tab bar and no page scrolls sideways, for an employee and for a manager', async () => {
    const employee = await phone('employee.demo');
    await expect(employee.page.locator('.daka-tab').allInnerTexts()).resolves.toEqual(['我的考勤', '打卡', '申请', '我的']);
    expect(await employee.page.locator('.ant-layout-sider').count()).toBe(0);
    for (const route of ['/me/month', '/me/clock', '/requests/mine', '/me/punches', '/me/leave', '/me/profile']) {
      expect(await visit(employee.page, route, `phone-employee${route.replace(/\//g, '-')}`), route).toBe(0);
    }
    await employee.context.close();
    const manager = await phone('manager.demo');
    await expect(manager.page.locator('.daka-tab').allInnerTexts()).resolves.toEqual(['工作台', '打卡', '审批处理', '我的']);
    for (const route of ['/dashboard', '/requests/approvals', '/attendance/daily', '/me/profile']) {
      expect(await visit(manager.page, route, `phone-manager${route.replace(/\//g, '-')}`), route).toBe(0);
    }
    await manager.context.close();
  }, 120_000);

  it('clocks in inside the fence, then out from far away as field work with a reason', async () => {
    const { context, page } = await phone('employee.demo');
    await page.goto(`${demo.base}/me/clock`);
    await expect(page.locator('.daka-clock-where .ant-tag').innerText()).resolves.toMatch(/在 上海总部 打卡范围内/);
    const button = page.locator('.daka-clock-button');
    // The demo's punches run up to now: on a workday morning the employee may already have clocked
    // in from a machine, and then the first tap here is a check-out too.
    const before = await page.evaluate(async () => (await fetch('/api/v1/me/clock')).json());
    await expect(button.innerText()).resolves.toMatch(before.today.length ? /下班打卡/ : /上班打卡/);
    await button.click();
    await page.locator('.ant-alert-success').waitFor();
    await expect(page.locator('.ant-alert-success').innerText()).resolves.toMatch(/打卡成功/);
    await page.screenshot({ path: path.join(SHOTS, 'phone-clock-in.png') });
    // Today's web punches after each tap: near midnight the two taps may fall on two days.
    type TodayPunch = { id: number; source: string };
    const webPunchIds = async () =>
      ((await page.evaluate(async () => (await fetch('/api/v1/me/clock')).json())).today as TodayPunch[]).filter((p) => p.source === 'web').map((p) => p.id);
    const afterFirst = await webPunchIds();

    await context.setGeolocation({ ...FAR, accuracy: 20 });
    await page.getByRole('button', { name: /重新定位/ }).click();
    await expect(page.locator('.daka-clock-where .ant-tag').innerText()).resolves.toMatch(/不在 上海总部 打卡范围内/);
    await expect(button.innerText()).resolves.toMatch(/下班打卡/);
    expect(await button.isDisabled()).toBe(true);
    await page.locator('.daka-clock-reason').fill('客户现场安装调试');
    expect(await button.isDisabled()).toBe(false);
    await button.click();
    await page.locator('.ant-alert-success .ant-alert-description').waitFor();
    await expect(page.locator('.ant-alert-success').innerText()).resolves.toMatch(/已按外勤记录，原因：客户现场安装调试/);
    await page.screenshot({ path: path.join(SHOTS, 'phone-clock-field-work.png') });

    expect(new Set([...afterFirst, ...(await webPunchIds())]).size).toBe(2);
    await context.close();
  }, 120_000);

  it('speaks English when asked, and is installable', async () => {
    const { context, page } = await phone('employee.demo', HQ, 'en');
    await page.goto(`${demo.base}/me/profile`);
    await page.getByText('EN', { exact: true }).click();
    await page.goto(`${demo.base}/me/clock`);
    await page.locator('.daka-clock-where .ant-tag').waitFor();
    await expect(page.locator('.daka-tab').allInnerTexts()).resolves.toEqual(['My month', 'Clock in', 'Requests', 'Me']);
    await expect(page.locator('.daka-clock-where .ant-tag').innerText()).resolves.toMatch(/Inside the range of 上海总部/);
    await context.close();
    const manifest = await (await fetch(`${demo.base}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ display: 'standalone', start_url: '/' });
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const res = await fetch(`${demo.base}${icon.src}`);
      expect(res.status, icon.src).toBe(200);
      expect(res.headers.get('content-type')).toContain(icon.type);
    }
  }, 60_000);

  it('keeps the sidebar shell at desktop size', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${demo.base}/login`);
    await page.locator('input#username').fill('employee.demo');
    await page.locator('input#password').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.locator('.ant-layout-sider').waitFor();
    expect(await page.locator('.daka-tabbar').count()).toBe(0);
    await context.close();
  }, 60_000);
});
