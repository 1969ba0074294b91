import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { securePrivateData } from '../../src/db/private-files.js';

const mode = (p: string) => statSync(p).mode & 0o777;

describe('the data directory and database files are private', () => {
  it('a new SQLite database is created 0600 in a 0700 directory', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'daka-files-')), 'data');
    const file = path.join(dir, 'daka.sqlite');
    const database = openDatabase(`sqlite:${file}`);
    await database.db.selectFrom('sqlite_master' as never).selectAll().execute();
    await database.close();
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(securePrivateData(dir, file)).toEqual([]);
  });

  it('an existing directory and files readable by others are tightened, with a warning for each', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'daka-files-'));
    chmodSync(dir, 0o755);
    const file = path.join(dir, 'daka.sqlite');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '');
    chmodSync(`${file}-wal`, 0o664);
    mkdirSync(path.join(dir, 'other'));
    const warnings = securePrivateData(dir, file);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain('0755');
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(securePrivateData(dir, file)).toEqual([]);
  });
});
