/** `npm run bench` / `daka bench`: the runner compiles, runs, and sums up targets (quick mode). */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BENCHMARKS, HELPERS, parseOutput, targetVerdicts } from '../../bench/run-all.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('benchmark runner', () => {
  it('knows every benchmark in bench/, and npm run bench is the runner', () => {
    const files = readdirSync(`${ROOT}/bench`).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => f.slice(0, -3));
    expect([...Object.keys(BENCHMARKS), ...HELPERS].sort()).toEqual(files.sort());
    const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.bench).toBe('node bench/run-all.js');
  });

  it('reads pretty and one-line output, and finds the target verdicts', () => {
    expect(parseOutput('{\n  "a": 1\n}\n')).toEqual({ a: 1 });
    expect(parseOutput('progress\n{"a":2}\n')).toEqual({ a: 2 });
    expect(parseOutput('no json')).toBeNull();
    expect(targetVerdicts({ pass: true, x: 1 })).toEqual([{ target: 'pass', met: true }]);
    expect(targetVerdicts({ a: { pass: false }, b: { pass: true }, pass: false })).toEqual([
      { target: 'a.pass', met: false },
      { target: 'b.pass', met: true },
    ]);
    expect(targetVerdicts({ targets: { fast: true, big: 3 }, r: { pass: { cold: null } } })).toEqual([
      { target: 'targets.fast', met: true },
      { target: 'r.pass.cold', met: null },
    ]);
  });

  it('runs benchmarks compiled in quick mode: one JSON line each, then the summary', () => {
    const r = spawnSync(process.execPath, ['bin/daka.js', 'bench', 'engine', 'platform-backfill', '--quick'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, DAKA_CLI_FROM_SOURCE: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('compiling engine, platform-backfill');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.benchmark ?? 'summary')).toEqual(['engine', 'platform-backfill', 'summary']);
    for (const line of lines.slice(0, 2)) {
      expect(line).toMatchObject({ quick: true, ok: true });
      expect(line.targets.length).toBeGreaterThan(0);
    }
    expect(lines[0].result).toMatchObject({ bench: 'engine.evaluateRange', employees: 100 });
    expect(lines[1].result).toMatchObject({ bench: 'platform-backfill', users: 40 });
    const verdicts = lines.slice(0, 2).flatMap((l) => l.targets);
    const summary = lines[2];
    expect(summary).toMatchObject({ summary: true, benchmarks: 2, failed: [] });
    expect(summary.targetsMet + summary.targetsMissed + summary.targetsNotMeasured).toBe(verdicts.length);
    expect(summary.targetsMissed).toBe(verdicts.filter((v: { met: boolean | null }) => v.met === false).length);
  }, 150_000);

  it('refuses an unknown benchmark', () => {
    const r = spawnSync(process.execPath, ['bench/run-all.js', 'nope'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Unknown benchmark nope');
  });
});
