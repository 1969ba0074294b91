/**
 * Leave quotas on WeCom (假期管理) against Daka's balances, to reconcile at go-live or after a
 * dispute. Per employee and tracked leave type: what Daka has left (the ledger up to the date, less
 * leave approved for later: what WeCom's quota has also deducted) against WeCom's `left`, converted
 * into the Daka type's unit. HR may take WeCom's figure as a dated, audited adjustment; a dry run
 * shows what would be posted, and an import repeated for the same date posts nothing twice.
 *
 * Every call goes through the connector's client: egress policy, rate limits (600/min for both
 * APIs) and the monthly call count. One page of employees costs one call each, plus one for the
 * corp's leave types.
 */
import type { NewRow } from '../../db/schema.js';
import { mapWeComVacationQuotas, mapWeComVacationTypes } from '../../sources/wecom/index.js';
import type { WeComClient } from '../../sources/wecom/index.js';
import { isConnectorError, type PlatformLeaveQuota, type PlatformLeaveType } from '../../sources/platform/index.js';
import { AppError, badRequest } from '../../shared/errors.js';
import type { Actor } from '../auth/actor.js';
import type { LeaveBalancesService } from '../leave-balances/leave-balances.service.js';
import type { ConnectorsService } from './connectors.service.js';
import type { SyncTarget } from './sync-context.js';

/** Employees compared per page: each costs one WeCom call. */
export const MAX_QUOTA_PAGE = 100;
/** Pairs one import may adjust. */
export const MAX_QUOTA_IMPORT = 200;

type Unit = 'day' | 'half_day' | 'hour';
type BalanceItem = Awaited<ReturnType<LeaveBalancesService['balances']>>['items'][number];

export interface QuotaRow {
  leaveType: string;
  name: string;
  unit: Unit;
  /** Daka: the ledger up to the date, less leave approved for later dates. */
  daka: number;
  /** WeCom's `left`, in the Daka type's unit; null when WeCom has no such type for the employee. */
  platform: number | null;
  platformType: { externalId: string; name: string; unit: 'day' | 'hour'; granted: number; used: number; left: number } | null;
  difference: number | null;
  status: 'match' | 'different' | 'missing_on_platform';
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A platform amount in the Daka type's unit (days and half days alike count in days). */
export function inDakaUnit(q: Pick<PlatformLeaveQuota, 'unit' | 'hoursPerDay'>, amount: number, unit: Unit): number {
  if (unit === 'hour') return round2(q.unit === 'hour' ? amount : amount * q.hoursPerDay);
  return round2(q.unit === 'day' ? amount : amount / q.hoursPerDay);
}

/** What an adjustment can post: half days for day types (the ledger's step), hundredths of an hour. */
export function postable(amount: number, unit: Unit): number {
  return unit === 'hour' ? round2(amount) : Math.round(amount * 2) / 2;
}

export class LeaveQuotaReconciliation {
  constructor(
    private readonly connectors: ConnectorsService,
    private readonly balances: LeaveBalancesService,
  ) {}

  private async wecom(actor: Actor, connectorId: number, need: 'read' | 'write'): Promise<{ target: SyncTarget; client: WeComClient }> {
    const target = await this.connectors.target(actor, connectorId, need);
    if (target.pc.platform !== 'wecom') throw badRequest('LEAVE_QUOTAS_UNSUPPORTED', 'Only WeCom connectors read leave quotas (假期管理)', { platform: target.pc.platform });
    return { target, client: target.pc.client };
  }

  /** A refusal of the whole app is said as such; other platform failures keep their code. */
  private failure(e: unknown): never {
    if (isConnectorError(e, 'CONNECTOR_PERMISSION_DENIED')) {
      throw new AppError('LEAVE_QUOTAS_NOT_ALLOWED', 'WeCom refused: the app may not read 假期管理 (add it under 审批 → 可调用接口的应用)', 409, { errcode: e.info.errcode ?? null });
    }
    if (isConnectorError(e)) throw new AppError('PLATFORM_CALL_FAILED', e.message, 502, { code: e.code, errcode: e.info.errcode ?? null });
    throw e;
  }

  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      this.failure(e);
    }
  }

  private mapping(target: SyncTarget, types: PlatformLeaveType[], dakaTypes: { code: string; name: string }[]): Map<string, string> {
    const explicit = target.settings.leaveTypeMap ?? {};
    const out = new Map<string, string>();
    for (const t of types) {
      const code = explicit[t.externalId] ?? dakaTypes.find((d) => d.name === t.name)?.code ?? dakaTypes.find((d) => d.code === t.name)?.code;
      if (code) out.set(t.externalId, code);
    }
    return out;
  }

  private rows(item: BalanceItem, quotas: PlatformLeaveQuota[], mapping: Map<string, string>): QuotaRow[] {
    return item.balances.map((b) => {
      const daka = round2(b.available + b.pending);
      const q = quotas.find((x) => mapping.get(x.typeExternalId) === b.leaveType);
      if (!q) return { leaveType: b.leaveType, name: b.name, unit: b.unit, daka, platform: null, platformType: null, difference: null, status: 'missing_on_platform' as const };
      const platform = inDakaUnit(q, q.left, b.unit);
      const difference = round2(platform - daka);
      return {
        leaveType: b.leaveType,
        name: b.name,
        unit: b.unit,
        daka,
        platform,
        platformType: { externalId: q.typeExternalId, name: q.name, unit: q.unit, granted: q.granted, used: q.used, left: q.left },
        difference,
        status: Math.abs(difference) < 0.005 ? ('match' as const) : ('different' as const),
      };
    });
  }

  /** One page of employees: Daka's balances and WeCom's quotas side by side. */
  async compare(actor: Actor, connectorId: number, q: { departmentId?: number; asOf?: string; limit?: number; offset?: number; onlyDifferent?: boolean }) {
    const { target, client } = await this.wecom(actor, connectorId, 'read');
    const companyId = target.row.company_id;
    const asOf = q.asOf ?? (await this.balances.today(companyId));
    const limit = Math.min(q.limit ?? 50, MAX_QUOTA_PAGE);
    const page = await this.balances.balances(actor, { companyId, departmentId: q.departmentId, asOf, limit, offset: q.offset ?? 0 });
    const types = mapWeComVacationTypes(await this.call(() => client.getCorpVacationConf()));
    const dakaTypes = (await this.balances.repo.leaveTypes(companyId)).filter((t) => t.rules !== null);
    const mapping = this.mapping(target, types, dakaTypes);
    const externalOf = await this.externalIds(target);
    const items = [];
    for (const e of page.items) {
      const externalUserId = externalOf.get(e.employeeId) ?? null;
      if (externalUserId === null) {
        items.push({ employeeId: e.employeeId, jobNumber: e.jobNumber, name: e.name, externalUserId, status: 'not_linked' as const, error: null, rows: this.rows(e, [], mapping) });
        continue;
      }
      try {
        const quotas = mapWeComVacationQuotas(await client.getUserVacationQuota(externalUserId), types);
        const rows = this.rows(e, quotas, mapping);
        items.push({ employeeId: e.employeeId, jobNumber: e.jobNumber, name: e.name, externalUserId, status: rows.some((r) => r.status === 'different') ? ('different' as const) : ('match' as const), error: null, rows });
      } catch (err) {
        // The app itself refused: no other member will do better.
        if (!isConnectorError(err) || err.code === 'CONNECTOR_PERMISSION_DENIED') this.failure(err);
        items.push({ employeeId: e.employeeId, jobNumber: e.jobNumber, name: e.name, externalUserId, status: 'error' as const, error: err.code, rows: this.rows(e, [], mapping) });
      }
    }
    const mapped = new Set(mapping.values());
    return {
      asOf,
      total: page.total,
      limit,
      offset: page.offset,
      platformTypes: types.map((t) => ({ externalId: t.externalId, name: t.name, unit: t.unit, leaveType: mapping.get(t.externalId) ?? null })),
      unmappedLeaveTypes: dakaTypes.filter((d) => !mapped.has(d.code)).map((d) => d.code),
      items: q.onlyDifferent ? items.filter((i) => i.status !== 'match') : items,
    };
  }

  /**
   * Takes WeCom's figure for the named (employee, leave type) pairs as adjustments dated
   * `effectiveDate` (default today): the amount is what makes Daka's figure equal WeCom's, in half
   * days for day types. Dry run posts nothing; a run posts in one transaction with one audit entry.
   */
  async importAdjustments(actor: Actor, connectorId: number, body: { items: { employeeId: number; leaveType: string }[]; effectiveDate?: string; dryRun?: boolean }) {
    const { target, client } = await this.wecom(actor, connectorId, 'write');
    const companyId = target.row.company_id;
    this.balances.assertHr(actor, companyId);
    if (body.items.length === 0 || body.items.length > MAX_QUOTA_IMPORT) throw badRequest('INVALID_ITEMS', `Name 1 to ${MAX_QUOTA_IMPORT} employee and leave type pairs`, { field: 'body.items' });
    const effectiveDate = body.effectiveDate ?? (await this.balances.today(companyId));
    const dryRun = body.dryRun ?? false;
    // A month closed for payroll is closed per employee: each one named must be open on that date.
    for (const employeeId of new Set(body.items.map((i) => i.employeeId))) await this.balances.assertOpen(companyId, employeeId, effectiveDate);
    const types = mapWeComVacationTypes(await this.call(() => client.getCorpVacationConf()));
    const dakaTypes = (await this.balances.repo.leaveTypes(companyId)).filter((t) => t.rules !== null);
    const mapping = this.mapping(target, types, dakaTypes);
    const externalOf = await this.externalIds(target);
    const ref = `platform-quota:wecom:${target.tenant}:${effectiveDate}`;
    const results = [];
    const rows: NewRow<'leave_ledger'>[] = [];
    const employees = [...new Set(body.items.map((i) => i.employeeId))];
    if (employees.length > MAX_QUOTA_PAGE) throw badRequest('INVALID_ITEMS', `At most ${MAX_QUOTA_PAGE} employees per import`, { field: 'body.items' });
    for (const employeeId of employees) {
      const wanted = body.items.filter((i) => i.employeeId === employeeId).map((i) => i.leaveType);
      for (const code of wanted) if (!dakaTypes.some((t) => t.code === code)) throw badRequest('LEAVE_TYPE_NOT_TRACKED', `Leave type '${code}' keeps no balance`, { field: 'body.items', leaveType: code });
      const ext = externalOf.get(employeeId);
      if (ext === undefined) throw badRequest('EMPLOYEE_NOT_LINKED', `employee ${employeeId} has no WeCom identity on this connector`, { field: 'body.items', employeeId });
      const page = await this.balances.balances(actor, { companyId, employeeId, asOf: effectiveDate });
      const quotas = mapWeComVacationQuotas(await this.call(() => client.getUserVacationQuota(ext)), types);
      const done = new Set((await this.balances.repo.entries([employeeId])).filter((r) => r.ref === ref).map((r) => r.leave_type));
      for (const row of this.rows(page.items[0], quotas, mapping).filter((r) => wanted.includes(r.leaveType))) {
        const amount = row.difference === null ? 0 : postable(row.difference, row.unit);
        const base = { employeeId, leaveType: row.leaveType, unit: row.unit, daka: row.daka, platform: row.platform, amount, residual: row.difference === null ? null : round2(row.difference - amount) };
        if (row.platform === null) results.push({ ...base, status: 'missing_on_platform' as const });
        else if (done.has(row.leaveType)) results.push({ ...base, status: 'already_imported' as const });
        else if (amount === 0) results.push({ ...base, status: 'no_difference' as const });
        else {
          results.push({ ...base, status: dryRun ? ('would_post' as const) : ('posted' as const) });
          rows.push({
            company_id: companyId,
            employee_id: employeeId,
            leave_type: row.leaveType,
            kind: 'adjustment',
            amount,
            effective_date: effectiveDate,
            expires_on: null,
            ref,
            request_id: null,
            reason: `WeCom 假期管理 quota ${row.platform} (Daka ${row.daka}), connector ${connectorId}`,
            created_by_user_id: actor.userId,
            created_at_ms: this.balances.now(),
          });
        }
      }
    }
    const posted = dryRun ? 0 : await this.balances.post(actor, companyId, rows, 'leave_balance.platform_import', { connectorId, effectiveDate, items: results.filter((r) => r.status === 'posted') });
    return { dryRun, effectiveDate, posted, items: results };
  }

  private async externalIds(target: SyncTarget): Promise<Map<number, string>> {
    const linked = await this.connectors.syncDeps.repo.identityMap(target.row.company_id, 'wecom', target.tenant);
    return new Map([...linked].map(([ext, emp]) => [emp, ext]));
  }
}
