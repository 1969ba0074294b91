#!/usr/bin/env node
/**
 * `npm run bench`: compiles the benchmarks (tsconfig.bench.json → .bench-build/, so the figures are
 * those of compiled code, not of tsx), runs each in its own process, and prints one JSON line per
 * benchmark followed by one summary line of the targets met and missed.
 *
 *   node bench/run-all.js [NAME…] [--quick] [--strict] [--timeout SEC] [--list] [-- ARGS for the benchmarks]
 *
 * --quick runs each benchmark on a small input (seconds, not minutes): it shows that every
 * benchmark still runs, its figures are not comparable with the targets. --strict exits 1 when a
 * target is missed (a crashed benchmark always does). Plain JavaScript, so it runs before anything
 * is compiled.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, '.bench-build');

/** Every benchmark, with the arguments of its quick mode. Files in bench/ that are not here are helpers. */
export const BENCHMARKS = {
  devices: ['--devices', '4', '--punches', '256', '--fleet-threads', '1', '--heartbeat-seconds', '1', '--crash-devices', '4', '--crash-punches', '256'],
  engine: ['100'],
  ingest: ['--batches', '1'],
  'platform-backfill': ['--users', '40', '--rps', '200'],
  recompute: ['--employees', '60', '--dialect', 'both'],
  reports: ['--employees', '60'],
  'connector-budget': [],
  'connector-faults': ['--users', '30', '--second-users', '60'],
  fuzz: ['--runs', '1', '--db', 'sqlite'],
  'phone-lcp': ['1'],
  notifications: ['--employees', '300', '--deliver', '60'],
  webhooks: ['--events', '2000'],
  'leave-balances': ['--employees', '2000', '--department', '200'],
};
export const HELPERS = ['support'];

/** Every target verdict in a benchmark's result: booleans under a `pass` or `targets` key, by path. */
export function targetVerdicts(result) {
  const verdicts = [];
  const walk = (value, at, underVerdict) => {
    if (typeof value === 'boolean' && underVerdict) verdicts.push({ target: at, met: value });
    else if (value === null && underVerdict) verdicts.push({ target: at, met: null });
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, at ? `${at}.${k}` : k, underVerdict || k === 'pass' || k === 'targets');
    }
  };
  walk(result, '', false);
  // A top-level `pass` that sums up verdicts listed elsewhere is not a target of its own.
  const detailed = verdicts.filter((v) => v.target !== 'pass');
  return detailed.length ? detailed : verdicts;
}

/** The JSON object a benchmark printed (pretty or on one line), or null. */
export function parseOutput(stdout) {
  const text = stdout.trim();
  try {
    return JSON.parse(text);
  } catch {
    const last = text.split('\n').filter((l) => l.trim().startsWith('{')).pop();
    try {
      return last ? JSON.parse(last) : null;
    } catch {
      return null;
    }
  }
}

function parseArgs(argv) {
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const opts = { names: [], quick: false, strict: false, list: false, timeoutSec: 0, extra: dash >= 0 ? argv.slice(dash + 1) : [] };
  for (let i = 0; i < own.length; i++) {
    const a = own[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--strict') opts.strict = true;
    else if (a === '--list') opts.list = true;
    else if (a === '--timeout') opts.timeoutSec = Number(own[++i]);
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else opts.names.push(a);
  }
  if (!Number.isFinite(opts.timeoutSec) || opts.timeoutSec < 0) throw new Error('--timeout takes seconds');
  return opts;
}

/** Compiles the selected benchmarks and what they import, nothing else (a quick run stays quick). */
function compile(names) {
  mkdirSync(OUT, { recursive: true });
  const config = path.join(OUT, 'tsconfig.selected.json');
  const files = names.map((n) => path.join(ROOT, 'bench', `${n}.ts`));
  writeFileSync(config, JSON.stringify({ extends: path.join(ROOT, 'tsconfig.bench.json'), files, include: [] }, null, 2));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  process.stderr.write(`bench: compiling ${names.join(', ')} into .bench-build/\n`);
  const r = spawnSync(process.execPath, [tsc, '-p', config], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('compiling the benchmarks failed');
}

function runOne(name, args, timeoutSec) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [path.join(OUT, 'bench', `${name}.js`), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let timedOut = false;
    child.stdout.on('data', (b) => (stdout += b));
    const timer = timeoutSec ? setTimeout(() => ((timedOut = true), child.kill('SIGKILL')), timeoutSec * 1000) : null;
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout, wallMs: Date.now() - t0 });
    });
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const available = Object.keys(BENCHMARKS);
  if (opts.list) {
    process.stdout.write(`${available.join('\n')}\n`);
    return 0;
  }
  const unknown = opts.names.filter((n) => !available.includes(n));
  if (unknown.length) {
    process.stderr.write(`Unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
    return 2;
  }
  const strays = readdirSync(path.join(ROOT, 'bench'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3)).filter((n) => !available.includes(n) && !HELPERS.includes(n));
  if (strays.length) process.stderr.write(`bench: not in bench/run-all.js, so not run: ${strays.join(', ')}\n`);

  const names = opts.names.length ? opts.names : available;
  compile(names);
  const summary = { summary: true, quick: opts.quick, benchmarks: names.length, failed: [], targetsMet: 0, targetsMissed: 0, targetsNotMeasured: 0, missed: [] };
  for (const name of names) {
    if (!existsSync(path.join(OUT, 'bench', `${name}.js`))) throw new Error(`.bench-build/bench/${name}.js missing after compiling`);
    // The benchmarks read the first occurrence of an option (or argv[2]): given arguments go first.
    const args = [...opts.extra, ...(opts.quick ? BENCHMARKS[name] : [])];
    process.stderr.write(`bench: ${name} ${args.join(' ')}\n`);
    const run = await runOne(name, args, opts.timeoutSec);
    const result = parseOutput(run.stdout);
    const ok = run.code === 0 && result !== null;
    const targets = ok ? targetVerdicts(result) : [];
    const line = { benchmark: name, quick: opts.quick, ok, wallMs: run.wallMs, targets, result };
    if (!ok) {
      line.error = run.timedOut ? `timed out after ${opts.timeoutSec} s` : run.code !== 0 ? `exit ${run.code ?? run.signal}` : 'printed no JSON object';
      summary.failed.push(name);
    }
    for (const t of targets) {
      if (t.met === true) summary.targetsMet++;
      else if (t.met === false) (summary.targetsMissed++, summary.missed.push(`${name}: ${t.target}`));
      else summary.targetsNotMeasured++;
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  if (summary.failed.length) return 1;
  return opts.strict && summary.targetsMissed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`bench: ${err.message}\n`);
      process.exit(2);
    },
  );
}
