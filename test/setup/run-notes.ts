/**
 * vitest globalSetup: a directory for this run only (`DAKA_TEST_RUN_DIR`, inherited by the workers),
 * where a note that every file could print (no browser for the browser tests) is claimed once, so
 * a run prints it on one line however many files skip for it. Removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'daka-test-run-'));
  process.env.DAKA_TEST_RUN_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
