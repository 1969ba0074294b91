/**
 * `daka bench [name…]`: lists the benchmarks, or runs the named ones compiled through
 * bench/run-all.js (the same runner as `npm run bench`), one JSON line each plus a summary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const runner = fileURLToPath(new URL('../../bench/run-all.js', import.meta.url));

export function benchCommand(names: string[], opts: { quick?: boolean; strict?: boolean; timeout?: string }, extra: string[]): number {
  if (!existsSync(runner)) {
    process.stderr.write('The benchmarks live in bench/ of a source checkout\n');
    return 1;
  }
  if (!names.length) {
    const list = spawnSync(process.execPath, [runner, '--list'], { encoding: 'utf8' });
    if (list.status !== 0) return list.status ?? 1;
    const available = list.stdout.trim().split('\n');
    process.stdout.write(`Benchmarks: ${available.join(', ')}\nRun one with: daka bench <name> [--quick] [-- options]\n`);
    return 0;
  }
  const args = [runner, ...names, ...(opts.quick ? ['--quick'] : []), ...(opts.strict ? ['--strict'] : []), ...(opts.timeout ? ['--timeout', opts.timeout] : []), ...(extra.length ? ['--', ...extra] : [])];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  return r.status ?? 1;
}
