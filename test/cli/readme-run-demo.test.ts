/**
 * The README's `npm start -- --demo`: the server entry with `--demo` fills an empty SQLite data
 * directory with the demo company and answers; the demo logins work; `daka migrate` then finds
 * nothing to do. test/cli/readme-commands.test.ts checks that every README command runs somewhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, daka, start, stop } from './daka-process.js';

const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `daka-readme-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('npm start -- --demo', () => {
  const data = tempDir('demo');
  const env = cliEnv(data, { DAKA_ADMIN_PASSWORD: 'readme-admin-1' });

  beforeAll(async () => {
    // `npm start -- --demo` runs dist/main.js; `npm run dev` the same file from the sources.
    const server = await start(['--import', 'tsx', 'src/main.ts', '--demo'], { ...env, PORT: '0', HOST: '127.0.0.1' }, /Daka is running at (http:\/\/\S+)/);
    try {
      const url = server.match[1].replace('localhost', '127.0.0.1');
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hr.demo', password: 'daka-demo-2026' }) });
      expect(login.status).toBe(200);
      expect(server.output()).toMatch(/Demo data: company .+, 200 employees/);
    } finally {
      expect(await stop(server.child)).toBe(0);
    }
  }, 120_000);

  it('daka migrate: nothing left to apply on a database the server created', async () => {
    expect(await daka(['migrate'], env)).toMatchObject({ code: 0, stdout: 'Already up to date\n' });
  });
});
