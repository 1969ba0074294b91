/**
 * Signed webhooks end to end on both databases: subscriptions through the API (admin and HR only,
 * audited, secret shown once and sealed), a real receiver that verifies every request with the
 * `standardwebhooks` library, failures, time-outs and recovery with every event arriving in order
 * per employee, secret rotation with overlap, an endpoint disabled after a day of failures, the
 * delivery log and manual redelivery, and REST hooks with an API token.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { domainEvent } from '../../src/modules/outbox/event-payloads.js';
import { WEBHOOKS_CONSUMER } from '../../src/modules/webhooks/webhooks.consumer.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { describeEachDb } from '../helpers/test-db.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

const T0 = Date.parse('2026-03-02T01:00:00Z');
const HOUR = 3_600_000;

describeEachDb('webhooks', (db) => {
  let clock = T0;
  let t: TestApp;
  let receiver: Receiver;
  const outbox = () => t.services.outbox;

  beforeAll(async () => {
    // The clock moves days ahead (a day of retries): sessions must outlive it.
    t = await createTestApp(db(), { now: () => clock, env: { DAKA_SESSION_TTL_HOURS: '2160' } });
    t.services.webhookConsumer.timeoutMs = 400;
    receiver = await startReceiver(() => clock);
  });
  afterAll(async () => {
    await receiver.close();
    await t.app.close();
  });

  const employee = (id: number) => ({ employeeId: id, employeeNo: `E${id}`, name: `员工${id}`, departmentId: null });
  const dayChanged = (id: number, n: number) =>
    domainEvent(t.companyId, 'attendance_day.changed', `employee:${id}`, { ...employee(id), date: `2026-03-${String(n + 1).padStart(2, '0')}`, before: null, after: dayFields(n) }, clock);
  const append = async (events: ReturnType<typeof dayChanged>[]) => {
    const ids = await outbox().append(t.database.db, events);
    return ids;
  };
  /** Runs dispatch and delivery until nothing is due now. */
  const pump = async () => {
    await outbox().dispatchAll();
    for (let i = 0; i < 50 && (await outbox().deliverDue(WEBHOOKS_CONSUMER)) > 0; i++);
  };
  /** Moves the clock in steps and pumps, until `done` or `maxMs` passed. */
  const runFor = async (maxMs: number, stepMs: number, done: () => Promise<boolean> | boolean) => {
    for (let waited = 0; waited <= maxMs && !(await done()); waited += stepMs) {
      await pump();
      clock += stepMs;
    }
  };
  const subscribe = async (eventTypes: string[] = ['attendance_day.changed'], url = receiver.url) => {
    const res = await t.as('hr').post('/api/v1/webhooks', { companyId: t.companyId, url, eventTypes });
    expect(res.statusCode, res.body).toBe(201);
    const ep = res.json() as { id: number; secret: string };
    receiver.secrets = [ep.secret];
    return ep;
  };
  const fresh = async () => {
    receiver.received.length = 0;
    receiver.rejected.length = 0;
    receiver.answer = () => ({ status: 204 });
    await t.database.db.deleteFrom('webhook_endpoints').execute();
    await outbox().dispatchAll();
    await t.services.webhookConsumer.refresh();
  };

  it('lets admin and HR subscribe, audits it, shows the secret once and keeps it sealed; others are refused', async () => {
    await fresh();
    const ep = await subscribe(['attendance_day.changed', 'request.approved']);
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const got = await t.as('hr').get(`/api/v1/webhooks/${ep.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.body).not.toContain(ep.secret.slice(6));
    const stored = await t.database.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', ep.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(ep.secret.slice(6));
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'webhook_endpoint').where('entity_id', '=', String(ep.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['webhook.create']);
    expect(JSON.stringify(audit)).not.toContain(ep.secret.slice(6));
    for (const role of ['manager', 'employee'] as const) expect((await t.as(role).get('/api/v1/webhooks')).statusCode).toBe(403);
    expect((await t.as('otherHr').get(`/api/v1/webhooks/${ep.id}`)).statusCode).toBe(404);
    expect((await t.as('anonymous').get('/api/v1/webhooks')).statusCode).toBe(401);
  });

  it('refuses targets that are not https or are private, unless the operator allows them', async () => {
    await fresh();
    const post = (url: string) => t.as('hr').post('/api/v1/webhooks', { companyId: t.companyId, url, eventTypes: ['employee.created'] });
    for (const url of ['http://hooks.example.com/x', 'https://10.0.0.5/x', 'https://169.254.169.254/latest', 'https://localhost/x', 'https://[::1]/x', 'http://127.0.0.2:8080/x']) {
      const res = await post(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('EGRESS_NOT_ALLOWED');
    }
    expect((await post('https://hooks.example.com/daka')).statusCode).toBe(201);
    expect((await post(receiver.url)).statusCode).toBe(201);
  });

  it('delivers every event signed per Standard Webhooks through failures, time-outs and recovery: in order per employee, no id twice after deduplication', async () => {
    await fresh();
    await subscribe();
    const tries = new Map<string, number>();
    receiver.answer = (r) => {
      const n = (tries.get(r.id) ?? 0) + 1;
      tries.set(r.id, n);
      const date = String(r.data.date);
      const day = Number(date.slice(-2));
      if (n === 1 && day % 5 === 0) return { status: 503, headers: { 'retry-after': '60' } };
      if (n === 1 && day % 7 === 0) return { status: 204, delayMs: 1_500 };
      if (n <= 2 && day % 11 === 0) return { status: 500 };
      return { status: 204 };
    };
    const events = [];
    for (let n = 0; n < 20; n++) for (let e = 1; e <= 4; e++) events.push(dayChanged(e, n));
    const ids = await append(events);
    expect(ids.every(Boolean)).toBe(true);
    await runFor(6 * HOUR, 5 * 60_000, () => new Set(receiver.received.map((r) => r.id)).size >= ids.length);

    expect(receiver.rejected).toEqual([]);
    const firstSeen = new Map<string, (typeof receiver.received)[number]>();
    for (const r of receiver.received) if (!firstSeen.has(r.id)) firstSeen.set(r.id, r);
    expect([...firstSeen.keys()].sort()).toEqual([...(ids as string[])].sort());
    expect(receiver.received.length).toBeGreaterThan(firstSeen.size); // the timed-out ones came twice
    for (let e = 1; e <= 4; e++) {
      const dates = [...firstSeen.values()].filter((r) => r.data.employeeId === e).map((r) => String(r.data.date));
      expect(dates).toEqual([...dates].sort());
      expect(dates).toHaveLength(20);
    }
    const first = receiver.received[0];
    expect(first.headers['webhook-id']).toBe(first.id);
    expect(JSON.parse(first.body)).toMatchObject({ id: first.id, type: 'attendance_day.changed', companyId: t.companyId });
  });

  it('signs with both secrets during a rotation overlap, then only with the new one', async () => {
    await fresh();
    const ep = await subscribe();
    const old = ep.secret;
    const rotated = await t.as('hr').post(`/api/v1/webhooks/${ep.id}/rotate-secret`, { overlapHours: 2 });
    expect(rotated.statusCode).toBe(200);
    const next = rotated.json().secret as string;
    expect(next).not.toBe(old);
    receiver.secrets = [old];
    await append([dayChanged(1, 1)]);
    await pump();
    receiver.secrets = [next];
    await append([dayChanged(1, 2)]);
    await pump();
    expect(receiver.rejected).toEqual([]);
    expect(receiver.received).toHaveLength(2);
    expect(String(receiver.received[0].headers['webhook-signature']).split(' ')).toHaveLength(2);
    clock += 3 * HOUR;
    receiver.secrets = [old];
    await append([dayChanged(1, 3)]);
    await pump();
    expect(receiver.rejected).toHaveLength(1);
  });

  it('disables an endpoint that keeps failing for more than a day, records it for HR and cancels what was queued', async () => {
    await fresh();
    const ep = await subscribe();
    receiver.answer = () => ({ status: 500 });
    const start = clock;
    await append([dayChanged(2, 1), dayChanged(2, 2)]);
    await runFor(30 * HOUR, 20 * 60_000, async () => !(await t.as('hr').get(`/api/v1/webhooks/${ep.id}`)).json().enabled);
    const after = (await t.as('hr').get(`/api/v1/webhooks/${ep.id}`)).json();
    expect(after.enabled).toBe(false);
    expect(after.disabledReason).toContain('500');
    const deliveries = (await t.as('hr').get(`/api/v1/webhooks/${ep.id}/deliveries`)).json().items as { status: string; log: { startedAt: string; responseStatus: number }[] }[];
    const dead = deliveries.find((d) => d.status === 'dead')!;
    expect(Date.parse(dead.log.at(-1)!.startedAt) - start).toBeGreaterThanOrEqual(24 * HOUR);
    expect(dead.log.every((a) => a.responseStatus === 500)).toBe(true);
    expect(deliveries.find((d) => d.status === 'cancelled')).toBeDefined();
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'company_id']).where('entity', '=', 'webhook_endpoint').where('entity_id', '=', String(ep.id)).execute();
    expect(audit).toContainEqual({ action: 'webhook.disabled', company_id: t.companyId });
  });

  it('logs each delivery with status, response code and duration, and redelivers on request', async () => {
    await fresh();
    const ep = await subscribe();
    await append([dayChanged(3, 1)]);
    await pump();
    const list = (await t.as('hr').get(`/api/v1/webhooks/${ep.id}/deliveries`)).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ status: 'delivered', attempts: 1, lastResponseStatus: 204, eventType: 'attendance_day.changed' });
    expect(list[0].log[0]).toMatchObject({ attempt: 1, outcome: 'delivered', responseStatus: 204 });
    expect(typeof list[0].log[0].durationMs).toBe('number');
    expect((await t.as('manager').post(`/api/v1/webhooks/${ep.id}/deliveries/${list[0].id}/redeliver`)).statusCode).toBe(403);
    const again = await t.as('hr').post(`/api/v1/webhooks/${ep.id}/deliveries/${list[0].id}/redeliver`);
    expect(again.statusCode, again.body).toBe(200);
    await pump();
    expect(receiver.received.map((r) => r.id)).toEqual([list[0].eventId, list[0].eventId]);
    const log = (await t.as('hr').get(`/api/v1/webhooks/${ep.id}/deliveries`)).json().items[0].log;
    expect(log).toHaveLength(2);
  });

  it('takes REST-hook subscriptions with an API token, offers a sample per event type and unsubscribes', async () => {
    await fresh();
    const token = (await t.as('hr').post('/api/v1/tokens', { name: 'zapier', scopes: ['write'] })).json().secret as string;
    const auth = { authorization: `Bearer ${token}` };
    const sub = await t.app.inject({ method: 'POST', url: '/api/v1/hooks', headers: auth, payload: { target_url: receiver.url, event: 'employee.left' } });
    expect(sub.statusCode, sub.body).toBe(201);
    const { id, secret } = sub.json();
    receiver.secrets = [secret];
    const sample = await t.app.inject({ method: 'GET', url: '/api/v1/hooks/samples/employee.left', headers: auth });
    expect(sample.statusCode).toBe(200);
    expect(sample.json()[0]).toMatchObject({ type: 'employee.left', data: { leftOn: '2026-03-31' } });
    await outbox().append(t.database.db, [domainEvent(t.companyId, 'employee.left', 'employee:9', { ...employee(9), leftOn: '2026-03-31' }, clock)]);
    await pump();
    expect(receiver.received.map((r) => r.type)).toEqual(['employee.left']);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/hooks/${id}`, headers: auth })).json()).toEqual({ id });
    expect(await outbox().append(t.database.db, [domainEvent(t.companyId, 'employee.left', 'employee:9', { ...employee(9), leftOn: '2026-03-31' }, clock)])).toEqual([null]);
  });
});

function dayFields(n: number) {
  return { status: 'normal', dayType: 'workday', late: false, lateMinutes: 0, lateLevel: 'none', early: false, earlyMinutes: 0, missingIn: false, missingOut: false, workedMinutes: 480 + n, overtimeMinutes: 0, leaveType: null, leaveMinutes: 0, inTime: null, outTime: null, reasons: [] };
}
