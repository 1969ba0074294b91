/**
 * DELETE /api/v1/connectors/:id: who may, what goes (secrets, cursors, nonces, open differences,
 * syncs, callbacks) and what stays (punches, employees and their identities, run history, the
 * audit trail with the before-state but no secret).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealDingTalkCallback } from '../../src/sources/dingtalk/index.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../src/sources/dingtalk/simulator/index.js';
import { sealWeComCallback } from '../../src/sources/wecom/index.js';
import { startWeComSimulator, type WeComSimulator } from '../../src/sources/wecom/simulator/index.js';
import { sourcePlugins } from '../../src/sources/plugins.js';
import { addDays } from '../../src/shared/dates.js';
import { testToday } from '../helpers/test-clock.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { listJobs } from '../helpers/test-queue.js';

const aesKey = () => randomBytes(48).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 43);

describeEachDb('connector deletion', (db) => {
  let t: TestApp;
  let ding: DingTalkSimulator;
  let wecom: WeComSimulator;
  let dingId: number;
  let wecomId: number;
  const dt = { token: `dt-${randomBytes(4).toString('hex')}`, encodingAesKey: aesKey() };
  const wc = { token: `wc-${randomBytes(4).toString('hex')}`, encodingAesKey: aesKey() };
  const robotToken = `robot-${randomBytes(4).toString('hex')}`;
  const robotSecret = `SEC${randomBytes(8).toString('hex')}`;
  const deleted: number[] = [];

  const count = async (table: 'connector_cursors' | 'callback_nonces' | 'connector_runs' | 'reconciliation_diffs' | 'connector_usage', id: number) =>
    Number((await db().database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('connector_id', '=', id).executeTakeFirstOrThrow()).n);
  const dingCallback = (id: number, event: Record<string, unknown>) => {
    const sealed = sealDingTalkCallback(dt, ding.corpId, JSON.stringify(event), { timeStamp: String(Date.now()) });
    return t.app.inject({ method: 'POST', url: `/callbacks/dingtalk/${id}?${new URLSearchParams(sealed.query)}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(sealed.body) });
  };
  const companyCounts = async () => {
    const n = async (table: 'checkins' | 'external_identities' | 'employees') =>
      Number((await db().database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).n);
    return { checkins: await n('checkins'), identities: await n('external_identities'), employees: await n('employees') };
  };

  beforeAll(async () => {
    t = await createTestApp(db(), { plugins: sourcePlugins });
    t.services.connectors.onDeleted((id) => void deleted.push(id));
    ding = await startDingTalkSimulator({ seed: 'delete', company: { users: 10 }, robots: { [robotToken]: robotSecret } });
    wecom = await startWeComSimulator({ seed: 'delete', company: { users: 10 } });
    const create = async (payload: Record<string, unknown>) => {
      const res = await t.as('hr').post('/api/v1/connectors', { companyId: t.companyId, name: 'del', ...payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    dingId = await create({
      platform: 'dingtalk', corpId: ding.corpId, appKey: ding.apps[0].appKey, agentId: String(ding.apps[0].agentId), appSecret: ding.apps[0].appSecret,
      callbackToken: dt.token, encodingAesKey: dt.encodingAesKey, baseUrl: ding.url, robotWebhookUrl: `${ding.url}/robot/send?access_token=${robotToken}`, robotSecret,
    });
    wecomId = await create({ platform: 'wecom', corpId: wecom.corpId, agentId: String(wecom.apps[0].agentId), appSecret: wecom.apps[0].secret, callbackToken: wc.token, encodingAesKey: wc.encodingAesKey, baseUrl: wecom.url });
    // History worth keeping and state worth dropping: runs, cursors, punches, differences, a nonce.
    for (const job of [{ kind: 'directory' }, { kind: 'punches' }, { kind: 'reconcile', from: addDays(testToday(), -3), to: addDays(testToday(), -1) }] as const) {
      const run = await t.services.connectors.run({ connectorId: dingId, ...job });
      expect(run?.status, run?.error ?? '').toBe('succeeded');
    }
    expect((await dingCallback(dingId, { EventType: 'check_url' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await ding?.close();
    await wecom?.close();
  });

  it('is refused to employees, managers and another company’s HR, and changes nothing', async () => {
    expect((await t.as('anonymous').delete(`/api/v1/connectors/${dingId}`)).statusCode).toBe(401);
    expect((await t.as('employee').delete(`/api/v1/connectors/${dingId}`)).statusCode).toBe(403);
    expect((await t.as('manager').delete(`/api/v1/connectors/${dingId}`)).statusCode).toBe(403);
    expect((await t.as('otherHr').delete(`/api/v1/connectors/${dingId}`)).statusCode).toBe(404);
    expect((await t.as('hr').get(`/api/v1/connectors/${dingId}`)).statusCode).toBe(200);
    expect(deleted).toEqual([]);
  });

  describe('after HR deletes it', () => {
    let before: Awaited<ReturnType<typeof companyCounts>>;
    let runsBefore: number;
    beforeAll(async () => {
      before = await companyCounts();
      runsBefore = await count('connector_runs', dingId);
      expect(await count('connector_cursors', dingId)).toBeGreaterThan(0);
      expect(await count('callback_nonces', dingId)).toBeGreaterThan(0);
      expect(await count('reconciliation_diffs', dingId)).toBeGreaterThan(0);
      await t.as('hr').post(`/api/v1/connectors/${dingId}/sync`, { kind: 'directory' });
      const res = await t.as('hr').delete(`/api/v1/connectors/${dingId}`);
      expect(res.statusCode, res.body).toBe(204);
    });

    it('destroys the secrets and drops cursors, nonces and open differences', async () => {
      const row = await db().database.db.selectFrom('connectors').selectAll().where('id', '=', dingId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ secrets_sealed: '', status: 'paused', last_error: null });
      expect(row.deleted_at_ms).toBeGreaterThan(0);
      expect(await count('connector_cursors', dingId)).toBe(0);
      expect(await count('callback_nonces', dingId)).toBe(0);
      expect(await count('reconciliation_diffs', dingId)).toBe(0);
    });

    it('keeps punches, employees, their identities, run history and usage', async () => {
      expect(await companyCounts()).toEqual(before);
      expect(before.checkins).toBeGreaterThan(0);
      expect(await count('connector_runs', dingId)).toBe(runsBefore);
      expect(await count('connector_usage', dingId)).toBeGreaterThan(0);
      const runs = await t.as('hr').get(`/api/v1/connectors/${dingId}/runs`);
      expect(runs.statusCode).toBe(200);
      expect(runs.json().total).toBe(runsBefore);
      expect((await t.as('otherHr').get(`/api/v1/connectors/${dingId}/runs`)).statusCode).toBe(404);
      expect((await t.as('employee').get(`/api/v1/connectors/${dingId}/runs`)).statusCode).toBe(403);
    });

    it('is gone from the API: 404 everywhere, not listed', async () => {
      expect((await t.as('hr').get(`/api/v1/connectors/${dingId}`)).statusCode).toBe(404);
      expect((await t.as('hr').patch(`/api/v1/connectors/${dingId}`, { name: 'x' })).statusCode).toBe(404);
      expect((await t.as('hr').post(`/api/v1/connectors/${dingId}/sync`, { kind: 'punches' })).statusCode).toBe(404);
      expect((await t.as('hr').post(`/api/v1/connectors/${dingId}/resume`)).statusCode).toBe(404);
      expect((await t.as('hr').post(`/api/v1/connectors/${dingId}/messages`, { target: 'robot', content: 'x' })).statusCode).toBe(404);
      expect((await t.as('hr').get(`/api/v1/connectors/${dingId}/reconciliation`)).statusCode).toBe(404);
      expect((await t.as('hr').delete(`/api/v1/connectors/${dingId}`)).statusCode).toBe(404);
      const list = (await t.as('hr').get(`/api/v1/connectors?companyId=${t.companyId}`)).json();
      expect(list.items.map((c: { id: number }) => c.id)).toEqual([wecomId]);
    });

    it('answers its callbacks with 404', async () => {
      const res = await dingCallback(dingId, { EventType: 'check_url' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      expect((await dingCallback(dingId, { EventType: 'user_add_org', UserId: ['u000001'] })).statusCode).toBe(404);
    });

    it('stops syncs: queued and scheduled jobs skip it, its channels are gone', async () => {
      const queued = await listJobs(db(), 'connectors.sync');
      expect(queued.some((j) => j.payload.connectorId === dingId)).toBe(true);
      expect(await t.services.connectors.run({ connectorId: dingId, kind: 'directory' })).toBeNull();
      expect(await t.services.connectors.run({ connectorId: dingId, kind: 'punches' })).toBeNull();
      expect((await t.services.connectors.syncDeps.repo.active()).map((r) => r.id)).not.toContain(dingId);
      await expect(t.services.connectors.channels(dingId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await count('connector_runs', dingId)).toBe(runsBefore);
      expect(deleted).toEqual([dingId]);
    });

    it('audits the deletion with the before-state and never a secret', async () => {
      const audit = await db().database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'connector').where('entity_id', '=', String(dingId)).where('action', '=', 'connector.delete').execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0].before!)).toMatchObject({ id: dingId, companyId: t.companyId, platform: 'dingtalk', name: 'del', corpId: ding.corpId, appKey: ding.apps[0].appKey, status: 'active' });
      expect(JSON.parse(audit[0].after!)).toEqual({ deleted: true, credentialsDestroyed: ['appSecret', 'callbackToken', 'encodingAesKey', 'robotWebhookUrl', 'robotSecret'] });
      const all = JSON.stringify(await db().database.db.selectFrom('audit_log').selectAll().execute());
      for (const s of [ding.apps[0].appSecret, dt.token, dt.encodingAesKey, robotToken, robotSecret]) expect(all).not.toContain(s);
    });

    it('a new connector for the same corp finds the employees through the identities it kept', async () => {
      const res = await t.as('hr').post('/api/v1/connectors', {
        companyId: t.companyId, name: 'again', platform: 'dingtalk', corpId: ding.corpId, appKey: ding.apps[0].appKey, appSecret: ding.apps[0].appSecret,
        callbackToken: dt.token, encodingAesKey: dt.encodingAesKey, baseUrl: ding.url,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().id).not.toBe(dingId);
      const run = await t.services.connectors.run({ connectorId: res.json().id, kind: 'directory' });
      expect(run?.counts).toMatchObject({ created: 0, linked: 0 });
      expect((await companyCounts()).employees).toBe(before.employees);
    });
  });

  it('admin deletes a WeCom connector; its URL verification and events answer 404', async () => {
    const verify = () => {
      const sealed = sealWeComCallback(wc, wecom.corpId, '1234567890');
      return t.app.inject({ method: 'GET', url: `/callbacks/wecom/${wecomId}?${new URLSearchParams({ ...sealed.query, echostr: sealed.encrypt })}` });
    };
    expect((await verify()).statusCode).toBe(200);
    expect((await t.as('admin').delete(`/api/v1/connectors/${wecomId}`)).statusCode).toBe(204);
    expect((await verify()).statusCode).toBe(404);
    const sealed = sealWeComCallback(wc, wecom.corpId, `<xml><ToUserName><![CDATA[${wecom.corpId}]]></ToUserName><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event></xml>`);
    const post = await t.app.inject({ method: 'POST', url: `/callbacks/wecom/${wecomId}?${new URLSearchParams(sealed.query)}`, headers: { 'content-type': 'text/xml' }, payload: sealed.xml });
    expect(post.statusCode).toBe(404);
    expect(deleted).toContain(wecomId);
  });
});
