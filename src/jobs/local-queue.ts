/**
 * The queue for a single instance on SQLite: jobs live in the `jobs` table so that
 * a restart loses nothing; a lease lets a crashed job run again.
 */
import cronParser from 'cron-parser';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { JobHandler, JobOptions, JobQueue, WorkOptions } from './queue.js';

interface Worker {
  handler: JobHandler<object>;
  concurrency: number;
  running: number;
  groupConcurrency: number;
  /** Running jobs per group. */
  groups: Map<string, number>;
}

const LEASE_MS = 5 * 60_000;

export function nextCronRun(cron: string, afterMs: number, timeZone: string): number {
  return cronParser.parseExpression(cron, { currentDate: new Date(afterMs), tz: timeZone }).next().getTime();
}

export class LocalQueue implements JobQueue {
  readonly kind = 'local' as const;
  private workers = new Map<string, Worker>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private ticking = false;
  /** Work turned up while a tick ran (a job finished, one was sent): look again as soon as it ends. */
  private tickAgain = false;
  private inFlight = new Set<Promise<void>>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly opts: { pollMs?: number; onError?: (err: unknown, queue: string) => void; now?: () => number } = {},
  ) {}

  private now() {
    return (this.opts.now ?? Date.now)();
  }

  async start(): Promise<void> {
    this.stopped = false;
    // Jobs that were running when the process died get another go.
    const stale = await this.db.selectFrom('jobs').select('id').where('status', '=', 'active').where('locked_until_ms', '<', this.now()).execute();
    for (const job of stale) await this.requeue(job.id, { locked_until_ms: null }, 'lease expired');
    this.arm(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.inFlight]);
  }

  async send<T extends object>(name: string, payload: T, opts: JobOptions = {}): Promise<string | null> {
    const now = this.now();
    // The unique index on waiting (queue, singleton_key) makes a second waiting job a no-op insert,
    // so concurrent senders cannot both get through.
    const row = await this.db
      .insertInto('jobs')
      .values({
        queue: name,
        payload: JSON.stringify(payload),
        status: 'queued',
        run_at_ms: now + (opts.delayMs ?? 0),
        attempts: 0,
        max_attempts: 1 + (opts.retryLimit ?? 3),
        backoff_ms: (opts.retryDelayMs ?? 1000) * (opts.retryBackoff === false ? -1 : 1),
        singleton_key: opts.singletonKey ?? null,
        created_at_ms: now,
        priority: Math.trunc(opts.priority ?? 0),
        group_key: opts.group ?? null,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return null;
    if (!opts.delayMs) this.arm(0);
    return String(row.id);
  }

  async work<T extends object>(name: string, handler: JobHandler<T>, opts: WorkOptions = {}): Promise<void> {
    this.workers.set(name, {
      handler: handler as JobHandler<object>,
      concurrency: opts.concurrency ?? 1,
      running: 0,
      groupConcurrency: opts.groupConcurrency ?? Number.POSITIVE_INFINITY,
      groups: new Map(),
    });
    this.arm(0);
  }

  async schedule(name: string, cron: string, payload: object = {}, opts: { timeZone?: string } = {}): Promise<void> {
    const timeZone = opts.timeZone ?? 'UTC';
    const next = nextCronRun(cron, this.now(), timeZone);
    const values = { name, cron, time_zone: timeZone, payload: JSON.stringify(payload), next_run_at_ms: next };
    await this.db
      .insertInto('job_schedules')
      .values(values)
      .onConflict((oc) => oc.column('name').doUpdateSet({ cron, time_zone: timeZone, payload: values.payload, next_run_at_ms: next }))
      .execute();
  }

  async unschedule(name: string): Promise<void> {
    await this.db.deleteFrom('job_schedules').where('name', '=', name).execute();
  }

  private arm(delay: number) {
    if (this.stopped) return;
    // A timer set now would be replaced by the running tick's own re-arm when it ends.
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = true;
    this.tickAgain = false;
    try {
      await this.fireSchedules();
      let claimed = true;
      while (claimed && !this.stopped) {
        claimed = false;
        for (const [queue, w] of this.workers) {
          if (w.running >= w.concurrency) continue;
          const job = await this.claim(queue, w);
          if (!job) continue;
          claimed = true;
          w.running++;
          const group = job.group_key;
          if (group !== null) w.groups.set(group, (w.groups.get(group) ?? 0) + 1);
          const p = this.run(queue, w, job).finally(() => {
            w.running--;
            if (group !== null) {
              const left = (w.groups.get(group) ?? 1) - 1;
              if (left > 0) w.groups.set(group, left);
              else w.groups.delete(group);
            }
            this.inFlight.delete(p);
            this.arm(0);
          });
          this.inFlight.add(p);
        }
      }
    } catch (err) {
      this.opts.onError?.(err, '(queue)');
    } finally {
      this.ticking = false;
      this.arm(this.tickAgain ? 0 : (this.opts.pollMs ?? 500));
    }
  }

  private async fireSchedules() {
    const now = this.now();
    const due = await this.db.selectFrom('job_schedules').selectAll().where('next_run_at_ms', '<=', now).execute();
    for (const s of due) {
      const next = nextCronRun(s.cron, now, s.time_zone);
      // Only the update that moves next_run_at_ms from the value we read fires the job.
      const moved = await this.db
        .updateTable('job_schedules')
        .set({ next_run_at_ms: next })
        .where('name', '=', s.name)
        .where('next_run_at_ms', '=', s.next_run_at_ms)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 1) await this.send(s.name, JSON.parse(s.payload) as object, { singletonKey: `cron:${s.next_run_at_ms}` });
    }
  }

  private async claim(queue: string, w: Worker) {
    const now = this.now();
    // Groups at their limit wait; the most urgent due job of any other group goes first.
    const full = [...w.groups].filter(([, n]) => n >= w.groupConcurrency).map(([g]) => g);
    let q = this.db.selectFrom('jobs').select('id').where('queue', '=', queue).where('status', '=', 'queued').where('run_at_ms', '<=', now);
    if (full.length > 0) q = q.where((eb) => eb.or([eb('group_key', 'is', null), eb('group_key', 'not in', full)]));
    const next = await q.orderBy('priority', 'desc').orderBy('run_at_ms').orderBy('id').limit(1).executeTakeFirst();
    if (!next) return null;
    return this.db
      .updateTable('jobs')
      .set((eb) => ({ status: 'active', attempts: eb('attempts', '+', 1), locked_until_ms: now + LEASE_MS }))
      .where('id', '=', next.id)
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
  }

  private async run(queue: string, w: Worker, job: { id: number; payload: string; attempts: number; max_attempts: number; backoff_ms: number }) {
    try {
      await w.handler(JSON.parse(job.payload) as object, { id: String(job.id), attempt: job.attempts });
      await this.db.updateTable('jobs').set({ status: 'done', finished_at_ms: this.now(), locked_until_ms: null }).where('id', '=', job.id).execute();
    } catch (err) {
      this.opts.onError?.(err, queue);
      const message = err instanceof Error ? err.message : String(err);
      const retry = job.attempts < job.max_attempts;
      const base = Math.abs(job.backoff_ms);
      const delay = job.backoff_ms < 0 ? base : base * 2 ** (job.attempts - 1);
      if (retry) await this.requeue(job.id, { run_at_ms: this.now() + delay, last_error: message.slice(0, 2000), locked_until_ms: null }, message);
      else await this.db.updateTable('jobs').set({ status: 'failed', finished_at_ms: this.now(), last_error: message.slice(0, 2000), locked_until_ms: null }).where('id', '=', job.id).execute();
    }
  }

  /**
   * Puts a job back in the queue, unless a job with its singleton key already waits: that one does
   * the same work, and two waiting jobs of one key are what the unique index forbids.
   */
  private async requeue(id: number, set: { run_at_ms?: number; last_error?: string; locked_until_ms: null }, reason: string) {
    const moved = await this.db
      .updateTable('jobs')
      .set({ ...set, status: 'queued' })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('singleton_key', 'is', null),
          eb.not(
            eb.exists(
              eb
                .selectFrom('jobs as twin')
                .select('twin.id')
                .whereRef('twin.queue', '=', 'jobs.queue')
                .whereRef('twin.singleton_key', '=', 'jobs.singleton_key')
                .where('twin.status', '=', 'queued'),
            ),
          ),
        ]),
      )
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 1) return;
    const note = `${reason.slice(0, 1800)} (not retried: a job with the same singleton key is waiting)`;
    await this.db.updateTable('jobs').set({ status: 'failed', finished_at_ms: this.now(), last_error: note, locked_until_ms: null }).where('id', '=', id).execute();
  }
}
