/**
 * DingTalk Stream connections. On an instance that runs workers, every active DingTalk connector
 * whose push channel is 'stream' keeps one connection open: opened at start, re-opened when its
 * configuration or credentials change, closed when it is paused, deleted or switched back to
 * callbacks, and on shutdown. Changes made through this instance apply at once (`refresh`); the
 * periodic re-read picks up changes made on other instances. Events take the HTTP callbacks' path.
 * The state is stored as the connector's 'stream' cursor so that every instance can show it.
 */
import { DingTalkStreamClient, type DingTalkStreamClientOptions, type StreamState, type StreamStatus } from '../../sources/dingtalk/index.js';
import { VERSION } from '../../version.js';
import type { ConnectorCallbacks } from './connector-callbacks.js';
import { pushChannelOf, type ConnectorClients } from './connector-config.js';
import type { ConnectorRow, ConnectorsRepo } from './connectors.repo.js';

export const STREAM_CURSOR = 'stream';

export interface StoredStreamStatus {
  state: StreamState;
  lastError: string | null;
  lastErrorAtMs: number | null;
  connectedAtMs: number | null;
  /** Across the connector's connections, redeliveries included. */
  eventsReceived: number;
  updatedAtMs: number | null;
}

export type StreamLog = (level: 'info' | 'warn', fields: Record<string, unknown>, message: string) => void;

interface Held {
  version: string;
  client: DingTalkStreamClient;
  baseEvents: number;
  /** The last error of the connector's earlier connections, shown until this one has its own. */
  earlier: Pick<StoredStreamStatus, 'lastError' | 'lastErrorAtMs'>;
  last: StoredStreamStatus | null;
  flushTimer: NodeJS.Timeout | null;
  writes: Promise<void>;
  /** A deleted connector's state is not written back. */
  silent: boolean;
}

/** What makes a connection stale: credentials, app key, gateway base, any configuration change. */
const versionOf = (r: ConnectorRow) => `${r.updated_at_ms}:${r.app_key}:${r.base_url ?? ''}:${r.secrets_sealed}`;

export class ConnectorStreams {
  /** Client knobs for tests: keep-alive, back-off, timeouts. */
  tuning: Partial<Pick<DingTalkStreamClientOptions, 'keepAliveMs' | 'backoff' | 'timeoutMs'>> = {};
  log: StreamLog = () => {};
  private readonly held = new Map<number, Held>();
  /** The connector errors this module wrote (bad credentials), cleared again once connected. */
  private readonly healthErrors = new Map<number, string>();
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> = Promise.resolve();
  private queued = false;

  constructor(
    private readonly repo: ConnectorsRepo,
    private readonly clients: ConnectorClients,
    private readonly callbacks: ConnectorCallbacks,
    private readonly now: () => number = Date.now,
    private readonly pollMs = 30_000,
  ) {}

  /** Connector ids with a connection held by this instance. */
  get connectorIds(): number[] {
    return [...this.held.keys()];
  }

  /** This instance's view of one connection. */
  status(connectorId: number): StreamStatus | null {
    return this.held.get(connectorId)?.client.status ?? null;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.timer = setInterval(() => void this.refresh(), this.pollMs);
    this.timer.unref();
    void this.refresh();
  }

  /** Re-reads the connectors and opens, re-opens or closes connections to match. */
  refresh(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.queued) return this.pass;
    this.queued = true;
    this.pass = this.pass
      .then(async () => {
        this.queued = false;
        if (this.running) await this.reconcile();
      })
      .catch((e: unknown) => this.log('warn', { error: e instanceof Error ? e.message : String(e) }, 'DingTalk Stream: re-reading the connectors failed'));
    return this.pass;
  }

  /** Closes every connection (each within about a second) and stops watching. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pass;
    await Promise.all([...this.held].map(([id, h]) => this.drop(id, h)));
  }

  private async reconcile(): Promise<void> {
    const rows = (await this.repo.active()).filter((r) => pushChannelOf(r) === 'stream');
    const wanted = new Map(rows.map((r) => [r.id, r]));
    for (const [id, h] of this.held) {
      const row = wanted.get(id);
      if (row && versionOf(row) === h.version) continue;
      if (!row && !(await this.repo.find(id))) h.silent = true;
      await this.drop(id, h);
    }
    for (const row of rows) if (this.running && !this.held.has(row.id)) await this.open(row);
  }

  private async open(row: ConnectorRow): Promise<void> {
    let secret: string;
    try {
      secret = this.clients.secretsOf(row).appSecret;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await this.repo.putCursor(row.id, STREAM_CURSOR, { state: 'error', lastError: `CONNECTOR_BAD_CONFIG: ${message}`, lastErrorAtMs: this.now(), connectedAtMs: null, eventsReceived: 0, updatedAtMs: this.now() }, this.now());
      return;
    }
    const stored = await this.repo.getCursor<StoredStreamStatus>(row.id, STREAM_CURSOR);
    const id = row.id;
    const h: Held = {
      version: versionOf(row),
      client: new DingTalkStreamClient({
        ...this.tuning,
        clientId: row.app_key,
        clientSecret: secret,
        apiBaseUrl: row.base_url ?? undefined,
        ua: `daka/${VERSION}`,
        onEvent: async (frame) => {
          await this.callbacks.dingtalkStream(id, frame.headers, frame.data);
          return { status: 'SUCCESS' };
        },
        onStatus: (s) => this.report(id, h, s),
      }),
      baseEvents: stored?.eventsReceived ?? 0,
      earlier: { lastError: stored?.lastError ?? null, lastErrorAtMs: stored?.lastErrorAtMs ?? null },
      last: null,
      flushTimer: null,
      writes: Promise.resolve(),
      silent: false,
    };
    this.held.set(id, h);
    h.client.start();
  }

  private async drop(id: number, h: Held): Promise<void> {
    this.held.delete(id);
    await h.client.close();
    if (h.flushTimer) clearTimeout(h.flushTimer);
    h.flushTimer = null;
    this.flush(id, h);
    await h.writes;
  }

  private report(id: number, h: Held, s: StreamStatus): void {
    const prev = h.last;
    const next: StoredStreamStatus = {
      state: s.state,
      lastError: s.lastError ?? h.earlier.lastError,
      lastErrorAtMs: s.lastError ? s.lastErrorAtMs : h.earlier.lastErrorAtMs,
      connectedAtMs: s.connectedAtMs,
      eventsReceived: h.baseEvents + s.eventsReceived,
      updatedAtMs: this.now(),
    };
    h.last = next;
    if (prev && prev.state === next.state && prev.lastError === next.lastError) {
      // Only the event count moved: written at most once a second.
      h.flushTimer ??= setTimeout(() => {
        h.flushTimer = null;
        this.flush(id, h);
      }, 1_000).unref();
      return;
    }
    if (next.state === 'connected') this.log('info', { connectorId: id }, 'DingTalk Stream connected');
    else if (next.state === 'error' && next.lastError !== prev?.lastError) this.log('warn', { connectorId: id, error: next.lastError }, 'DingTalk Stream connection failed');
    this.flush(id, h);
    this.health(id, h, s);
  }

  private flush(id: number, h: Held): void {
    if (h.silent || !h.last) return;
    const value = h.last;
    h.writes = h.writes
      .then(() => this.repo.putCursor(id, STREAM_CURSOR, value, this.now()))
      .catch((e: unknown) => this.log('warn', { connectorId: id, error: e instanceof Error ? e.message : String(e) }, 'DingTalk Stream: storing the state failed'));
  }

  /** Refused credentials make the connector's error; the next good connection clears that error. */
  private health(id: number, h: Held, s: StreamStatus): void {
    const wrote = this.healthErrors.get(id);
    if (s.state === 'error' && s.lastErrorCode === 'CONNECTOR_BAD_CREDENTIALS' && s.lastError && s.lastError !== wrote) {
      const error = s.lastError;
      this.healthErrors.set(id, error);
      h.writes = h.writes.then(() => this.repo.setHealth(id, 'error', error)).catch(() => {});
    } else if (s.state === 'connected' && wrote) {
      this.healthErrors.delete(id);
      h.writes = h.writes
        .then(async () => {
          if ((await this.repo.find(id))?.last_error === wrote) await this.repo.setHealth(id, 'active', null);
        })
        .catch(() => {});
    }
  }
}

/** The state a connector's GET shows: null unless it is a stream-mode DingTalk connector. */
export async function streamStatusOf(repo: ConnectorsRepo, row: ConnectorRow): Promise<StoredStreamStatus | null> {
  if (pushChannelOf(row) !== 'stream') return null;
  const stored = await repo.getCursor<StoredStreamStatus>(row.id, STREAM_CURSOR);
  const base: StoredStreamStatus = { state: 'connecting', lastError: null, lastErrorAtMs: null, connectedAtMs: null, eventsReceived: 0, updatedAtMs: null };
  if (row.status === 'paused') return { ...base, ...stored, state: 'closed', connectedAtMs: null };
  return { ...base, ...stored };
}
