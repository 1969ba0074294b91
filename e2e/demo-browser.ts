/**
 * What every browser test starts from: a server on a free port with the demo data in a fresh data
 * directory, and headless Chromium with the flags this kind of machine needs (no background
 * networking, no sandbox as root). Builds the web app first when `dist/web` is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Screenshots kept as test artifacts. */
export const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

export interface DemoBrowser {
  server: RunningServer;
  browser: Browser;
  base: string;
  close(): Promise<void>;
}

export async function startDemoWithBrowser(chromiumPath: string, name: string): Promise<DemoBrowser> {
  if (!existsSync(path.join(ROOT, 'dist', 'web', 'index.html'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-web.js')], { cwd: ROOT, stdio: 'inherit' });
  }
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), `daka-e2e-${name}-`));
  const config = loadConfig({ DAKA_DATA_DIR: dataDir, DAKA_ADMIN_PASSWORD: 'e2e-admin-password', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
  const server = await startServer(config, { demo: true, log: () => {} });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    server,
    browser,
    base: server.url.replace('[::1]', '127.0.0.1'),
    // Closing waits for the demo's recompute jobs still running in the background.
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The demo and browser for one describe block: started before its tests, closed after them (closing
 * waits for the demo's recompute jobs still running in the background, slow on a busy machine).
 */
export function useDemoWithBrowser(chromiumPath: string, name: string): { readonly browser: Browser; readonly base: string } {
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
  };
}
