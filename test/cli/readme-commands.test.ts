/**
 * The README cannot drift from the code: every `daka` and `npm` command it shows exists with the
 * options it names, and runs in a test (the map below says where). A command added to the README
 * without a test, or a test's entry whose command left the README, fails here.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { program } from '../../src/cli/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** Where each README command runs: a file and a string that file holds where it runs the command. */
const RUNS: Record<string, { file: string; marker: string }> = {
  'daka serve': { file: 'test/cli/readme-run.test.ts', marker: "'bin/daka.js'), 'serve']" },
  'daka migrate': { file: 'test/cli/readme-run.test.ts', marker: "daka(['migrate']" },
  'daka eval': { file: 'test/cli/readme-run.test.ts', marker: "daka(['eval', '--jsonl', '--explain'" },
  'daka user create': { file: 'test/cli/readme-run-data.test.ts', marker: "daka(['user', 'create'" },
  'daka user reset-password': { file: 'test/cli/readme-run-data.test.ts', marker: "daka(['user', 'reset-password'" },
  'daka user list': { file: 'test/cli/readme-run-data.test.ts', marker: "daka(['user', 'list']" },
  'daka import employees': { file: 'test/cli/readme-run-data.test.ts', marker: "daka(['import', 'employees'" },
  'daka import punches': { file: 'test/cli/readme-run-data.test.ts', marker: "daka(['import', 'punches'" },
  'daka report monthly': { file: 'test/cli/readme-run-data.test.ts', marker: "daka(['report', 'monthly'" },
  'daka simulate devices': { file: 'test/cli/readme-run.test.ts', marker: "daka(['simulate', 'devices'" },
  'daka bench': { file: 'test/cli/bench.test.ts', marker: "['bin/daka.js', 'bench', 'engine'" },
  'npm ci': { file: '.ci/run', marker: 'npm ci --no-audit' },
  'npm start': { file: 'test/cli/readme-run-demo.test.ts', marker: "'src/main.ts', '--demo'" },
  'npm run dev': { file: 'test/cli/readme-run-demo.test.ts', marker: "'--import', 'tsx', 'src/main.ts'" },
  'npm run build': { file: 'package.json', marker: '"prepare": "npm run build"' },
  'npm run typecheck': { file: '.ci/run', marker: 'npm run typecheck' },
  'npm test': { file: '.ci/run', marker: '\nnpm test\n' },
  'npm run api-types': { file: 'test/web/api-types.test.ts', marker: 'await generateApiTypes()' },
  'npm run bench': { file: 'test/cli/bench.test.ts', marker: "expect(pkg.scripts.bench).toBe('node bench/run-all.js')" },
};

interface Shown {
  text: string;
  /** The rest of a command-line table row (its description), where options and variants are named too. */
  row: string;
}

/** Commands the README shows: inline code, code-block lines, and the command-line table. */
function shownCommands(): Shown[] {
  const shown: Shown[] = [];
  const add = (text: string, row = '') => {
    for (const part of text.split('&&')) {
      const t = part.replace(/#.*$/, '').trim().replace(/^npx daka\b/, 'daka');
      if (/^(daka [a-z]|npm )/.test(t)) shown.push({ text: t, row });
    }
  };
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n'));
  blocks.forEach((line) => add(line));
  for (const line of README.replace(/```[\s\S]*?```/g, '').split('\n')) {
    const spans = [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const isRow = line.startsWith('| `daka ');
    spans.forEach((span, i) => add(span, isRow && i === 0 ? line : ''));
  }
  return shown;
}

function findCommand(words: string[]): Command | undefined {
  let cmd: Command | undefined = program;
  for (const w of words) cmd = cmd?.commands.find((c) => c.name() === w);
  return cmd;
}

/** `daka import employees FILE --company ID [--dry-run]` → command paths and the options named. */
function parseDaka(text: string): { paths: string[][]; options: string[] } {
  const words = text.split(/\s+/).slice(1);
  const path: string[] = [];
  for (const w of words) {
    if (!/^[a-z][a-z/-]*$/.test(w)) break;
    path.push(w);
  }
  const last = path.pop();
  const paths = last ? last.split('/').map((leaf) => [...path, leaf]) : [];
  return { paths, options: [...text.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]) };
}

function commandKeys(): Set<string> {
  const keys = new Set<string>();
  for (const { text } of shownCommands()) {
    if (text.startsWith('daka')) {
      for (const p of parseDaka(text).paths) keys.add(['daka', ...p].join(' '));
    } else {
      const m = /^npm (ci|start|test|run [a-z:-]+)/.exec(text);
      if (m) keys.add(`npm ${m[1]}`);
    }
  }
  return keys;
}

describe('README commands', () => {
  it('finds the commands the README shows', () => {
    expect(commandKeys().size).toBeGreaterThan(15);
  });

  it('every daka command it shows exists with the options it names', () => {
    const problems: string[] = [];
    for (const { text, row } of shownCommands().filter((c) => c.text.startsWith('daka '))) {
      const { paths, options } = parseDaka(`${text} ${row}`);
      for (const p of parseDaka(text).paths) {
        const cmd = findCommand(p);
        if (!cmd) {
          problems.push(`no command: daka ${p.join(' ')}`);
          continue;
        }
        const known = new Set(['--help', ...cmd.options.map((o) => o.long!)]);
        for (const o of options) if (!known.has(o)) problems.push(`daka ${p.join(' ')}: no option ${o}`);
        // Variants named in the row's description, e.g. "(also `daily`, `anomalies` …)".
        const siblings = cmd.parent && cmd.parent !== program ? cmd.parent.commands.map((c) => c.name()) : null;
        if (siblings && row) {
          for (const [, word] of row.matchAll(/`([a-z][a-z-]+)`/g)) if (!siblings.includes(word)) problems.push(`daka ${p.slice(0, -1).join(' ')}: no command ${word}`);
        }
      }
      expect(paths.length, text).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
  });

  it('every npm command it shows is a script of the package', () => {
    for (const key of commandKeys()) {
      const m = /^npm (?:run )?(.+)$/.exec(key);
      if (!m || m[1] === 'ci') continue;
      expect(PKG.scripts[m[1]], key).toBeTruthy();
    }
    // `npm start` runs the build of src/main.ts, which takes `--demo`; `npm run dev` the source itself.
    expect(PKG.scripts.start).toMatch(/ dist\/main\.js$/);
    expect(readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')).toMatch(/"rootDir": "src", "outDir": "dist"/);
    expect(PKG.scripts.dev).toBe('tsx src/main.ts');
    expect(readFileSync(path.join(ROOT, 'src/main.ts'), 'utf8')).toContain("process.argv.includes('--demo')");
  });

  it('every command it shows runs in a test, and every such test still has its command in the README', () => {
    const keys = [...commandKeys()].sort();
    expect(keys).toEqual(Object.keys(RUNS).sort());
    for (const [key, { file, marker }] of Object.entries(RUNS)) {
      const full = path.join(ROOT, file);
      expect(existsSync(full), `${key}: ${file}`).toBe(true);
      expect(readFileSync(full, 'utf8'), `${key}: ${file} should hold ${marker}`).toContain(marker);
    }
  });
});
