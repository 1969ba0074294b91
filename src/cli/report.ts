/**
 * `daka report monthly|daily|anomalies|payroll`: the same exports as the API, run as the system
 * (every employee of the company), written to a file with a progress bar on stderr. The file is
 * written beside the target and renamed at the end, so a failed run leaves no half file behind.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { systemActor } from '../modules/auth/actor.js';
import { AccessPolicy } from '../modules/auth/access.js';
import { AuditRepo } from '../modules/audit/audit.repo.js';
import type { ReportKind } from '../modules/reports/report-params.js';
import { ReportsService } from '../modules/reports/reports.service.js';
import { AppError } from '../shared/errors.js';
import { withDatabase } from './context.js';

export interface ReportOptions {
  company: string;
  month?: string;
  from?: string;
  to?: string;
  department?: string;
  format?: string;
  out: string;
}

/** A plain progress bar: redrawn in place on a terminal, a line per 10% otherwise. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastDecile = -1;
  return {
    update(done: number, total: number) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const pct = Math.round(ratio * 100);
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(ratio * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${done}/${total}`);
      } else if (Math.floor(pct / 10) > lastDecile) {
        lastDecile = Math.floor(pct / 10);
        stream.write(`${label} ${pct}% ${done}/${total}\n`);
      }
    },
    done(extra: string) {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      stream.write(`${stream.isTTY ? '\n' : ''}${label} done in ${secs}s: ${extra}\n`);
    },
  };
}

const toId = (v: string | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new AppError('INVALID_ARGUMENT', `${flag}: give an id (a whole number), not '${v}'`);
  return n;
};

export async function reportCommand(kind: ReportKind, opts: ReportOptions): Promise<number> {
  try {
    const companyId = toId(opts.company, '--company')!;
    const departmentId = toId(opts.department, '--department');
    return await withDatabase(async ({ db, raw }) => {
      const reports = new ReportsService(db, new AccessPolicy(db), new AuditRepo(), Date.now, raw);
      const exp = await reports.export(systemActor('cli'), kind, {
        companyId,
        month: opts.month,
        from: opts.from,
        to: opts.to,
        departmentId,
        format: opts.format ?? formatFromName(opts.out),
      });
      const part = `${opts.out}.part`;
      const file = createWriteStream(part);
      const bar = progressBar(`report ${kind}`);
      try {
        bar.update(0, exp.employeeCount);
        await exp.write(file, (done, total) => bar.update(done, total));
        await finished(file);
        await rename(part, opts.out);
      } catch (err) {
        file.destroy();
        await rm(part, { force: true });
        throw err;
      }
      bar.done(`${exp.employeeCount} employees → ${opts.out}`);
      return 0;
    });
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`${err.code}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

/** `--out march.pdf` implies `--format pdf` when no format is given. */
function formatFromName(out: string): string | undefined {
  const m = /\.(xlsx|pdf|csv)$/i.exec(out);
  return m ? m[1].toLowerCase() : undefined;
}
