/**
 * The data directory and the database files hold every punch and the sealed secrets: only the
 * service account may read them. Modes are checked at every start, also for a directory that
 * already existed, tightened when they are wider, and every finding is reported as a warning.
 */
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates an empty file readable by the owner only, unless it exists (SQLite then opens it). */
export function createPrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

function tighten(target: string, want: number): string | null {
  if (!existsSync(target)) return null;
  const mode = statSync(target).mode & 0o777;
  if ((mode & 0o077) === 0) return null;
  try {
    chmodSync(target, want);
    return `${target} was readable by others (${octal(mode)}); changed to ${octal(want)}`;
  } catch (e) {
    return `${target} is readable by others (${octal(mode)}) and could not be changed to ${octal(want)}: ${(e as Error).message}`;
  }
}

/** The data directory, the SQLite files (with their WAL and shared-memory files) and the secret key. */
export function securePrivateData(dataDir: string, sqliteFile: string | null): string[] {
  const warnings: (string | null)[] = [tighten(dataDir, PRIVATE_DIR_MODE)];
  const files = [path.join(dataDir, 'secret.key')];
  if (sqliteFile && sqliteFile !== ':memory:') {
    files.push(sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`);
    const dir = path.dirname(sqliteFile);
    if (path.resolve(dir) !== path.resolve(dataDir)) warnings.push(tighten(dir, PRIVATE_DIR_MODE));
  }
  for (const f of files) warnings.push(tighten(f, PRIVATE_FILE_MODE));
  return warnings.filter((w): w is string => w !== null);
}
