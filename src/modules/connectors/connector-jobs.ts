/**
 * Connector jobs. `connectors.sync` runs one sync of one connector (queued by the API, callbacks
 * and the schedules below). Schedules, per active connector:
 * - the recent days' punches (incremental, resumable cursor), checked every 10 minutes and pulled
 *   at the interval the connector's call budget allows (none while events are pushed);
 * - at night: yesterday's punches again (late corrections), the directory and the approvals;
 * - each morning: reconciliation of yesterday against Daka's attendance days.
 */
import type { JobOptions, JobQueue } from '../../jobs/queue.js';
import { activePause } from './connector-throttle.js';
import { budgetView, markPulled, pullDue, takePendingRequery } from './connector-budget.js';
import { addDays, localDate } from '../../shared/dates.js';
import { syncApprovals } from './approvals-sync.js';
import { syncDirectory, syncDirectoryUsers } from './directory-sync.js';
import { syncPunches } from './punch-sync.js';
import { reconcile } from './reconciliation.js';
import { targetOf, type RunOutcome, type SyncDeps } from './sync-context.js';

export const CONNECTOR_SYNC_JOB = 'connectors.sync';
export const CONNECTOR_TICK_JOB = 'connectors.incremental';
export const CONNECTOR_NIGHTLY_JOB = 'connectors.nightly';
export const CONNECTOR_RECONCILE_JOB = 'connectors.reconcile';

export interface ConnectorJob {
  connectorId: number;
  kind: 'directory' | 'directory_users' | 'punches' | 'approvals' | 'reconcile';
  from?: string;
  to?: string;
  userIds?: string[];
  /** directory_users: the members left the organisation. */
  left?: boolean;
  approvalId?: string;
  /** punches: the connector's pending coalesced re-query (connector-budget.ts). */
  requery?: boolean;
}

/**
 * Queue priority of a job: event-triggered re-queries (a punch, a member, an approval) first, then
 * the incremental pull and syncs an admin asked for, then bulk work (back-fills, nightly, reconcile).
 */
export function jobPriority(job: ConnectorJob): number {
  if (job.userIds || job.approvalId || job.requery) return 10;
  if (job.kind === 'punches' && !job.from && !job.to) return 5;
  return 0;
}

/**
 * Each connector's jobs run in two groups of one slot each, live (priority > 0) and bulk: a stalled
 * or slow connector holds at most two worker slots, and its own back-fill never delays its
 * callbacks' re-queries. All of a connector's jobs run on one instance at a time (its affinity):
 * the platform counts calls per app, and only one process's limiter can pace them.
 */
export function connectorJobOptions(job: ConnectorJob, opts: JobOptions = {}): JobOptions {
  const priority = jobPriority(job);
  return { ...opts, priority, group: `connector:${job.connectorId}:${priority > 0 ? 'live' : 'bulk'}`, affinity: `connector:${job.connectorId}` };
}

export const CONNECTOR_WORKER = { concurrency: 6, groupConcurrency: 1 };

/** Syncs running in this process: a second identical one (a slow run overlapping the next tick) is skipped. */
const running = new Set<string>();

/** Runs one job's sync; null when the connector is gone or paused, or the same sync is already running. */
export async function runConnectorJob(deps: SyncDeps, job: ConnectorJob): Promise<RunOutcome | null> {
  const key = JSON.stringify([job.connectorId, job.kind, job.from ?? null, job.to ?? null, job.userIds ?? null, job.approvalId ?? null, job.left ?? null, job.requery ?? null]);
  if (running.has(key)) return null;
  running.add(key);
  try {
    return await dispatch(deps, job);
  } finally {
    running.delete(key);
  }
}

async function dispatch(deps: SyncDeps, job: ConnectorJob): Promise<RunOutcome | null> {
  const row = await deps.repo.find(job.connectorId);
  if (!row || row.status === 'paused') return null;
  const target = await targetOf(deps, row);
  switch (job.kind) {
    case 'directory':
      return syncDirectory(deps, target);
    case 'directory_users':
      return syncDirectoryUsers(deps, target, job.userIds ?? [], job.left === true);
    case 'punches': {
      if (!job.requery) return syncPunches(deps, target, { from: job.from, to: job.to, userIds: job.userIds });
      const pending = Object.entries((await takePendingRequery(deps.repo, row.id, deps.now())).users);
      if (pending.length === 0) return null;
      // One query over the union of the days: 50 people a call is what saves the calls.
      const from = pending.reduce((m, [, r]) => (r.from < m ? r.from : m), pending[0][1].from);
      const to = pending.reduce((m, [, r]) => (r.to > m ? r.to : m), pending[0][1].to);
      return syncPunches(deps, target, { from, to, userIds: pending.map(([u]) => u).sort() });
    }
    case 'approvals':
      return syncApprovals(deps, target, { from: job.from, to: job.to, approvalId: job.approvalId });
    case 'reconcile': {
      const to = job.to ?? addDays(localDate(deps.now(), target.zone), -1);
      return reconcile(deps, target, job.from ?? to, to);
    }
  }
}

/** The worker that runs `connectors.sync` jobs: grouped per connector, priorities first. */
export async function registerConnectorSyncWorker(queue: JobQueue, deps: SyncDeps): Promise<void> {
  await queue.work<ConnectorJob>(CONNECTOR_SYNC_JOB, async (job) => {
    // A connector sitting out a ban gets its jobs back when the ban ends, not a worker slot now.
    const pause = await activePause(deps.repo, job.connectorId, deps.now());
    if (pause) {
      await queue.send(CONNECTOR_SYNC_JOB, job, connectorJobOptions(job, { delayMs: pause.pausedUntilMs - deps.now() + 1_000, retryLimit: 2, retryDelayMs: 30_000 }));
      return;
    }
    const outcome = await runConnectorJob(deps, job);
    // An explicit back-fill that failed is retried by the queue; it resumes from its cursor.
    if (outcome?.status === 'failed' && job.kind === 'punches' && (job.from || job.to)) throw new Error(outcome.error ?? 'back-fill failed');
  }, CONNECTOR_WORKER);
}

export async function registerConnectorJobs(queue: JobQueue, services: { connectors: { syncDeps: SyncDeps }; connectorStreams?: { start(): void } }): Promise<void> {
  const deps = services.connectors.syncDeps;
  // Workers also hold the DingTalk Stream connections of stream-mode connectors.
  services.connectorStreams?.start();
  await registerConnectorSyncWorker(queue, deps);

  const enqueue = (job: ConnectorJob) =>
    queue.send(CONNECTOR_SYNC_JOB, job, connectorJobOptions(job, { singletonKey: `${job.connectorId}:${job.kind}:${job.from ?? ''}:${job.to ?? ''}`, retryLimit: 0 }));
  // Each connector pulls on its own budget plan (connector-budget.ts), not on every tick.
  await queue.work(CONNECTOR_TICK_JOB, async () => {
    for (const row of await deps.repo.active()) {
      if (!(await pullDue(deps, row))) continue;
      await markPulled(deps.repo, row.id, deps.now());
      await enqueue({ connectorId: row.id, kind: 'punches' });
    }
  });
  await queue.work(CONNECTOR_NIGHTLY_JOB, async () => {
    const yesterday = addDays(localDate(deps.now(), 'Asia/Shanghai'), -1);
    for (const row of await deps.repo.active()) {
      const { plan } = await budgetView(deps, row);
      await enqueue({ connectorId: row.id, kind: 'directory' });
      // A tight budget re-syncs a week at once, every seventh night: one call covers 7 days.
      const dayNumber = Math.floor(Date.parse(`${yesterday}T00:00:00Z`) / 86_400_000);
      if (plan.resyncEveryDays <= 1) await enqueue({ connectorId: row.id, kind: 'punches', from: yesterday, to: yesterday });
      else if (dayNumber % plan.resyncEveryDays === 0) await enqueue({ connectorId: row.id, kind: 'punches', from: addDays(yesterday, 1 - plan.resyncEveryDays), to: yesterday });
      await enqueue({ connectorId: row.id, kind: 'approvals' });
    }
  });
  await queue.work(CONNECTOR_RECONCILE_JOB, async () => {
    for (const row of await deps.repo.active()) {
      if ((await budgetView(deps, row)).plan.reconcile) await enqueue({ connectorId: row.id, kind: 'reconcile' });
    }
  });
  await queue.schedule(CONNECTOR_TICK_JOB, '*/10 * * * *');
  await queue.schedule(CONNECTOR_NIGHTLY_JOB, '30 2 * * *', {}, { timeZone: 'Asia/Shanghai' });
  // After the attendance job's nightly recompute (00:10) has filled yesterday's days.
  await queue.schedule(CONNECTOR_RECONCILE_JOB, '30 5 * * *', {}, { timeZone: 'Asia/Shanghai' });
}
