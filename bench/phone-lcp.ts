/**
 * The employee's phone home under a mid-range phone profile: `npx tsx bench/phone-lcp.ts`.
 *
 * Starts the server with the demo on SQLite, signs in as employee.demo in Chromium at 390×844 with
 * 4× CPU slowdown and DevTools' Fast 3G (562.5 ms RTT, 1.44 Mbit/s down, 675 kbit/s up), and
 * measures the Largest Contentful Paint of 我的考勤 (/me/month) on a cold cache, read once the app
 * has taken the page over from the server's drawing of it (`.daka-day` is the app's), plus the
 * JavaScript it loaded (gzip bytes as transferred). The in-run baseline is the floor the network
 * itself sets: the LCP of a one-heading static page from a loopback server under the same throttling.
 * Prints ONE JSON object.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { ROOT } from './support.js';

const RUNS = Number(process.argv[2] ?? 5);
// DevTools' Fast 3G preset exactly as Chromium defines it (front_end/core/sdk/NetworkManager.ts,
// Fast3GConditions; newer DevTools list the same figures as "Slow 4G"): Lighthouse's mobile profile,
// 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, with DevTools' adjustments (latency ×3.75,
// throughput ×0.9), in decimal units. emulateNetworkConditions takes bytes per second.
const FAST_3G = { offline: false, latency: 150 * 3.75, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9 };
const PROFILE = 'Chromium 390x844 (mobile, touch), 4x CPU slowdown, Fast 3G (562.5 ms request latency, 1440 kbit/s down, 675 kbit/s up), cold cache';
const LCP_TARGET_MS = 1500;
const JS_TARGET_BYTES = 300 * 1024;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Sample {
  lcpMs: number;
  /** What the largest paint was: tag, class, the start of its text, its area in CSS px². */
  lcpElement: string;
  /** When the month's first day cell was in the page (the calendar drawn with data). */
  readyMs: number;
  /** The scripts it ran, gzipped at level 9 as the build stores them (what the figure counts). */
  jsGzipBytes: number;
  /** The same scripts as they came over the wire (brotli when the browser asks for it, plus headers). */
  jsTransferredBytes: number;
  requests: number;
}

async function throttled(browser: Browser, cookie: { name: string; value: string; url: string } | null) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  if (cookie) await context.addCookies([cookie]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const scripts = new Map<string, string>();
  let jsBytes = 0;
  let requests = 0;
  const trace: string[] = [];
  const sent = new Map<string, { url: string; at: number }>();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string }; timestamp: number }) => {
    requests++;
    sent.set(e.requestId, { url: e.request.url.replace(/^https?:\/\/[^/]+/, ''), at: e.timestamp });
  });
  cdp.on('Network.loadingFinished', (e: { requestId: string; timestamp: number; encodedDataLength: number }) => {
    const s = sent.get(e.requestId);
    if (s) trace.push(`${Math.round(s.at * 1000)} → ${Math.round(e.timestamp * 1000)} ${e.encodedDataLength} B ${s.url.slice(0, 80)}`);
  });
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string; response: { url: string } }) => {
    if (e.type === 'Script') scripts.set(e.requestId, new URL(e.response.url).pathname);
  });
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    if (scripts.has(e.requestId)) jsBytes += e.encodedDataLength;
  });
  return { context, page, jsBytes: () => jsBytes, scripts: () => [...scripts.values()], requests: () => requests, trace };
}

type Probe = { lcp: number; lcpElement: string; ready: number };

async function measure(page: Page, url: string, ready: string): Promise<Probe> {
  await page.addInitScript((selector: string) => {
    const probe: Probe = { lcp: 0, lcpElement: '', ready: 0 };
    (window as unknown as { __probe: Probe }).__probe = probe;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { element?: Element | null; size: number })[]) {
        probe.lcp = e.startTime;
        const el = e.element;
        probe.lcpElement = el ? `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 24)}" ${e.size}px²` : `(removed) ${e.size}px²`;
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new MutationObserver((_m, observer) => {
      if (!probe.ready && document.querySelector(selector)) {
        probe.ready = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, ready);
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.locator(ready).first().waitFor({ timeout: 120_000 });
  // The server's drawing of the page goes when the app shows the page itself: whatever the app then
  // paints larger must count, so the figure is read only after that.
  await page.locator('#daka-prerender').waitFor({ state: 'detached', timeout: 120_000 });
  // LCP settles once nothing larger paints; the calendar's late cells must get their chance.
  await page.waitForTimeout(1500);
  return page.evaluate(() => (window as unknown as { __probe: Probe }).__probe);
}

async function sample(browser: Browser, cookie: { name: string; value: string; url: string } | null, url: string, ready: string): Promise<Sample> {
  const t = await throttled(browser, cookie);
  try {
    const p = await measure(t.page, url, ready);
    // DAKA_BENCH_TRACE=1: each request's start and end (ms, monotonic) on stderr, to see waterfalls.
    if (process.env.DAKA_BENCH_TRACE) process.stderr.write(`${url}\n  ${t.trace.join('\n  ')}\n`);
    const jsGzipBytes = t.scripts().reduce((n, file) => n + gzipSync(readFileSync(path.join(ROOT, 'dist', 'web', file)), { level: 9 }).length, 0);
    return { lcpMs: Math.round(p.lcp), lcpElement: p.lcpElement, readyMs: Math.round(p.ready), jsGzipBytes, jsTransferredBytes: t.jsBytes(), requests: t.requests() };
  } finally {
    await t.context.close();
  }
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'daka-bench-lcp-'));
const server = await startServer(loadConfig({ DAKA_DATA_DIR: dataDir, DAKA_ADMIN_PASSWORD: 'bench-admin-password', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }), { demo: true, log: () => {} });
const base = server.url.replace('[::1]', '127.0.0.1');
// The demo's results are computed by queued jobs after the start: measure the month once it has them.
for (const until = Date.now() + 300_000; ; ) {
  const busy = await server.database.db.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'active']).execute();
  if (!busy.length) break;
  if (Date.now() > until) throw new Error(`demo jobs still running: ${busy.length}`);
  await new Promise((r) => setTimeout(r, 250));
}
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
  const home: Sample[] = [];
  const floor: Sample[] = [];
  // Alternating the page and its floor spreads the machine's other load evenly over both.
  for (let i = 0; i < RUNS; i++) {
    home.push(await sample(browser, cookie, `${base}/me/month`, '.daka-day'));
    floor.push(await sample(browser, null, floorUrl, 'h1'));
  }
  const lcp = median(home.map((s) => s.lcpMs));
  const js = median(home.map((s) => s.jsGzipBytes));
  console.log(
    JSON.stringify({
      bench: 'phone.lcp',
      profile: PROFILE,
      runs: RUNS,
      employeeHomeLcpMs: { median: lcp, min: Math.min(...home.map((s) => s.lcpMs)), max: Math.max(...home.map((s) => s.lcpMs)), all: home.map((s) => s.lcpMs) },
      employeeHomeLcpElement: home.map((s) => s.lcpElement),
      calendarReadyMs: { median: median(home.map((s) => s.readyMs)), all: home.map((s) => s.readyMs) },
      requestsToHome: median(home.map((s) => s.requests)),
      baselineStaticPageLcpMs: { median: median(floor.map((s) => s.lcpMs)), all: floor.map((s) => s.lcpMs) },
      initialJsGzipBytes: js,
      initialJsTransferredBytes: median(home.map((s) => s.jsTransferredBytes)),
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
