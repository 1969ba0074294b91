/**
 * Where the browser tests find Chromium: `DAKA_CHROMIUM`, else Debian's `/usr/bin/chromium`.
 * Without one, a developer's run skips them with one line saying how to enable them; in CI
 * (`CI=true`) a missing browser fails the run instead of quietly testing less.
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const INSTALL_HINT = 'apt-get install -y chromium fonts-noto-cjk, or set DAKA_CHROMIUM to a Chromium binary';

export type BrowserPlan = { run: true; executablePath: string } | { run: false; fail: boolean; message: string };

export function browserPlan(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): BrowserPlan {
  const executablePath = env.DAKA_CHROMIUM || DEFAULT_CHROMIUM;
  if (exists(executablePath)) return { run: true, executablePath };
  const where = env.DAKA_CHROMIUM ? `DAKA_CHROMIUM=${env.DAKA_CHROMIUM}` : DEFAULT_CHROMIUM;
  const inCi = env.CI === 'true' || env.CI === '1';
  return {
    run: false,
    fail: inCi,
    message: inCi
      ? `Browser tests need Chromium, not found at ${where} (CI=true makes this a failure): ${INSTALL_HINT}`
      : `Browser tests skipped: no Chromium at ${where}. To run them: ${INSTALL_HINT}`,
  };
}

/** `describe` for a browser suite; `body` gets the Chromium path. */
export function describeWithBrowser(name: string, body: (executablePath: string) => void): void {
  const plan = browserPlan();
  if (plan.run) {
    describe(name, () => body(plan.executablePath));
    return;
  }
  if (plan.fail) {
    describe(name, () => {
      it('has a browser', () => {
        throw new Error(plan.message);
      });
    });
    return;
  }
  if (firstToSay('no-browser')) process.stderr.write(`${plan.message}\n`);
  describe.skip(name, () => body(''));
}

/** True for the first file of the run to ask (test/setup/run-notes.ts); always true outside a run's setup. */
export function firstToSay(note: string, runDir = process.env.DAKA_TEST_RUN_DIR): boolean {
  if (!runDir) return true;
  try {
    closeSync(openSync(path.join(runDir, note), 'wx'));
    return true;
  } catch {
    return false;
  }
}
