import type { SelectQueryBuilder } from 'kysely';

/** How many rows a filtered query matches: the total beside a page of a list. */
export async function countRows(base: SelectQueryBuilder<any, any, any>): Promise<number> {
  const row = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
