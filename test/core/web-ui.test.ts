import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { monthAround, withBoot } from '../../src/http/web-ui.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-a1.js"></script></head><body><div id="root"></div></body></html>';

/** The boot answers inside a served index.html, or null when it has none. */
function bootOf(html: string): Record<string, { status: number; body: unknown }> | null {
  const m = /<script id="daka-boot" type="application\/json">(.*?)<\/script>/s.exec(html);
  return m ? JSON.parse(m[1]) : null;
}

describeEachDb('web app serving', (db) => {
  let t: TestApp;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'daka-web-'));
    mkdirSync(path.join(root, 'assets'));
    mkdirSync(path.join(root, '.vite'));
    writeFileSync(path.join(root, 'index.html'), INDEX);
    writeFileSync(path.join(root, 'assets', 'index-a1.js'), 'export {};');
    writeFileSync(path.join(root, '.vite', 'preload.json'), JSON.stringify({ employeeHome: ['assets/home-b2.js', 'assets/index-a1.js', '../../etc/passwd'] }));
    t = await createTestApp(db(), { webRoot: root });
  });
  afterAll(async () => {
    await t.app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("puts an employee's first answers and the home page's code into the home page's HTML", async () => {
    const res = await t.as('employee').get('/me/month');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-type']).toContain('text/html');
    const boot = bootOf(res.body)!;
    const me = (await t.as('employee').get('/api/v1/auth/me')).json();
    expect(boot['GET /api/v1/auth/me']).toEqual({ status: 200, body: me });
    expect(boot['GET /api/v1/companies?page=1&pageSize=200'].body).toEqual((await t.as('employee').get('/api/v1/companies?page=1&pageSize=200')).json());
    const { from, to } = monthAround(Date.now(), 'Asia/Shanghai');
    const daysKey = `GET /api/v1/attendance/days?companyId=${t.companyId}&employeeId=${me.user.employeeId}&from=${from}&to=${to}&page=1&pageSize=200`;
    expect(boot[daysKey].body).toEqual((await t.as('employee').get(daysKey.slice(4))).json());
    // Only files of the build, and not the ones index.html already loads.
    expect(res.body).toContain('<link rel="modulepreload" crossorigin href="/assets/home-b2.js">');
    expect(res.body.match(/index-a1\.js/g)).toHaveLength(1);
    expect(res.body).not.toContain('passwd');
  });

  it('gives other roles and other pages only who is signed in, and strangers the plain page', async () => {
    const hr = await t.as('hr').get('/attendance/daily');
    expect(Object.keys(bootOf(hr.body)!).sort()).toEqual(['GET /api/v1/auth/me', 'GET /api/v1/companies?page=1&pageSize=200']);
    expect(hr.body).not.toContain('modulepreload');
    const otherMonth = await t.as('employee').get('/me/month?month=2026-01');
    expect(Object.keys(bootOf(otherMonth.body)!).some((k) => k.includes('/attendance/days'))).toBe(false);
    for (const res of [await t.as('anonymous').get('/me/month'), await t.app.inject({ method: 'GET', url: '/', headers: { cookie: 'daka_session=forged' } })]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets for a year and keeps the JSON 404 for unknown API paths', async () => {
    const asset = await t.as('anonymous').get('/assets/index-a1.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const api = await t.as('employee').get('/api/v1/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});

it('escapes what could close the boot script', () => {
  const html = withBoot('<head></head>', { 'GET /x': { status: 200, body: { name: '</script><script>alert(1)</script>' } } });
  expect(html).not.toContain('</script><script>alert');
  expect(bootOf(html)!['GET /x'].body).toEqual({ name: '</script><script>alert(1)</script>' });
});

it('takes the month in the given zone', () => {
  expect(monthAround(Date.parse('2026-11-30T16:30:00Z'), 'Asia/Shanghai')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  expect(monthAround(Date.parse('2026-11-30T16:30:00Z'), 'America/New_York')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  expect(monthAround(Date.parse('2028-02-10T00:00:00Z'), 'UTC')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
});
