/**
 * `daka eval FILE.json` — evaluate scenario files (spec/RULES.md format) with the AHR-1 engine.
 *
 * One file: prints `{ "<date>": { result fields… } }` as JSON. `--jsonl FILE...`: one line per
 * file, `{ "file", "results" }`. `--explain` adds each day's explanation. A file that cannot be
 * read or is not a valid scenario is reported on stderr (naming the offending field) and makes the
 * exit code 1; the other files of a --jsonl run are still evaluated. Usage errors exit with 2.
 */
import { readFile } from 'node:fs/promises';
import { AppError, type FieldProblem } from '../shared/errors.js';
import { evaluateRange } from '../engine/evaluate-range.js';
import { parseScenario } from '../engine/scenario.js';
import type { DayResult } from '../engine/types.js';

export interface EvalOptions {
  jsonl?: boolean;
  explain?: boolean;
}

type Outcome = { ok: true; results: Record<string, DayResult> } | { ok: false; message: string };

async function evaluateFile(file: string, explain: boolean): Promise<Outcome> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, message: `${file}: cannot read file${code ? ` (${code})` : ''}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${file}: not valid JSON: ${(e as Error).message}` };
  }
  try {
    return { ok: true, results: evaluateRange(parseScenario(json), { explain }) };
  } catch (e) {
    if (e instanceof AppError) {
      const problems = (e.details as { problems?: FieldProblem[] } | undefined)?.problems;
      const lines = problems?.length ? problems.map((p) => `  ${p.path}: ${p.message}`) : [`  ${e.message}`];
      return { ok: false, message: `${file}: invalid scenario (${e.code})\n${lines.join('\n')}` };
    }
    throw e;
  }
}

export async function evalCommand(
  files: string[],
  opts: EvalOptions,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  if (files.length === 0) {
    err.write('daka eval: give a scenario file (daka eval FILE.json, or --jsonl FILE...)\n');
    return 2;
  }
  if (files.length > 1 && !opts.jsonl) {
    err.write('daka eval: several files need --jsonl (one JSON line per file)\n');
    return 2;
  }
  const explain = opts.explain === true;
  let failed = false;
  for (const file of files) {
    const outcome = await evaluateFile(file, explain);
    if (!outcome.ok) {
      failed = true;
      err.write(`${outcome.message}\n`);
      continue;
    }
    out.write(opts.jsonl ? `${JSON.stringify({ file, results: outcome.results })}\n` : `${JSON.stringify(outcome.results, null, 2)}\n`);
  }
  return failed ? 1 : 0;
}
