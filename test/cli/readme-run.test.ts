/**
 * The README's commands that need no data, run the way it shows them: the `daka` binary in a child
 * process, each on its own data directory (so they run concurrently).
 * test/cli/readme-commands.test.ts checks that every command the README names is run somewhere.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEnv, daka, ROOT, start, stop } from './daka-process.js';

const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `daka-readme-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.concurrent('README commands without a database', () => {
  it('daka --help lists every command', async () => {
    const r = await daka(['--help'], cliEnv(tempDir('help')));
    expect(r.code).toBe(0);
    for (const c of ['serve', 'migrate', 'eval', 'user', 'import', 'report', 'simulate', 'bench']) expect(r.stdout).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
  });

  it('daka migrate on an empty data directory applies every migration', async () => {
    const r = await daka(['migrate'], cliEnv(tempDir('migrate')));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Applied: 0001_core/);
  });

  it('daka serve starts the server', async () => {
    const server = await start([path.join(ROOT, 'bin/daka.js'), 'serve'], cliEnv(tempDir('serve'), { PORT: '0', HOST: '127.0.0.1' }), /Daka is running at (http:\/\/\S+)/);
    try {
      expect((await fetch(`${server.match[1].replace('localhost', '127.0.0.1')}/healthz`)).status).toBe(200);
      expect(server.output()).toContain('one-time password');
    } finally {
      await stop(server.child);
    }
  }, 60_000);

  it('daka eval FILE.json, --jsonl, --explain', async () => {
    const env = cliEnv(tempDir('eval'));
    const c01 = 'test/fixtures/rules-cases/C01.json';
    const plain = await daka(['eval', c01], env);
    expect(plain.code, plain.stderr).toBe(0);
    const days = JSON.parse(plain.stdout) as Record<string, { status: string }>;
    expect(Object.keys(days).every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    const lines = await daka(['eval', '--jsonl', '--explain', c01, 'test/fixtures/rules-cases/C29.json'], env);
    expect(lines.code).toBe(0);
    const parsed = lines.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(parsed.map((l) => path.basename(l.file))).toEqual(['C01.json', 'C29.json']);
    expect(JSON.stringify(parsed[0])).toContain('"explanation"');
  });

  it('daka simulate devices --count N (self-test against an in-process hub)', async () => {
    const r = await daka(['simulate', 'devices', '--count', '2', '--punches', '40'], cliEnv(tempDir('sim')));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toMatchObject({ verification: { ok: true } });
  });

  it('daka bench lists the benchmarks', async () => {
    const r = await daka(['bench'], cliEnv(tempDir('bench')));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Benchmarks: devices, engine, ingest, platform-backfill, recompute, reports');
    // The README names the same benchmarks as the command lists, no more and no fewer.
    const listed = /^Benchmarks: (.+)$/m.exec(r.stdout)![1].split(', ').map((n) => n.trim());
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const named = /`daka bench` lists them \(([^)]+)\)/.exec(readme)![1].match(/`[\w-]+`/g)!.map((n) => n.slice(1, -1));
    expect([...named].sort()).toEqual([...listed].sort());
  });
});
