/**
 * Connectors under the faults and limits of a real deployment, against the simulators, through the
 * job queue: a month back-fill of 300 people under 20% injected faults (rate limits, busy, expired
 * tokens, 5xx, the HTML ban page, hung and slow answers, all in the vendors' documented words)
 * finishes within 3× its fault-free time, stores exactly the same punches and breaks no documented
 * limit; another company's WeCom sync started during it finishes within 2× its time alone.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalQueue } from '../../src/jobs/local-queue.js';
import { markPulled, pullDue, recordPushEvent } from '../../src/modules/connectors/connector-budget.js';
import { CONNECTOR_SYNC_JOB, connectorJobOptions, registerConnectorSyncWorker, type ConnectorJob } from '../../src/modules/connectors/connector-jobs.js';
import { FakeCompany } from '../../src/sources/platform/simulator/fake-company.js';
import type { FaultOptions } from '../../src/sources/platform/simulator/faults.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../src/sources/dingtalk/simulator/index.js';
import { startWeComSimulator, type WeComSimulator } from '../../src/sources/wecom/simulator/index.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dingTalkConnectorBody, weComConnectorBody } from '../../src/sources/platform/simulator/connector-body.js';

const MONTH = '2026-10';
const SEED = 'faults-300';

/** The mix of platforms.md §1.5, at 20% of all API answers. */
export const FAULT_MIX: FaultOptions = {
  rate: 0.2,
  seed: 'fault-mix',
  hangMs: 1_500,
  slowMs: 400,
  kinds: { rate_limit: 3, global_rate_limit: 1, token_expired: 2, server_error: 2, system_busy: 2, html_ban: 2, timeout: 1, slow: 2 },
};

describe('connectors under faults and limits (SQLite, job queue)', () => {
  let db: TestDb & { drop(): Promise<void> };
  let t: TestApp;
  let queue: LocalQueue;
  let dingClean: DingTalkSimulator;
  let dingFaulty: DingTalkSimulator;
  let wecom: WeComSimulator;
  let thirdCompanyId: number;
  const ids: Record<'clean' | 'faulty' | 'wecom', number> = { clean: 0, faulty: 0, wecom: 0 };

  const dingBody = (companyId: number, sim: DingTalkSimulator) => dingTalkConnectorBody(sim, companyId);

  /** Sends one job through the queue and resolves with its run's wall time. */
  async function runThroughQueue(job: ConnectorJob): Promise<{ ms: number; waitMs: number; status: string; error: string | null; counts: Record<string, unknown> }> {
    const since = Date.now();
    const t0 = performance.now();
    await queue.send(CONNECTOR_SYNC_JOB, job, connectorJobOptions(job, { retryLimit: 0 }));
    for (;;) {
      const run = await db.database.db
        .selectFrom('connector_runs')
        .selectAll()
        .where('connector_id', '=', job.connectorId)
        .where('started_at_ms', '>=', since)
        .where('finished_at_ms', 'is not', null)
        .executeTakeFirst();
      if (run) return { ms: performance.now() - t0, waitMs: run.started_at_ms - since, status: run.status, error: run.error, counts: JSON.parse(run.counts ?? '{}') };
      if (performance.now() - t0 > 120_000) throw new Error('run did not finish');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const punchKeys = async (companyId: number) =>
    (await db.database.db.selectFrom('checkins').select(['external_id', 'at_ms', 'source_record_id']).where('company_id', '=', companyId).where('provider', '=', 'dingtalk').execute())
      .map((r) => `${r.external_id}|${r.at_ms}|${r.source_record_id}`)
      .sort();

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    t = await createTestApp(db);
    // The documented back-offs (1 s after 90018); only the hung-request timeout is short.
    t.services.connectors.tuning.timeoutMs = 750;
    const company = { users: 300, month: MONTH };
    dingClean = await startDingTalkSimulator({ seed: SEED, company: new FakeCompany({ seed: SEED, ...company }) });
    dingFaulty = await startDingTalkSimulator({ seed: SEED, company: new FakeCompany({ seed: SEED, ...company }) });
    wecom = await startWeComSimulator({ seed: 'second', company: { users: 1_000, month: MONTH } });
    const now = Date.now();
    thirdCompanyId = Number(
      (await db.database.db.insertInto('companies').values({ name: 'third', code: `third-${randomBytes(3).toString('hex')}`, time_zone: 'Asia/Shanghai', identity_match_order: '["job_number","email","mobile"]', active: 1, created_at_ms: now, updated_at_ms: now }).returning('id').executeTakeFirstOrThrow()).id,
    );
    ids.clean = (await t.as('admin').post('/api/v1/connectors', dingBody(t.companyId, dingClean))).json().id;
    ids.faulty = (await t.as('admin').post('/api/v1/connectors', dingBody(thirdCompanyId, dingFaulty))).json().id;
    const w = await t.as('admin').post('/api/v1/connectors', weComConnectorBody(wecom, t.otherCompanyId));
    ids.wecom = w.json().id;
    for (const id of Object.values(ids)) expect((await t.services.connectors.run({ connectorId: id, kind: 'directory' }))?.status).toBe('succeeded');
    queue = new LocalQueue(db.database.db, { pollMs: 20 });
    await registerConnectorSyncWorker(queue, t.services.connectors.syncDeps);
    await queue.start();
  }, 180_000);

  afterAll(async () => {
    await queue?.stop();
    await Promise.all([dingClean?.close(), dingFaulty?.close(), wecom?.close()]);
    await db?.drop();
  });

  it('a 300-person month back-fill under 20% faults: ≤ 3× the fault-free time, the same punches, no limit broken; another company is not held up', async () => {
    const month = new FakeCompany({ seed: SEED, users: 1, month: MONTH }).monthDates();
    const backfill = (connectorId: number): ConnectorJob => ({ connectorId, kind: 'punches', from: month[0], to: month[month.length - 1] });
    // Its regular sync: the recent days' punches of 1 000 people.
    const second: ConnectorJob = { connectorId: ids.wecom, kind: 'punches' };

    const alone = [await runThroughQueue(second), await runThroughQueue(second)];
    const secondAloneMs = (alone[0].ms + alone[1].ms) / 2;
    const clean = await runThroughQueue(backfill(ids.clean));
    expect(clean.status, clean.error ?? '').toBe('succeeded');

    dingFaulty.setFaults(FAULT_MIX);
    const faultedRun = runThroughQueue(backfill(ids.faulty));
    await new Promise((r) => setTimeout(r, 300));
    const during = await runThroughQueue(second);
    const faulted = await faultedRun;

    expect(faulted.status, faulted.error ?? '').toBe('succeeded');
    const injected = Object.values(dingFaulty.stats.faults).reduce((a, b) => a + (b ?? 0), 0);
    expect(injected).toBeGreaterThan(0);
    // About 8 faults in ~40 answers: several kinds, whichever the draw picked.
    expect(Object.keys(dingFaulty.stats.faults).length).toBeGreaterThanOrEqual(3);
    expect(faulted.ms / clean.ms).toBeLessThanOrEqual(3);

    const cleanKeys = await punchKeys(t.companyId);
    expect(cleanKeys.length).toBeGreaterThan(5_000);
    expect(await punchKeys(thirdCompanyId)).toEqual(cleanKeys);

    // No documented limit broken in any window, retries included; no ban imposed.
    for (const sim of [dingClean, dingFaulty]) {
      expect(sim.stats.overLimit).toEqual({});
      expect(sim.stats.ipBans).toBe(0);
    }
    expect(wecom.stats.overLimit).toEqual({});

    expect(during.status, during.error ?? '').toBe('succeeded');
    console.log(JSON.stringify({ cleanMs: Math.round(clean.ms), faultedMs: Math.round(faulted.ms), ratio: +(faulted.ms / clean.ms).toFixed(2), secondAloneMs: Math.round(secondAloneMs), secondDuringMs: Math.round(during.ms), secondWait: [alone[0].waitMs, alone[1].waitMs, during.waitMs], fetched: [alone[0].counts.fetched, during.counts.fetched], injected: dingFaulty.stats.faults }));
    expect(during.ms / secondAloneMs).toBeLessThanOrEqual(2);
  }, 240_000);

  it('the connector shows a ban the platform imposed, with the time it ends, and its budget', async () => {
    // A flood past the per-IP limit: every answer is the ban page until it ends.
    const banned = await startDingTalkSimulator({ seed: 'ban', company: { users: 20, month: MONTH }, ipLimit: { limit: 1, windowMs: 60_000, banMs: 60_000 } });
    try {
      const id = (await t.as('admin').post('/api/v1/connectors', dingBody(thirdCompanyId, banned))).json().id;
      t.services.connectors.tuning.retry = { transientBackoff: { baseMs: 5, maxMs: 20 }, banPauseMs: 60_000, maxBanPauses: 0 };
      const run = await t.services.connectors.run({ connectorId: id, kind: 'directory' });
      expect(run?.status).toBe('failed');
      await new Promise((r) => setTimeout(r, 50));
      const got = (await t.as('hr').get(`/api/v1/connectors/${ids.clean}`)).json();
      expect(got.throttle).toBeNull();
      expect(got.usage).toMatchObject({ limit: 10_000, share: 0.8, target: 8_000, headcount: 300 });
      expect(got.usage.used).toBeGreaterThan(0);
      expect(got.usage.projectedMonthEnd).toBeLessThanOrEqual(8_000);
      const detail = (await t.as('admin').get(`/api/v1/connectors/${id}`)).json();
      expect(detail.throttle).toMatchObject({ reason: 'ip_ban' });
      expect(detail.throttle.pausedUntilMs).toBeGreaterThan(Date.now() + 50_000);
      expect(banned.stats.ipBans).toBe(1);
    } finally {
      t.services.connectors.tuning.retry = undefined;
      await banned.close();
    }
  }, 60_000);

  it('the 10-minute tick pulls on the budget plan; pushed events replace polling', async () => {
    const deps = t.services.connectors.syncDeps;
    const row = (await deps.repo.find(ids.clean))!;
    await markPulled(deps.repo, row.id, Date.now() - 11 * 60_000);
    // 300 people on the standard edition: the plan stretches the interval past 10 minutes.
    const plan = (await t.as('hr').get(`/api/v1/connectors/${ids.clean}`)).json().usage.plan;
    expect(plan.mode).toBe('poll');
    expect(plan.pullIntervalMin).toBeGreaterThan(11);
    expect(await pullDue(deps, row)).toBe(false);
    await markPulled(deps.repo, row.id, Date.now() - (plan.pullIntervalMin + 1) * 60_000);
    expect(await pullDue(deps, row)).toBe(true);
    await recordPushEvent(deps.repo, row.id, Date.now());
    const pushed = (await t.as('hr').get(`/api/v1/connectors/${ids.clean}`)).json().usage;
    expect(pushed).toMatchObject({ pushConnected: true, plan: { mode: 'events', pullIntervalMin: null } });
    expect(pushed.plan.actions).toContain('polling_replaced_by_events');
    expect(await pullDue(deps, row)).toBe(false);
  });

  it('over budget, punch events are re-queried together, 50 people a call, after the planned wait', async () => {
    const deps = t.services.connectors.syncDeps;
    const row = (await deps.repo.find(ids.clean))!;
    await recordPushEvent(deps.repo, row.id, Date.now());
    const [a, b] = dingClean.company.users.slice(0, 2).map((u) => u.userId);
    const day = '2026-10-15';
    const at = (h: number) => Date.parse(`${day}T0${h}:00:00+08:00`);
    for (const [userId, h] of [[a, 8], [b, 9]] as const) {
      await t.services.connectorCallbacks.dingtalkStream(row.id, { eventType: 'attendance_check_record', eventId: `e-${userId}` }, JSON.stringify({ dataList: [{ userId, checkTime: at(h), corpId: dingClean.corpId }] }));
    }
    const jobs = await db.database.db.selectFrom('jobs').selectAll().where('queue', '=', CONNECTOR_SYNC_JOB).where('status', '=', 'queued').where('singleton_key', '=', `${row.id}:requery`).execute();
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0].payload)).toEqual({ connectorId: row.id, kind: 'punches', requery: true });
    expect(jobs[0].priority).toBe(10);
    expect(jobs[0].run_at_ms - Date.now()).toBeGreaterThan(5 * 60_000);
    const calls = dingClean.stats.byPath['/attendance/listRecord'] ?? 0;
    const run = await t.services.connectors.run({ connectorId: row.id, kind: 'punches', requery: true });
    expect(run?.status).toBe('succeeded');
    expect(JSON.parse(JSON.stringify(run?.counts))).toMatchObject({ users: 2 });
    expect((dingClean.stats.byPath['/attendance/listRecord'] ?? 0) - calls).toBe(1);
    // Taken: a second run finds nothing pending.
    expect(await t.services.connectors.run({ connectorId: row.id, kind: 'punches', requery: true })).toBeNull();
  });
});
