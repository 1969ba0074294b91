/**
 * Cluster-wide affinity for pg-boss jobs: the jobs that share a key (one connector, whose platform
 * limits are counted per app, not per Daka instance) run on one instance at a time. The instance
 * that starts the first of them takes a session advisory lock on a connection of its own and keeps
 * it while any job of the key runs there; another instance that picks one up hands it back to the
 * queue. The lock dies with its connection, so a crashed instance never keeps a key.
 */
import type pg from 'pg';

interface Lease {
  /** Resolves true once the lock is held here, false when another instance holds it. */
  held: Promise<boolean>;
  client: pg.PoolClient | null;
  running: number;
}

export class AffinityLeases {
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly namespace: string,
  ) {}

  /** True when this instance may run a job of `key` now (pair it with one `release`). */
  async acquire(key: string): Promise<boolean> {
    let lease = this.leases.get(key);
    if (!lease) {
      const fresh: Lease = { held: Promise.resolve(false), client: null, running: 0 };
      fresh.held = this.lock(key, fresh);
      this.leases.set(key, (lease = fresh));
    }
    lease.running += 1;
    if (await lease.held) return true;
    this.drop(key, lease);
    return false;
  }

  release(key: string): void {
    const lease = this.leases.get(key);
    if (lease) this.drop(key, lease);
  }

  private async lock(key: string, lease: Lease): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 1)) as ok', [this.lockName(key)]);
      if (r.rows[0]?.ok) {
        lease.client = client;
        return true;
      }
    } catch {
      // A failed lock query leaves the key free to try again with the next job.
    }
    client.release();
    return false;
  }

  private drop(key: string, lease: Lease): void {
    lease.running -= 1;
    if (lease.running > 0) return;
    this.leases.delete(key);
    const client = lease.client;
    if (!client) return;
    lease.client = null;
    client
      .query('select pg_advisory_unlock(hashtextextended($1, 1))', [this.lockName(key)])
      .then(() => client.release(), (err: Error) => client.release(err));
  }

  private lockName(key: string): string {
    return JSON.stringify([this.namespace, 'affinity', key]);
  }
}
