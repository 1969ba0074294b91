/**
 * The outbox on both databases: events are written with their transaction or not at all, deliveries
 * are planned once per key, retried with back-off and logged, one subject's deliveries keep their
 * order, a lease left by a dead worker is taken over, and two instances never send one twice.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { LocalQueue } from '../../src/jobs/local-queue.js';
import { Outbox } from '../../src/modules/outbox/outbox.js';
import { nextAttemptAt } from '../../src/modules/outbox/backoff.js';
import type { Delivery, DeliveryOutcome, OutboxConsumer, OutboxEvent, PlannedDelivery, RetryPolicy } from '../../src/modules/outbox/outbox.types.js';
import { describeEachDb } from '../helpers/test-db.js';
import { OutboxRepo } from '../../src/modules/outbox/outbox.repo.js';

const RETRY: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAgeMs: 10 * 60_000, maxAttempts: 20 };

class RecordingConsumer implements OutboxConsumer {
  readonly name: string;
  readonly retry = RETRY;
  readonly concurrency: number = 8;
  sent: Delivery[] = [];
  dead: Delivery[] = [];
  /** Per dedupe key, outcomes to return before succeeding. */
  script = new Map<string, DeliveryOutcome[]>();
  types = new Set<string>(['checkin.created', 'attendance_day.changed']);
  constructor(name = 'test') {
    this.name = name;
  }
  wants(_companyId: number, type: string) {
    return this.types.has(type);
  }
  async plan(events: OutboxEvent[]): Promise<PlannedDelivery[]> {
    return events.map((e) => ({ companyId: e.companyId, eventId: e.eventId, dedupeKey: `ev:${e.eventId}`, orderingKey: e.subject, target: { seq: e.seq, payload: e.payload } }));
  }
  async send(d: Delivery): Promise<DeliveryOutcome> {
    const next = this.script.get(d.dedupeKey)?.shift();
    if (next && next.kind !== 'delivered') return next;
    this.sent.push(d);
    return { kind: 'delivered', responseStatus: 200, remoteId: `m${d.id}` };
  }
  async onDead(d: Delivery) {
    this.dead.push(d);
  }
}

/** A consumer whose first send waits (bounded) until its partner instance has started sending. */
class BarrierConsumer extends RecordingConsumer {
  partner?: BarrierConsumer;
  started = false;
  override async send(d: Delivery): Promise<DeliveryOutcome> {
    this.started = true;
    for (let i = 0; i < 500 && !this.partner?.started; i++) await new Promise((r) => setTimeout(r, 10));
    return super.send(d);
  }
}

/**
 * A consumer in a process about to be killed: after `settleBefore` sends, every further send
 * hangs for good, so the batch it claimed stays mid-flight like one whose process got SIGKILL.
 */
class KilledMidBatchConsumer extends RecordingConsumer {
  override readonly concurrency: number = 2;
  calls: string[] = [];
  constructor(
    private readonly settleBefore: number,
    readonly settle: 'each' | 'batch',
  ) {
    super();
  }
  override async send(d: Delivery): Promise<DeliveryOutcome> {
    this.calls.push(d.dedupeKey);
    if (this.calls.length > this.settleBefore) return new Promise<DeliveryOutcome>(() => {});
    return super.send(d);
  }
}

const ev = (n: number, subject = `employee:${n % 3}`) => ({ companyId: 1, type: 'attendance_day.changed' as const, subject, payload: { n }, occurredAtMs: 1_000 + n });

describe('retry schedule', () => {
  it('doubles from the base delay, stays within its jitter band, honours Retry-After and gives up past the maximum age', () => {
    const lo = (a: number) => nextAttemptAt(RETRY, a, 0, 0, undefined, () => 0)!;
    const hi = (a: number) => nextAttemptAt(RETRY, a, 0, 0, undefined, () => 0.999999)!;
    expect([1, 2, 3, 4].map(lo)).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map(hi)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(lo(12)).toBe(30_000);
    expect(nextAttemptAt(RETRY, 1, 0, 0, 45_000, () => 0)).toBe(45_000);
    expect(nextAttemptAt(RETRY, 3, 0, RETRY.maxAgeMs - 100, undefined, () => 0)).toBeNull();
    expect(nextAttemptAt(RETRY, RETRY.maxAttempts, 0, 0, undefined, () => 0)).toBeNull();
  });
});

describeEachDb('outbox', (db) => {
  let clock = 1_000_000;
  const now = () => clock;
  const make = (consumer: RecordingConsumer, database = db().database) => {
    const o = new Outbox(database.db, database.dialect, now, { random: () => 0.5, leaseMs: 30_000 });
    o.register(consumer);
    return o;
  };
  const fresh = async () => {
    await db().database.db.deleteFrom('outbox_attempts').execute();
    await db().database.db.deleteFrom('outbox_deliveries').execute();
    await db().database.db.deleteFrom('outbox_events').execute();
  };

  it('writes events only with their transaction, and only those a consumer wants', async () => {
    await fresh();
    const o = make(new RecordingConsumer());
    await expect(
      db().database.db.transaction().execute(async (trx) => {
        await o.append(trx, [ev(1)]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const ids = await db().database.db.transaction().execute((trx) => o.append(trx, [ev(2), { ...ev(3), type: 'device.online' }]));
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBeNull();
    const rows = await db().database.db.selectFrom('outbox_events').select(['event_id', 'type']).execute();
    expect(rows).toEqual([{ event_id: ids[0], type: 'attendance_day.changed' }]);
  });

  it('plans each event once per consumer and deduplicates planned keys', async () => {
    await fresh();
    const c = new RecordingConsumer();
    const o = make(c);
    await o.publish([ev(1), ev(2)]);
    expect((await o.dispatchOnce()).events).toBe(2);
    expect((await o.dispatchOnce()).events).toBe(0);
    const again = await o.enqueue('test', [{ companyId: 1, eventId: null, dedupeKey: 'reminder:42:2026-12-07:in', target: {} }]);
    const twice = await o.enqueue('test', [{ companyId: 1, eventId: null, dedupeKey: 'reminder:42:2026-12-07:in', target: {} }]);
    expect([again, twice]).toEqual([1, 0]);
    expect(await o.deliverDue('test')).toBe(3);
    expect(c.sent.map((d) => d.dedupeKey).sort()).toHaveLength(3);
    expect(await o.deliverDue('test')).toBe(0);
  });

  it('retries a failing delivery with back-off, logs every attempt, and gives up past the maximum age', async () => {
    await fresh();
    const c = new RecordingConsumer();
    const o = make(c);
    const [okId, deadId] = await o.publish([ev(1, 'a'), ev(2, 'b')]);
    await o.dispatchAll();
    c.script.set(`ev:${okId}`, [{ kind: 'failed', error: 'HTTP 503', responseStatus: 503 }, { kind: 'failed', error: 'timeout' }]);
    c.script.set(`ev:${deadId}`, Array.from({ length: 100 }, () => ({ kind: 'failed' as const, error: 'HTTP 500', responseStatus: 500 })));
    await o.deliverDue('test');
    expect(c.sent).toHaveLength(0);
    // Not due yet: the first retry waits about a second.
    expect(await o.deliverDue('test')).toBe(0);
    for (let i = 0; i < 40 && c.dead.length === 0; i++) {
      clock += 61_000;
      await o.deliverDue('test');
    }
    expect(c.sent.map((d) => d.eventId)).toEqual([okId]);
    expect(c.dead.map((d) => d.eventId)).toEqual([deadId]);
    const ok = (await o.repo.listDeliveries({ companyId: 1, consumer: 'test', eventId: okId!, limit: 5 }))[0];
    expect(ok).toMatchObject({ status: 'delivered', attempts: 3, last_response_status: 200 });
    expect((await o.repo.attempts(ok.id)).map((a) => [a.attempt, a.outcome, a.response_status])).toEqual([
      [1, 'failed', 503],
      [2, 'failed', null],
      [3, 'delivered', 200],
    ]);
    const dead = (await o.repo.listDeliveries({ companyId: 1, consumer: 'test', eventId: deadId!, limit: 5 }))[0];
    expect(dead.status).toBe('dead');
    expect(dead.last_error).toBe('HTTP 500');
    // Retried until the age limit, not forever: about 10 minutes of 1 s … 60 s back-off.
    expect(dead.attempts).toBeGreaterThan(8);
    expect(dead.attempts).toBeLessThan(20);
    // Manual redelivery puts it back in line and keeps the log.
    expect(await o.repo.requeue(dead.id, clock)).toBe(true);
    c.script.delete(`ev:${deadId}`);
    await o.deliverDue('test');
    expect(c.sent.map((d) => d.eventId)).toEqual([okId, deadId]);
  });

  it('does not retry a rejected delivery', async () => {
    await fresh();
    const c = new RecordingConsumer();
    const o = make(c);
    const [id] = await o.publish([ev(1)]);
    await o.dispatchAll();
    c.script.set(`ev:${id}`, [{ kind: 'rejected', error: 'HTTP 410', responseStatus: 410 }]);
    expect(await o.deliverDue('test')).toBe(1);
    clock += 3_600_000;
    expect(await o.deliverDue('test')).toBe(0);
    expect((await o.repo.listDeliveries({ companyId: 1, consumer: 'test', limit: 5 }))[0]).toMatchObject({ status: 'dead', attempts: 1 });
    expect(c.dead).toHaveLength(1);
  });

  it('sends one subject\'s deliveries one at a time and in order, even when one of them has to wait', async () => {
    await fresh();
    const c = new RecordingConsumer();
    const o = make(c);
    const ids = await o.publish(Array.from({ length: 12 }, (_, i) => ev(i, i % 2 ? 'employee:odd' : 'employee:even')));
    await o.dispatchAll();
    c.script.set(`ev:${ids[2]}`, [{ kind: 'failed', error: 'busy' }]);
    await o.deliverDue('test');
    // The even subject stopped behind its failed third event; the odd one went through.
    expect(c.sent.map((d) => (d.target.payload as { n: number }).n)).toEqual([0, 1, 3, 5, 7, 9, 11]);
    clock += 5_000;
    await o.deliverDue('test');
    const even = c.sent.map((d) => (d.target.payload as { n: number }).n).filter((n) => n % 2 === 0);
    expect(even).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('takes over a delivery whose worker died after leasing it; the dead worker\'s late answer is ignored', async () => {
    await fresh();
    const c = new RecordingConsumer();
    const o = make(c);
    await o.publish([ev(1)]);
    await o.dispatchAll();
    const [leased] = await o.repo.claimDue('test', clock, 10, 30_000, 'dead-worker');
    expect(leased).toBeTruthy();
    expect(await o.deliverDue('test')).toBe(0);
    clock += 30_001;
    expect(await o.deliverDue('test')).toBe(1);
    expect(await o.repo.settle(leased.id, 'dead-worker', { status: 'dead', error: 'late' })).toBe(false);
    expect((await o.repo.getDelivery(leased.id))?.status).toBe('delivered');
  });

  for (const settle of ['each', 'batch'] as const) {
    it(`a kill mid-batch re-sends ${settle === 'each' ? 'only the sends in flight, never one already settled' : 'the whole unsettled batch (receivers deduplicate)'} (settle: ${settle})`, async () => {
      await fresh();
      const killed = new KilledMidBatchConsumer(4, settle);
      const ids = await make(killed).publish(Array.from({ length: 10 }, (_, i) => ev(i, `x:${i}`)));
      const o = make(killed);
      await o.dispatchAll();
      // The killed process: it never finishes, and never settles the two sends that hang.
      void o.deliverDue('test');
      for (let i = 0; i < 200 && killed.calls.length < 6; i++) await new Promise((r) => setTimeout(r, 5));
      expect(killed.calls).toHaveLength(6);
      const settledBeforeKill = killed.sent.map((d) => d.dedupeKey);
      expect(settledBeforeKill).toHaveLength(4);
      // Its leases run out; another instance takes over what is left.
      clock += 30_001;
      const takeover = new RecordingConsumer();
      expect(await make(takeover).deliverDue('test')).toBe(settle === 'each' ? 6 : 10);
      const resent = takeover.sent.map((d) => d.dedupeKey);
      const inFlight = killed.calls.slice(4);
      if (settle === 'each') {
        expect(resent.filter((k) => settledBeforeKill.includes(k))).toEqual([]);
        expect(resent.filter((k) => killed.calls.includes(k)).sort()).toEqual([...inFlight].sort());
      } else {
        expect(resent.filter((k) => settledBeforeKill.includes(k)).sort()).toEqual([...settledBeforeKill].sort());
      }
      // Nothing lost: every event was sent at least once and is settled as delivered.
      expect(new Set([...settledBeforeKill, ...resent])).toEqual(new Set(ids.map((id) => `ev:${id}`)));
      const rows = await o.repo.listDeliveries({ companyId: 1, consumer: 'test', limit: 20 });
      expect(rows.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 'delivered'));
    });
  }

  it('never sends one delivery twice when two instances deliver at once', async () => {
    await fresh();
    const second = db().dialect === 'postgres' ? openDatabase(db().url, { schema: db().schema!, poolSize: 4 }) : db().database;
    try {
      // Each instance's first send waits until the other has started sending too, so both hold a
      // claimed batch at once whatever the scheduler does: the overlap the test is about is forced.
      const a = new BarrierConsumer();
      const b = new BarrierConsumer();
      a.partner = b;
      b.partner = a;
      const oa = make(a);
      const ob = make(b, second);
      await oa.publish(Array.from({ length: 400 }, (_, i) => ev(i, i % 5 === 0 ? `employee:${i % 7}` : `x:${i}`)));
      await Promise.all([oa.dispatchAll(), ob.dispatchAll()]);
      await Promise.all([oa.deliverDue('test'), ob.deliverDue('test'), oa.deliverDue('test'), ob.deliverDue('test')]);
      const keys = [...a.sent, ...b.sent].map((d) => d.dedupeKey);
      expect(keys).toHaveLength(400);
      expect(new Set(keys).size).toBe(400);
      expect(a.sent.length > 0 && b.sent.length > 0).toBe(true);
    } finally {
      if (second !== db().database) await second.close();
    }
  });

  it('a key\'s next delivery planned while another instance settles its head is not left waiting (PostgreSQL)', async (ctx) => {
    if (db().dialect !== 'postgres') ctx.skip();
    await fresh();
    const second = openDatabase(db().url, { schema: db().schema!, poolSize: 2 });
    try {
      const c = new RecordingConsumer();
      const o = make(c);
      await o.publish([ev(1, 'employee:race')]);
      await o.dispatchAll();
      const [head] = await o.repo.claimDue('test', clock, 10, 30_000, 'worker');
      const other = new OutboxRepo(second.db, 'postgres');
      let settled = false;
      // The planner's transaction stores the key's next delivery and stays open while the worker
      // settles the head: without a lock per key, each would miss the other's row.
      await second.db.transaction().execute(async (trx) => {
        await other.insertDeliveries(trx, 'test', [{ companyId: 1, eventId: null, dedupeKey: 'race:2', orderingKey: 'employee:race', target: {} }], clock);
        const settling = o.repo.settle(head.id, 'worker', { status: 'delivered', finishedAtMs: clock }).then(() => (settled = true));
        await new Promise((r) => setTimeout(r, 150));
        expect(settled).toBe(false);
        void settling;
      });
      for (let i = 0; i < 100 && !settled; i++) await new Promise((r) => setTimeout(r, 10));
      expect(settled).toBe(true);
      const next = await db().database.db.selectFrom('outbox_deliveries').select(['status', 'waiting']).where('dedupe_key', '=', 'race:2').executeTakeFirstOrThrow();
      expect(next).toEqual({ status: 'pending', waiting: 0 });
      expect(await o.deliverDue('test')).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('runs on the job queue: a kick after commit dispatches, and the delivery loop sends', async () => {
    if (db().dialect !== 'sqlite') return; // pg-boss runs the same handlers; the queue tests cover it
    await fresh();
    const c = new RecordingConsumer();
    const o = new Outbox(db().database.db, 'sqlite', Date.now);
    o.register(c);
    const queue = new LocalQueue(db().database.db, { pollMs: 20 });
    o.attachQueue(queue);
    await o.registerJobs(queue);
    await queue.start();
    try {
      await db().database.db.transaction().execute((trx) => o.append(trx, [ev(1), ev(2)]));
      o.kick();
      for (let i = 0; i < 200 && c.sent.length < 2; i++) await new Promise((r) => setTimeout(r, 25));
      expect(c.sent).toHaveLength(2);
    } finally {
      await queue.stop();
      await queue.unschedule('outbox.sweep');
    }
  });
});
