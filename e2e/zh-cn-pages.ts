/**
 * Visiting a role's pages in zh-CN and collecting their visible text, for the checks that the
 * Chinese UI speaks Chinese (e2e/zh-cn-text*.test.ts): the menu's pages per role, signing in,
 * in-app navigation, a page's text once its data has landed, and the day drawer of the daily results.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SHOTS } from './demo-browser.js';
import { foreignWords } from './foreign-text.js';
import { networkQuiet, watchRequests } from './network-quiet.js';

const PASSWORD = 'daka-demo-2026';
export type Role = 'admin' | 'hr' | 'manager' | 'employee';

/** The menu's pages per role, read from the web app's one list of pages. */
export function pagesFor(role: Role): string[] {
  const source = readFileSync(new URL('../web/src/app/pages.tsx', import.meta.url), 'utf8');
  const named: Record<string, Role[]> = { ADMIN: ['admin'], HR: ['admin', 'hr'] };
  const out: string[] = [];
  for (const m of source.matchAll(/\{ path: '([^']+)',[^\n]*?roles: (\[[^\]]*\]|[A-Z]+)/g)) {
    const roles = m[2].startsWith('[') ? (JSON.parse(m[2].replace(/'/g, '"')) as Role[]) : named[m[2]];
    if (roles.includes(role)) out.push(m[1]);
  }
  return out;
}

export interface ChinesePages {
  signIn(username: string, viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  /** In-app navigation, as a menu click does: the app is loaded once per role, not once per page. */
  go(page: Page, to: string): Promise<void>;
  /** The page's visible text once its data has arrived (no spinner), with titles of what it shows. */
  visibleText(page: Page): Promise<string>;
  /** Every menu page of `role`, then `extra`: the foreign words found, by page ({} when none). */
  visitAll(username: string, role: Role, extra: (page: Page) => Promise<string>): Promise<Record<string, string[]>>;
  /** The daily results' first row opened in its day drawer, as HR and managers reach it. */
  dailyDetail(page: Page): Promise<string>;
}

export function chinesePages(demo: { readonly browser: Browser; readonly base: string }): ChinesePages {
  async function signIn(username: string, viewport = { width: 1440, height: 900 }) {
    const context = await demo.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: viewport.width < 768, hasTouch: viewport.width < 768 });
    const page = await context.newPage();
    watchRequests(page);
    page.setDefaultTimeout(30_000);
    page.setDefaultNavigationTimeout(60_000);
    await page.goto(`${demo.base}/login`, { waitUntil: 'domcontentloaded' });
    await page.locator('input#username').fill(username);
    await page.locator('input#password').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    return { context, page };
  }

  async function go(page: Page, to: string): Promise<void> {
    await page.evaluate((target) => {
      window.history.pushState({}, '', target);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `/${to}`);
    await page.waitForURL((u) => u.pathname + u.search === `/${to}`);
  }

  async function visibleText(page: Page): Promise<string> {
    // Pages load their data after the first paint: wait for the answers to land and the spinners to go.
    await networkQuiet(page);
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

  async function dailyDetail(page: Page): Promise<string> {
    await go(page, 'attendance/daily?tag=anomaly');
    const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await row.waitFor();
    await row.dblclick();
    await page.locator('.ant-drawer-body').first().waitFor();
    return visibleText(page);
  }

  return { signIn, go, visibleText, visitAll, dailyDetail };
}
