/**
 * The Chinese UI speaks Chinese, HR's side: signed in as HR in zh-CN, every page of the menu and
 * the day, connector and machine drawers are visited and their visible text collected. It fails on
 * English words and sentences (the engine's explanations such as "missing_punch: a check-in or
 * check-out is missing"), raw i18n keys (`attendance.status.x`) and raw field names (`backfill`,
 * `resumedFrom`, `companyId`). Allowed: product names, codes and abbreviations in capitals,
 * anything with a digit (job numbers, serials, versions), units, e-mail addresses and URLs.
 * A manager's and an employee's pages are e2e/zh-cn-text-roles.test.ts (a demo of their own, so
 * the two halves run side by side).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeWithBrowser } from '../test/helpers/browser.js';
import { useDemoWithBrowser } from './demo-browser.js';
import { foreignWords } from './foreign-text.js';
import { chinesePages } from './zh-cn-pages.js';

describeWithBrowser('no English or raw keys on Chinese pages: HR (Chromium)', (chromiumPath) => {
  const demo = useDemoWithBrowser(chromiumPath, 'zh-text');
  const { go, visibleText, visitAll, dailyDetail } = chinesePages(demo);

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
});

describe('what counts as English on a Chinese page', () => {
  it('reports engine sentences, raw i18n keys and field names, not codes, units, data or product names', () => {
    expect(foreignWords('缺卡 missing_punch: a check-in or check-out is missing')).toEqual(['missing_punch', 'check-in', 'or', 'check-out', 'is', 'missing']);
    expect(foreignWords('状态 attendance.status.x 补拉 backfill resumedFrom: 3 companyId')).toEqual(['attendance.status.x', 'backfill', 'resumedFrom', 'companyId']);
    expect(foreignWords('曹龑 YS0005 DEMO-ZK-001 SpeedFace-V5L Ver 8.0.4.3 导出 CSV 7 小时 48 分钟 ys0005@demo.daka.example Wi-Fi GPS 定位 Webhook 推送')).toEqual([]);
  });
});
