/** `daka bench [name]`: runs the benchmark scripts under bench/ (each prints one JSON object). */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../bench/', import.meta.url));

export function benchCommand(names: string[], extra: string[]): number {
  if (!existsSync(dir)) {
    process.stderr.write('The benchmarks live in bench/ of a source checkout\n');
    return 1;
  }
  const available = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
  if (!names.length) {
    process.stdout.write(`Benchmarks: ${available.join(', ')}\nRun one with: daka bench <name> [-- options]\n`);
    return 0;
  }
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length) {
    process.stderr.write(`Unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
    return 2;
  }
  for (const name of names) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${name}.ts`, ...extra], { stdio: 'inherit' });
    if (r.status !== 0) return r.status ?? 1;
  }
  return 0;
}
