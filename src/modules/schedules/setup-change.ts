/**
 * Setup changes (shift types, groups, policies) have no date range of their own. They trigger a
 * recompute from the first day of the previous month up to today in the company's zone: the open
 * payroll period, while closed months are not rewritten behind HR's back.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { localDate } from '../../shared/dates.js';

export function recomputeWindow(zone: string, nowMs: number): { fromDate: string; toDate: string } {
  const today = localDate(nowMs, zone);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const prev = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  return { fromDate: prev, toDate: today };
}

export async function companyZone(db: Kysely<DB>, companyId: number): Promise<string> {
  const c = await db.selectFrom('companies').select('time_zone').where('id', '=', companyId).executeTakeFirst();
  return c?.time_zone ?? 'Asia/Shanghai';
}
