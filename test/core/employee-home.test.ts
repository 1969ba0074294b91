import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { escapeHtml, languageOf, renderEmployeeHome, type EmployeeHomeAssets } from '../../src/http/employee-home.js';
import { monthAround } from '../../src/http/web-ui.js';
import type { MonthDay } from '../../src/shared/my-month.js';
import { employeeHomeAssets } from '../../web/build/employee-home-assets.js';
import zhCN from '../../web/src/locales/zh-CN.json' with { type: 'json' };
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.js';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-a1.js"></script><link rel="stylesheet" crossorigin href="/assets/index-c3.css"></head><body><div id="root"></div></body></html>';
const CSS = '.daka-logo{color:#fff}';
const HOSTILE = '<img src=x onerror=alert(1)>"\'&';

/** What the build writes for the drawing, from the app's own locale files. */
function builtAssets(): string {
  let source = '';
  const plugin = employeeHomeAssets(path.resolve('web/src/locales'));
  (plugin.generateBundle as unknown as (this: unknown) => void).call({ emitFile: (f: { source: string }) => (source = f.source) });
  return source;
}

/** The drawn home inside a served page, or null. */
function drawnOf(html: string): string | null {
  return /<div id="daka-prerender".*?<\/nav><\/div><\/div>/s.exec(html)?.[0] ?? null;
}

const text = (res: LightMyRequestResponse) => (res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload).toString('utf8') : res.body);

describeEachDb('the employee home drawn into index.html', (db) => {
  let t: TestApp;
  let root: string;
  let employeeId: number;
  let firstDay: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'daka-web-'));
    mkdirSync(path.join(root, 'assets'));
    mkdirSync(path.join(root, '.vite'));
    writeFileSync(path.join(root, 'index.html'), INDEX);
    writeFileSync(path.join(root, 'assets', 'index-c3.css'), CSS);
    writeFileSync(path.join(root, '.vite', 'employee-home.json'), builtAssets());
    t = await createTestApp(db(), { webRoot: root });
    const me = (await t.as('employee').get('/api/v1/auth/me')).json();
    employeeId = me.user.employeeId;
    // A hostile name on the employee and the account: data, never markup.
    await t.database.db.updateTable('employees').set({ name: HOSTILE }).where('id', '=', employeeId).execute();
    await t.database.db.updateTable('users').set({ display_name: HOSTILE }).where('employee_id', '=', employeeId).execute();
    firstDay = monthAround(Date.now(), 'Asia/Shanghai').from;
    await t.database.db
      .insertInto('attendance_days')
      .values({
        company_id: t.companyId, employee_id: employeeId, date: firstDay, group_id: null, shift_type_id: null, day_type: 'workday', status: 'missing_punch',
        late: 0, late_minutes: 0, late_level: 'none', early: 0, early_minutes: 0, missing_in: 0, missing_out: 1, worked_minutes: 0, overtime_minutes: 0,
        overtime_category: 'workday', overtime_pay_multiplier: 1, unapproved_overtime_minutes: null, in_time: `${firstDay}T09:00:00+08:00`, out_time: null,
        ignored_punch_count: 0, duplicate_punch_count: 0, leave_type: null, leave_half: null, corrections_used: 0, explanation: null, computed_at_ms: 1,
      })
      .execute();
  });
  afterAll(async () => {
    await t.app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("draws a signed-in employee's month in Chinese, with the styles inside and the page kept private", async () => {
    const res = await t.as('employee').inject({ method: 'GET', url: '/me/month', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-encoding']).toBe('br');
    expect(String(res.headers.vary)).toContain('Cookie');
    const html = text(res);
    const drawn = drawnOf(html)!;
    expect(drawn).not.toBeNull();
    const from = firstDay;
    const listed = (await t.as('employee').get(`/api/v1/attendance/days?companyId=${t.companyId}&employeeId=${employeeId}&from=${from}&to=${from}`)).json().items as MonthDay[];
    // 缺卡, or 待打卡 on the day its check-out window is still open.
    const label = listed[0].inProgress ? zhCN.attendance.inProgressShort : zhCN.attendance.status.missing_punch;
    expect(label).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(drawn).toMatch(new RegExp(`aria-label="${from}"><div class="daka-calendar-date">1</div><div class="daka-calendar-content"><div class="daka-pre-day"[^>]*><span class="daka-pre-day-dot" style="background:#[0-9a-f]{6}"></span><span class="daka-pre-day-label">${label}</span>`));
    for (const zhText of ['我的考勤', zhCN.attendance.myMonth.shouldAttend, zhCN.attendance.myMonth.hint, zhCN.menu.clock]) expect(drawn).toContain(zhText);
    // Drawn beside the app's root, with the build's stylesheet inline instead of linked.
    expect(html).toContain('</div></div><div id="root"></div>');
    expect(html).toContain(`<style>${CSS}</style>`);
    expect(html).not.toContain('index-c3.css');
    expect(html).not.toContain('<img');
    expect(html).not.toContain(HOSTILE);
  });

  it("speaks the browser's chosen language, and the account's when there is none", async () => {
    const { username } = (await t.as('employee').get('/api/v1/auth/me')).json().user;
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
    const session = login.cookies.find((c) => c.name === 'daka_session')!.value;
    const english = text(await t.app.inject({ method: 'GET', url: '/', headers: { cookie: `daka_session=${session}; daka_lang=en` } }));
    expect(drawnOf(english)).toContain('lang="en"');
    expect(drawnOf(english)).not.toContain('我的考勤');
    expect(languageOf('a=b; daka_lang=en', 'zh-CN')).toBe('en');
    expect(languageOf('daka_lang=xx', 'en-US')).toBe('en');
    expect(languageOf(undefined, null)).toBe('zh-CN');
  });

  it('draws nothing for strangers, other roles, another month, or a forged session', async () => {
    for (const res of [await t.as('anonymous').get('/me/month'), await t.app.inject({ method: 'GET', url: '/me/month', headers: { cookie: 'daka_session=forged' } })]) {
      expect(res.body).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    expect(drawnOf((await t.as('manager').get('/me/month')).body)).toBeNull();
    expect(drawnOf((await t.as('hr').get('/')).body)).toBeNull();
    expect(drawnOf((await t.as('employee').get('/me/month?month=2026-01')).body)).toBeNull();
    expect(drawnOf((await t.as('employee').get('/me/clock')).body)).toBeNull();
  });
});

const ASSETS: EmployeeHomeAssets = {
  texts: { 'zh-CN': { 'menu.myMonth': '我的考勤', 'attendance.status.present': '正常<b>' }, en: {} },
  weeks: { 'zh-CN': { weekStart: 1, weekdaysMin: ['日', '一', '二', '三', '四', '五', '六'] }, en: { weekStart: 0, weekdaysMin: ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'] } },
  icons: { calendar: '<svg/>', aim: '<svg/>', form: '<svg/>', user: '<svg/>', left: '<svg/>', right: '<svg/>' },
};

it('escapes every text and value it draws, and lays the month out in whole weeks from Monday', () => {
  const day: MonthDay = { date: '2026-12-01', status: 'present', late: false, early: false, missingIn: false, missingOut: false };
  const html = renderEmployeeHome(ASSETS, { lang: 'zh-CN', today: '2026-12-06', days: [day] });
  expect(html).toContain('<span class="daka-pre-day-label">正常&lt;b&gt;</span>');
  expect(html).not.toContain('<b>');
  // December 2026 starts on a Tuesday: Monday 30 November opens the grid, Sunday 3 January closes it.
  expect(html.match(/role="gridcell"/g)).toHaveLength(35);
  expect(html).toContain('aria-label="2026-11-30"');
  expect(html).toContain('aria-label="2027-01-03"');
  expect(html).toContain('2026年12月');
  expect(escapeHtml(HOSTILE)).toBe('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
});
