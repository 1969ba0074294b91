/**
 * A leaver's balances are settled when they leave, not at the next scheduled run: on
 * `employee.left` (whatever made the change: the API, an import, a directory sync) this outbox
 * consumer posts what the leaving date calls for, e.g. the pro-rated statutory annual leave
 * (实施办法 Art. 12: calendar days passed this year ÷ 365 × the entitlement, minus the days taken,
 * fraction dropped), as the missing `grant:<year>` / `leaver:<year>` entries. The references make
 * it idempotent: a retry, a second instance or the next scheduled run posts nothing twice.
 */
import type { NewRow } from '../../db/schema.js';
import { plannedGrants } from '../../engine/leave/index.js';
import { systemActor } from '../auth/actor.js';
import { closedKey } from '../month-close/month-close.repo.js';
import type { Delivery, DeliveryOutcome, EventType, OutboxConsumer, OutboxEvent, PlannedDelivery, RetryPolicy } from '../outbox/outbox.types.js';
import type { LeaveBalancesService } from './leave-balances.service.js';
import { takenInYear, toRow } from './leave-runs.js';

export const LEAVER_CONSUMER = 'leave-leavers';

export class LeaverPostingConsumer implements OutboxConsumer {
  readonly name = LEAVER_CONSUMER;
  readonly retry: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAgeMs: 7 * 86_400_000, maxAttempts: 100 };
  readonly concurrency = 4;

  /** Companies with a type that accrues: only their leavers have anything to settle. */
  private companies = new Set<number>();

  constructor(private readonly svc: LeaveBalancesService) {
    svc.onRulesChanged = () => this.refresh();
  }

  async refresh(): Promise<void> {
    const rows = await this.svc.db.selectFrom('leave_types').select(['company_id', 'balance_rules']).where('balance_rules', 'is not', null).where('active', '=', 1).execute();
    this.companies = new Set(rows.filter((r) => (JSON.parse(r.balance_rules!) as { accrual?: string }).accrual !== 'none').map((r) => Number(r.company_id)));
  }

  startRefreshing(everyMs = 30_000): void {
    setInterval(() => void this.refresh().catch(() => {}), everyMs).unref();
  }

  wants(companyId: number, type: EventType): boolean {
    return type === 'employee.left' && this.companies.has(companyId);
  }

  async plan(events: OutboxEvent[]): Promise<PlannedDelivery[]> {
    return events.map((e) => {
      const employeeId = Number((e.payload as { employeeId: number }).employeeId);
      return { companyId: e.companyId, eventId: e.eventId, dedupeKey: `leaver:${e.eventId}`, orderingKey: `employee:${employeeId}`, target: { employeeId } };
    });
  }

  async send(d: Delivery): Promise<DeliveryOutcome> {
    await postLeaver(this.svc, Number((d.target as { employeeId: number }).employeeId));
    return { kind: 'delivered' };
  }
}

/** Posts the leaver's missing grant and pro-rata entries of every tracked type; returns how many. */
export async function postLeaver(svc: LeaveBalancesService, employeeId: number): Promise<number> {
  const e = await svc.repo.employee(employeeId);
  if (!e || e.status !== 'inactive') return 0;
  const leftOn = e.leave_date ?? (await svc.today(e.company_id));
  const year = leftOn.slice(0, 4);
  const types = (await svc.repo.leaveTypes(e.company_id)).filter((t) => t.rules !== null && t.rules.accrual !== 'none');
  if (!types.length) return 0;
  const actor = systemActor('leave-leaver');
  const existing = await svc.repo.entries([e.id]);
  const closed = await svc.months.closedKeys(e.company_id, `${year}-01`, `${year}-12`, [e.id]);
  const rows: NewRow<'leave_ledger'>[] = [];
  for (const t of types) {
    const mine = existing.filter((r) => r.leave_type === t.code);
    const refs = new Set(mine.map((r) => r.ref).filter((r): r is string => r !== null));
    const planned = plannedGrants(t.rules!, { hireDate: e.hire_date, leaveDate: leftOn, workStartDate: e.work_start_date }, leftOn, takenInYear(mine, year));
    for (const p of planned) {
      // As in the scheduled run, a closed month's balances do not change: such a posting waits for its reopening.
      if (refs.has(p.ref) || closed.has(closedKey(e.id, p.effectiveDate.slice(0, 7)))) continue;
      rows.push(toRow(e.company_id, e.id, t.code, p, actor, svc.now()));
    }
  }
  return svc.post(actor, e.company_id, rows, 'leave_balance.leaver', { employeeId: e.id, leftOn });
}
