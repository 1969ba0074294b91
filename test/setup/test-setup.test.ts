/** What the suite brings for itself: a browser decision, free ports only, and a PostgreSQL. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { browserPlan, DEFAULT_CHROMIUM, firstToSay } from '../helpers/browser.js';
import { TEST_PG_URL } from '../helpers/test-db.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('browser for the browser tests', () => {
  const none = () => false;
  it('uses DAKA_CHROMIUM before /usr/bin/chromium', () => {
    expect(browserPlan({ DAKA_CHROMIUM: '/opt/chrome' }, (p) => p === '/opt/chrome')).toEqual({ run: true, executablePath: '/opt/chrome' });
    expect(browserPlan({}, (p) => p === DEFAULT_CHROMIUM)).toEqual({ run: true, executablePath: DEFAULT_CHROMIUM });
  });
  it('skips outside CI with a line that says how to enable them', () => {
    const plan = browserPlan({}, none);
    expect(plan).toMatchObject({ run: false, fail: false });
    expect(plan.run === false && plan.message).toMatch(/skipped.*apt-get install -y chromium.*DAKA_CHROMIUM/);
  });
  it('says it once per run, however many files skip', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'daka-notes-'));
    try {
      expect([firstToSay('no-browser', dir), firstToSay('no-browser', dir), firstToSay('other', dir)]).toEqual([true, false, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('fails in CI', () => {
    expect(browserPlan({ CI: 'true', DAKA_CHROMIUM: '/nope' }, none)).toMatchObject({ run: false, fail: true, message: expect.stringContaining('DAKA_CHROMIUM=/nope') });
  });
  it('is the rule of every browser test file', () => {
    const e2e = path.join(ROOT, 'e2e');
    const files = readdirSync(e2e).filter((f) => f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(0);
    const own = files.filter((f) => !/\bdescribeWithBrowser\(/.test(readFileSync(path.join(e2e, f), 'utf8')) || /executablePath:\s*'/.test(readFileSync(path.join(e2e, f), 'utf8')));
    expect(own, 'browser suites use describeWithBrowser and the path it gives').toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'fixtures' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('services started by tests', () => {
  it('listen on free ports, never a fixed one', () => {
    const fixed: string[] = [];
    const patterns = [
      /\.listen\(\s*[1-9]\d*/, // server.listen(8080, …)
      /\.listen\(\{[^}]*\bport:\s*[1-9]\d*/, // app.listen({ port: 8080 })
      /\bPORT:\s*'[1-9]\d*'/, // loadConfig({ PORT: '8080' })
      /\bport:\s*[1-9]\d*\b/, // startX({ port: 8080 })
    ];
    const self = fileURLToPath(import.meta.url); // its patterns would match themselves
    for (const file of [...sourceFiles(path.join(ROOT, 'test')), ...sourceFiles(path.join(ROOT, 'e2e'))].filter((f) => f !== self)) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (patterns.some((p) => p.test(line))) fixed.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(fixed).toEqual([]);
  });
});

describe('PostgreSQL for the tests', () => {
  it('answers at TEST_PG_URL (the machine one, or the embedded one the setup started)', async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string }>('select current_database() as db');
      expect(rows[0].db).toBe('test');
    } finally {
      await client.end();
    }
  });
});
