/**
 * The Chinese UI speaks Chinese: signed in as HR, as a manager and as an employee in zh-CN, every
 * page of their menu (and a day's detail drawer) is visited and its visible text collected. It
 * fails on English words and sentences (the engine's explanations such as "missing_punch: a
 * check-in or check-out is missing"), raw i18n keys (`attendance.status.x`) and raw field names
 * (`backfill`, `resumedFrom`, `companyId`). Allowed: product names, codes and abbreviations in
 * capitals, anything with a digit (job numbers, serials, versions), units, e-mail addresses and
 * URLs. The same start also checks that no column of the shift list is hidden under a fixed column,
 * at 1440 and at 390 px.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeWithBrowser } from '../test/helpers/browser.js';
import { SHOTS, useDemoWithBrowser } from './demo-browser.js';
import { foreignWords } from './foreign-text.js';

const PASSWORD = 'daka-demo-2026';
type Role = 'admin' | 'hr' | 'manager' | 'employee';

/** The menu's pages per role, read from the web app's one list of pages. */
function pagesFor(role: Role): string[] {
  const source = readFileSync(new URL('../web/src/app/pages.tsx', import.meta.url), 'utf8');
  const named: Record<string, Role[]> = { ADMIN: ['admin'], HR: ['admin', 'hr'] };
  const out: string[] = [];
  for (const m of source.matchAll(/\{ path: '([^']+)',[^\n]*?roles: (\[[^\]]*\]|[A-Z]+)/g)) {
    const roles = m[2].startsWith('[') ? (JSON.parse(m[2].replace(/'/g, '"')) as Role[]) : named[m[2]];
    if (roles.includes(role)) out.push(m[1]);
  }
  return out;
}

describeWithBrowser('no English or raw keys on Chinese pages (Chromium)', (chromiumPath) => {
  const demo = useDemoWithBrowser(chromiumPath, 'zh-text');

  async function signIn(username: string, viewport = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await demo.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: viewport.width < 768, hasTouch: viewport.width < 768 });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.setDefaultNavigationTimeout(60_000);
    await page.goto(`${demo.base}/login`, { waitUntil: 'domcontentloaded' });
    await page.locator('input#username').fill(username);
    await page.locator('input#password').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    return { context, page };
  }

  /** In-app navigation, as a menu click does: the app is loaded once per role, not once per page. */
  async function go(page: Page, to: string): Promise<void> {
    await page.evaluate((target) => {
      window.history.pushState({}, '', target);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `/${to}`);
    await page.waitForURL((u) => u.pathname + u.search === `/${to}`);
  }

  /** The page's visible text once its data has arrived (no spinner), with titles of what it shows. */
  async function visibleText(page: Page): Promise<string> {
    // Pages load their data after the first paint: wait for the spinners to go and the answers to land.
    await page.waitForTimeout(600);
    await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
    return page.evaluate(() => {
      // Wire text shown as code (a device command line) is the protocol's, not the UI's.
      const codes = [...document.querySelectorAll('code')] as HTMLElement[];
      for (const c of codes) c.style.display = 'none';
      const text = document.body.innerText;
      for (const c of codes) c.style.display = '';
      const titles = [...document.querySelectorAll('[title], [aria-label], input[placeholder], textarea[placeholder]')]
        .filter((e) => (e as HTMLElement).offsetParent !== null && !e.closest('code'))
        .flatMap((e) => [e.getAttribute('title'), e.getAttribute('placeholder')])
        .filter((s): s is string => !!s);
      return `${text}\n${titles.join('\n')}`;
    });
  }

  async function visitAll(username: string, role: Role, extra: (page: Page) => Promise<string>) {
    const { context, page } = await signIn(username);
    const found: Record<string, string[]> = {};
    for (const p of pagesFor(role)) {
      await go(page, p);
      const words = foreignWords(await visibleText(page));
      if (words.length) found[`/${p}`] = words;
    }
    const more = foreignWords(await extra(page));
    if (more.length) found['(detail)'] = more;
    await page.screenshot({ path: path.join(SHOTS, `zh-cn-${role}-detail.png`) });
    await context.close();
    return found;
  }

  /** The daily results' first row opened in its day drawer, as HR and managers reach it. */
  async function dailyDetail(page: Page): Promise<string> {
    await go(page, 'attendance/daily?tag=anomaly');
    const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await row.waitFor();
    await row.dblclick();
    await page.locator('.ant-drawer-body').first().waitFor();
    return visibleText(page);
  }

  /** HR's drawers too: a day, the connector's runs (run kinds and counts), a machine. */
  async function hrDetails(page: Page): Promise<string> {
    const texts = [await dailyDetail(page)];
    await go(page, 'setup/connectors');
    await page.locator('.ant-table-tbody tr.ant-table-row .ant-btn-link').first().click();
    await page.locator('.ant-drawer-body .ant-tabs-tab', { hasText: '同步记录' }).click();
    await page.locator('.ant-drawer-body .ant-tabs-tab-active', { hasText: '同步记录' }).waitFor();
    texts.push(await visibleText(page));
    await go(page, 'setup/devices');
    await page.locator('.ant-table-tbody tr.ant-table-row .ant-btn-link').first().click();
    await page.locator('.ant-drawer-body').first().waitFor();
    texts.push(await visibleText(page));
    return texts.join('\n');
  }

  it('shows HR no English text on any page or in a day, connector or machine drawer', async () => {
    expect(await visitAll('hr.demo', 'hr', hrDetails)).toEqual({});
  }, 180_000);

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
      await context.close();
    }
  }, 180_000);
});

describe('what counts as English on a Chinese page', () => {
  it('reports engine sentences, raw i18n keys and field names, not codes, units, data or product names', () => {
    expect(foreignWords('缺卡 missing_punch: a check-in or check-out is missing')).toEqual(['missing_punch', 'check-in', 'or', 'check-out', 'is', 'missing']);
    expect(foreignWords('状态 attendance.status.x 补拉 backfill resumedFrom: 3 companyId')).toEqual(['attendance.status.x', 'backfill', 'resumedFrom', 'companyId']);
    expect(foreignWords('曹龑 YS0005 DEMO-ZK-001 SpeedFace-V5L Ver 8.0.4.3 导出 CSV 7 小时 48 分钟 ys0005@demo.daka.example Wi-Fi GPS 定位 Webhook 推送')).toEqual([]);
  });
});
