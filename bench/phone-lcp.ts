/**
 * The employee's phone home under a mid-range phone profile: `npx tsx bench/phone-lcp.ts`.
 *
 * Starts the server with the demo on SQLite, signs in as employee.demo in Chromium at 390×844 with
 * 4× CPU slowdown and DevTools' Fast 3G (562.5 ms RTT, 1.44 Mbit/s down, 675 kbit/s up), and
 * measures the Largest Contentful Paint of 我的考勤 (/me/month) on a cold cache, plus the
 * JavaScript it loaded (gzip bytes as transferred). The in-run baseline is the floor the network
 * itself sets: the LCP of a one-heading static page from a loopback server under the same throttling.
 * Prints ONE JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';

const RUNS = Number(process.argv[2] ?? 5);
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };
const LCP_TARGET_MS = 1500;
const JS_TARGET_BYTES = 300 * 1024;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function throttled(browser: Browser, cookie: { name: string; value: string; url: string } | null) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  if (cookie) await context.addCookies([cookie]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let jsBytes = 0;
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    if (scripts.has(e.requestId)) jsBytes += e.encodedDataLength;
  });
  const scripts = new Set<string>();
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => {
    if (e.type === 'Script') scripts.add(e.requestId);
  });
  return { context, page, jsBytes: () => jsBytes };
}

async function lcpOf(page: Page, url: string, ready: string): Promise<number> {
  await page.addInitScript(() => {
    (window as unknown as { __lcp: number }).__lcp = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as unknown as { __lcp: number }).__lcp = e.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.locator(ready).first().waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1500);
  return page.evaluate(() => (window as unknown as { __lcp: number }).__lcp);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'daka-bench-lcp-'));
const server = await startServer(loadConfig({ DAKA_DATA_DIR: dataDir, DAKA_ADMIN_PASSWORD: 'bench-admin-password', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }), { demo: true, log: () => {} });
const base = server.url.replace('[::1]', '127.0.0.1');
// The floor: one request, one heading, no script.
const floorServer = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><meta name="viewport" content="width=device-width"><h1>我的考勤</h1>');
});
await new Promise<void>((r) => floorServer.listen(0, '127.0.0.1', r));
const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}/`;
const browser = await chromium.launch({ executablePath: process.env.DAKA_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'employee.demo', password: 'daka-demo-2026' }) });
  const session = /daka_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error(`login failed: ${login.status}`);
  const cookie = { name: 'daka_session', value: session, url: base };
  const home: number[] = [];
  const floor: number[] = [];
  let js = 0;
  for (let i = 0; i < RUNS; i++) {
    const a = await throttled(browser, cookie);
    home.push(await lcpOf(a.page, `${base}/me/month`, '.daka-day, .ant-picker-calendar'));
    js = a.jsBytes();
    await a.context.close();
    const b = await throttled(browser, null);
    floor.push(await lcpOf(b.page, floorUrl, 'h1'));
    await b.context.close();
  }
  const lcp = Math.round(median(home));
  console.log(
    JSON.stringify({
      bench: 'phone.lcp',
      profile: 'Chromium 390x844, 4x CPU slowdown, Fast 3G (562.5 ms RTT, 1.44 Mbit/s)',
      runs: RUNS,
      employeeHomeLcpMs: { median: lcp, all: home.map(Math.round) },
      baselineStaticPageLcpMs: Math.round(median(floor)),
      initialJsGzipBytes: js,
      targets: { lcpMs: `<= ${LCP_TARGET_MS}`, initialJsGzip: `<= ${JS_TARGET_BYTES}` },
      pass: { lcp: lcp <= LCP_TARGET_MS, js: js <= JS_TARGET_BYTES },
    }),
  );
} finally {
  await browser.close();
  await server.close();
  floorServer.close();
  rmSync(dataDir, { recursive: true, force: true });
}
