/**
 * Keeps every instance's view of the subscriptions current. Producers ask the consumers
 * synchronously (from a cache) whether anybody wants an event; a subscription made on another
 * instance must reach that cache promptly, or that instance drops the new subscriber's events.
 *
 * On PostgreSQL each change to `webhook_endpoints` sends a NOTIFY in its own transaction (so it is
 * heard only once committed); every instance LISTENs on one dedicated connection and reloads its
 * view when told. A connection that drops is re-opened after a pause and reloads on reconnect (a
 * change made while nobody listened is caught then). The 30-second reload stays as the safety net;
 * SQLite is one process, whose changes refresh its view directly.
 */
import pg from 'pg';
import type { RawHandle } from '../../db/database.js';

/** The NOTIFY channel of one database schema (instances in other schemas are other deployments). */
export function subscriptionChannel(schema: string | null): string {
  return `daka_webhooks_${(schema ?? 'public').replace(/[^a-z0-9_]/gi, '_')}`.toLowerCase().slice(0, 63);
}

export class SubscriptionWatch {
  private client: pg.Client | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private again = false;
  /** Reloads this instance saw (tests and metrics). */
  reloads = 0;

  constructor(
    private readonly raw: RawHandle,
    private readonly reload: () => Promise<void>,
    private readonly retryMs = 1_000,
  ) {}

  get channel(): string {
    return subscriptionChannel(this.raw.kind === 'postgres' ? this.raw.schema : null);
  }

  async start(): Promise<void> {
    if (this.raw.kind !== 'postgres' || this.client) return;
    this.stopped = false;
    await this.connect(this.raw.pool);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
    await this.running;
  }

  private async connect(pool: pg.Pool): Promise<void> {
    // A connection of its own: LISTEN holds it for the life of the process, outside the pool.
    const client = new pg.Client((pool as unknown as { options: pg.ClientConfig }).options);
    client.on('notification', (m) => {
      if (m.channel === this.channel) this.requestReload();
    });
    client.on('error', () => this.lost(client, pool));
    client.on('end', () => this.lost(client, pool));
    try {
      await client.connect();
      await client.query(`listen "${this.channel}"`);
    } catch {
      this.lost(client, pool);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.requestReload();
  }

  private readonly gone = new WeakSet<pg.Client>();

  private lost(client: pg.Client, pool: pg.Pool): void {
    // 'error' and 'end' may both come for one connection: reconnect once.
    if (this.gone.has(client)) return;
    this.gone.add(client);
    if (this.client === client) this.client = null;
    void client.end().catch(() => {});
    if (this.stopped) return;
    setTimeout(() => void this.connect(pool), this.retryMs).unref();
  }

  /** Coalesces bursts: one reload at a time, and one more if told again meanwhile. */
  private requestReload(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        this.reloads++;
        await this.reload().catch(() => {});
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
  }
}
