/**
 * vitest reporter: after the run, the slowest test files with their wall time (import + hooks +
 * tests), so a file that grows past the budget shows up in every `npm test`.
 */
import type { Reporter, TestModule } from 'vitest/node';

const SHOW = 10;
/** A file above this holds up a 2-core run; split it or make it faster. */
export const FILE_BUDGET_MS = 60_000;

export function fileMs(m: TestModule): number {
  const d = m.diagnostic();
  return d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration;
}

export default class SlowestFiles implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (testModules.length < 2) return;
    const rows = testModules.map((m) => ({ file: m.relativeModuleId, ms: fileMs(m) })).sort((a, b) => b.ms - a.ms);
    const lines = rows.slice(0, SHOW).map((r) => `  ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.file}${r.ms > FILE_BUDGET_MS ? `  (over ${FILE_BUDGET_MS / 1000} s)` : ''}`);
    process.stdout.write(`\nSlowest test files (of ${rows.length}):\n${lines.join('\n')}\n`);
  }
}
