/**
 * The leave request form on a phone (Chromium, 390 px, zh-CN): with 年假 keeping a balance, the
 * employee picks a week and sees, before sending, what it costs by day (the weekend free) and the
 * balance after; nothing scrolls sideways. Screenshot in test-results/screenshots/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addDays } from '../src/shared/dates.js';
import { describeWithBrowser } from '../test/helpers/browser.js';
import { testToday } from '../test/helpers/test-clock.js';
import { SHOTS, useDemoWithBrowser } from './demo-browser.js';

const PASSWORD = 'daka-demo-2026';

/** The Monday at least 7 days ahead: a whole working week and its weekend, all in the future. */
function nextWeek(): { monday: string; sunday: string } {
  let monday = addDays(testToday(), 7);
  while (new Date(`${monday}T00:00:00Z`).getUTCDay() !== 1) monday = addDays(monday, 1);
  return { monday, sunday: addDays(monday, 6) };
}

describeWithBrowser('leave cost in the request form (Chromium, 390 px)', (chromiumPath) => {
  const demo = useDemoWithBrowser(chromiumPath, 'leave-phone');

  async function login(page: Page, username: string) {
    await page.goto(`${demo.base}/login`);
    await page.locator('input#username').fill(username);
    await page.locator('input#password').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  it('shows the cost per day and the balance after before the request is sent', async () => {
    const phone = await demo.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await phone.newPage();
    page.setDefaultTimeout(20_000);
    await login(page, 'employee.demo');
    const me = await page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()).user as { employeeId: number; companyIds: number[] });

    // HR: 年假 keeps a balance (no going negative) and this employee has 3 days of it.
    const desk = await demo.browser.newContext({ locale: 'zh-CN' });
    const hr = await desk.newPage();
    await login(hr, 'hr.demo');
    const setup = await hr.evaluate(
      async ({ employeeId, companyId, date }) => {
        const send = (method: string, url: string, body: unknown) => fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);
        const rules = { accrual: 'none', amount: 0, bands: [], welfareDays: 0, expiresAtYearEnd: false, carryOver: null, allowNegative: false, calendarDays: false, creditExpiryDays: 0 };
        return [
          await send('PUT', '/api/v1/leave-types/annual/balance-rules', { companyId, rules }),
          await send('POST', '/api/v1/leave-balances/adjustments', { employeeId, leaveType: 'annual', amount: 3, effectiveDate: date, reason: '期初余额' }),
        ];
      },
      { employeeId: me.employeeId, companyId: me.companyIds[0], date: testToday() },
    );
    expect(setup).toEqual([200, 201]);
    // HR's 假期 page: the rules editor and the 调休 policy tabs render with the demo's data.
    await hr.goto(`${demo.base}/leave/balances`);
    await hr.getByRole('tab', { name: '假期规则' }).click();
    await hr.getByText('法定年休假').or(hr.getByText('不自动发放')).first().waitFor();
    await hr.screenshot({ path: path.join(SHOTS, 'hr-leave-rules.png') });
    await hr.getByRole('tab', { name: '加班调休' }).click();
    await hr.getByText(/第四十四条/).waitFor();
    await hr.screenshot({ path: path.join(SHOTS, 'hr-overtime-policy.png') });
    await desk.close();

    const { monday, sunday } = nextWeek();
    await page.goto(`${demo.base}/requests/mine`);
    await page.getByRole('button', { name: /申请请假/ }).click();
    await page.locator('.ant-drawer .ant-select').first().click();
    await page.getByText('年假（按半天）').click();
    const [from, to] = await page.locator('.ant-drawer .ant-picker-range input').all();
    await from.click();
    await from.fill(monday);
    await from.press('Enter');
    await to.fill(sunday);
    await to.press('Enter');
    const cost = page.locator('[data-testid="leave-cost"]');
    await cost.getByText(/本次请假扣减 [\d.]+ 天/).waitFor();
    // The demo employee's schedule decides the cost; the balance is the 3 days HR gave.
    await expect(cost.innerText()).resolves.toMatch(/可用 3 天/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'phone-leave-cost.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    const drawer = await page.locator('.ant-drawer-content-wrapper').boundingBox();
    expect(drawer!.width).toBeLessThanOrEqual(390);
    await phone.close();

    // A manager's phone: the team's balances, read-only, nothing scrolling sideways.
    const managerPhone = await demo.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const manager = await managerPhone.newPage();
    await login(manager, 'manager.demo');
    await manager.goto(`${demo.base}/leave/balances`);
    await manager.locator('.ant-table-row').first().waitFor();
    expect(await manager.getByRole('button', { name: '调整' }).count()).toBe(0);
    await manager.screenshot({ path: path.join(SHOTS, 'phone-manager-team-balances.png') });
    expect(await manager.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await managerPhone.close();
  }, 240_000);
});
