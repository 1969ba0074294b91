/**
 * The queue on PostgreSQL: pg-boss, so that several instances share jobs and each cron
 * tick runs on exactly one of them.
 */
import PgBoss from 'pg-boss';
import type { JobHandler, JobOptions, JobQueue } from './queue.js';

export class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  private readonly boss: PgBoss;
  private readonly created = new Set<string>();
  private readonly schema: string;

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
  }

  async start(): Promise<void> {
    await this.boss.start();
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  private async ensureQueue(name: string) {
    if (this.created.has(name)) return;
    if (!(await this.boss.getQueue(name))) {
      try {
        await this.boss.createQueue(name);
      } catch (err) {
        // Another instance created it between our check and our create.
        if (!(await this.boss.getQueue(name))) throw err;
      }
    }
    this.created.add(name);
  }

  async send<T extends object>(name: string, payload: T, opts: JobOptions = {}): Promise<string | null> {
    await this.ensureQueue(name);
    // On a standard pg-boss queue a singleton key alone does not dedupe waiting jobs; ask the table.
    if (opts.singletonKey && (await this.waiting(name, opts.singletonKey))) return null;
    return this.boss.send(name, payload, {
      retryLimit: opts.retryLimit ?? 3,
      retryDelay: Math.max(1, Math.round((opts.retryDelayMs ?? 1000) / 1000)),
      retryBackoff: opts.retryBackoff ?? true,
      ...(opts.delayMs ? { startAfter: Math.max(1, Math.round(opts.delayMs / 1000)) } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
    });
  }

  private async waiting(name: string, key: string): Promise<boolean> {
    const { rows } = (await this.boss
      .getDb()
      .executeSql(`select 1 from ${this.schema}.job where name = $1 and singleton_key = $2 and state in ('created', 'retry') limit 1`, [name, key])) as { rows: unknown[] };
    return rows.length > 0;
  }

  async work<T extends object>(name: string, handler: JobHandler<T>, opts: { concurrency?: number } = {}): Promise<void> {
    await this.ensureQueue(name);
    const concurrency = opts.concurrency ?? 1;
    for (let i = 0; i < concurrency; i++) {
      await this.boss.work<T>(name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        await handler(job.data, { id: job.id, attempt: 1 });
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
