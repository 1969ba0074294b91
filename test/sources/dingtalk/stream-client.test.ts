/**
 * The DingTalk Stream client against the simulated gateway over real loopback WebSockets:
 * tickets, ping echo, event acks (SUCCESS, LATER, lost acks), server-side disconnect and dropped
 * sockets (reconnect with back-off), refused credentials, single-use tickets, prompt close.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { DingTalkStreamClient, mapDingTalkStreamEvent, type DingTalkStreamClientOptions, type StreamAck, type StreamFrame } from '../../../src/sources/dingtalk/index.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../../src/sources/dingtalk/simulator/index.js';

async function waitFor(cond: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('DingTalk Stream client over loopback', () => {
  let sim: DingTalkSimulator;
  const clients: DingTalkStreamClient[] = [];

  const client = (onEvent: DingTalkStreamClientOptions['onEvent'] = () => ({ status: 'SUCCESS' }), extra: Partial<DingTalkStreamClientOptions> = {}) => {
    const c = new DingTalkStreamClient({
      clientId: sim.apps[0].appKey,
      clientSecret: sim.apps[0].appSecret,
      apiBaseUrl: sim.url,
      onEvent,
      backoff: { baseMs: 40, maxMs: 200 },
      keepAliveMs: 1_000,
      timeoutMs: 2_000,
      ...extra,
    });
    clients.push(c);
    c.start();
    return c;
  };

  beforeAll(async () => {
    sim = await startDingTalkSimulator({ seed: 'stream', company: { users: 8 }, stream: { pingMs: 0, redeliverMs: 150, ackTimeoutMs: 400, disconnectGraceMs: 3_000 } });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    sim.setFaults(null);
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('opens a ticket, connects and answers SYSTEM ping by echoing its data', async () => {
    const tickets = sim.stream.stats.ticketsIssued;
    const c = client();
    await waitFor(() => c.status.state === 'connected', 'connected');
    expect(sim.stream.stats.ticketsIssued).toBe(tickets + 1);
    expect(sim.stream.connections()).toBe(1);
    expect(c.status.connectedAtMs).toBeGreaterThan(0);
    const answered = sim.stream.stats.pingsAnswered;
    sim.stream.pingAll();
    sim.stream.pingAll();
    await waitFor(() => sim.stream.stats.pingsAnswered === answered + 2, 'ping answers');
  });

  it('hands an event to onEvent with its envelope in the headers and acks SUCCESS', async () => {
    const frames: StreamFrame[] = [];
    const c = client((f) => {
      frames.push(f);
      return { status: 'SUCCESS' };
    });
    await waitFor(() => c.status.state === 'connected', 'connected');
    const user = sim.company.users[2];
    const date = '2026-03-10';
    const punches = sim.company.punchesOn(user, date);
    const eventId = sim.stream.push(sim.events.punches(user.userId, date, punches));
    await waitFor(() => sim.stream.stats.ackLog.some((a) => a.eventId === eventId && a.status === 'SUCCESS'), 'SUCCESS ack');
    expect(frames).toHaveLength(1);
    expect(frames[0].headers).toMatchObject({ eventType: 'attendance_check_record', eventId, eventCorpId: sim.corpId, topic: '*' });
    const event = mapDingTalkStreamEvent(frames[0].headers, frames[0].data);
    expect(event).toMatchObject({ type: 'punch', eventId, tenant: sim.corpId, punches: punches.map((p) => ({ userExternalId: user.userId, atMs: p.atMs })) });
    expect(c.status.eventsReceived).toBe(1);
    expect(sim.stream.pendingEvents).toBe(0);
  });

  it('gets a LATER event (or one whose handler threw) pushed again after the delay', async () => {
    const seen = new Map<string, number>();
    const c = client((f) => {
      const n = (seen.get(f.headers.eventId!) ?? 0) + 1;
      seen.set(f.headers.eventId!, n);
      if (f.headers.eventType === 'user_modify_org' && n === 1) return { status: 'LATER', message: 'busy' } satisfies StreamAck;
      if (f.headers.eventType === 'bpms_instance_change' && n === 1) throw new Error('queue unavailable');
      return { status: 'SUCCESS' };
    });
    await waitFor(() => c.status.state === 'connected', 'connected');
    const redeliveries = sim.stream.stats.redeliveries;
    const a = sim.stream.push(sim.events.users(['u000001', 'u000002']));
    const b = sim.stream.push(sim.events.approval(sim.company.approvals[0].id));
    await waitFor(() => sim.stream.pendingEvents === 0, 'both events acked SUCCESS');
    const log = sim.stream.stats.ackLog.filter((x) => x.eventId === a || x.eventId === b).map((x) => [x.eventType, x.status]);
    expect(log).toEqual(
      expect.arrayContaining([
        ['user_modify_org', 'LATER'],
        ['user_modify_org', 'SUCCESS'],
        ['bpms_instance_change', 'LATER'],
        ['bpms_instance_change', 'SUCCESS'],
      ]),
    );
    expect(seen.get(a)).toBe(2);
    expect(seen.get(b)).toBe(2);
    expect(sim.stream.stats.redeliveries - redeliveries).toBe(2);
  });

  it('acks a re-push of an event it is still handling (its ack was late) without handling it twice', async () => {
    let calls = 0;
    const c = client(async () => {
      calls += 1;
      // Longer than the simulator's ack timeout: DingTalk pushes the event again.
      await new Promise((r) => setTimeout(r, 600));
      return { status: 'SUCCESS' };
    });
    await waitFor(() => c.status.state === 'connected', 'connected');
    const id = sim.stream.push(sim.events.users(['u000003']));
    await waitFor(() => sim.stream.pendingEvents === 0, 'the re-push acked');
    expect(calls).toBe(1);
    expect(sim.stream.stats.ackLog.filter((x) => x.eventId === id && x.status === 'SUCCESS').length).toBeGreaterThanOrEqual(1);
    expect(c.status.eventsReceived).toBe(2);
  });

  it('keeps an event pushed while no connection is open until one opens', async () => {
    const id = sim.stream.push(sim.events.users(['u000004'], 'user_leave_org'));
    expect(sim.stream.pendingEvents).toBe(1);
    const got: string[] = [];
    client((f) => {
      got.push(f.headers.eventId!);
      return { status: 'SUCCESS' };
    });
    await waitFor(() => got.includes(id) && sim.stream.pendingEvents === 0, 'delivery on connect');
  });

  it('reconnects with a new ticket at once on SYSTEM disconnect, before the server closes the old socket', async () => {
    // A reconnect through the back-off would wait at least 30 s; "at once" is anything well below that.
    const c = client(undefined, { backoff: { baseMs: 60_000, maxMs: 60_000 } });
    await waitFor(() => c.status.state === 'connected', 'connected');
    const tickets = sim.stream.stats.ticketsIssued;
    const opened = sim.stream.stats.connectionsOpened;
    const t0 = performance.now();
    sim.stream.disconnectAll();
    await waitFor(() => sim.stream.stats.connectionsOpened === opened + 1 && c.status.state === 'connected', 'reconnected');
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(sim.stream.stats.ticketsIssued).toBe(tickets + 1);
    await waitFor(() => sim.stream.connections() === 1, 'old socket closed by the client');
    expect(c.status.reconnects).toBe(1);
  });

  it('reconnects after a dropped socket and reports the drop', async () => {
    const c = client();
    await waitFor(() => c.status.state === 'connected', 'connected');
    const firstConnectedAt = c.status.connectedAtMs!;
    const opened = sim.stream.stats.connectionsOpened;
    sim.stream.dropAll();
    await waitFor(() => c.status.state !== 'connected', 'drop noticed');
    await waitFor(() => c.status.state === 'connected' && sim.stream.stats.connectionsOpened === opened + 1, 'reconnected');
    expect(c.status.lastErrorCode).toBe('CONNECTOR_NETWORK');
    expect(c.status.connectedAtMs).toBeGreaterThanOrEqual(firstConnectedAt);
    expect(c.status.reconnects).toBeGreaterThanOrEqual(1);
  });

  it('drops a connection whose keep-alive pings go unanswered, and connects again', async () => {
    // A peer that never pongs: a bare gateway and WebSocket server, not the simulator.
    const http = createServer((req, res) => {
      const { port } = http.address() as AddressInfo;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ endpoint: `ws://127.0.0.1:${port}/connect`, ticket: 'silent' }));
    });
    const wss = new WebSocketServer({ server: http, autoPong: false });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    try {
      const c = client(undefined, { apiBaseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, keepAliveMs: 80 });
      await waitFor(() => c.status.state === 'connected', 'connected');
      await waitFor(() => c.status.lastErrorCode === 'CONNECTOR_TIMEOUT', 'keep-alive timeout');
      expect(c.status.lastError).toContain('keep-alive');
      await waitFor(() => c.status.state === 'connected' && c.status.reconnects >= 1, 'reconnected');
      await c.close();
    } finally {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise((r) => http.close(r));
    }
  });

  it('reports refused credentials clearly, backs off, and never shows the secret', async () => {
    const rejected = sim.stream.stats.gatewayRejected;
    const secret = 'definitely-wrong-secret';
    const states: string[] = [];
    const c = client(undefined, { clientSecret: secret, backoff: { baseMs: 100, maxMs: 400 }, onStatus: (s) => states.push(s.state) });
    await waitFor(() => c.status.state === 'error', 'error');
    expect(c.status.lastErrorCode).toBe('CONNECTOR_BAD_CREDENTIALS');
    expect(c.status.lastError).toMatch(/^CONNECTOR_BAD_CREDENTIALS: DingTalk gateway\/connections\/open: 鉴权失败 \(authFailed\)$/);
    expect(JSON.stringify(c.status)).not.toContain(secret);
    await new Promise((r) => setTimeout(r, 700));
    // Back-off: a handful of attempts in 0.7 s, not hundreds.
    const attempts = sim.stream.stats.gatewayRejected - rejected;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(6);
    expect(states).toContain('connecting');
    expect(sim.stream.connections()).toBe(0);
  });

  it('reports gateway outages and connects once the gateway recovers', async () => {
    sim.setFaults({ rate: 1, kinds: { server_error: 1 }, paths: ['/v1.0/gateway/connections/open'] });
    const c = client();
    await waitFor(() => c.status.state === 'error', 'error');
    expect(c.status.lastErrorCode).toBe('CONNECTOR_UPSTREAM_ERROR');
    sim.setFaults(null);
    await waitFor(() => c.status.state === 'connected', 'connected after recovery');
  });

  it('refuses a spent or unknown ticket at the WebSocket', async () => {
    const res = await fetch(`${sim.url}/v1.0/gateway/connections/open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId: sim.apps[0].appKey, clientSecret: sim.apps[0].appSecret, subscriptions: [{ type: 'EVENT', topic: '*' }], ua: 'test' }),
    });
    const { endpoint, ticket } = (await res.json()) as { endpoint: string; ticket: string };
    expect(endpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/connect$/);
    const open = (t: string) =>
      new Promise<'open' | number>((resolve) => {
        const ws = new WebSocket(`${endpoint}?ticket=${t}`);
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0));
        ws.on('error', () => {});
      });
    expect(await open(ticket)).toBe('open');
    expect(await open(ticket)).toBe(401);
    expect(await open('not-a-ticket')).toBe(401);
  });

  it('closes promptly: connected, waiting to retry, or with the gateway hanging', async () => {
    const connected = client();
    await waitFor(() => connected.status.state === 'connected', 'connected');
    const waiting = client(undefined, { clientSecret: 'wrong', backoff: { baseMs: 30_000, maxMs: 30_000 } });
    await waitFor(() => waiting.status.state === 'error', 'in back-off');
    sim.setFaults({ rate: 1, kinds: { timeout: 1 }, hangMs: 20_000, paths: ['/v1.0/gateway/connections/open'] });
    const hanging = client(undefined, { timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 100));
    expect(hanging.status.state).toBe('connecting');
    // Not prompt would mean waiting out the 30 s back-off or the 20 s hang; a loaded machine gets a wide margin.
    const t0 = performance.now();
    await Promise.all([connected.close(), waiting.close(), hanging.close()]);
    expect(performance.now() - t0).toBeLessThan(10_000);
    for (const c of [connected, waiting, hanging]) expect(c.status.state).toBe('closed');
    await waitFor(() => sim.stream.connections() === 0, 'server saw the close');
  });
});
