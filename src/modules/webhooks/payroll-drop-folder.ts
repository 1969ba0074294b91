/**
 * The drop-folder target of payroll delivery: the file is written into a folder the payroll
 * system picks files up from, instead of being POSTed.
 *
 * - Only under the root the operator allows (DAKA_PAYROLL_DROP_DIR); an endpoint names a folder
 *   relative to it. Names are checked when set up (no `..`, no absolute paths, plain characters)
 *   and again when writing, after resolving symbolic links, so a link placed in the folder cannot
 *   lead a write elsewhere.
 * - Atomic: the bytes go to a hidden temporary file in the same folder, flushed to disk, then are
 *   linked under their final name. link() never replaces an existing file, so a reader never sees
 *   a half-written file and no earlier delivery is overwritten: a file already there with other
 *   bytes makes this one `…-2.csv`, `…-3.csv`; the same bytes already there (a retry after the
 *   write succeeded but was not recorded) count as delivered.
 * - Stable names: `payroll-<company code>-<YYYY-MM>.csv`, and for an adjustment of a closed month
 *   `payroll-<company code>-<YYYY-MM>-adjustment-<key>.csv`.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, readFile, realpath, unlink } from 'node:fs/promises';
import path from 'node:path';
import { badRequest } from '../../shared/errors.js';
import type { DeliveryOutcome } from '../outbox/outbox.types.js';

export interface PayrollFile {
  companyCode: string;
  companyId: number;
  month: string;
  /** 'month': the export of a closed month; 'adjustment': a change recorded after it closed. */
  kind: 'month' | 'adjustment';
  /** Tells one adjustment of a month from another (stable for the same adjustment). */
  adjustmentKey?: string;
  body: string | Buffer;
}

const SEGMENT = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,79}$/u;
const MAX_FOLDER = 200;
/** Files of one name before a delivery gives up (each a re-send of the same month). */
const MAX_VERSIONS = 99;

/** A company code or key as a file-name part: letters, digits, `-` and `_` only. */
const namePart = (text: string, fallback: string) => {
  const clean = text.normalize('NFKC').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return clean || fallback;
};

export function payrollFileName(f: Pick<PayrollFile, 'companyCode' | 'companyId' | 'month' | 'kind' | 'adjustmentKey'>, version = 1): string {
  const base = `payroll-${namePart(f.companyCode, `company${f.companyId}`)}-${f.month}${f.kind === 'adjustment' ? `-adjustment-${namePart(f.adjustmentKey ?? '', 'x')}` : ''}`;
  return `${base}${version > 1 ? `-${version}` : ''}.csv`;
}

export class PayrollDropFolder {
  /** `root`: the operator's DAKA_PAYROLL_DROP_DIR (absolute), or null when drop folders are off. */
  constructor(readonly root: string | null) {}

  /** The folder as stored (normalized, `/`-separated); throws a 400 naming `field` when refused. */
  checkFolder(folder: string, field = 'body.folder'): string {
    if (!this.root) throw badRequest('PAYROLL_DROP_NOT_CONFIGURED', 'Drop folders are off: the operator has not set DAKA_PAYROLL_DROP_DIR', { field });
    const parts = folder.split('/').filter((p) => p !== '' && p !== '.');
    if (folder.length > MAX_FOLDER || path.isAbsolute(folder) || folder.includes('\\') || parts.length === 0 || parts.length > 8 || !parts.every((p) => SEGMENT.test(p) && p !== '..')) {
      throw badRequest('INVALID_DROP_FOLDER', 'folder must be a relative path inside the drop directory: up to 8 names of letters, digits, space, ".", "_" or "-", no ".."', { field });
    }
    return parts.join('/');
  }

  /** Writes one file; the outcome the outbox logs (the file name as the remote id). */
  async write(folder: string, file: PayrollFile): Promise<DeliveryOutcome> {
    if (!this.root) return { kind: 'failed', error: 'drop folders are off: DAKA_PAYROLL_DROP_DIR is not set on this instance' };
    let dir: string;
    try {
      const root = await realpath(this.root);
      const wanted = path.join(root, this.checkFolder(folder));
      await mkdir(wanted, { recursive: true, mode: 0o750 });
      dir = await realpath(wanted);
      if (dir !== root && !dir.startsWith(root + path.sep)) return { kind: 'rejected', error: 'the drop folder resolves outside DAKA_PAYROLL_DROP_DIR' };
    } catch (e) {
      return { kind: 'failed', error: `the drop folder is not usable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    }
    const bytes = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body;
    const temp = path.join(dir, `.daka-${randomBytes(8).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      for (let version = 1; version <= MAX_VERSIONS; version++) {
        const name = payrollFileName(file, version);
        try {
          await link(temp, path.join(dir, name));
          return { kind: 'delivered', remoteId: name };
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
          const there = await readFile(path.join(dir, name)).catch(() => null);
          if (there && there.equals(bytes)) return { kind: 'delivered', remoteId: name };
        }
      }
      return { kind: 'rejected', error: `${MAX_VERSIONS} files of this month are already in the drop folder` };
    } catch (e) {
      return { kind: 'failed', error: `the file could not be written: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    } finally {
      await unlink(temp).catch(() => {});
    }
  }
}
