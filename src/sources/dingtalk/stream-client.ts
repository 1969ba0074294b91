import WebSocket from 'ws';
import { backoffDelay, type BackoffPolicy } from '../platform/backoff.js';
import { systemClock } from '../platform/clock.js';
import { ConnectorError, type ConnectorErrorCode } from '../platform/errors.js';
import { buildUrl, httpRequest } from '../platform/http.js';
import { webSocketRefusal } from '../../shared/egress/index.js';
import { asConnectorError, gatewayError, localIp, socketError, STREAM_GATEWAY_API as API, type StreamAck, type StreamFrame } from './stream-wire.js';

export type { StreamAck, StreamFrame } from './stream-wire.js';

/**
 * DingTalk Stream mode over one WebSocket (the protocol of dingtalk-stream 2.1.5 and
 * dingtalk-stream-sdk-go): the gateway trades the app's client id and secret for a single-use
 * ticket and an endpoint, the socket carries JSON frames, every EVENT is acked with SUCCESS or
 * LATER (DingTalk re-pushes LATER and un-acked events), SYSTEM `ping` is echoed and SYSTEM
 * `disconnect` asks for a new ticket. Written here rather than through the SDK because the SDK
 * posts to a hard-coded gateway, logs to the console and reconnects without back-off.
 */
export const DINGTALK_STREAM_GATEWAY_PATH = '/v1.0/gateway/connections/open';

export type StreamState = 'connecting' | 'connected' | 'error' | 'closed';

export interface StreamStatus {
  state: StreamState;
  /** `CODE: message` of the last failure (kept after a later success, with its time). */
  lastError: string | null;
  lastErrorCode: ConnectorErrorCode | null;
  lastErrorAtMs: number | null;
  connectedAtMs: number | null;
  /** EVENT frames received by this client, redeliveries included. */
  eventsReceived: number;
  reconnects: number;
}

export interface DingTalkStreamClientOptions {
  clientId: string;
  clientSecret: string;
  /** Default https://api.dingtalk.com; the simulator in tests and demos. */
  apiBaseUrl?: string;
  subscriptions?: Array<{ type: 'EVENT' | 'CALLBACK'; topic: string }>;
  ua?: string;
  /** Throwing (or rejecting) acks LATER: DingTalk delivers the event again later. */
  onEvent: (frame: StreamFrame) => StreamAck | Promise<StreamAck>;
  onStatus?: (status: StreamStatus) => void;
  /** WebSocket ping interval; a ping still unanswered at the next one drops the connection. */
  keepAliveMs?: number;
  backoff?: BackoffPolicy;
  /** Gateway request and WebSocket handshake timeout. */
  timeoutMs?: number;
  now?: () => number;
  random?: () => number;
}

const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000, jitter: 1 };

interface SessionEnd {
  connected: boolean;
  /** disconnect: the server asked for a new ticket; closed: close() was called; dropped: anything else. */
  reason: 'disconnect' | 'closed' | 'dropped';
  error: ConnectorError | null;
}

export class DingTalkStreamClient {
  private readonly abort = new AbortController();
  private readonly now: () => number;
  private readonly acked = new RecentIds(2_000);
  private readonly handling = new Set<Promise<void>>();
  private readonly inProgress = new Map<string, Promise<StreamAck>>();
  private loop: Promise<void> | null = null;
  private current: StreamStatus = { state: 'closed', lastError: null, lastErrorCode: null, lastErrorAtMs: null, connectedAtMs: null, eventsReceived: 0, reconnects: 0 };

  constructor(private readonly opts: DingTalkStreamClientOptions) {
    this.now = opts.now ?? Date.now;
  }

  get status(): StreamStatus {
    return { ...this.current };
  }

  /** Connects in the background and stays connected until `close()`. */
  start(): void {
    if (this.loop || this.abort.signal.aborted) return;
    this.loop = this.run();
  }

  /** Closes the socket (terminated if the close handshake takes over a second) and stops reconnecting. */
  async close(): Promise<void> {
    if (!this.abort.signal.aborted) this.abort.abort(new Error('stream client closed'));
    await this.loop;
    await Promise.allSettled([...this.handling]);
    this.update({ state: 'closed', connectedAtMs: null });
  }

  private update(patch: Partial<StreamStatus>): void {
    this.current = { ...this.current, ...patch };
    this.opts.onStatus?.(this.status);
  }

  private fail(e: unknown): void {
    const err = asConnectorError(e);
    this.update({ state: 'error', connectedAtMs: null, lastError: `${err.code}: ${err.message}`, lastErrorCode: err.code, lastErrorAtMs: this.now() });
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let attempt = 0;
    while (!signal.aborted) {
      let immediate = false;
      try {
        this.update({ state: 'connecting' });
        const { endpoint, ticket } = await this.openTicket(signal);
        const end = await this.session(endpoint, ticket, signal);
        if (end.connected) attempt = 0;
        immediate = end.reason === 'disconnect';
        if (end.error && !signal.aborted) this.fail(end.error);
      } catch (e) {
        if (signal.aborted) break;
        this.fail(e);
      }
      if (signal.aborted) break;
      attempt += 1;
      if (!immediate) await systemClock.sleep(backoffDelay(attempt, this.opts.backoff ?? DEFAULT_BACKOFF, this.opts.random), signal).catch(() => {});
      if (!signal.aborted) this.update({ reconnects: this.current.reconnects + 1 });
    }
  }

  private async openTicket(signal: AbortSignal): Promise<{ endpoint: string; ticket: string }> {
    const res = await httpRequest('dingtalk', API, {
      method: 'POST',
      url: buildUrl(this.opts.apiBaseUrl ?? 'https://api.dingtalk.com', DINGTALK_STREAM_GATEWAY_PATH),
      body: {
        clientId: this.opts.clientId,
        clientSecret: this.opts.clientSecret,
        subscriptions: this.opts.subscriptions ?? [{ type: 'EVENT', topic: '*' }],
        ua: this.opts.ua ?? 'daka',
        localIp: localIp(),
      },
      timeoutMs: this.opts.timeoutMs ?? 10_000,
      signal,
    });
    const body = res.json as Record<string, unknown> | undefined;
    if (res.status !== 200 || !body || typeof body !== 'object') throw gatewayError(res);
    const { endpoint, ticket } = body;
    if (typeof endpoint !== 'string' || typeof ticket !== 'string' || !/^wss?:\/\//.test(endpoint) || ticket === '') {
      throw new ConnectorError('CONNECTOR_BAD_RESPONSE', `DingTalk ${API}: the answer has no usable endpoint and ticket`, { platform: 'dingtalk', api: API, httpStatus: res.status });
    }
    // The socket carries every event of the tenant: only to DingTalk or an operator-allowed base.
    const refused = webSocketRefusal('dingtalk', endpoint);
    if (refused) throw new ConnectorError('CONNECTOR_BAD_CONFIG', `DingTalk ${API}: the Stream endpoint is refused: ${refused}`, { platform: 'dingtalk', api: API });
    return { endpoint, ticket };
  }

  private session(endpoint: string, ticket: string, signal: AbortSignal): Promise<SessionEnd> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve({ connected: false, reason: 'closed', error: null });
      const url = new URL(endpoint);
      url.searchParams.set('ticket', ticket);
      const ws = new WebSocket(url, { handshakeTimeout: this.opts.timeoutMs ?? 10_000, perMessageDeflate: false });
      const end: SessionEnd = { connected: false, reason: 'dropped', error: null };
      let alive = true;
      let keepAlive: NodeJS.Timeout | undefined;
      let killer: NodeJS.Timeout | undefined;
      const shut = (reason: SessionEnd['reason']) => {
        end.reason = reason;
        if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.CLOSED) ws.terminate();
        else ws.close(1000);
        killer ??= setTimeout(() => ws.terminate(), 1_000);
      };
      const onAbort = () => shut('closed');
      signal.addEventListener('abort', onAbort, { once: true });

      ws.on('open', () => {
        end.connected = true;
        this.update({ state: 'connected', connectedAtMs: this.now() });
        keepAlive = setInterval(() => {
          if (!alive) {
            end.error = new ConnectorError('CONNECTOR_TIMEOUT', 'DingTalk Stream: the keep-alive ping went unanswered', { platform: 'dingtalk', api: 'stream' });
            ws.terminate();
            return;
          }
          alive = false;
          ws.ping();
        }, this.opts.keepAliveMs ?? 20_000);
      });
      ws.on('pong', () => {
        alive = true;
      });
      ws.on('message', (raw: WebSocket.RawData) => {
        alive = true;
        this.onFrame(ws, raw.toString(), () => shut('disconnect'));
      });
      ws.on('error', (e: Error) => {
        end.error ??= socketError(e);
      });
      ws.on('close', (code: number) => {
        clearInterval(keepAlive);
        clearTimeout(killer);
        signal.removeEventListener('abort', onAbort);
        if (end.reason === 'dropped' && !end.error) {
          end.error = new ConnectorError('CONNECTOR_NETWORK', `DingTalk Stream: the connection closed (code ${code})`, { platform: 'dingtalk', api: 'stream' });
        }
        resolve(end);
      });
    });
  }

  private onFrame(ws: WebSocket, text: string, disconnect: () => void): void {
    let frame: StreamFrame;
    try {
      frame = JSON.parse(text) as StreamFrame;
    } catch {
      return;
    }
    const headers = frame?.headers ?? {};
    if (frame.type === 'SYSTEM') {
      if (headers.topic === 'ping') send(ws, { code: 200, headers, message: 'OK', data: frame.data });
      else if (headers.topic === 'disconnect') disconnect();
      return;
    }
    if (frame.type === 'EVENT') {
      const p: Promise<void> = this.onEvent(ws, frame)
        .catch(() => {})
        .finally(() => this.handling.delete(p));
      this.handling.add(p);
      return;
    }
    // Only EVENT topics are subscribed; answer anything else the way the official SDKs do.
    send(ws, { code: 404, headers: { contentType: 'application/json', messageId: headers.messageId }, message: 'no handler', data: '' });
  }

  private async onEvent(ws: WebSocket, frame: StreamFrame): Promise<void> {
    this.update({ eventsReceived: this.current.eventsReceived + 1 });
    const id = frame.headers.eventId || frame.headers.messageId || '';
    let ack: StreamAck;
    if (this.acked.has(id)) {
      ack = { status: 'SUCCESS' };
    } else {
      // A re-push of an event still being handled waits for that handling instead of repeating it.
      let handled = this.inProgress.get(id);
      if (!handled) {
        handled = Promise.resolve()
          .then(() => this.opts.onEvent(frame))
          .catch((e: unknown): StreamAck => ({ status: 'LATER', message: e instanceof Error ? e.message : String(e) }))
          .finally(() => this.inProgress.delete(id));
        if (id) this.inProgress.set(id, handled);
      }
      ack = await handled;
    }
    if (ack.status === 'SUCCESS' && id) this.acked.add(id);
    send(ws, { code: 200, headers: { contentType: 'application/json', messageId: frame.headers.messageId }, message: 'OK', data: JSON.stringify(ack) });
  }
}

function send(ws: WebSocket, value: unknown): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(value));
}

/** Event ids acked SUCCESS lately: a re-push of one (its ack was lost) is acked again without work. */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max: number) {}
  has(id: string): boolean {
    return this.ids.has(id);
  }
  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as string);
  }
}
