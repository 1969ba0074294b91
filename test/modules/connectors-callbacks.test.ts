/**
 * Platform callbacks over real HTTP on 127.0.0.1, pushed by the simulators: DingTalk check_url
 * and events (encrypted "success" reply), bad signatures, replays and stale timestamps refused
 * with their codes, WeCom echostr verification and events; each event queues a targeted sync.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealDingTalkCallback } from '../../src/sources/dingtalk/index.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../src/sources/dingtalk/simulator/index.js';
import { callbackSignature, decryptCallbackPayload } from '../../src/sources/platform/index.js';
import { sealWeComCallback } from '../../src/sources/wecom/index.js';
import { startWeComSimulator, type WeComSimulator } from '../../src/sources/wecom/simulator/index.js';
import { sourcePlugins } from '../../src/sources/plugins.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { listJobs } from '../helpers/test-queue.js';

const aesKey = () => randomBytes(48).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 43);

describeEachDb('connector callbacks', (db) => {
  let t: TestApp;
  let base: string;
  let ding: DingTalkSimulator;
  let wecom: WeComSimulator;
  let dingId: number;
  let wecomId: number;
  const dt = { token: `dt-${randomBytes(4).toString('hex')}`, encodingAesKey: aesKey() };
  const wc = { token: `wc-${randomBytes(4).toString('hex')}`, encodingAesKey: aesKey() };

  const queued = async (connectorId: number) =>
    (await listJobs(db(), 'connectors.sync'))
      .map((j) => j.payload)
      .filter((p) => p.connectorId === connectorId);
  const postDing = (id: number, sealed: { query: Record<string, string>; body: unknown }) =>
    t.app.inject({ method: 'POST', url: `/callbacks/dingtalk/${id}?${new URLSearchParams(sealed.query)}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(sealed.body) });

  beforeAll(async () => {
    t = await createTestApp(db(), { plugins: sourcePlugins });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    ding = await startDingTalkSimulator({ seed: 'cb', company: { users: 10 }, callback: dt });
    wecom = await startWeComSimulator({ seed: 'cb', company: { users: 10 }, callback: wc });
    const create = async (payload: Record<string, unknown>) => {
      const res = await t.as('hr').post('/api/v1/connectors', { companyId: t.companyId, name: 'cb', ...payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    dingId = await create({ platform: 'dingtalk', corpId: ding.corpId, appKey: ding.apps[0].appKey, appSecret: ding.apps[0].appSecret, callbackToken: dt.token, encodingAesKey: dt.encodingAesKey, baseUrl: ding.url });
    wecomId = await create({ platform: 'wecom', corpId: wecom.corpId, agentId: String(wecom.apps[0].agentId), appSecret: wecom.apps[0].secret, callbackToken: wc.token, encodingAesKey: wc.encodingAesKey, baseUrl: wecom.url });
  });
  afterAll(async () => {
    await ding?.close();
    await wecom?.close();
    await t?.app.close();
  });

  describe('DingTalk', () => {
    it('answers check_url with the encrypted, signed "success"', async () => {
      const res = await ding.sendCallback(`${base}/callbacks/dingtalk/${dingId}`, { EventType: 'check_url' });
      expect(res.status).toBe(200);
      const reply = JSON.parse(res.body) as { msg_signature: string; timeStamp: string; nonce: string; encrypt: string };
      expect(reply.msg_signature).toBe(callbackSignature(dt.token, reply.timeStamp, reply.nonce, reply.encrypt));
      expect(reply.nonce).toHaveLength(16);
      const plain = decryptCallbackPayload(dt.encodingAesKey, reply.encrypt, 'dingtalk');
      expect(plain).toMatchObject({ message: 'success', receiveId: ding.corpId });
    });

    it('turns a punch event into a re-query of that user\'s punches', async () => {
      const at = Date.parse('2026-11-10T01:05:00Z');
      const res = await ding.sendCallback(`${base}/callbacks/dingtalk/${dingId}`, { EventType: 'attendance_check_record', CorpId: ding.corpId, dataList: [{ userId: 'u000003', checkTime: at }] });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).encrypt).toBeTruthy();
      expect(await queued(dingId)).toContainEqual({ connectorId: dingId, kind: 'punches', userIds: ['u000003'], from: '2026-11-09', to: '2026-11-10' });
    });

    it('queues a member update, a leaver and an approval from their events', async () => {
      await ding.sendCallback(`${base}/callbacks/dingtalk/${dingId}`, { EventType: 'user_modify_org', CorpId: ding.corpId, UserId: ['u000004'] });
      await ding.sendCallback(`${base}/callbacks/dingtalk/${dingId}`, { EventType: 'user_leave_org', CorpId: ding.corpId, UserId: ['u000005'] });
      await ding.sendCallback(`${base}/callbacks/dingtalk/${dingId}`, { EventType: 'bpms_instance_change', processInstanceId: 'PI-1', processCode: 'PROC-LEAVE-0001', type: 'finish', result: 'agree', staffId: 'u000004' });
      const jobs = await queued(dingId);
      expect(jobs).toContainEqual({ connectorId: dingId, kind: 'directory_users', userIds: ['u000004'], left: false });
      expect(jobs).toContainEqual({ connectorId: dingId, kind: 'directory_users', userIds: ['u000005'], left: true });
      expect(jobs).toContainEqual({ connectorId: dingId, kind: 'approvals', approvalId: 'PI-1' });
    });

    it('refuses a bad signature with 401 CALLBACK_BAD_SIGNATURE and queues nothing', async () => {
      const before = (await queued(dingId)).length;
      const sealed = sealDingTalkCallback({ token: 'not-the-token', encodingAesKey: dt.encodingAesKey }, ding.corpId, JSON.stringify({ EventType: 'user_add_org', UserId: ['u000006'] }), { timeStamp: String(Date.now()) });
      const res = await postDing(dingId, sealed);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('CALLBACK_BAD_SIGNATURE');
      expect((await queued(dingId)).length).toBe(before);
    });

    it('accepts a callback once and refuses its replay', async () => {
      const sealed = sealDingTalkCallback(dt, ding.corpId, JSON.stringify({ EventType: 'user_add_org', UserId: ['u000007'] }), { timeStamp: String(Date.now()) });
      const first = await postDing(dingId, sealed);
      expect(first.statusCode).toBe(200);
      const again = await postDing(dingId, sealed);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('CALLBACK_REPLAY');
      const nonces = await db().database.db.selectFrom('callback_nonces').select('nonce').where('connector_id', '=', dingId).execute();
      expect(nonces.some((n) => n.nonce.includes(sealed.query.nonce))).toBe(true);
    });

    it('refuses stale timestamps and foreign receive ids', async () => {
      const stale = sealDingTalkCallback(dt, ding.corpId, JSON.stringify({ EventType: 'check_url' }), { timeStamp: String(Date.now() - 10 * 60_000) });
      const res = await postDing(dingId, stale);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('CALLBACK_STALE');
      const foreign = sealDingTalkCallback(dt, 'dingothercorp', JSON.stringify({ EventType: 'check_url' }), { timeStamp: String(Date.now()) });
      const other = await postDing(dingId, foreign);
      expect(other.statusCode).toBe(401);
      expect(other.json().error.code).toBe('CALLBACK_BAD_RECEIVE_ID');
    });

    it('answers 404 for unknown connectors and for the other platform\'s path', async () => {
      const sealed = sealDingTalkCallback(dt, ding.corpId, JSON.stringify({ EventType: 'check_url' }), { timeStamp: String(Date.now()) });
      expect((await postDing(999_999, sealed)).statusCode).toBe(404);
      expect((await postDing(wecomId, sealed)).statusCode).toBe(404);
    });
  });

  describe('WeCom', () => {
    it('verifies the URL by echoing the decrypted echostr verbatim', async () => {
      const res = await wecom.verifyCallbackUrl(`${base}/callbacks/wecom/${wecomId}`);
      expect(res.status).toBe(200);
      expect(res.body).toBe(res.expected);
    });

    it('acknowledges a contact event with "success" and queues that member', async () => {
      const xml = `<xml><ToUserName><![CDATA[${wecom.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event><ChangeType><![CDATA[update_user]]></ChangeType><UserID><![CDATA[u000002]]></UserID></xml>`;
      const res = await wecom.sendCallback(`${base}/callbacks/wecom/${wecomId}`, xml);
      expect(res.status).toBe(200);
      expect(res.body).toBe('success');
      expect(await queued(wecomId)).toContainEqual({ connectorId: wecomId, kind: 'directory_users', userIds: ['u000002'], left: false });
    });

    it('refuses a forged echostr with 401', async () => {
      const sealed = sealWeComCallback({ token: 'wrong', encodingAesKey: wc.encodingAesKey }, wecom.corpId, '12345');
      const q = new URLSearchParams({ ...sealed.query, echostr: sealed.encrypt });
      const res = await t.app.inject({ method: 'GET', url: `/callbacks/wecom/${wecomId}?${q}` });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('CALLBACK_BAD_SIGNATURE');
    });
  });

  it('runs the queued member update against the platform', async () => {
    const run = await t.services.connectors.run({ connectorId: dingId, kind: 'directory_users', userIds: ['u000004'], left: false });
    expect(run?.status, run?.error ?? '').toBe('succeeded');
    const id = await db().database.db.selectFrom('external_identities').select('employee_id').where('company_id', '=', t.companyId).where('external_id', '=', 'u000004').where('tenant', '=', ding.corpId).executeTakeFirst();
    expect(id).toBeTruthy();
    const left = await t.services.connectors.run({ connectorId: dingId, kind: 'directory_users', userIds: ['u000004'], left: true });
    expect(left?.counts).toMatchObject({ deactivated: 1 });
    const e = await db().database.db.selectFrom('employees').select('status').where('id', '=', id!.employee_id).executeTakeFirstOrThrow();
    expect(e.status).toBe('inactive');
  });
});
