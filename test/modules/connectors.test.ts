/**
 * DingTalk / WeCom connectors end to end against the in-repo simulators on 127.0.0.1: sealed
 * secrets, role scoping, credential test, directory sync (create, link, ambiguous, idempotent,
 * leavers), punch back-fill with injected faults, cursor resume after a failing run, approvals,
 * reconciliation and the outbound channel.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeComSimulator, type WeComSimulator } from '../../src/sources/wecom/simulator/index.js';
import { startDingTalkSimulator, DINGTALK_SIM_PROCESS_CODES, type DingTalkSimulator } from '../../src/sources/dingtalk/simulator/index.js';
import { addDays } from '../../src/shared/dates.js';
import { testToday } from '../helpers/test-clock.js';
import { recentPunchDay } from '../helpers/sim-dates.js';
import { SecretBox } from '../../src/shared/secret-box.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { listJobs } from '../helpers/test-queue.js';

const aesKey = () => randomBytes(48).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 43);
const SEED = 'connectors-test';
const FAST_RETRY = { transientBackoff: { baseMs: 2, maxMs: 10 }, rateLimitBackoff: { baseMs: 2, maxMs: 10 }, maxRateLimitRetries: 8 };

describeEachDb('connectors', (db) => {
  let t: TestApp;
  let clean: DingTalkSimulator;
  let faulty: DingTalkSimulator;
  const secret = 'sim-app-secret';
  const token = `cbtoken-${randomBytes(6).toString('hex')}`;
  const key = aesKey();
  let connectorId: number;
  let otherConnectorId: number;
  const today = () => testToday();

  const body = (companyId: number, sim: DingTalkSimulator, extra: Record<string, unknown> = {}) => ({
    companyId,
    platform: 'dingtalk',
    name: '钉钉考勤',
    corpId: sim.corpId,
    appKey: sim.apps[0].appKey,
    agentId: String(sim.apps[0].agentId),
    appSecret: secret,
    callbackToken: token,
    encodingAesKey: key,
    baseUrl: sim.url,
    settings: { templateKinds: { [DINGTALK_SIM_PROCESS_CODES.leave]: 'leave', [DINGTALK_SIM_PROCESS_CODES.correction]: 'correction', [DINGTALK_SIM_PROCESS_CODES.overtime]: 'overtime' } },
    ...extra,
  });
  const punchKeys = async (companyId: number, fromDate: string, toDate: string) =>
    (
      await db()
        .database.db.selectFrom('checkins')
        .select(['external_id', 'at_ms', 'source_record_id', 'platform_result'])
        .where('company_id', '=', companyId)
        .where('provider', '=', 'dingtalk')
        .where('wall_time', '>=', `${fromDate}T00:00:00`)
        .where('wall_time', '<=', `${toDate}T23:59:59`)
        .execute()
    )
      .map((r) => `${r.external_id}|${r.at_ms}|${r.source_record_id}|${r.platform_result}`)
      .sort();

  // Idempotent stages: each test makes sure of the state it needs, so any test runs alone.
  const ensureConnector = async () => {
    if (connectorId === undefined) connectorId = (await t.as('hr').post('/api/v1/connectors', body(t.companyId, clean))).json().id;
    return connectorId;
  };
  const ensureOtherConnector = async () => {
    if (otherConnectorId === undefined) otherConnectorId = (await t.as('otherHr').post('/api/v1/connectors', body(t.otherCompanyId, faulty))).json().id;
    return otherConnectorId;
  };
  let ambiguousUser: string;
  let linkedEmployee: number;
  /** The first directory sync: two employees share the ambiguous member's email, one matches by job number. */
  const firstDirectorySync = async () => {
    await ensureConnector();
    const users = clean.company.users;
    const match = users.find((u) => u.jobNumber)!;
    const amb = users.find((u) => u !== match && u.email && u.jobNumber)!;
    const create = async (job: string, email: string | null) =>
      (await t.as('hr').post('/api/v1/employees', { companyId: t.companyId, jobNumber: job, name: `预置${job}`, email })).json().id as number;
    linkedEmployee = await create(match.jobNumber!, null);
    await create('DUP-1', amb.email);
    await create('DUP-2', amb.email);
    const run = await t.services.connectors.run({ connectorId, kind: 'directory' });
    ambiguousUser = amb.userId;
    return { run, users, match, amb };
  };
  const ensureDirectorySynced = async () => {
    if (ambiguousUser === undefined) await firstDirectorySync();
  };
  /** The back-fill range the punch tests store (today-16 … today-3). */
  const punchRange = () => [addDays(today(), -16), addDays(today(), -3)] as const;
  const ensurePunchesSynced = async () => {
    await ensureDirectorySynced();
    const [from, to] = punchRange();
    if ((await punchKeys(t.companyId, from, to)).length === 0) await t.services.connectors.run({ connectorId, kind: 'punches', from, to });
  };

  beforeAll(async () => {
    t = await createTestApp(db());
    t.services.connectors.tuning.retry = FAST_RETRY;
    clean = await startDingTalkSimulator({ seed: SEED, company: { users: 60 } });
    faulty = await startDingTalkSimulator({ seed: SEED, company: { users: 60 } });
  });
  afterAll(async () => {
    await clean?.close();
    await faulty?.close();
  });

  describe('configuration', () => {
    it('creates a connector whose secrets are sealed in the row and never echoed', async () => {
      const res = await t.as('hr').post('/api/v1/connectors', body(t.companyId, clean));
      expect(res.statusCode).toBe(201);
      const c = res.json();
      connectorId = c.id;
      expect(c).toMatchObject({ platform: 'dingtalk', status: 'active', hasSecret: true, appSecretLast4: secret.slice(-4), hasCallbackToken: true, hasEncodingAesKey: true, callbackPath: `/callbacks/dingtalk/${c.id}` });
      for (const s of [secret, token, key]) expect(res.body).not.toContain(s);
      const row = await db().database.db.selectFrom('connectors').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
      for (const s of [secret, token, key]) expect(row.secrets_sealed).not.toContain(s);
      expect(row.secrets_sealed.startsWith('v1:')).toBe(true);
      expect(JSON.parse(new SecretBox(Buffer.alloc(32, 7)).open(row.secrets_sealed))).toEqual({ appSecret: secret, callbackToken: token, encodingAesKey: key });
      const audit = await db().database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'connector').where('entity_id', '=', String(c.id)).execute();
      expect(audit.map((a) => a.action)).toEqual(['connector.create']);
      for (const s of [secret, token, key]) expect(JSON.stringify(audit)).not.toContain(s);
      for (const url of [`/api/v1/connectors/${c.id}`, `/api/v1/connectors?companyId=${t.companyId}`]) {
        const got = await t.as('hr').get(url);
        expect(got.statusCode).toBe(200);
        for (const s of [secret, token, key]) expect(got.body).not.toContain(s);
      }
    });

    it('replaces a secret without ever returning it, showing at most its last 4 characters', async () => {
      await ensureConnector();
      const longer = 'a-much-longer-app-secret-XYZ9';
      const res = await t.as('hr').patch(`/api/v1/connectors/${connectorId}`, { appSecret: longer, name: '钉钉' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: '钉钉', appSecretLast4: 'XYZ9', hasSecret: true });
      expect(res.body).not.toContain(longer);
      const test = (await t.as('hr').post(`/api/v1/connectors/${connectorId}/test`)).json();
      expect(test).toMatchObject({ ok: false, code: 'CONNECTOR_BAD_CREDENTIALS' });
      expect(test.message).toMatch(/refused/);
      const back = await t.as('hr').patch(`/api/v1/connectors/${connectorId}`, { appSecret: secret });
      expect(back.statusCode).toBe(200);
      expect((await t.as('hr').post(`/api/v1/connectors/${connectorId}/test`)).json()).toMatchObject({ ok: true, code: null });
      const audit = await db().database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'connector').where('entity_id', '=', String(connectorId)).execute();
      expect(JSON.stringify(audit)).not.toContain(longer);
      expect(audit.filter((a) => a.action === 'connector.update')).toHaveLength(2);
    });

    it('rejects base URLs the operator did not allow and bad AES keys', async () => {
      expect((await t.as('hr').post('/api/v1/connectors', body(t.companyId, clean, { baseUrl: 'http://example.com' }))).json().error.code).toBe('EGRESS_NOT_ALLOWED');
      expect((await t.as('hr').post('/api/v1/connectors', body(t.companyId, clean, { baseUrl: 'ftp://example.com' }))).json().error.code).toBe('INVALID_BASE_URL');
      expect((await t.as('hr').post('/api/v1/connectors', body(t.companyId, clean, { encodingAesKey: 'short' }))).statusCode).toBe(400);
    });

    it('is scoped to admin and the company HR', async () => {
      await ensureConnector();
      expect((await t.as('employee').get(`/api/v1/connectors/${connectorId}`)).statusCode).toBe(403);
      expect((await t.as('manager').get(`/api/v1/connectors/${connectorId}`)).statusCode).toBe(403);
      expect((await t.as('employee').post('/api/v1/connectors', body(t.companyId, clean))).statusCode).toBe(403);
      expect((await t.as('otherHr').get(`/api/v1/connectors/${connectorId}`)).statusCode).toBe(404);
      expect((await t.as('otherHr').post(`/api/v1/connectors/${connectorId}/sync`, { kind: 'punches' })).statusCode).toBe(404);
      expect((await t.as('otherHr').get(`/api/v1/connectors?companyId=${t.companyId}`)).statusCode).toBe(404);
      expect((await t.as('anonymous').get(`/api/v1/connectors/${connectorId}`)).statusCode).toBe(401);
      expect((await t.as('admin').get(`/api/v1/connectors/${connectorId}`)).statusCode).toBe(200);
      const others = (await t.as('otherHr').get('/api/v1/connectors')).json();
      expect(others.items.map((c: { id: number }) => c.id)).not.toContain(connectorId);
    });

    it('pauses and resumes; a paused connector takes no sync requests', async () => {
      await ensureConnector();
      expect((await t.as('hr').post(`/api/v1/connectors/${connectorId}/pause`)).json().status).toBe('paused');
      expect((await t.as('hr').post(`/api/v1/connectors/${connectorId}/sync`, { kind: 'punches' })).json().error.code).toBe('CONNECTOR_PAUSED');
      expect((await t.as('hr').post(`/api/v1/connectors/${connectorId}/resume`)).json().status).toBe('active');
      const [from, to] = [addDays(today(), -3), addDays(today(), -1)];
      const res = await t.as('hr').post(`/api/v1/connectors/${connectorId}/sync`, { kind: 'punches', from, to });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toMatchObject({ queued: true, kind: 'punches' });
      const job = (await listJobs(db(), 'connectors.sync')).find((j) => j.id === res.json().jobId);
      expect(job?.payload).toEqual({ connectorId, kind: 'punches', from, to });
    });
  });

  describe('directory sync', () => {
    it('creates employees and identities, links a matching employee, reports an ambiguous one', async () => {
      const { run, users, match, amb } = await firstDirectorySync();
      expect(run?.status).toBe('succeeded');
      const counts = run!.counts as Record<string, unknown> & { errors: Array<{ code: string; userExternalId?: string }> };
      expect(counts).toMatchObject({ platformUsers: users.length, linked: 1, ambiguous: 1, created: users.length - 2, departmentsLinked: 1, departmentsCreated: 1 });
      expect(counts.errors.filter((e) => e.code === 'AMBIGUOUS_MATCH').map((e) => e.userExternalId)).toEqual([amb.userId]);
      const ids = await db().database.db.selectFrom('external_identities').select(['external_id', 'employee_id']).where('company_id', '=', t.companyId).where('provider', '=', 'dingtalk').execute();
      expect(ids).toHaveLength(users.length - 1);
      expect(ids.find((i) => i.external_id === match.userId)?.employee_id).toBe(linkedEmployee);
      expect(ids.some((i) => i.external_id === amb.userId)).toBe(false);
      // The platform filled what Daka left empty on the linked employee, and only that.
      const linked = await db().database.db.selectFrom('employees').selectAll().where('id', '=', linkedEmployee).executeTakeFirstOrThrow();
      expect(linked.name).toBe(`预置${match.jobNumber}`);
      expect(linked.email).toBe(match.email);
      expect(counts.errors.filter((e) => e.code === 'FIELD_CONFLICT').some((e) => e.userExternalId === match.userId)).toBe(true);
      const noJob = users.find((u) => !u.jobNumber);
      if (noJob) {
        const e = await db().database.db.selectFrom('employees').innerJoin('external_identities', 'external_identities.employee_id', 'employees.id').select('employees.job_number').where('external_identities.external_id', '=', noJob.userId).where('external_identities.company_id', '=', t.companyId).executeTakeFirstOrThrow();
        expect(e.job_number).toBe(noJob.userId);
      }
      const dept = await db().database.db.selectFrom('departments').select(['id', 'name']).where('company_id', '=', t.companyId).where('name', '=', '销售部').executeTakeFirstOrThrow();
      const sales = users.filter((u) => u.deptIds[0] === 101 && u !== amb && u !== match);
      const inSales = await db().database.db.selectFrom('employees').select('id').where('department_id', '=', dept.id).execute();
      expect(inSales.length).toBe(sales.length);
    });

    it('a second sync changes nothing', async () => {
      await ensureDirectorySynced();
      const before = await db().database.db.selectFrom('employees').select((eb) => eb.fn.countAll<number>().as('n')).where('company_id', '=', t.companyId).executeTakeFirstOrThrow();
      const run = await t.services.connectors.run({ connectorId, kind: 'directory' });
      expect(run?.counts).toMatchObject({ created: 0, linked: 0, updated: 0, deactivated: 0, ambiguous: 1, departmentsCreated: 0 });
      const after = await db().database.db.selectFrom('employees').select((eb) => eb.fn.countAll<number>().as('n')).where('company_id', '=', t.companyId).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      expect(ambiguousUser).toBeTruthy();
    });

    it('deactivates a leaver it linked, and nobody else', async () => {
      await ensureDirectorySynced();
      const users = clean.company.users;
      const idx = users.findIndex((u, i) => i > 5 && u.userId !== ambiguousUser);
      const [leaver] = users.splice(idx, 1);
      try {
        const run = await t.services.connectors.run({ connectorId, kind: 'directory' });
        expect(run?.counts).toMatchObject({ deactivated: 1, created: 0 });
        const e = await db().database.db.selectFrom('employees').innerJoin('external_identities', 'external_identities.employee_id', 'employees.id').select(['employees.status', 'employees.leave_date']).where('external_identities.external_id', '=', leaver.userId).where('external_identities.company_id', '=', t.companyId).executeTakeFirstOrThrow();
        expect(e.status).toBe('inactive');
        const staff = await db().database.db.selectFrom('employees').select('status').where('company_id', '=', t.companyId).where('job_number', 'in', ['M001', 'E001', 'DUP-1', 'DUP-2']).execute();
        expect(staff.every((s) => s.status === 'active')).toBe(true);
      } finally {
        users.splice(idx, 0, leaver);
      }
    });
  });

  describe('punch sync', () => {
    it('a run through 20% injected faults stores exactly the punches of a clean run', async () => {
      await ensureDirectorySynced();
      const [from, to] = punchRange();
      if (otherConnectorId === undefined) {
        const other = await t.as('otherHr').post('/api/v1/connectors', body(t.otherCompanyId, faulty));
        expect(other.statusCode).toBe(201);
        otherConnectorId = other.json().id;
      }
      const good = await t.services.connectors.run({ connectorId, kind: 'punches', from, to });
      expect(good?.status).toBe('succeeded');
      faulty.setFaults({ rate: 0.2, seed: 'twenty', kinds: { rate_limit: 2, server_error: 2, system_busy: 2, slow: 1 }, slowMs: 20 });
      const bad = await t.services.connectors.run({ connectorId: otherConnectorId, kind: 'punches', from, to });
      faulty.setFaults(null);
      expect(bad?.status, bad?.error ?? '').toBe('succeeded');
      expect(Object.values(faulty.stats.faults).reduce((a, b) => a + (b ?? 0), 0)).toBeGreaterThan(0);
      const a = await punchKeys(t.companyId, from, to);
      const b = await punchKeys(t.otherCompanyId, from, to);
      expect(a.length).toBeGreaterThan(100);
      expect(b).toEqual(a);
      expect(good!.counts).toMatchObject({ created: a.length, batchesDone: good!.counts.batches });
      // Linked users' punches are attributed; the ambiguous member's are kept unmatched.
      const unmatched = await db().database.db.selectFrom('checkins').select('external_id').distinct().where('company_id', '=', t.companyId).where('employee_id', 'is', null).where('provider', '=', 'dingtalk').execute();
      expect(unmatched.map((u) => u.external_id)).toEqual([ambiguousUser]);
      const again = await t.services.connectors.run({ connectorId, kind: 'punches', from, to });
      expect(again?.counts).toMatchObject({ created: 0, duplicates: a.length });
    });

    it('keeps the cursor of a failing run and resumes from it', async () => {
      await ensureConnector();
      await ensureOtherConnector();
      const rFrom = addDays(today(), -40);
      const rTo = addDays(today(), -20);
      t.services.connectors.tuning.retry = { ...FAST_RETRY, maxTransientRetries: 0 };
      t.services.connectors.tuning.concurrency = 1;
      const calls = () => faulty.stats.byPath['/attendance/listRecord'] ?? 0;
      const deps = t.services.connectors.syncDeps;
      const ingest = deps.checkins;
      try {
        // The platform starts failing every listRecord call once two batches are stored.
        let batches = 0;
        deps.checkins = {
          ingest: async (companyId, items) => {
            const r = await ingest.ingest(companyId, items);
            if (++batches === 2) faulty.setFaults({ rate: 1, kinds: { server_error: 1 }, paths: ['/attendance/listRecord'] });
            return r;
          },
        };
        const first = await t.services.connectors.run({ connectorId: otherConnectorId, kind: 'punches', from: rFrom, to: rTo });
        faulty.setFaults(null);
        deps.checkins = ingest;
        expect(first?.status).toBe('failed');
        expect(first?.error).toMatch(/^CONNECTOR_UPSTREAM_ERROR|^CONNECTOR_/);
        const stored = await db().database.db.selectFrom('connector_cursors').selectAll().where('connector_id', '=', otherConnectorId).where('kind', '=', `backfill:${rFrom}:${rTo}`).executeTakeFirstOrThrow();
        const cursor = JSON.parse(stored.cursor).cursor as { doneBelow: number; doneAbove: number[]; total: number };
        const done = cursor.doneBelow + cursor.doneAbove.length;
        expect(done).toBe(first!.counts.batchesDone);
        expect(done).toBe(2);
        expect(cursor.total).toBe(6);
        const connector = (await t.as('otherHr').get(`/api/v1/connectors/${otherConnectorId}`)).json();
        expect(connector.status).toBe('error');
        expect(connector.lastError).toContain('CONNECTOR_');
        const before = calls();
        const second = await t.services.connectors.run({ connectorId: otherConnectorId, kind: 'punches', from: rFrom, to: rTo });
        expect(second?.status).toBe('succeeded');
        expect(second?.counts).toMatchObject({ resumedFrom: done, batchesDone: cursor.total - done });
        expect(calls() - before).toBe(cursor.total - done);
        const healed = (await t.as('otherHr').get(`/api/v1/connectors/${otherConnectorId}`)).json();
        expect(healed).toMatchObject({ status: 'active', lastError: null });
        // Same punches as a clean run of the same range.
        await t.services.connectors.run({ connectorId, kind: 'punches', from: rFrom, to: rTo });
        expect(await punchKeys(t.otherCompanyId, rFrom, rTo)).toEqual(await punchKeys(t.companyId, rFrom, rTo));
      } finally {
        deps.checkins = ingest;
        faulty.setFaults(null);
        t.services.connectors.tuning.retry = FAST_RETRY;
        t.services.connectors.tuning.concurrency = undefined;
      }
    });

    it('lists runs and shows metered usage on the connector', async () => {
      await ensurePunchesSynced();
      const runs = (await t.as('hr').get(`/api/v1/connectors/${connectorId}/runs?kind=backfill`)).json();
      const stored = await db().database.db.selectFrom('connector_runs').select('id').where('connector_id', '=', connectorId).where('kind', '=', 'backfill').execute();
      expect(stored.length).toBeGreaterThanOrEqual(1);
      expect(runs.total).toBe(stored.length);
      expect(runs.items[0]).toMatchObject({ kind: 'backfill', status: 'succeeded' });
      const detail = (await t.as('hr').get(`/api/v1/connectors/${connectorId}`)).json();
      expect(detail.lastRuns.length).toBeGreaterThan(0);
      expect(detail.usage.limit).toBe(10_000);
      expect(detail.usage.used).toBeGreaterThan(0);
      expect(detail.usage.warning).toBe(false);
    });

    it('warns on the run and the status when the DingTalk budget passes its threshold', async () => {
      await ensureDirectorySynced();
      // The warning level sits one call above this month's usage so far, so the run below crosses it.
      const used = (await t.as('hr').get(`/api/v1/connectors/${connectorId}`)).json().usage.used as number;
      const budgetLimit = 2 * (used + 1);
      await t.as('hr').patch(`/api/v1/connectors/${connectorId}`, { settings: { ...body(t.companyId, clean).settings, budgetLimit, budgetWarnAt: 0.5 } });
      expect((await t.as('hr').get(`/api/v1/connectors/${connectorId}`)).json().usage.warning).toBe(false);
      const run = await t.services.connectors.run({ connectorId, kind: 'punches', from: addDays(today(), -2), to: today() });
      expect(String(run?.counts.budgetWarning)).toMatch(new RegExp(` of ${budgetLimit} `));
      expect((await t.as('hr').get(`/api/v1/connectors/${connectorId}`)).json().usage.warning).toBe(true);
      await t.as('hr').patch(`/api/v1/connectors/${connectorId}`, { settings: body(t.companyId, clean).settings });
    });
  });

  describe('WeCom', () => {
    let wecom: WeComSimulator;
    let wecomId: number;
    beforeAll(async () => {
      wecom = await startWeComSimulator({ seed: 'wecom-conn', company: { users: 30 } });
    });
    afterAll(async () => {
      await wecom?.close();
    });

    const createWeCom = () =>
      t.as('otherHr').post('/api/v1/connectors', {
        companyId: t.otherCompanyId, platform: 'wecom', name: '企业微信', corpId: wecom.corpId, agentId: String(wecom.apps[0].agentId),
        appSecret: wecom.apps[0].secret, callbackToken: 'wc-token', encodingAesKey: aesKey(), baseUrl: wecom.url,
      });
    let directorySynced = false;
    const ensureWeComDirectory = async () => {
      if (wecomId === undefined) wecomId = (await createWeCom()).json().id;
      if (!directorySynced) directorySynced = (await t.services.connectors.run({ connectorId: wecomId, kind: 'directory' }))?.status === 'succeeded';
    };

    it('syncs the directory and says which contact fields the app cannot read', async () => {
      const res = await createWeCom();
      expect(res.statusCode, res.body).toBe(201);
      wecomId = res.json().id;
      expect(res.json().appKey).toBe(String(wecom.apps[0].agentId));
      const run = await t.services.connectors.run({ connectorId: wecomId, kind: 'directory' });
      directorySynced = run?.status === 'succeeded';
      expect(run?.status, run?.error ?? '').toBe('succeeded');
      const withoutContact = wecom.company.users.filter((u) => u.index % 2 === 1).length;
      const missing = run!.counts.missingFields as Record<string, number>;
      expect(missing.email).toBeGreaterThanOrEqual(withoutContact);
      expect(missing.mobile).toBeGreaterThanOrEqual(withoutContact);
      expect(String(run!.counts.missingFieldsNote)).toMatch(/WeCom returned no email for \d+ of 30 members and no mobile for \d+ of 30 members/);
      expect(run!.counts).toMatchObject({ created: 30, ambiguous: 0 });
      const ids = await db().database.db.selectFrom('external_identities').select('external_id').where('company_id', '=', t.otherCompanyId).where('provider', '=', 'wecom').where('tenant', '=', wecom.corpId).execute();
      expect(ids).toHaveLength(30);
    });

    it('syncs punches incrementally with a saved cursor, attributed to the synced employees', async () => {
      await ensureWeComDirectory();
      const run = await t.services.connectors.run({ connectorId: wecomId, kind: 'punches' });
      expect(run?.status, run?.error ?? '').toBe('succeeded');
      const cursor = await db().database.db.selectFrom('connector_cursors').selectAll().where('connector_id', '=', wecomId).where('kind', '=', 'punches').executeTakeFirstOrThrow();
      const stored = JSON.parse(cursor.cursor);
      expect(stored).toMatchObject({ from: addDays(today(), -1), to: today() });
      expect(stored.completedAtMs).toBeGreaterThan(0);
      const back = await t.services.connectors.run({ connectorId: wecomId, kind: 'punches', from: addDays(today(), -10), to: addDays(today(), -2) });
      expect(back?.status, back?.error ?? '').toBe('succeeded');
      const rows = await db().database.db.selectFrom('checkins').select(['employee_id', 'source']).where('company_id', '=', t.otherCompanyId).where('provider', '=', 'wecom').execute();
      expect(rows.length).toBeGreaterThan(50);
      expect(rows.every((r) => r.employee_id !== null && r.source === 'wecom')).toBe(true);
      expect(back!.counts).toMatchObject({ unmatched: 0 });
    });
  });

  describe('approvals, reconciliation, outbound', () => {
    it('mirrors the platform approvals as requests, once', async () => {
      await ensureDirectorySynced();
      const month = clean.company.month;
      const from = `${month}-01`;
      const to = addDays(`${addDays(from, 40).slice(0, 7)}-01`, -1);
      const run = await t.services.connectors.run({ connectorId, kind: 'approvals', from, to });
      expect(run?.status, run?.error ?? '').toBe('succeeded');
      const counts = run!.counts as Record<string, number>;
      expect(counts.created).toBeGreaterThan(0);
      const rows = await db().database.db.selectFrom('requests').selectAll().where('company_id', '=', t.companyId).where('source', '=', 'dingtalk').execute();
      expect(rows.length).toBe(counts.created);
      const fake = new Map(clean.company.approvals.map((a) => [a.id, a]));
      for (const r of rows) {
        const a = fake.get(r.external_id!)!;
        expect(r.kind).toBe(a.kind);
        expect(r.status).toBe(a.status === 'withdrawn' ? 'cancelled' : a.status);
      }
      const again = await t.services.connectors.run({ connectorId, kind: 'approvals', from, to });
      expect(again?.counts).toMatchObject({ created: 0, updated: 0, unchanged: counts.created });
    });

    it('stores differences between platform results and attendance days', async () => {
      await ensurePunchesSynced();
      // A day inside the range the punch-sync test stored (today-16 … today-3) on which the simulated tenant punched.
      const { date } = recentPunchDay(clean.company, addDays(today(), -4));
      const punches = await db().database.db.selectFrom('checkins').select(['employee_id', 'external_id', 'platform_result']).where('company_id', '=', t.companyId).where('provider', '=', 'dingtalk').where('wall_time', 'like', `${date}%`).where('employee_id', 'is not', null).execute();
      const byEmployee = new Map<number, { ext: string; late: boolean }>();
      for (const p of punches) {
        const cur = byEmployee.get(p.employee_id!) ?? { ext: p.external_id, late: false };
        cur.late ||= /Late/.test(p.platform_result ?? '');
        byEmployee.set(p.employee_id!, cur);
      }
      // Two employees whose day the platform judged complete (in and out, not early), taken in id order:
      // an incomplete day would differ on missing_punch or early as well.
      const complete = [...byEmployee.entries()]
        .filter(([, e]) => {
          const user = clean.company.user(e.ext);
          const day = user ? clean.company.punchesOn(user, date) : [];
          return day.some((p) => p.kind === 'in') && day.some((p) => p.kind === 'out') && !day.some((p) => p.early);
        })
        .sort((a, b) => a[0] - b[0]);
      expect(complete.length).toBeGreaterThanOrEqual(2);
      const [agree, disagree] = complete;
      const dayRow = (employeeId: number, late: boolean) => ({
        company_id: t.companyId, employee_id: employeeId, date, group_id: null, shift_type_id: null, day_type: 'workday', status: late ? 'late' : 'normal', late: late ? 1 : 0, late_minutes: late ? 5 : 0, late_level: late ? 'minor' : 'none', early: 0, early_minutes: 0, missing_in: 0, missing_out: 0, worked_minutes: 480, overtime_minutes: 0, overtime_category: 'none', overtime_pay_multiplier: 1, unapproved_overtime_minutes: null, in_time: '09:00', out_time: '18:00', ignored_punch_count: 0, duplicate_punch_count: 0, leave_type: null, leave_half: null, corrections_used: 0, explanation: null, computed_at_ms: Date.now(),
      });
      await db().database.db.deleteFrom('attendance_days').where('company_id', '=', t.companyId).where('date', '=', date).execute();
      await db().database.db.insertInto('attendance_days').values([dayRow(agree[0], agree[1].late), dayRow(disagree[0], !disagree[1].late)]).execute();
      // Without access to the punch-results API, reconciliation falls back to the verdicts stored on the punches.
      clean.forbiddenApis.add('/attendance/list');
      const run = await t.services.connectors.run({ connectorId, kind: 'reconcile', from: date, to: date }).finally(() => clean.forbiddenApis.delete('/attendance/list'));
      expect(run?.status, run?.error ?? '').toBe('succeeded');
      expect(run?.counts).toMatchObject({ source: 'punch_verdicts', fallbackReason: expect.stringContaining('CONNECTOR_PERMISSION_DENIED') });
      const res = (await t.as('hr').get(`/api/v1/connectors/${connectorId}/reconciliation?date=${date}&pageSize=500`)).json();
      const mine = (id: number) => res.items.filter((d: { employeeId: number }) => d.employeeId === id);
      expect(mine(agree[0])).toEqual([]);
      expect(mine(disagree[0])).toMatchObject([{ kind: 'different_result', fields: ['late'], externalUserId: disagree[1].ext, daka: { late: !disagree[1].late }, platform: { late: disagree[1].late } }]);
      const missing = res.items.filter((d: { kind: string; employeeId: number | null }) => d.kind === 'missing_in_daka' && d.employeeId !== null);
      expect(missing.length).toBe(byEmployee.size - 2);
      expect((await t.as('employee').get(`/api/v1/connectors/${connectorId}/reconciliation?date=${date}`)).statusCode).toBe(403);
    });

    it('sends a work notice to a linked employee through the connector channel', async () => {
      await ensureDirectorySynced();
      const link = await db().database.db.selectFrom('external_identities').select(['employee_id', 'external_id']).where('company_id', '=', t.companyId).where('provider', '=', 'dingtalk').executeTakeFirstOrThrow();
      const res = await t.as('hr').post(`/api/v1/connectors/${connectorId}/test-message`, { employeeId: link.employee_id, text: '测试消息' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().messageIds.length).toBe(1);
      const sent = clean.stats.workNotices.at(-1)!;
      expect(sent.userIds).toEqual([link.external_id]);
      expect(JSON.stringify(sent.msg)).toContain('测试消息');
      const unlinked = await t.as('hr').post(`/api/v1/connectors/${connectorId}/test-message`, { employeeId: (await db().database.db.selectFrom('employees').select('id').where('job_number', '=', 'DUP-1').where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).id, text: 'x' });
      expect(unlinked.json().error.code).toBe('EMPLOYEE_NOT_LINKED');
      const channel = await t.services.connectors.channel(connectorId);
      expect(channel.kind).toBe('dingtalk_work_notice');
    });
  });
});
