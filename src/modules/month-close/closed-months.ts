/**
 * Month arithmetic and the questions other modules ask about closed employee-months: is this
 * employee's month closed, and which open month does a late change to it carry into.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { MonthCloseRepo } from './month-close.repo.js';

type Db = Kysely<DB> | Transaction<DB>;

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Closes need a month to be over, so a run of closed months ends within this many. */
const MAX_CLOSED_RUN = 1200;

export class ClosedMonths {
  readonly repo: MonthCloseRepo;

  constructor(db: Kysely<DB>) {
    this.repo = new MonthCloseRepo(db);
  }

  async isClosed(db: Db, companyId: number, employeeId: number, month: string): Promise<boolean> {
    return (await this.repo.closedKeys(companyId, month, month, [employeeId], db)).size > 0;
  }

  /** The first month after `month` that is open for the employee: where a late change to `month` is carried. */
  async carryInto(db: Db, employeeId: number, month: string): Promise<string> {
    const closed = new Set(await this.repo.closedMonthsOf(employeeId, nextMonth(month), db));
    let m = nextMonth(month);
    for (let i = 0; i < MAX_CLOSED_RUN && closed.has(m); i++) m = nextMonth(m);
    return m;
  }
}
