/**
 * Punch sync: the wire layer's planner cuts users × dates into the platform's per-call windows,
 * its runner fetches them, and every completed batch goes through checkins.ingest (idempotent)
 * before the cursor is saved. A run that fails keeps the cursor of the batches it finished; the
 * next run over the same plan resumes from it instead of fetching them again.
 */
import { cursorComplete, type BackfillCursor } from '../../sources/platform/index.js';
import { addDays } from '../../sources/platform/zone.js';
import { localDate } from '../../shared/dates.js';
import { planPunches, runPunches, fetchDirectory } from './platform-calls.js';
import { bump, logged, type Counts, type RunOutcome, type SyncDeps, type SyncTarget } from './sync-context.js';
import { asLiveWork, bulkTurn } from './work-priority.js';

export interface PunchSyncParams {
  /** Tenant-local dates, inclusive. Both absent: the recent days (incremental). */
  from?: string;
  to?: string;
  /** Only these platform users (callback-triggered re-queries); no cursor is kept for those. */
  userIds?: string[];
}

interface StoredCursor {
  planId: string;
  from: string;
  to: string;
  cursor: BackfillCursor;
  completedAtMs: number | null;
}

export function punchRange(target: SyncTarget, params: PunchSyncParams, nowMs: number): { from: string; to: string } {
  const today = localDate(nowMs, target.zone);
  const to = params.to ?? today;
  const from = params.from ?? addDays(to, -Math.max(0, target.settings.recentDays ?? 1));
  return { from, to };
}

/** Cursor kinds: 'punches' for the rolling window, 'backfill:<from>:<to>' for explicit ranges. */
export function punchCursorKind(params: PunchSyncParams, range: { from: string; to: string }): string | null {
  if (params.userIds) return null;
  return params.from || params.to ? `backfill:${range.from}:${range.to}` : 'punches';
}

/** Every platform user whose punches the connector fetches: the last directory listing plus linked identities. */
export async function knownUserIds(deps: SyncDeps, target: SyncTarget): Promise<string[]> {
  const dir = await deps.repo.getCursor<{ userIds?: string[] }>(target.row.id, 'directory');
  const ids = new Set(dir?.userIds ?? []);
  for (const id of (await deps.repo.identityMap(target.row.company_id, target.provider, target.tenant)).keys()) ids.add(id);
  if (ids.size === 0) {
    // Never synced the directory: list it (contacts calls are not metered) without writing employees.
    for (const u of (await fetchDirectory(target.pc, target.settings)).users) if (u.active) ids.add(u.externalId);
  }
  return [...ids].sort();
}

export async function syncPunches(deps: SyncDeps, target: SyncTarget, params: PunchSyncParams): Promise<RunOutcome> {
  const range = punchRange(target, params, deps.now());
  const kind = !params.userIds && (params.from || params.to) ? 'backfill' : 'punches';
  const run = () =>
    logged(deps, target.row, kind, { ...range, ...(params.userIds ? { userIds: params.userIds } : {}) }, async (counts, runId) => {
      await fetchAndIngest(deps, target, params, range, counts, runId, kind === 'backfill');
    });
  return kind === 'backfill' ? run() : asLiveWork(run);
}

async function fetchAndIngest(deps: SyncDeps, target: SyncTarget, params: PunchSyncParams, range: { from: string; to: string }, counts: Counts, runId: number, bulk: boolean) {
  const users = params.userIds ?? (await knownUserIds(deps, target));
  counts.users = users.length;
  if (users.length === 0) {
    counts.note = 'no platform users known yet: run a directory sync first';
    return;
  }
  const plan = planPunches(target.pc, users, range.from, range.to);
  const cursorKind = punchCursorKind(params, range);
  const stored = cursorKind ? await deps.repo.getCursor<StoredCursor>(target.row.id, cursorKind) : null;
  const resume =
    stored && stored.planId === plan.planId && stored.cursor.total === plan.batches.length && !cursorComplete(stored.cursor) ? stored.cursor : null;
  counts.batches = plan.batches.length;
  counts.resumedFrom = resume ? resume.doneBelow + resume.doneAbove.length : 0;
  counts.batchesDone = 0;
  for (const key of ['fetched', 'created', 'duplicates', 'unmatched'] as const) counts[key] = 0;
  for await (const progress of runPunches(target.pc, plan, resume, deps.clients.tuning.concurrency)) {
    if (progress.items.length) {
      if (bulk) await bulkTurn();
      const summary = await deps.checkins.ingest(target.row.company_id, progress.items);
      bump(counts, 'fetched', progress.items.length);
      bump(counts, 'created', summary.created);
      bump(counts, 'duplicates', summary.duplicates);
      bump(counts, 'unmatched', summary.unmatched);
    }
    bump(counts, 'batchesDone');
    if (cursorKind) {
      const value: StoredCursor = { planId: plan.planId, from: range.from, to: range.to, cursor: progress.cursor, completedAtMs: cursorComplete(progress.cursor) ? deps.now() : null };
      await deps.repo.putCursor(target.row.id, cursorKind, value, deps.now());
    }
    await deps.repo.progressRun(runId, counts);
  }
  if (cursorKind && plan.batches.length === 0) {
    await deps.repo.putCursor(target.row.id, cursorKind, { planId: plan.planId, from: range.from, to: range.to, cursor: { planId: plan.planId, doneBelow: 0, doneAbove: [], total: 0 }, completedAtMs: deps.now() }, deps.now());
  }
}
