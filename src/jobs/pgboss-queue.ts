/**
 * The queue on PostgreSQL: pg-boss, so that several instances share jobs and each cron
 * tick runs on exactly one of them.
 */
import pg from 'pg';
import PgBoss from 'pg-boss';
import { AffinityLeases } from './affinity-leases.js';
import type { JobHandler, JobOptions, JobQueue, WorkOptions } from './queue.js';

/** pg-boss 10 has no job groups: the group rides in the payload under this key (stripped before the handler). */
const GROUP_KEY = '__group';
/** The affinity key rides the same way. */
const AFFINITY_KEY = '__affinity';
/** A job whose group is at its limit goes back to the queue for this long. */
const GROUP_BUSY_RETRY_SECONDS = 1;

export class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  private readonly boss: PgBoss;
  private readonly created = new Map<string, Promise<void>>();
  private readonly schema: string;
  /** Connections for the singleton guard's transactions (pg-boss keeps its own pool). */
  private readonly guardPool: pg.Pool;
  /** Connections that hold affinity locks while their jobs run. */
  private readonly leasePool: pg.Pool;
  private readonly affinity: AffinityLeases;

  constructor(connectionString: string, opts: { schema?: string; onError?: (err: unknown) => void; cronWorker?: boolean; cronMonitorIntervalSeconds?: number } = {}) {
    this.schema = opts.schema ?? 'pgboss';
    if (!/^[a-z_][a-z0-9_]*$/i.test(this.schema)) throw new Error(`Invalid pg-boss schema name '${this.schema}'`);
    this.boss = new PgBoss({
      connectionString,
      schema: this.schema,
      max: 4,
      schedule: opts.cronWorker ?? true,
      supervise: true,
      ...(opts.cronMonitorIntervalSeconds ? { cronMonitorIntervalSeconds: opts.cronMonitorIntervalSeconds, cronWorkerIntervalSeconds: opts.cronMonitorIntervalSeconds } : {}),
    });
    this.boss.on('error', (err) => opts.onError?.(err));
    this.guardPool = new pg.Pool({ connectionString, max: 2 });
    this.guardPool.on('error', (err) => opts.onError?.(err));
    this.leasePool = new pg.Pool({ connectionString, max: 16 });
    this.leasePool.on('error', (err) => opts.onError?.(err));
    this.affinity = new AffinityLeases(this.leasePool, this.schema);
  }

  async start(): Promise<void> {
    await this.boss.start();
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    if (!this.guardPool.ended) await this.guardPool.end();
    if (!this.leasePool.ended) await this.leasePool.end();
  }

  /** One creation per queue name in this instance, however many sends start at once. */
  private ensureQueue(name: string): Promise<void> {
    let ready = this.created.get(name);
    if (!ready) {
      ready = this.createQueue(name);
      this.created.set(name, ready);
      ready.catch(() => this.created.delete(name));
    }
    return ready;
  }

  private async createQueue(name: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (await this.boss.getQueue(name)) return;
      try {
        await this.boss.createQueue(name);
        return;
      } catch (err) {
        // Another instance creating the same queue at the same moment makes ours fail (a duplicate
        // key or a deadlock); then the queue exists, or the next attempt creates it.
        if (attempt >= 5) {
          if (await this.boss.getQueue(name)) return;
          throw err;
        }
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  }

  async send<T extends object>(name: string, payload: T, opts: JobOptions = {}): Promise<string | null> {
    await this.ensureQueue(name);
    const data = { ...payload, ...(opts.group ? { [GROUP_KEY]: opts.group } : {}), ...(opts.affinity ? { [AFFINITY_KEY]: opts.affinity } : {}) };
    const options: PgBoss.SendOptions = {
      ...(opts.priority ? { priority: Math.trunc(opts.priority) } : {}),
      retryLimit: opts.retryLimit ?? 3,
      retryDelay: Math.max(1, Math.round((opts.retryDelayMs ?? 1000) / 1000)),
      retryBackoff: opts.retryBackoff ?? true,
      ...(opts.delayMs ? { startAfter: Math.max(1, Math.round(opts.delayMs / 1000)) } : {}),
    };
    if (!opts.singletonKey) return this.boss.send(name, data, options);
    return this.sendSingleton(name, opts.singletonKey, data, { ...options, singletonKey: opts.singletonKey });
  }

  /**
   * On a standard pg-boss queue a singleton key alone does not dedupe waiting jobs, so the check
   * and the insert run in one transaction under an advisory lock on (schema, queue, key): senders
   * of one key, on any instance, take turns, and the second sees the first one's job.
   */
  private async sendSingleton(name: string, key: string, payload: object, options: PgBoss.SendOptions): Promise<string | null> {
    const client = await this.guardPool.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [JSON.stringify([this.schema, name, key])]);
      const waiting = await client.query(`select 1 from ${this.schema}.job where name = $1 and singleton_key = $2 and state in ('created', 'retry') limit 1`, [name, key]);
      const id = waiting.rowCount ? null : await this.boss.send(name, payload, { ...options, db: { executeSql: (text, values) => client.query(text, values) } });
      await client.query('commit');
      return id;
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async work<T extends object>(name: string, handler: JobHandler<T>, opts: WorkOptions = {}): Promise<void> {
    await this.ensureQueue(name);
    const concurrency = opts.concurrency ?? 1;
    const groupLimit = opts.groupConcurrency ?? Number.POSITIVE_INFINITY;
    const running = new Map<string, number>();
    for (let i = 0; i < concurrency; i++) {
      // pg-boss fetches in priority order; the group limit is this worker's own count.
      await this.boss.work<T>(name, { batchSize: 1, pollingIntervalSeconds: 0.5, priority: true, includeMetadata: true }, async ([job]) => {
        const { [GROUP_KEY]: group, [AFFINITY_KEY]: affinity, ...payload } = job.data as T & { [GROUP_KEY]?: string; [AFFINITY_KEY]?: string };
        const groupBusy = typeof group === 'string' && (running.get(group) ?? 0) >= groupLimit;
        const away = !groupBusy && typeof affinity === 'string' && !(await this.affinity.acquire(affinity));
        if (groupBusy || away) {
          // Its group is busy here, or its affinity is held by another instance: hand the slot to
          // another job and come back shortly (the instance that holds it may take it then).
          const j = job as unknown as { priority?: number; retryLimit?: number; retryDelay?: number; retryBackoff?: boolean };
          await this.boss.send(name, job.data as object, {
            startAfter: GROUP_BUSY_RETRY_SECONDS,
            ...(j.priority ? { priority: j.priority } : {}),
            ...(j.retryLimit !== undefined ? { retryLimit: j.retryLimit, retryDelay: j.retryDelay, retryBackoff: j.retryBackoff } : {}),
          });
          return;
        }
        if (typeof group === 'string') running.set(group, (running.get(group) ?? 0) + 1);
        try {
          await handler(payload as T, { id: job.id, attempt: 1 });
        } finally {
          if (typeof affinity === 'string') this.affinity.release(affinity);
          if (typeof group === 'string') {
            const left = (running.get(group) ?? 1) - 1;
            if (left > 0) running.set(group, left);
            else running.delete(group);
          }
        }
      });
    }
  }

  async schedule(name: string, cron: string, payload: object = {}, opts: { timeZone?: string } = {}): Promise<void> {
    await this.ensureQueue(name);
    await this.boss.schedule(name, cron, payload, { tz: opts.timeZone ?? 'UTC' });
  }

  async unschedule(name: string): Promise<void> {
    await this.boss.unschedule(name);
  }
}
