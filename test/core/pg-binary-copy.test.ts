import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { copyColumns, decodeBinaryCopy, sqlIntegers } from '../../src/db/pg-binary-copy.js';
import { TEST_PG_URL } from '../helpers/test-db.js';

describe('binary COPY reader (PostgreSQL)', () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: TEST_PG_URL, max: 2 });
  });
  afterAll(() => pool.end());

  it('decodes int8, int4, text and nulls, row by row in query order', async () => {
    const [a, b, c] = await copyColumns(
      pool,
      `select * from (values (1::bigint, 7, 'zkteco'), (-5, -2147483648, '钉钉 打卡'), (9007199254740991, null, null), (1790812800000, 0, '')) v order by 1`,
      ['int8', 'int4', 'text'] as const,
    );
    expect(a).toEqual([-5, 1, 1790812800000, 9007199254740991]);
    expect(b).toEqual([-2147483648, 7, 0, null]);
    expect(c).toEqual(['钉钉 打卡', 'zkteco', '', null]);
  });

  it('returns empty columns for no rows, and refuses a row of the wrong width or a text stream', async () => {
    expect(await copyColumns(pool, 'select 1::bigint where false', ['int8'] as const)).toEqual([[]]);
    await expect(copyColumns(pool, 'select 1::bigint, 2::bigint', ['int8'] as const)).rejects.toThrow(/2 fields, expected 1/);
    expect(() => decodeBinaryCopy(Buffer.from('1\t2\n'), ['int8'] as const)).toThrow(/not a binary COPY/);
  });

  it('inlines only integers', () => {
    expect(sqlIntegers([1, -2, 3])).toBe('1,-2,3');
    expect(() => sqlIntegers([1, 2.5])).toThrow(TypeError);
    expect(() => sqlIntegers([Number.NaN])).toThrow(TypeError);
  });
});
