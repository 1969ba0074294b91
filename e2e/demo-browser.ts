/**
 * What every browser test starts from: a server on a free port with a small demo company (six
 * people a department, the demo logins and everything else the demo has) in a fresh data directory,
 * its recomputed results, and headless Chromium with the flags this kind of machine needs (no
 * background networking, no sandbox as root). Builds the web app first when `dist/web` is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';
import { testClockOffsetMs } from '../test/helpers/test-clock.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Screenshots kept as test artifacts. */
export const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const DEMO_PASSWORD = 'daka-demo-2026';
/**
 * The demo's 11 departments at 6 people each: a third of `npm start -- --demo`, so its month of
 * punches is seeded and recomputed in a third of the time; every demo login and role is there.
 */
const PEOPLE_PER_DEPARTMENT = 6;

export interface DemoBrowser {
  server: RunningServer;
  browser: Browser;
  base: string;
  /** Where downloads and other files of this run may go (removed on close). */
  dataDir: string;
  close(): Promise<void>;
}

export async function startDemoWithBrowser(chromiumPath: string, name: string): Promise<DemoBrowser> {
  if (!existsSync(path.join(ROOT, 'dist', 'web', 'index.html'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-web.js')], { cwd: ROOT, stdio: 'inherit' });
  }
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), `daka-e2e-${name}-`));
  const config = loadConfig({ DAKA_DATA_DIR: dataDir, DAKA_ADMIN_PASSWORD: 'e2e-admin-password', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  const server = await startServer(config, { demo: { peoplePerDepartment: PEOPLE_PER_DEPARTMENT }, log: () => {} });
  // The browser starts while the demo's results are computed; tests start once they are.
  const [browser] = await Promise.all([
    chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    }),
    waitForJobs(server, 120_000),
  ]);
  return {
    server,
    browser,
    base: server.url.replace('[::1]', '127.0.0.1'),
    dataDir,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the queued work (the demo's recompute, syncs) has finished. */
export async function waitForJobs(server: RunningServer, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const busy = await server.database.db.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'active']).execute();
    if (!busy.length) return;
    if (Date.now() > until) throw new Error(`demo jobs still running after ${timeoutMs} ms: ${busy.length}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A browser context in zh-CN and Shanghai time; under DAKA_TEST_NOW (test/helpers/clock-setup.ts
 * moves the server's calendar) the page's clock follows the server's.
 */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  if (testClockOffsetMs() !== 0) await context.clock.install({ time: Date.now() });
  return context;
}

/** The demo and browser for one describe block: started before its tests, closed after them. */
export function useDemoWithBrowser(chromiumPath: string, name: string): { readonly browser: Browser; readonly base: string; readonly server: RunningServer; readonly dataDir: string } {
  let demo: DemoBrowser | undefined;
  beforeAll(async () => {
    demo = await startDemoWithBrowser(chromiumPath, name);
  }, 240_000);
  afterAll(async () => {
    await demo?.close();
  }, 240_000);
  const started = () => {
    if (!demo) throw new Error('the demo has not started');
    return demo;
  };
  return {
    get browser() {
      return started().browser;
    },
    get base() {
      return started().base;
    },
    get server() {
      return started().server;
    },
    get dataDir() {
      return started().dataDir;
    },
  };
}
