import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { DingTalkSimApp } from './server.js';

/**
 * The simulated Stream gateway: `POST /v1.0/gateway/connections/open` trades an app's client id
 * and secret for a single-use ticket, `/connect?ticket=…` upgrades to the WebSocket. Connections
 * get a SYSTEM ping now and then; events pushed by the simulated tenant go to one open connection
 * of the app and stay pending until acked SUCCESS: LATER, no ack, or a connection lost with the
 * event in flight all mean another push after `redeliverMs`, as DingTalk does.
 */
export interface SimStreamOptions {
  /** SYSTEM ping interval per connection (default 30 s; 0 = none). */
  pingMs?: number;
  /** Delay before a LATER, un-acked or lost event is pushed again (default 60 s). */
  redeliverMs?: number;
  /** How long an ack may take before the push counts as lost (default `redeliverMs`). */
  ackTimeoutMs?: number;
  /** Lifetime of an unused ticket (default 90 s). */
  ticketTtlMs?: number;
  /** After a SYSTEM disconnect, the server closes the socket this much later (default 10 s). */
  disconnectGraceMs?: number;
}

export interface SimStreamStats {
  ticketsIssued: number;
  gatewayRejected: number;
  connectionsOpened: number;
  connectionsRejected: number;
  pingsSent: number;
  pingsAnswered: number;
  pushes: number;
  redeliveries: number;
  acks: { SUCCESS: number; LATER: number };
  /** Every ack as received, in order. */
  ackLog: Array<{ eventId: string; eventType: string; status: string; messageId: string }>;
}

interface Pending {
  eventId: string;
  appKey: string;
  headers: Record<string, string>;
  data: string;
  timer: NodeJS.Timeout | null;
  inFlight: { conn: Conn; messageId: string } | null;
}

interface Conn {
  id: string;
  appKey: string;
  ws: WebSocket;
  pings: Map<string, string>;
  inFlight: Map<string, Pending>;
  timer: NodeJS.Timeout | null;
}

const GATEWAY_PATH = '/v1.0/gateway/connections/open';
const ENVELOPE = new Set(['EventType', 'eventType', 'CorpId', 'EventTime', 'eventId']);

export class SimStreamGateway {
  readonly stats: SimStreamStats = {
    ticketsIssued: 0,
    gatewayRejected: 0,
    connectionsOpened: 0,
    connectionsRejected: 0,
    pingsSent: 0,
    pingsAnswered: 0,
    pushes: 0,
    redeliveries: 0,
    acks: { SUCCESS: 0, LATER: 0 },
    ackLog: [],
  };
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly tickets = new Map<string, { appKey: string; expiresAtMs: number }>();
  private readonly conns = new Set<Conn>();
  private readonly pending = new Map<string, Pending>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private baseUrl = '';

  constructor(
    private readonly apps: DingTalkSimApp[],
    private readonly corpId: string,
    private readonly opts: SimStreamOptions = {},
  ) {}

  static readonly path = GATEWAY_PATH;

  attach(server: Server, baseUrl: string): void {
    this.baseUrl = baseUrl;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  /** Open connections, per app key (all apps when omitted). */
  connections(appKey?: string): number {
    return [...this.conns].filter((c) => appKey === undefined || c.appKey === appKey).length;
  }

  /** Events not yet acked SUCCESS. */
  get pendingEvents(): number {
    return this.pending.size;
  }

  /** The gateway call; the answer in DingTalk's v1.0 shapes. */
  open(body: unknown): { status: number; body: unknown } {
    const b = (body ?? {}) as Record<string, unknown>;
    const requestid = randomUUID().toUpperCase();
    if (typeof b.clientId !== 'string' || typeof b.clientSecret !== 'string' || !b.clientId || !b.clientSecret) {
      this.stats.gatewayRejected += 1;
      return { status: 400, body: { requestid, code: 'MissingParameter', message: 'clientId and clientSecret are required' } };
    }
    const app = this.apps.find((a) => a.appKey === b.clientId);
    if (!app || app.appSecret !== b.clientSecret) {
      this.stats.gatewayRejected += 1;
      return { status: 401, body: { requestid, code: 'authFailed', message: '鉴权失败' } };
    }
    const ticket = randomBytes(16).toString('hex');
    this.tickets.set(ticket, { appKey: app.appKey, expiresAtMs: Date.now() + (this.opts.ticketTtlMs ?? 90_000) });
    this.stats.ticketsIssued += 1;
    return { status: 200, body: { endpoint: `${this.baseUrl.replace(/^http/, 'ws')}/connect`, ticket } };
  }

  /**
   * Pushes an event the way it would arrive by HTTP (`{EventType, CorpId, EventTime, eventId, …}`,
   * as `sendCallback` takes it): the envelope moves to the frame headers, the rest is `data`.
   */
  push(event: Record<string, unknown>, appKey: string = this.apps[0].appKey): string {
    const eventId = String(event.eventId ?? randomUUID().replace(/-/g, ''));
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(event)) if (!ENVELOPE.has(k)) data[k] = v;
    const p: Pending = {
      eventId,
      appKey,
      headers: {
        eventType: String(event.EventType ?? event.eventType ?? ''),
        eventId,
        eventBornTime: String(event.EventTime ?? Date.now()),
        eventCorpId: String(event.CorpId ?? this.corpId),
        eventUnifiedAppId: appKey,
      },
      data: JSON.stringify(data),
      timer: null,
      inFlight: null,
    };
    this.pending.set(eventId, p);
    this.deliver(p);
    return eventId;
  }

  /** SYSTEM ping to every connection now (besides the periodic ones). */
  pingAll(): void {
    for (const c of this.conns) this.ping(c);
  }

  /** SYSTEM disconnect to every connection; the sockets close after the grace period. */
  disconnectAll(): void {
    for (const c of this.conns) {
      this.sendFrame(c, 'SYSTEM', { topic: 'disconnect' }, JSON.stringify({ reason: 'server maintenance' }));
      this.later(() => c.ws.close(1000, 'disconnect'), this.opts.disconnectGraceMs ?? 10_000);
    }
  }

  /** Drops every socket without a word (a network failure). */
  dropAll(): void {
    for (const c of this.conns) c.ws.terminate();
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.conns) {
      if (c.timer) clearInterval(c.timer);
      c.ws.terminate();
    }
    this.wss.close();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    const issued = this.tickets.get(ticket);
    // Single use: a ticket is spent by its first attempt, good or not.
    this.tickets.delete(ticket);
    if (url.pathname !== '/connect' || !issued || issued.expiresAtMs < Date.now() || this.closed) {
      this.stats.connectionsRejected += 1;
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"code":"invalidTicket","message":"ticket无效"}');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, issued.appKey));
  }

  private accept(ws: WebSocket, appKey: string): void {
    const c: Conn = { id: randomUUID(), appKey, ws, pings: new Map(), inFlight: new Map(), timer: null };
    this.conns.add(c);
    this.stats.connectionsOpened += 1;
    if (this.opts.pingMs !== 0) c.timer = setInterval(() => this.ping(c), this.opts.pingMs ?? 30_000);
    ws.on('message', (raw: RawData) => this.onReply(c, raw.toString()));
    ws.on('error', () => {});
    ws.on('close', () => {
      if (c.timer) clearInterval(c.timer);
      this.conns.delete(c);
      for (const p of c.inFlight.values()) this.retry(p);
      c.inFlight.clear();
    });
    for (const p of this.pending.values()) if (p.appKey === appKey && !p.inFlight && !p.timer) this.deliver(p);
  }

  private ping(c: Conn): void {
    const data = JSON.stringify({ opaque: randomUUID() });
    const messageId = this.sendFrame(c, 'SYSTEM', { topic: 'ping' }, data);
    c.pings.set(messageId, data);
    this.stats.pingsSent += 1;
  }

  private sendFrame(c: Conn, type: 'SYSTEM' | 'EVENT', headers: Record<string, string>, data: string): string {
    const messageId = randomUUID();
    const frame = {
      specVersion: '1.0',
      type,
      headers: { appId: c.appKey, connectionId: c.id, contentType: 'application/json', messageId, time: String(Date.now()), ...headers },
      data,
    };
    if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(frame));
    return messageId;
  }

  private deliver(p: Pending): void {
    if (this.closed) return;
    const open = [...this.conns].filter((c) => c.appKey === p.appKey && c.ws.readyState === c.ws.OPEN);
    // Kept pending until a connection of the app opens.
    if (open.length === 0) return;
    const c = open[this.stats.pushes % open.length];
    const messageId = this.sendFrame(c, 'EVENT', { topic: '*', ...p.headers }, p.data);
    this.stats.pushes += 1;
    p.inFlight = { conn: c, messageId };
    c.inFlight.set(messageId, p);
    p.timer = this.later(() => {
      p.timer = null;
      if (p.inFlight?.messageId !== messageId) return;
      c.inFlight.delete(messageId);
      this.retry(p);
    }, this.opts.ackTimeoutMs ?? this.opts.redeliverMs ?? 60_000);
  }

  private retry(p: Pending): void {
    p.inFlight = null;
    this.cancel(p.timer);
    p.timer = null;
    if (!this.pending.has(p.eventId) || this.closed) return;
    p.timer = this.later(() => {
      p.timer = null;
      this.stats.redeliveries += 1;
      this.deliver(p);
    }, this.opts.redeliverMs ?? 60_000);
  }

  private onReply(c: Conn, text: string): void {
    let reply: { code?: number; headers?: Record<string, string>; data?: string };
    try {
      reply = JSON.parse(text) as typeof reply;
    } catch {
      return;
    }
    const messageId = reply.headers?.messageId ?? '';
    const ping = c.pings.get(messageId);
    if (ping !== undefined) {
      c.pings.delete(messageId);
      if (reply.code === 200 && reply.data === ping) this.stats.pingsAnswered += 1;
      return;
    }
    const p = c.inFlight.get(messageId);
    if (!p) return;
    c.inFlight.delete(messageId);
    let status = 'LATER';
    try {
      status = (JSON.parse(reply.data ?? '{}') as { status?: string }).status ?? 'LATER';
    } catch {
      /* an unreadable ack counts as LATER */
    }
    this.stats.ackLog.push({ eventId: p.eventId, eventType: p.headers.eventType, status, messageId });
    if (status === 'SUCCESS' && reply.code === 200) {
      this.stats.acks.SUCCESS += 1;
      this.cancel(p.timer);
      this.pending.delete(p.eventId);
      return;
    }
    this.stats.acks.LATER += 1;
    this.retry(p);
  }

  private later(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  private cancel(t: NodeJS.Timeout | null): void {
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(t);
  }
}
