/**
 * Bulk reads from PostgreSQL as `COPY (query) TO STDOUT (FORMAT binary)`, decoded into column
 * arrays. For hundreds of thousands of narrow rows this is several times cheaper on both sides
 * than a result set: the server formats no text and the client parses fixed-width integers.
 *
 * COPY takes no bind parameters, so callers inline only values they have checked to be integers
 * (see `sqlIntegers`).
 */
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

export type BinaryColumnType = 'int8' | 'int4' | 'text';
type ColumnValue<T extends BinaryColumnType> = T extends 'text' ? string | null : number | null;
export type BinaryColumns<T extends readonly BinaryColumnType[]> = { [K in keyof T]: ColumnValue<T[K]>[] };

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const TWO_32 = 4294967296;

/** Checked integer list for a SQL literal such as `'{1,2,3}'::bigint[]`. */
export function sqlIntegers(values: readonly number[]): string {
  for (const v of values) if (!Number.isSafeInteger(v)) throw new TypeError(`not an integer: ${v}`);
  return values.join(',');
}

export async function copyColumns<const T extends readonly BinaryColumnType[]>(pool: pg.Pool, query: string, types: T): Promise<BinaryColumns<T>> {
  const client = await pool.connect();
  const chunks: Buffer[] = [];
  try {
    const stream = client.query(copyTo(`copy (${query}) to stdout (format binary)`));
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } finally {
    client.release();
  }
  return decodeBinaryCopy(Buffer.concat(chunks), types);
}

/** Decodes a whole binary COPY stream (header, tuples, trailer). */
export function decodeBinaryCopy<const T extends readonly BinaryColumnType[]>(buf: Buffer, types: T): BinaryColumns<T> {
  const out = types.map(() => []) as unknown as (number | string | null)[][];
  if (buf.length < SIGNATURE.length + 8 || !buf.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
  let p = SIGNATURE.length + 4; // signature, flags
  p += 4 + buf.readInt32BE(p); // header extension
  const width = types.length;
  for (;;) {
    const fields = buf.readInt16BE(p);
    p += 2;
    if (fields === -1) break;
    if (fields !== width) throw new Error(`binary COPY row has ${fields} fields, expected ${width}`);
    for (let c = 0; c < width; c++) {
      const len = buf.readInt32BE(p);
      p += 4;
      if (len === -1) {
        out[c].push(null);
        continue;
      }
      const type = types[c];
      if (type === 'int8') out[c].push(buf.readInt32BE(p) * TWO_32 + buf.readUInt32BE(p + 4));
      else if (type === 'int4') out[c].push(buf.readInt32BE(p));
      else out[c].push(buf.toString('utf8', p, p + len));
      p += len;
    }
  }
  return out as unknown as BinaryColumns<T>;
}
