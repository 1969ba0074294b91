/**
 * Two instances on one PostgreSQL database: a subscription made, disabled or removed through one
 * reaches the other's producers (which decide from a cache whether to write an event) within
 * moments, by NOTIFY, not after the 30-second reload. A listening connection that is cut is
 * re-opened and catches up with what changed meanwhile.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { LocalQueue } from '../../src/jobs/local-queue.js';
import { systemActor } from '../../src/modules/auth/actor.js';
import { createServices } from '../../src/modules/index.js';
import { WebhooksRepo } from '../../src/modules/webhooks/webhooks.repo.js';
import { SecretBox } from '../../src/shared/secret-box.js';
import { TEST_CONNECTOR_BASE_URLS } from '../helpers/egress-loopback.js';
import { createTestDb, TEST_PG_URL } from '../helpers/test-db.js';

type Services = ReturnType<typeof createServices>;

describe('webhook subscriptions across two instances [postgres]', () => {
  let test: Awaited<ReturnType<typeof createTestDb>>;
  let second: Database;
  let a: Services;
  let b: Services;
  let companyId: number;

  const instance = (database: Database) => {
    const config = loadConfig({ DAKA_DATA_DIR: '/tmp/daka-test', LOG_LEVEL: 'silent', DAKA_CONNECTOR_BASE_URLS: TEST_CONNECTOR_BASE_URLS });
    return createServices({ config, database, queue: new LocalQueue(database.db, { pollMs: 60_000 }), secrets: new SecretBox(Buffer.alloc(32, 7)) });
  };
  /** How long until `cond` holds on the other instance (fails past 3 s; the safety-net reload is 30 s). */
  const within = async (cond: () => boolean): Promise<number> => {
    const t0 = performance.now();
    while (!cond()) {
      if (performance.now() - t0 > 3_000) throw new Error('the other instance did not see the change within 3 s');
      await new Promise((r) => setTimeout(r, 10));
    }
    return performance.now() - t0;
  };

  beforeAll(async () => {
    test = await createTestDb('postgres');
    second = openDatabase(TEST_PG_URL, { schema: test.schema!, poolSize: 2 });
    a = instance(test.database);
    b = instance(second);
    const now = Date.now();
    companyId = (
      await test.database.db
        .insertInto('companies')
        .values({ name: 'Two instances', code: `two-${now}`, time_zone: 'Asia/Shanghai', identity_match_order: '["job_number"]', active: 1, created_at_ms: now, updated_at_ms: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (const s of [a, b]) {
      await s.webhookConsumer.refresh();
      await s.payrollConsumer.refresh();
      await s.subscriptionWatch!.start();
    }
  });
  afterAll(async () => {
    await a?.subscriptionWatch?.stop();
    await b?.subscriptionWatch?.stop();
    await second?.close();
    await test?.drop();
  });

  it('sees a subscription made on the other instance within moments, and its disabling and removal', async () => {
    expect(b.webhookConsumer.wants(companyId, 'request.approved')).toBe(false);
    const created = await a.webhooks.create(systemActor('test'), { companyId, url: 'http://127.0.0.1:9/hooks', eventTypes: ['request.approved'] });
    const seenMs = await within(() => b.webhookConsumer.wants(companyId, 'request.approved'));
    expect(seenMs).toBeLessThan(3_000);
    // The producer on the other instance now writes the event the new subscriber wants.
    const ids = await b.outbox.append(second.db, [{ companyId, type: 'request.approved', subject: 'employee:1', payload: { requestId: 1 }, occurredAtMs: Date.now() }]);
    expect(ids[0]).toEqual(expect.any(String));

    await a.webhooks.update(systemActor('test'), created.id, { enabled: false });
    await within(() => !b.webhookConsumer.wants(companyId, 'request.approved'));
    await a.webhooks.update(systemActor('test'), created.id, { enabled: true, eventTypes: ['employee.left'] });
    await within(() => b.webhookConsumer.wants(companyId, 'employee.left'));
    expect(b.webhookConsumer.wants(companyId, 'request.approved')).toBe(false);
    await a.webhooks.remove(systemActor('test'), created.id);
    await within(() => !b.webhookConsumer.wants(companyId, 'employee.left'));
  });

  it('says nothing for a change that was rolled back', async () => {
    const before = b.subscriptionWatch!.reloads;
    await test.database.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('webhook_endpoints').values({ company_id: companyId, url: 'http://127.0.0.1:9/x', description: null, event_types: '["device.offline"]', purpose: 'events', secret_sealed: 'x', previous_secret_sealed: null, previous_secret_until_ms: null, origin: 'api', enabled: 1, disabled_reason: null, disabled_at_ms: null, created_by_user_id: null, created_at_ms: 1, updated_at_ms: 1 }).execute();
        await new WebhooksRepo(trx, b.subscriptionWatch!.channel).notifyChanged(trx);
        throw new Error('rolled back');
      })
      .catch(() => {});
    await new Promise((r) => setTimeout(r, 200));
    expect(b.subscriptionWatch!.reloads).toBe(before);
    expect(b.webhookConsumer.wants(companyId, 'device.offline')).toBe(false);
  });

  it('re-opens a cut listening connection and catches up with what changed meanwhile', async () => {
    const channel = b.subscriptionWatch!.channel;
    // Terminate every backend listening on the channel (both instances' listeners).
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where query = ${`listen "${channel}"`}`.execute(test.database.db);
    // A change while nobody listens: the reconnect's reload picks it up.
    await test.database.db
      .insertInto('webhook_endpoints')
      .values({ company_id: companyId, url: 'http://127.0.0.1:9/y', description: null, event_types: '["device.online"]', purpose: 'events', secret_sealed: 'x', previous_secret_sealed: null, previous_secret_until_ms: null, origin: 'api', enabled: 1, disabled_reason: null, disabled_at_ms: null, created_by_user_id: null, created_at_ms: 1, updated_at_ms: 1 })
      .execute();
    await within(() => b.webhookConsumer.wants(companyId, 'device.online'));
  });
});
