/**
 * What every sync needs: the connector row, its settings, a platform client and the services it
 * writes through. Runs are logged in connector_runs with their counts and errors; a failure marks
 * the connector `error` with its message, a success clears it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isConnectorError } from '../../sources/platform/index.js';
import type { CheckinsService } from '../checkins/checkins.service.js';
import type { DepartmentsService } from '../departments/departments.service.js';
import type { EmployeesService } from '../employees/employees.service.js';
import type { IdentitiesService } from '../identities/identities.service.js';
import type { RequestsService } from '../requests/requests.service.js';
import { domainEvent } from '../outbox/event-payloads.js';
import type { Outbox } from '../outbox/outbox.js';
import { DEFAULT_BUDGET_LIMIT, DEFAULT_BUDGET_WARN_AT, meteredMonth, settingsOf, type ConnectorClients, type ConnectorSettings, type PlatformClient } from './connector-config.js';
import type { ConnectorRow, ConnectorsRepo, RunKind } from './connectors.repo.js';

export interface SyncDeps {
  db: Kysely<DB>;
  repo: ConnectorsRepo;
  clients: ConnectorClients;
  checkins: Pick<CheckinsService, 'ingest'>;
  identities: IdentitiesService;
  employees: EmployeesService;
  departments: DepartmentsService;
  requests: Pick<RequestsService, 'upsertExternal'> | null;
  /** Where a failed run is announced (`connector.run_failed`). */
  outbox?: Outbox | null;
  now: () => number;
}

export interface SyncTarget {
  row: ConnectorRow;
  settings: ConnectorSettings;
  zone: string;
  pc: PlatformClient;
  /** Identity provider and tenant of the connector's users. */
  provider: 'dingtalk' | 'wecom';
  tenant: string;
}

export type Counts = Record<string, unknown> & { errors: RunProblem[] };
export interface RunProblem {
  code: string;
  message: string;
  userExternalId?: string;
  [k: string]: unknown;
}

/** Problems kept per run: enough to act on, bounded so a broken tenant cannot bloat a row. */
export const MAX_RUN_ERRORS = 200;

export function addProblem(counts: Counts, p: RunProblem): void {
  if (counts.errors.length < MAX_RUN_ERRORS) counts.errors.push(p);
  counts.errorCount = (Number(counts.errorCount) || 0) + 1;
}

export function bump(counts: Counts, key: string, n = 1): void {
  counts[key] = (Number(counts[key]) || 0) + n;
}

export async function targetOf(deps: SyncDeps, row: ConnectorRow): Promise<SyncTarget> {
  const company = await deps.db.selectFrom('companies').select('time_zone').where('id', '=', row.company_id).executeTakeFirstOrThrow();
  const settings = settingsOf(row);
  const zone = settings.timeZone ?? company.time_zone;
  return { row, settings, zone, pc: deps.clients.client(row, zone), provider: row.platform, tenant: row.corp_id };
}

export function describeError(e: unknown): { code: string; message: string } {
  if (isConnectorError(e)) return { code: e.code, message: e.message };
  const code = (e as { code?: unknown } | null)?.code;
  return { code: typeof code === 'string' ? code : 'SYNC_FAILED', message: e instanceof Error ? e.message : String(e) };
}

/** DingTalk's metered month so far, and whether the warning level is crossed. */
export async function budgetStatus(deps: SyncDeps, row: ConnectorRow) {
  const settings = settingsOf(row);
  const month = meteredMonth(deps.now());
  const used = await deps.repo.usage(row.id, month);
  if (row.platform !== 'dingtalk') return { month, used, limit: null, warnAt: null, warning: false };
  const limit = settings.budgetLimit ?? DEFAULT_BUDGET_LIMIT;
  const warnAt = settings.budgetWarnAt ?? DEFAULT_BUDGET_WARN_AT;
  return { month, used, limit, warnAt, warning: used >= Math.ceil(limit * warnAt) };
}

export interface RunOutcome {
  runId: number;
  status: 'succeeded' | 'failed';
  counts: Counts;
  error: string | null;
}

/** Runs `work` as one logged run; never throws for platform errors (they are the run's outcome). */
export async function logged(deps: SyncDeps, row: ConnectorRow, kind: RunKind, params: unknown, work: (counts: Counts, runId: number) => Promise<void>): Promise<RunOutcome> {
  const runId = await deps.repo.startRun(row.id, kind, params, deps.now());
  const counts: Counts = { errors: [] };
  const usedBefore = await deps.repo.usage(row.id, meteredMonth(deps.now()));
  let error: string | null = null;
  try {
    await work(counts, runId);
  } catch (e) {
    const d = describeError(e);
    error = `${d.code}: ${d.message}`;
  }
  const budget = await budgetStatus(deps, row);
  counts.meteredCalls = budget.used - usedBefore;
  if (budget.warning) {
    counts.budgetWarning = `DingTalk metered calls this month: ${budget.used} of ${budget.limit} (warning at ${Math.round((budget.warnAt ?? 0) * 100)}%)`;
  }
  const status = error === null ? 'succeeded' : 'failed';
  const finishedAt = deps.now();
  const outbox = error !== null && deps.outbox?.wants(row.company_id, 'connector.run_failed') ? deps.outbox : null;
  await deps.db.transaction().execute(async (trx) => {
    await deps.repo.finishRun(runId, status, counts, error, finishedAt, trx);
    await deps.repo.setHealth(row.id, error === null ? 'active' : 'error', error, trx);
    if (outbox) {
      const payload = { connectorId: row.id, platform: row.platform, runId, job: kind, error: error!.slice(0, 500), failedAt: new Date(finishedAt).toISOString() };
      await outbox.append(trx, [domainEvent(row.company_id, 'connector.run_failed', `connector:${row.id}`, payload, finishedAt)]);
    }
  });
  outbox?.kick();
  return { runId, status, counts, error };
}
