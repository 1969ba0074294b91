/**
 * `daka import employees|punches FILE`: the API's imports from the command line, with the same
 * dry-run report (every bad line) and the same all-or-nothing rule for employees.
 */
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { AppError } from '../shared/errors.js';
import { systemActor } from '../modules/auth/actor.js';
import { withServices } from './context.js';

interface Problem {
  line: number;
  column?: string | null;
  code?: string;
  message: string;
}

function printProblems(problems: Problem[]) {
  for (const p of problems) process.stderr.write(`  line ${p.line}${p.column ? `, ${p.column}` : ''}: ${p.message}${p.code ? ` (${p.code})` : ''}\n`);
}

async function fileBody(file: string) {
  return { filename: path.basename(file), contentBase64: (await readFile(file)).toString('base64') };
}

export async function importCommand(kind: 'employees' | 'punches', file: string, opts: { company?: string; device?: string; dryRun?: boolean; createDepartments?: boolean }): Promise<number> {
  const dryRun = opts.dryRun === true;
  try {
    const body = await fileBody(file);
    return await withServices(async (services) => {
      // Whoever runs the command is named in the audit log and on the punches it imports.
      const actor = systemActor(`cli:${userInfo().username}`);
      if (kind === 'employees') {
        const companyId = Number(opts.company);
        if (!Number.isInteger(companyId) || companyId < 1) throw new AppError('VALIDATION_FAILED', '--company: give the company id');
        const r = await services.employeeImport.run(actor, companyId, { ...body, createDepartments: opts.createDepartments === true }, dryRun);
        process.stdout.write(JSON.stringify(r) + '\n');
        if (r.problems.length) printProblems(r.problems);
        return r.problems.length ? 1 : 0;
      }
      const deviceId = Number(opts.device);
      if (!Number.isInteger(deviceId) || deviceId < 1) throw new AppError('VALIDATION_FAILED', '--device: give the device id');
      const r = await services.deviceCommands.importFile(actor, deviceId, body, dryRun);
      process.stdout.write(JSON.stringify(r) + '\n');
      if (r.problems.length) printProblems(r.problems);
      return r.problems.length && dryRun ? 1 : 0;
    });
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`${err.code}: ${err.message}\n`);
      const problems = (err.details as { problems?: Problem[] } | undefined)?.problems;
      if (problems) printProblems(problems);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`${file}: no such file\n`);
      return 1;
    }
    throw err;
  }
}
