/**
 * "The page has its data": no request of the page in flight and none started or ended for a short
 * while. A page's data calls start right after it renders, so a quiet moment this long means they
 * have landed; waiting for it takes as long as they do, instead of a fixed pause on every page.
 */
import type { Page } from 'playwright-core';

interface Watch {
  inFlight: number;
  lastChangeMs: number;
}

const watches = new WeakMap<Page, Watch>();

/** Counts the page's requests from now on (call before the navigations to wait for). */
export function watchRequests(page: Page): void {
  if (watches.has(page)) return;
  const watch: Watch = { inFlight: 0, lastChangeMs: performance.now() };
  const started = () => {
    watch.inFlight++;
    watch.lastChangeMs = performance.now();
  };
  const ended = () => {
    watch.inFlight = Math.max(0, watch.inFlight - 1);
    watch.lastChangeMs = performance.now();
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  watches.set(page, watch);
}

/**
 * Resolves once the watched page has had no request in flight for `quietMs`; after `timeoutMs`
 * it resolves anyway (the checks that follow say what is missing).
 */
export async function networkQuiet(page: Page, quietMs = 250, timeoutMs = 15_000): Promise<void> {
  const watch = watches.get(page);
  if (!watch) throw new Error('networkQuiet needs watchRequests(page) first');
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (watch.inFlight === 0 && performance.now() - watch.lastChangeMs >= quietMs) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}
