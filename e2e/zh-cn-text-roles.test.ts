/**
 * The Chinese UI speaks Chinese, a manager's and an employee's side: signed in as each in zh-CN,
 * every page of their menu and a day's drawer are visited and their visible text collected (what
 * counts as English: e2e/foreign-text.ts; HR's side: e2e/zh-cn-text.test.ts). The same start also
 * checks that no column of the shift list is hidden under a fixed column, at 1440 and at 390 px, and
 * that the list fits its card at 1440 px.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithBrowser } from '../test/helpers/browser.js';
import { SHOTS, useDemoWithBrowser } from './demo-browser.js';
import { chinesePages } from './zh-cn-pages.js';

describeWithBrowser('no English or raw keys on Chinese pages: manager and employee (Chromium)', (chromiumPath) => {
  const demo = useDemoWithBrowser(chromiumPath, 'zh-text-roles');
  const { signIn, go, visibleText, visitAll, dailyDetail } = chinesePages(demo);

  it('shows a manager no English text on any page or in a day drawer', async () => {
    expect(await visitAll('manager.demo', 'manager', dailyDetail)).toEqual({});
  }, 180_000);

  it("shows an employee no English text on any page or in their day's drawer", async () => {
    const found = await visitAll('employee.demo', 'employee', async (page) => {
      await go(page, 'me/month');
      const day = page.locator('.daka-day[data-status="missing"], .daka-day[data-status="late"], .daka-day[data-status="present"]').first();
      await day.click();
      await page.locator('.ant-drawer-body').first().waitFor();
      return visibleText(page);
    });
    expect(found).toEqual({});
  }, 180_000);

  it('hides no column of the shift list under a fixed column, at 1440 and at 390 px', async () => {
    for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      const { context, page } = await signIn('hr.demo', viewport);
      await page.goto(`${demo.base}/setup/shift-types`, { waitUntil: 'domcontentloaded' });
      // The shift list's own table (not the one of the page signed in to), with its rows.
      await page.locator('.ant-table-thead th', { hasText: '班次编码' }).waitFor({ timeout: 60_000 });
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      const headers = await page.locator('.ant-table-thead th').allInnerTexts();
      expect(headers.filter((h) => h.trim()).length).toBeGreaterThanOrEqual(10);
      // Each header and first-row cell, scrolled into view, must be what is drawn at its centre.
      const hidden = await page.evaluate(() => {
        const out: string[] = [];
        const cells = [...document.querySelectorAll('.ant-table-thead th'), ...document.querySelectorAll('.ant-table-tbody tr.ant-table-row:first-child td')];
        for (const cell of cells as HTMLElement[]) {
          if (!cell.innerText.trim()) continue;
          cell.scrollIntoView({ block: 'nearest', inline: 'center' });
          const r = cell.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          if (!hit || !cell.contains(hit)) out.push(cell.innerText.trim());
        }
        return out;
      });
      await page.screenshot({ path: path.join(SHOTS, `shift-list-${viewport.width}.png`) });
      expect(hidden).toEqual([]);
      // On a laptop the whole table fits its card: nothing to scroll sideways to (a phone scrolls).
      const overflow = await page.evaluate(() => {
        const box = document.querySelector('.ant-table-content') as HTMLElement;
        return box.scrollWidth - box.clientWidth;
      });
      if (viewport.width >= 1440) expect(overflow).toBeLessThanOrEqual(0);
      else expect(overflow).toBeGreaterThan(0);
      await context.close();
    }
  }, 180_000);
});
