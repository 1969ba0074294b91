/**
 * Background work behind one interface: an in-process queue persisted in SQLite, or
 * pg-boss on PostgreSQL when several instances share the work. Handlers must be
 * idempotent: a job may run again after a crash.
 */
export interface JobOptions {
  /** Run no earlier than this many ms from now. */
  delayMs?: number;
  /** Attempts after the first failure (default 3). */
  retryLimit?: number;
  /** Wait before a retry (default 1000 ms); doubled each time when retryBackoff. */
  retryDelayMs?: number;
  retryBackoff?: boolean;
  /** At most one queued job per key and queue: a second send while one waits is dropped. */
  singletonKey?: string;
  /** Higher runs first among due jobs (default 0). */
  priority?: number;
  /**
   * The job's group (e.g. one connector): a worker runs at most `groupConcurrency` jobs of a group
   * at once, so one slow group cannot take every slot.
   */
  group?: string;
  /**
   * Jobs sharing this key run on one instance at a time (e.g. one connector, whose platform limits
   * are per app: two instances each pacing to the limit would break it). In one process it changes
   * nothing.
   */
  affinity?: string;
}

export interface WorkOptions {
  concurrency?: number;
  /** Jobs of one group running at once in this worker (default: no limit). */
  groupConcurrency?: number;
}

export interface JobContext {
  id: string;
  attempt: number;
}

export type JobHandler<T> = (payload: T, job: JobContext) => Promise<void>;

export interface JobQueue {
  readonly kind: 'local' | 'pg-boss';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Returns the job id, or null when a singleton job was already waiting. */
  send<T extends object>(name: string, payload: T, opts?: JobOptions): Promise<string | null>;
  work<T extends object>(name: string, handler: JobHandler<T>, opts?: WorkOptions): Promise<void>;
  /** A cron schedule (5 fields, minute resolution) that fires once per tick across all instances. */
  schedule(name: string, cron: string, payload?: object, opts?: { timeZone?: string }): Promise<void>;
  unschedule(name: string): Promise<void>;
}
