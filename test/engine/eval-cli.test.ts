/** `daka eval`: evalCommand with captured streams. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { evalCommand } from '../../src/cli/eval.js';

const casesDir = join(import.meta.dirname, '..', 'fixtures', 'rules-cases');
const c01 = join(casesDir, 'C01.json');
const c29 = join(casesDir, 'C29.json');

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

async function evalWith(files: string[], opts: { jsonl?: boolean; explain?: boolean } = {}) {
  const out = capture();
  const err = capture();
  const code = await evalCommand(files, opts, out.stream, err.stream);
  return { code, out: out.text(), err: err.text() };
}

const tmp = mkdtempSync(join(tmpdir(), 'daka-eval-'));
function writeScenario(name: string, edit: (s: Record<string, any>) => void): string {
  const s = JSON.parse(readFileSync(c01, 'utf8'));
  edit(s);
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(s));
  return file;
}

describe('daka eval', () => {
  it('prints { date: result } for one file, matching the expected result', async () => {
    const { code, out, err } = await evalWith([c01]);
    expect(code).toBe(0);
    expect(err).toBe('');
    const parsed = JSON.parse(out);
    // Every result carries leaveMinutes (R11a), which the case's expectation leaves out as 0.
    const expected = JSON.parse(readFileSync(c01, 'utf8')).expected as Record<string, object>;
    expect(parsed).toEqual(Object.fromEntries(Object.entries(expected).map(([d, r]) => [d, { ...r, leaveMinutes: 0 }])));
  });
  it('adds explanations only with --explain', async () => {
    const plain = JSON.parse((await evalWith([c01])).out);
    expect(plain['2026-03-10'].explanation).toBeUndefined();
    const explained = JSON.parse((await evalWith([c01], { explain: true })).out);
    expect(explained['2026-03-10'].explanation.length).toBeGreaterThan(0);
  });
  it('--jsonl prints one line per file', async () => {
    const { code, out } = await evalWith([c01, c29], { jsonl: true });
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual([c01, c29]);
    expect(lines[1].results['2026-03-14'].overtimeMinutes).toBe(330);
  });
  it('names the invalid field on stderr and exits non-zero', async () => {
    const bad = writeScenario('bad.json', (s) => (s.shifts.S1.graceLateMin = -5));
    const { code, out, err } = await evalWith([bad]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('shifts.S1.graceLateMin: must be an integer ≥ 0');
    expect(err).toContain('INVALID_SCENARIO');
  });
  it('reports unreadable and malformed files', async () => {
    const missing = await evalWith([join(tmp, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.json: cannot read file \(ENOENT\)/);
    const junk = join(tmp, 'junk.json');
    writeFileSync(junk, '{ not json');
    const malformed = await evalWith([junk]);
    expect(malformed.code).toBe(1);
    expect(malformed.err).toMatch(/junk\.json: not valid JSON/);
  });
  it('--jsonl keeps going past a bad file but fails the run', async () => {
    const bad = writeScenario('bad2.json', (s) => (s.timezone = 'Nowhere/Land'));
    const { code, out, err } = await evalWith([c01, bad, c29], { jsonl: true });
    expect(code).toBe(1);
    expect(out.trim().split('\n')).toHaveLength(2);
    expect(err).toContain('timezone');
  });
  it('usage errors exit 2', async () => {
    expect((await evalWith([])).code).toBe(2);
    expect((await evalWith([c01, c29])).code).toBe(2);
  });
});
