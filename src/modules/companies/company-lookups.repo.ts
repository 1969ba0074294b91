/**
 * The two company facts most services check before they act: that the company exists, and its
 * time zone. One place for them instead of a copy in each module's repo.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Exec = Kysely<DB> | Transaction<DB>;

export async function companyExists(db: Exec, companyId: number): Promise<boolean> {
  return (await db.selectFrom('companies').select('id').where('id', '=', companyId).executeTakeFirst()) !== undefined;
}

/** The company's time zone, or undefined when there is no such company. */
export async function findCompanyTimeZone(db: Exec, companyId: number): Promise<string | undefined> {
  return (await db.selectFrom('companies').select('time_zone').where('id', '=', companyId).executeTakeFirst())?.time_zone;
}

/** The company's time zone; throws when there is no such company. */
export async function companyTimeZone(db: Exec, companyId: number): Promise<string> {
  return (await db.selectFrom('companies').select('time_zone').where('id', '=', companyId).executeTakeFirstOrThrow()).time_zone;
}
