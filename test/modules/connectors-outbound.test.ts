/**
 * Outbound channels of a connector through the API, against the simulators on 127.0.0.1: work
 * notices and app messages to employees (per-recipient outcome), signed DingTalk and WeCom group
 * robots (configured with sealed credentials, signature and key refusals), WeCom schedules, input
 * validation, role checks and audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../src/sources/dingtalk/simulator/index.js';
import { startWeComSimulator, type WeComSimulator } from '../../src/sources/wecom/simulator/index.js';
import { checkRobotWebhook } from '../../src/modules/connectors/connector-robot.js';
import { SecretBox } from '../../src/shared/secret-box.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type RoleName, type TestApp } from '../helpers/test-app.js';

const FAST_RETRY = { transientBackoff: { baseMs: 2, maxMs: 10 }, rateLimitBackoff: { baseMs: 2, maxMs: 10 }, maxRateLimitRetries: 2 };
const KEY = 'A'.repeat(43);
const ROBOT_TOKEN = 'robot-token-7f3a';
const ROBOT_SECRET = 'SECrobot-signing-secret-91c2';
const WC_ROBOT_KEY = 'wc-robot-key-5d1e';

describe('robot webhook rules', () => {
  it('accepts the platforms’ own endpoints and the same path under the connector baseUrl only', () => {
    expect(checkRobotWebhook('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc', null)).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc');
    expect(checkRobotWebhook('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', null)).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k');
    expect(checkRobotWebhook('dingtalk', 'http://127.0.0.1:9/dt/robot/send?access_token=abc', 'http://127.0.0.1:9/dt')).toContain('/dt/robot/send');
    for (const [platform, url] of [
      ['dingtalk', 'https://evil.example.com/robot/send?access_token=abc'],
      ['dingtalk', 'http://oapi.dingtalk.com/robot/send?access_token=abc'],
      ['dingtalk', 'https://oapi.dingtalk.com/robot/send'],
      ['dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1&sign=x'],
      ['dingtalk', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k'],
      ['wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?access_token=k'],
      ['wecom', 'not a url'],
    ] as const) {
      expect(() => checkRobotWebhook(platform, url, null), url).toThrow(expect.objectContaining({ code: 'INVALID_ROBOT_WEBHOOK', details: { field: 'body.robotWebhookUrl' } }));
    }
  });
});

describeEachDb('connector outbound', (db) => {
  let t: TestApp;
  let ding: DingTalkSimulator;
  let wecom: WeComSimulator;
  let dingId: number;
  let wcId: number;
  let unlinked: number;
  const links: Record<'dingtalk' | 'wecom', Array<{ employee_id: number; external_id: string }>> = { dingtalk: [], wecom: [] };

  const audits = async (id: number, action: string) =>
    (await db().database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'connector').where('entity_id', '=', String(id)).where('action', '=', action).orderBy('id').execute()).map((a) => ({
      ...a,
      after: JSON.parse(a.after ?? 'null'),
    }));
  const roles = async (call: (role: RoleName) => Promise<{ statusCode: number }>) => {
    const out: Record<string, number> = {};
    for (const role of ['anonymous', 'employee', 'manager', 'otherHr'] as const) out[role] = (await call(role)).statusCode;
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp(db());
    t.services.connectors.tuning.retry = FAST_RETRY;
    ding = await startDingTalkSimulator({ seed: 'outbound', company: { users: 8 }, robots: { [ROBOT_TOKEN]: ROBOT_SECRET } });
    wecom = await startWeComSimulator({ seed: 'outbound', company: { users: 8 }, robots: [WC_ROBOT_KEY] });
    const dt = await t.as('hr').post('/api/v1/connectors', {
      companyId: t.companyId, platform: 'dingtalk', name: '钉钉', corpId: ding.corpId, appKey: ding.apps[0].appKey, agentId: String(ding.apps[0].agentId),
      appSecret: ding.apps[0].appSecret, callbackToken: 'cb-token', encodingAesKey: KEY, baseUrl: ding.url,
      robotWebhookUrl: `${ding.url}/robot/send?access_token=${ROBOT_TOKEN}`, robotSecret: ROBOT_SECRET,
    });
    expect(dt.statusCode, dt.body).toBe(201);
    dingId = dt.json().id;
    const wc = await t.as('hr').post('/api/v1/connectors', {
      companyId: t.companyId, platform: 'wecom', name: '企业微信', corpId: wecom.corpId, agentId: String(wecom.apps[0].agentId),
      appSecret: wecom.apps[0].secret, callbackToken: 'cb-token', encodingAesKey: KEY, baseUrl: wecom.url,
      robotWebhookUrl: `${wecom.url}/cgi-bin/webhook/send?key=${WC_ROBOT_KEY}`,
    });
    expect(wc.statusCode, wc.body).toBe(201);
    wcId = wc.json().id;
    for (const id of [dingId, wcId]) expect((await t.services.connectors.run({ connectorId: id, kind: 'directory' }))?.status).toBe('succeeded');
    for (const p of ['dingtalk', 'wecom'] as const) {
      links[p] = await db().database.db.selectFrom('external_identities').select(['employee_id', 'external_id']).where('company_id', '=', t.companyId).where('provider', '=', p).orderBy('external_id').execute();
      expect(links[p].length).toBe(8);
    }
    unlinked = (await db().database.db.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'E001').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await ding?.close();
    await wecom?.close();
  });

  describe('robot configuration', () => {
    it('seals the webhook and secret with the app secret and never returns or audits them', async () => {
      const got = await t.as('hr').get(`/api/v1/connectors/${dingId}`);
      expect(got.json()).toMatchObject({ hasRobot: true, robotSigned: true });
      expect((await t.as('hr').get(`/api/v1/connectors/${wcId}`)).json()).toMatchObject({ hasRobot: true, robotSigned: false });
      const list = await t.as('admin').get(`/api/v1/connectors?companyId=${t.companyId}`);
      const row = await db().database.db.selectFrom('connectors').selectAll().where('id', '=', dingId).executeTakeFirstOrThrow();
      const audit = await db().database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'connector').execute();
      for (const s of [ROBOT_TOKEN, ROBOT_SECRET, WC_ROBOT_KEY]) {
        for (const text of [got.body, list.body, row.secrets_sealed, JSON.stringify(audit)]) expect(text).not.toContain(s);
      }
      expect(JSON.parse(new SecretBox(Buffer.alloc(32, 7)).open(row.secrets_sealed)).robot).toEqual({ webhookUrl: `${ding.url}/robot/send?access_token=${ROBOT_TOKEN}`, secret: ROBOT_SECRET });
      const created = (await audits(dingId, 'connector.create'))[0];
      expect(created.after.credentialsSet).toEqual(['appSecret', 'callbackToken', 'encodingAesKey', 'robotWebhookUrl', 'robotSecret']);
    });

    it('rejects robot settings that do not fit, naming the field', async () => {
      const bad = async (id: number, body: Record<string, unknown>) => (await t.as('hr').patch(`/api/v1/connectors/${id}`, body)).json().error;
      expect(await bad(dingId, { robotWebhookUrl: 'https://evil.example.com/robot/send?access_token=x' })).toMatchObject({ code: 'INVALID_ROBOT_WEBHOOK', details: { field: 'body.robotWebhookUrl' } });
      expect(await bad(dingId, { robotWebhookUrl: `${ding.url}/robot/send` })).toMatchObject({ code: 'INVALID_ROBOT_WEBHOOK' });
      expect(await bad(wcId, { robotSecret: 'SECx' })).toMatchObject({ code: 'FIELD_NOT_FOR_PLATFORM', details: { field: 'body.robotSecret' } });
      expect(await bad(dingId, { robotSecret: '' })).toMatchObject({ code: 'VALIDATION_FAILED' });
      const res = await t.as('hr').post('/api/v1/connectors', {
        companyId: t.companyId, platform: 'dingtalk', name: 'x', corpId: ding.corpId, appKey: 'k', appSecret: 's', callbackToken: 'c', encodingAesKey: KEY, robotSecret: 'SECx',
      });
      expect(res.json().error).toMatchObject({ code: 'ROBOT_WEBHOOK_REQUIRED', details: { field: 'body.robotWebhookUrl' } });
      // Nothing changed by the refused requests.
      expect((await t.as('hr').get(`/api/v1/connectors/${dingId}`)).json()).toMatchObject({ hasRobot: true, robotSigned: true });
    });

    it('replaces and removes the robot; the audit names what changed without the values', async () => {
      const off = await t.as('hr').patch(`/api/v1/connectors/${dingId}`, { robotWebhookUrl: null });
      expect(off.json()).toMatchObject({ hasRobot: false, robotSigned: false });
      expect((await t.as('hr').post(`/api/v1/connectors/${dingId}/messages`, { target: 'robot', content: 'x' })).json().error).toMatchObject({ code: 'ROBOT_NOT_CONFIGURED', details: { field: 'body.target' } });
      const on = await t.as('hr').patch(`/api/v1/connectors/${dingId}`, { robotWebhookUrl: `${ding.url}/robot/send?access_token=${ROBOT_TOKEN}`, robotSecret: ROBOT_SECRET });
      expect(on.json()).toMatchObject({ hasRobot: true, robotSigned: true });
      const updates = await audits(dingId, 'connector.update');
      expect(updates.slice(-2).map((a) => a.after.credentialsReplaced)).toEqual([['robotWebhookUrl', 'robotSecret'], ['robotWebhookUrl', 'robotSecret']]);
    });
  });

  describe('messages', () => {
    it('sends a DingTalk work notice to linked employees and reports each recipient', async () => {
      const [a, b] = links.dingtalk;
      const notices = ding.stats.workNotices.length;
      const res = await t.as('hr').post(`/api/v1/connectors/${dingId}/messages`, { employeeIds: [a.employee_id, b.employee_id, unlinked], title: '考勤提醒', content: '您昨天**迟到** 5 分钟' });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ channel: 'dingtalk_work_notice', target: 'employees' });
      expect(body.messageIds).toHaveLength(1);
      expect(body.recipients).toEqual([
        { employeeId: a.employee_id, externalUserId: a.external_id, status: 'sent' },
        { employeeId: b.employee_id, externalUserId: b.external_id, status: 'sent' },
        { employeeId: unlinked, externalUserId: null, status: 'not_linked' },
      ]);
      expect(ding.stats.workNotices.slice(notices)).toEqual([{ agentId: ding.apps[0].agentId, userIds: [a.external_id, b.external_id], msg: { msgtype: 'markdown', markdown: { title: '考勤提醒', text: '您昨天**迟到** 5 分钟' } } }]);
      const audit = (await audits(dingId, 'connector.message')).at(-1)!;
      expect(audit.after).toMatchObject({ target: 'employees', channel: 'dingtalk_work_notice', format: 'markdown', messageIds: body.messageIds, recipients: [{ employeeId: a.employee_id, status: 'sent' }, { employeeId: b.employee_id, status: 'sent' }, { employeeId: unlinked, status: 'not_linked' }] });
    });

    it('sends plain text, with the link on its own line', async () => {
      const [a] = links.dingtalk;
      const res = await t.as('admin').post(`/api/v1/connectors/${dingId}/messages`, { employeeIds: [a.employee_id], format: 'text', title: '月报', content: '10 月考勤已出', url: 'https://daka.example/m/2026-10' });
      expect(res.statusCode, res.body).toBe(200);
      expect(ding.stats.workNotices.at(-1)!.msg).toEqual({ msgtype: 'text', text: { content: '月报\n10 月考勤已出\nhttps://daka.example/m/2026-10' } });
    });

    it('posts to the signed DingTalk robot, @-mentioning the employees', async () => {
      const [a] = links.dingtalk;
      const posts = ding.stats.robotMessages.length;
      const res = await t.as('hr').post(`/api/v1/connectors/${dingId}/messages`, { target: 'robot', employeeIds: [a.employee_id, unlinked], title: '今日迟到', content: '3 人迟到' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        channel: 'dingtalk_robot',
        target: 'robot',
        messageIds: [],
        recipients: [
          { employeeId: a.employee_id, externalUserId: a.external_id, status: 'mentioned' },
          { employeeId: unlinked, externalUserId: null, status: 'not_linked' },
        ],
      });
      const [post] = ding.stats.robotMessages.slice(posts) as Array<{ robot: string; body: any }>;
      expect(post.robot).toBe(ROBOT_TOKEN);
      expect(post.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '今日迟到' }, at: { atUserIds: [a.external_id], isAtAll: false } });
      expect(post.body.markdown.text).toContain(`@${a.external_id}`);
    });

    it('reports a robot whose signature DingTalk refuses as bad credentials, and audits the attempt', async () => {
      await t.as('hr').patch(`/api/v1/connectors/${dingId}`, { robotSecret: 'SECnot-the-right-one' });
      try {
        const posts = ding.stats.robotMessages.length;
        const res = await t.as('hr').post(`/api/v1/connectors/${dingId}/messages`, { target: 'robot', content: '不会送达' });
        expect(res.statusCode).toBe(502);
        expect(res.json().error).toMatchObject({ code: 'CONNECTOR_BAD_CREDENTIALS', details: { errcode: 310000 } });
        expect(ding.stats.robotMessages.length).toBe(posts);
        expect((await audits(dingId, 'connector.message')).at(-1)!.after).toMatchObject({ target: 'robot', error: 'CONNECTOR_BAD_CREDENTIALS' });
      } finally {
        await t.as('hr').patch(`/api/v1/connectors/${dingId}`, { robotSecret: ROBOT_SECRET });
      }
    });

    it('sends a WeCom app message; refused recipients come back as rejected, all refused is still an answer', async () => {
      const [a] = links.wecom;
      const ghost = (await db().database.db.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'M001').executeTakeFirstOrThrow()).id;
      await db().database.db.insertInto('external_identities').values({ company_id: t.companyId, employee_id: ghost, provider: 'wecom', tenant: wecom.corpId, external_id: 'GhostUser', created_at_ms: Date.now() }).execute();
      const res = await t.as('hr').post(`/api/v1/connectors/${wcId}/messages`, { employeeIds: [a.employee_id, ghost], content: '本月考勤已生成', title: '月报' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ channel: 'wecom_app', messageIds: [expect.stringMatching(/^msg/)], recipients: [{ employeeId: a.employee_id, status: 'sent' }, { employeeId: ghost, externalUserId: 'GhostUser', status: 'rejected' }] });
      expect(wecom.stats.appMessages.at(-1)).toMatchObject({ to: [a.external_id], body: { msgtype: 'markdown', markdown: { content: '**月报**\n本月考勤已生成' } } });
      const all = await t.as('hr').post(`/api/v1/connectors/${wcId}/messages`, { employeeIds: [ghost], content: 'x' });
      expect(all.statusCode, all.body).toBe(200);
      expect(all.json()).toMatchObject({ messageIds: [], recipients: [{ employeeId: ghost, status: 'rejected' }] });
    });

    it('posts text to the WeCom robot with mentioned_list; an unknown key is bad credentials', async () => {
      const [a] = links.wecom;
      const res = await t.as('hr').post(`/api/v1/connectors/${wcId}/messages`, { target: 'robot', format: 'text', employeeIds: [a.employee_id], content: '2 人缺卡' });
      expect(res.statusCode, res.body).toBe(200);
      expect(wecom.stats.robotMessages.at(-1)).toEqual({ key: WC_ROBOT_KEY, body: { msgtype: 'text', text: { content: '2 人缺卡', mentioned_list: [a.external_id] } } });
      await t.as('hr').patch(`/api/v1/connectors/${wcId}`, { robotWebhookUrl: `${wecom.url}/cgi-bin/webhook/send?key=no-such-key` });
      try {
        const refused = await t.as('hr').post(`/api/v1/connectors/${wcId}/messages`, { target: 'robot', content: 'x' });
        expect(refused.statusCode).toBe(502);
        expect(refused.json().error.code).toBe('CONNECTOR_BAD_CREDENTIALS');
      } finally {
        await t.as('hr').patch(`/api/v1/connectors/${wcId}`, { robotWebhookUrl: `${wecom.url}/cgi-bin/webhook/send?key=${WC_ROBOT_KEY}` });
      }
    });

    it('rejects bad input whole, naming the field, and sends nothing', async () => {
      const [a] = links.dingtalk;
      const notices = ding.stats.workNotices.length;
      const post = async (body: unknown) => (await t.as('hr').post(`/api/v1/connectors/${dingId}/messages`, body)).json().error;
      const other = (await db().database.db.selectFrom('employees').select('id').where('company_id', '=', t.otherCompanyId).executeTakeFirst())?.id ?? 999_999;
      expect(await post({ employeeIds: [a.employee_id], content: '' })).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await post({ employeeIds: [a.employee_id], content: 'x', extra: 1 })).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await post({ employeeIds: [a.employee_id, a.employee_id], content: 'x' })).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await post({ employeeIds: [a.employee_id, 999_999], content: 'x' })).toMatchObject({ code: 'UNKNOWN_EMPLOYEE', details: { field: 'body.employeeIds[1]' } });
      expect(await post({ employeeIds: [other], content: 'x' })).toMatchObject({ code: 'UNKNOWN_EMPLOYEE', details: { field: 'body.employeeIds[0]' } });
      expect(await post({ content: 'x' })).toMatchObject({ code: 'RECIPIENTS_REQUIRED', details: { field: 'body.employeeIds' } });
      expect(await post({ employeeIds: [unlinked], content: 'x' })).toMatchObject({ code: 'EMPLOYEE_NOT_LINKED', details: { field: 'body.employeeIds' } });
      expect(await post({ employeeIds: [a.employee_id], content: '长'.repeat(700) })).toMatchObject({ code: 'MESSAGE_TOO_LONG', details: { field: 'body.content' } });
      expect(await post({ employeeIds: [a.employee_id], content: 'x', url: 'javascript:alert(1)' })).toMatchObject({ code: 'INVALID_URL', details: { field: 'body.url' } });
      expect(await post({ employeeIds: [a.employee_id], content: 'x', format: 'html' })).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(ding.stats.workNotices.length).toBe(notices);
    });

    it('refuses a paused connector', async () => {
      await t.as('hr').post(`/api/v1/connectors/${dingId}/pause`);
      try {
        const res = await t.as('hr').post(`/api/v1/connectors/${dingId}/messages`, { employeeIds: [links.dingtalk[0].employee_id], content: 'x' });
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('CONNECTOR_PAUSED');
      } finally {
        await t.as('hr').post(`/api/v1/connectors/${dingId}/resume`);
      }
    });

    it('is for admin and the company HR only', async () => {
      const body = { employeeIds: [links.dingtalk[0].employee_id], content: 'x' };
      expect(await roles((role) => t.as(role).post(`/api/v1/connectors/${dingId}/messages`, body))).toEqual({ anonymous: 401, employee: 403, manager: 403, otherHr: 404 });
    });
  });

  describe('schedules', () => {
    const body = (extra: Record<string, unknown> = {}) => ({
      employeeIds: [links.wecom[0].employee_id, links.wecom[1].employee_id, unlinked],
      summary: '早班',
      description: '前台值班',
      location: '一楼大厅',
      start: '2026-12-01T09:00:00+08:00',
      end: '2026-12-01T18:00:00+08:00',
      reminders: [60, 15],
      ...extra,
    });

    it("puts a schedule into the linked employees' WeCom calendars", async () => {
      const [a, b] = links.wecom;
      const res = await t.as('hr').post(`/api/v1/connectors/${wcId}/schedules`, body({ organizerEmployeeId: a.employee_id }));
      expect(res.statusCode, res.body).toBe(201);
      const start = Date.parse('2026-12-01T01:00:00Z');
      expect(res.json()).toEqual({
        scheduleId: expect.stringMatching(/^sch-/),
        startAtMs: start,
        endAtMs: start + 9 * 3_600_000,
        attendees: [
          { employeeId: a.employee_id, externalUserId: a.external_id, status: 'invited' },
          { employeeId: b.employee_id, externalUserId: b.external_id, status: 'invited' },
          { employeeId: unlinked, externalUserId: null, status: 'not_linked' },
        ],
      });
      expect(wecom.stats.schedules.at(-1)).toEqual({
        organizer: a.external_id,
        start_time: start / 1000,
        end_time: start / 1000 + 9 * 3600,
        attendees: [{ userid: a.external_id }, { userid: b.external_id }],
        summary: '早班',
        description: '前台值班',
        location: '一楼大厅',
        reminders: { is_remind: 1, remind_before_event_secs: 900, remind_time_diffs: [-900, -3600], timezone: 8 },
      });
      const audit = (await audits(wcId, 'connector.schedule')).at(-1)!;
      expect(audit.after).toMatchObject({ scheduleId: res.json().scheduleId, summary: '早班', startAtMs: start, reminders: [15, 60], attendees: 2 });
    });

    it('without reminders asks for none', async () => {
      const res = await t.as('admin').post(`/api/v1/connectors/${wcId}/schedules`, body({ reminders: [] }));
      expect(res.statusCode, res.body).toBe(201);
      expect((wecom.stats.schedules.at(-1) as { reminders: unknown }).reminders).toEqual({ is_remind: 0, timezone: 8 });
    });

    it('rejects bad input, naming the field', async () => {
      const count = wecom.stats.schedules.length;
      const post = async (b: unknown) => (await t.as('hr').post(`/api/v1/connectors/${wcId}/schedules`, b)).json().error;
      expect(await post(body({ end: '2026-12-01T08:00:00+08:00' }))).toMatchObject({ code: 'END_BEFORE_START', details: { field: 'body.end' } });
      expect(await post(body({ start: '2026-12-01T09:00:00' }))).toMatchObject({ code: 'INVALID_DATE_TIME', details: { field: 'body.start' } });
      expect(await post(body({ start: '2026-02-30T09:00:00+08:00' }))).toMatchObject({ code: 'INVALID_DATE_TIME', details: { field: 'body.start' } });
      expect(await post(body({ reminders: [10] }))).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await post(body({ summary: '班'.repeat(129) }))).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await post(body({ employeeIds: [] }))).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await post(body({ organizerEmployeeId: unlinked }))).toMatchObject({ code: 'EMPLOYEE_NOT_LINKED', details: { field: 'body.organizerEmployeeId' } });
      expect(await post(body({ employeeIds: [unlinked] }))).toMatchObject({ code: 'EMPLOYEE_NOT_LINKED', details: { field: 'body.employeeIds' } });
      expect(wecom.stats.schedules.length).toBe(count);
      const dt = await t.as('hr').post(`/api/v1/connectors/${dingId}/schedules`, body());
      expect(dt.statusCode).toBe(409);
      expect(dt.json().error.code).toBe('CONNECTOR_PLATFORM_UNSUPPORTED');
    });

    it('is for admin and the company HR only', async () => {
      expect(await roles((role) => t.as(role).post(`/api/v1/connectors/${wcId}/schedules`, body()))).toEqual({ anonymous: 401, employee: 403, manager: 403, otherHr: 404 });
    });
  });

  it('offers every channel to the notifications work through the service', async () => {
    const dt = await t.services.connectors.channels(dingId);
    expect([dt.person?.kind, dt.robot?.kind, dt.calendar]).toEqual(['dingtalk_work_notice', 'dingtalk_robot', null]);
    const wc = await t.services.connectors.channels(wcId);
    expect([wc.person?.kind, wc.robot?.kind, wc.calendar?.kind]).toEqual(['wecom_app', 'wecom_robot', 'wecom_schedule']);
    const posts = ding.stats.robotMessages.length;
    await (await t.services.connectors.channel(dingId, 'robot')).send({ title: '日报', markdown: '全员正常' }, []);
    expect(ding.stats.robotMessages.length).toBe(posts + 1);
    expect((await t.services.connectors.channel(wcId)).kind).toBe('wecom_app');
  });
});
