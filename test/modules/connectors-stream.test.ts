/**
 * Stream-mode DingTalk connectors against the simulator over real loopback WebSockets: the
 * connection follows the connector (created, reconfigured, credentials replaced, switched to
 * callbacks, paused, resumed, deleted), its state shows in the connector's GET, events take the
 * HTTP callbacks' path (targeted re-queries that store the punches), LATER events come back,
 * refused credentials become the connector's error, and shutdown is prompt.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCompany, startHub } from '../../bench/devices.js';
import { systemActor } from '../../src/modules/auth/actor.js';
import type { RunningServer } from '../../src/server.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../src/sources/dingtalk/simulator/index.js';
import { addDays } from '../../src/shared/dates.js';
import { testToday } from '../helpers/test-clock.js';
import { egressPolicy } from '../../src/shared/egress/index.js';
import type { ConnectorJob } from '../../src/modules/connectors/connector-jobs.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { listJobs } from '../helpers/test-queue.js';
import { recentPunchDay } from '../helpers/sim-dates.js';

const aesKey = () => randomBytes(48).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 43);

async function waitFor<T>(probe: () => Promise<T> | T, ok: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describeEachDb('DingTalk Stream connectors', (db) => {
  let t: TestApp;
  let sim: DingTalkSimulator;
  /** The connector of the running test (0: none). */
  let id = 0;

  const body = (extra: Record<string, unknown> = {}) => ({
    companyId: t.companyId,
    platform: 'dingtalk',
    name: '钉钉 Stream',
    corpId: sim.corpId,
    appKey: sim.apps[0].appKey,
    agentId: String(sim.apps[0].agentId),
    appSecret: sim.apps[0].appSecret,
    callbackToken: 'stream-cb-token',
    encodingAesKey: aesKey(),
    baseUrl: sim.url,
    settings: { pushChannel: 'stream' },
    ...extra,
  });
  const detail = async (connectorId = id) => {
    const res = await t.as('hr').get(`/api/v1/connectors/${connectorId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const connected = (connectorId = id) => waitFor(() => detail(connectorId), (d) => d.stream?.state === 'connected' && sim.stream.connections() >= 1, 'connected');
  const jobs = async () =>
    (await listJobs(db(), 'connectors.sync'))
      .map((j) => j.payload as unknown as ConnectorJob)
      .filter((p) => p.connectorId === id);
  const audit = async (connectorId: number) =>
    (await db().database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'connector').where('entity_id', '=', String(connectorId)).orderBy('id').execute()).map((a) => ({
      action: a.action,
      before: typeof a.before === 'string' ? JSON.parse(a.before) : a.before,
      after: typeof a.after === 'string' ? JSON.parse(a.after) : a.after,
    }));

  beforeAll(async () => {
    t = await createTestApp(db());
    sim = await startDingTalkSimulator({ seed: 'connector-stream', company: { users: 10 }, stream: { pingMs: 150, redeliverMs: 200 } });
    t.services.connectorStreams.tuning = { backoff: { baseMs: 50, maxMs: 300 }, keepAliveMs: 2_000, timeoutMs: 3_000 };
    t.services.connectorStreams.start();
  });
  // Every test starts from no connector: the last test's one is deleted (and its connection closed),
  // and a test that needs a connected one asks ensureConnector(), so any test runs alone.
  beforeEach(async () => {
    if (!id) return;
    await t.as('hr').delete(`/api/v1/connectors/${id}`);
    id = 0;
    await waitFor(() => sim.stream.connections(), (n) => n === 0, 'the previous connection closed');
  });
  const ensureConnector = async () => {
    const res = await t.as('hr').post('/api/v1/connectors', body());
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id as number;
    await connected();
  };
  afterAll(async () => {
    await t?.services.connectorStreams.stop();
    await sim?.close();
    await t?.app.close();
  });

  it('connects a stream-mode connector once created and shows the connection in its GET', async () => {
    const res = await t.as('hr').post('/api/v1/connectors', body());
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json().settings).toEqual({ pushChannel: 'stream' });
    const d = await connected();
    expect(d.stream).toMatchObject({ state: 'connected', lastError: null, eventsReceived: 0 });
    expect(d.stream.connectedAtMs).toBeGreaterThan(0);
    expect(t.services.connectorStreams.connectorIds).toEqual([id]);
    await waitFor(() => sim.stream.stats.pingsAnswered, (n) => n >= 1, 'a ping answered');
    expect((await audit(id))[0]).toMatchObject({ action: 'connector.create', after: { settings: { pushChannel: 'stream' } } });
    expect(JSON.stringify(d)).not.toContain(sim.apps[0].appSecret);
  });

  it('keeps callback-mode connectors off Stream and refuses Stream for WeCom', async () => {
    const cb = await t.as('hr').post('/api/v1/connectors', body({ name: 'callback', settings: {} }));
    expect(cb.statusCode).toBe(201);
    expect((await detail(cb.json().id)).stream).toBeNull();
    expect(t.services.connectorStreams.connectorIds).not.toContain(cb.json().id);
    const wecom = await t.as('hr').post('/api/v1/connectors', { ...body(), platform: 'wecom', appKey: undefined, agentId: '1000002' });
    expect(wecom.statusCode).toBe(400);
    expect(wecom.json().error.code).toBe('PUSH_CHANNEL_UNSUPPORTED');
  });

  it('turns a punch event into the targeted re-query, which stores that user\'s punches', async () => {
    await ensureConnector();
    const { date, user } = recentPunchDay(sim.company, addDays(testToday(), -1));
    const punches = sim.company.punchesOn(user, date);
    const eventId = sim.stream.push(sim.events.punches(user.userId, date, punches.slice(0, 1)));
    await waitFor(() => sim.stream.stats.ackLog.find((a) => a.eventId === eventId)?.status, (s) => s === 'SUCCESS', 'SUCCESS ack');
    const job = (await jobs()).find((j) => j.kind === 'punches' && j.userIds?.[0] === user.userId);
    expect(job).toEqual({ connectorId: id, kind: 'punches', userIds: [user.userId], from: addDays(date, -1), to: date });
    const run = await t.services.connectors.run(job!);
    expect(run?.status, run?.error ?? '').toBe('succeeded');
    const stored = await db().database.db.selectFrom('checkins').select(['source_record_id', 'at_ms']).where('company_id', '=', t.companyId).where('provider', '=', 'dingtalk').where('tenant', '=', sim.corpId).where('external_id', '=', user.userId).execute();
    for (const p of punches) expect(stored.map((s) => [s.source_record_id, Number(s.at_ms)])).toContainEqual([p.recordId, p.atMs]);
    await waitFor(() => detail(), (d) => d.stream.eventsReceived >= 1, 'event count stored');
  });

  it('queues the member and approval syncs of their events', async () => {
    await ensureConnector();
    const approval = sim.company.approvals.find((a) => a.status === 'approved')!;
    sim.stream.push(sim.events.users(['u000004']));
    sim.stream.push(sim.events.users(['u000005'], 'user_leave_org'));
    sim.stream.push(sim.events.approval(approval.id));
    await waitFor(() => sim.stream.pendingEvents, (n) => n === 0, 'all acked');
    const queued = await jobs();
    expect(queued).toContainEqual({ connectorId: id, kind: 'directory_users', userIds: ['u000004'], left: false });
    expect(queued).toContainEqual({ connectorId: id, kind: 'directory_users', userIds: ['u000005'], left: true });
    expect(queued).toContainEqual({ connectorId: id, kind: 'approvals', approvalId: approval.id });
  });

  it('acks LATER when the event cannot be queued, and takes the re-push', async () => {
    await ensureConnector();
    const callbacks = t.services.connectorCallbacks;
    const original = callbacks.dingtalkStream;
    callbacks.dingtalkStream = async () => {
      callbacks.dingtalkStream = original;
      throw new Error('database unavailable');
    };
    const eventId = sim.stream.push(sim.events.users(['u000006']));
    await waitFor(() => sim.stream.stats.ackLog.filter((a) => a.eventId === eventId).map((a) => a.status), (s) => s.join() === 'LATER,SUCCESS', 'LATER then SUCCESS');
    expect(await jobs()).toContainEqual({ connectorId: id, kind: 'directory_users', userIds: ['u000006'], left: false });
  });

  it('reconnects when DingTalk asks it to (SYSTEM disconnect)', async () => {
    await ensureConnector();
    const opened = sim.stream.stats.connectionsOpened;
    sim.stream.disconnectAll();
    await waitFor(() => sim.stream.stats.connectionsOpened, (n) => n === opened + 1, 'a new connection');
    await connected();
  });

  it('makes refused credentials the connector\'s error, and clears it when the secret is fixed', async () => {
    await ensureConnector();
    const tickets = sim.stream.stats.ticketsIssued;
    const wrong = await t.as('hr').patch(`/api/v1/connectors/${id}`, { appSecret: 'not-the-secret' });
    expect(wrong.statusCode).toBe(200);
    const d = await waitFor(() => detail(), (x) => x.stream.state === 'error' && x.status === 'error', 'error state');
    expect(d.stream.lastError).toMatch(/^CONNECTOR_BAD_CREDENTIALS: .*authFailed/);
    expect(d.lastError).toBe(d.stream.lastError);
    expect(sim.stream.connections()).toBe(0);
    expect(JSON.stringify(d)).not.toContain('not-the-secret');
    await t.as('hr').patch(`/api/v1/connectors/${id}`, { appSecret: sim.apps[0].appSecret });
    const fixed = await waitFor(() => detail(), (x) => x.stream.state === 'connected' && x.status === 'active', 'connected again');
    expect(fixed.lastError).toBeNull();
    expect(fixed.stream.lastError).toMatch(/CONNECTOR_BAD_CREDENTIALS/);
    expect(sim.stream.stats.ticketsIssued).toBeGreaterThan(tickets);
  });

  it('re-opens on a configuration change, closes when switched to callbacks, and audits the switch', async () => {
    await ensureConnector();
    const tickets = sim.stream.stats.ticketsIssued;
    await t.as('hr').patch(`/api/v1/connectors/${id}`, { name: '钉钉 Stream 2' });
    await waitFor(() => sim.stream.stats.ticketsIssued, (n) => n === tickets + 1, 'a new ticket');
    await connected();
    const off = await t.as('hr').patch(`/api/v1/connectors/${id}`, { settings: { pushChannel: 'callback' } });
    expect(off.statusCode).toBe(200);
    await waitFor(() => sim.stream.connections(), (n) => n === 0, 'closed');
    expect((await detail()).stream).toBeNull();
    const switched = (await audit(id)).filter((a) => a.action === 'connector.update').at(-1)!;
    expect(switched.before.settings).toEqual({ pushChannel: 'stream' });
    expect(switched.after.settings).toEqual({ pushChannel: 'callback' });
    await t.as('hr').patch(`/api/v1/connectors/${id}`, { settings: { pushChannel: 'stream' } });
    await connected();
  });

  it('picks up a change made by another instance on its next re-read', async () => {
    await ensureConnector();
    await db().database.db.updateTable('connectors').set({ settings: JSON.stringify({ pushChannel: 'callback' }), updated_at_ms: Date.now() + 5 }).where('id', '=', id).execute();
    await t.services.connectorStreams.refresh();
    await waitFor(() => sim.stream.connections(), (n) => n === 0, 'closed');
    await db().database.db.updateTable('connectors').set({ settings: JSON.stringify({ pushChannel: 'stream' }), updated_at_ms: Date.now() + 10 }).where('id', '=', id).execute();
    await t.services.connectorStreams.refresh();
    await connected();
  });

  it('closes on pause, re-opens on resume, closes for good on delete', async () => {
    await ensureConnector();
    await t.as('hr').post(`/api/v1/connectors/${id}/pause`);
    await waitFor(() => sim.stream.connections(), (n) => n === 0, 'closed on pause');
    expect((await detail()).stream).toMatchObject({ state: 'closed', connectedAtMs: null });
    await t.as('hr').post(`/api/v1/connectors/${id}/resume`);
    await connected();
    const del = await t.as('hr').delete(`/api/v1/connectors/${id}`);
    expect(del.statusCode).toBeLessThan(300);
    await waitFor(() => sim.stream.connections(), (n) => n === 0, 'closed on delete');
    expect(t.services.connectorStreams.connectorIds).not.toContain(id);
  });

  it('closes every connection promptly on shutdown', async () => {
    const a = (await t.as('hr').post('/api/v1/connectors', body({ name: 'A' }))).json().id as number;
    const b = (await t.as('hr').post('/api/v1/connectors', body({ name: 'B' }))).json().id as number;
    await connected(a);
    await waitFor(() => sim.stream.connections(), (n) => n === 2, 'two connections');
    await connected(b);
    // A socket that closes cleanly goes in well under a second and a stuck one is terminated after one;
    // the margin is for a loaded machine, still far below the back-off and ping waits a missed close would take.
    const t0 = performance.now();
    await t.services.connectorStreams.stop();
    expect(performance.now() - t0).toBeLessThan(10_000);
    await waitFor(() => sim.stream.connections(), (n) => n === 0, 'all closed');
    expect((await detail(a)).stream.state).toBe('closed');
  });
});

describe('DingTalk Stream on a running server', () => {
  let dir: string;
  let server: RunningServer | null = null;
  let sim: DingTalkSimulator;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'daka-stream-'));
    sim = await startDingTalkSimulator({ seed: 'server-stream', company: { users: 6 }, stream: { pingMs: 200 } });
    server = await startHub(dir);
    // The hub's configuration allows only the official hosts; the simulator is allowed explicitly.
    egressPolicy().allow(sim.url);
  });
  afterAll(async () => {
    await server?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a pushed punch through the workers and closes its connection promptly on shutdown', async () => {
    const s = server!;
    const companyId = await createCompany(s.database.db, 'stream-e2e');
    const created = await s.services.connectors.create(systemActor('test'), {
      companyId,
      platform: 'dingtalk',
      name: 'stream',
      corpId: sim.corpId,
      appKey: sim.apps[0].appKey,
      appSecret: sim.apps[0].appSecret,
      callbackToken: 'server-stream-token',
      encodingAesKey: aesKey(),
      baseUrl: sim.url,
      settings: { pushChannel: 'stream' },
    });
    await waitFor(() => s.services.connectorStreams.status(created.id)?.state, (st) => st === 'connected', 'connected');
    const { date, user } = recentPunchDay(sim.company, addDays(testToday(), -2));
    const punches = sim.company.punchesOn(user, date);
    sim.stream.push(sim.events.punches(user.userId, date, punches));
    const stored = await waitFor(
      () => s.database.db.selectFrom('checkins').select('source_record_id').where('company_id', '=', companyId).where('external_id', '=', user.userId).execute(),
      (rows) => punches.every((p) => rows.some((r) => r.source_record_id === p.recordId)),
      'the punches stored by the queued re-query',
      15_000,
    );
    expect(stored.length).toBeGreaterThanOrEqual(punches.length);
    const t0 = performance.now();
    await s.close();
    server = null;
    expect(performance.now() - t0).toBeLessThan(10_000);
    await waitFor(() => sim.stream.connections(), (n) => n === 0, 'the connection closed');
  });
});
