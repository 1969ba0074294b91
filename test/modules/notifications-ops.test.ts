/**
 * Notifications, second part, on both databases: the rules at /notification-rules (the old path
 * answers the same), the signed-webhook channel verified by a receiver with the `standardwebhooks`
 * library (retried after a failure, delivered once), HR's templates (validated, used by language,
 * previewed, reset, audited), operations alerts once per condition and period (clock skew, unfilled
 * gap, call budget, unclosed month, refused credentials, a webhook endpoint disabled), and the
 * reminder to the approvers of a request left waiting.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { domainEvent, type DayResultFields, type EventPayloads } from '../../src/modules/outbox/event-payloads.js';
import { NOTIFICATIONS } from '../../src/modules/notifications/notifications.consumer.js';
import { WEBHOOKS_CONSUMER } from '../../src/modules/webhooks/webhooks.consumer.js';
import { ConnectorsRepo } from '../../src/modules/connectors/connectors.repo.js';
import { meteredMonthBounds } from '../../src/modules/connectors/budget-plan.js';
import { localDate } from '../../src/shared/dates.js';
import { wallMinuteOf } from '../../src/shared/zone-wall.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

const LATE: DayResultFields = {
  status: 'present', dayType: 'workday', late: true, lateMinutes: 12, lateLevel: 'late', early: false, earlyMinutes: 0, missingIn: false, missingOut: false,
  workedMinutes: 468, overtimeMinutes: 0, leaveType: null, leaveMinutes: 0, inTime: '09:12', outTime: '18:00', reasons: [{ field: 'late', code: 'late', params: { minutes: 12, in: '09:12', start: '09:00', grace: 0 } }],
};
const HOUR = 3_600_000;
const wall = (ms: number) => wallMinuteOf('Asia/Shanghai', ms);

describeEachDb('notifications: rules, webhook channel, templates, operations', (db) => {
  let t: TestApp;
  let receiver: Receiver;
  let endpointId: number;
  let clock = Date.parse('2026-12-07T10:00:00+08:00');
  let staff: number;
  let manager: number;
  let hrEmployee: number;

  const q = () => db().database.db;
  const flush = async () => {
    for (let i = 0; i < 5; i++) {
      await t.services.outbox.dispatchAll();
      await t.services.outbox.deliverDue(NOTIFICATIONS);
      await t.services.outbox.deliverDue(WEBHOOKS_CONSUMER);
    }
  };
  const got = (kind: string, employeeNo?: string) =>
    receiver.received.filter((r) => r.type === 'notification.message' && r.data.kind === kind && (!employeeNo || (r.data.recipient as { employeeNo: string }).employeeNo === employeeNo));
  const dayChanged = async (employeeId: number, date: string) => {
    const e = await q().selectFrom('employees').select(['name', 'job_number', 'department_id']).where('id', '=', employeeId).executeTakeFirstOrThrow();
    const payload: EventPayloads['attendance_day.changed'] = { employeeId, employeeNo: e.job_number, name: e.name, departmentId: e.department_id, date, before: null, after: LATE };
    await t.services.outbox.publish([domainEvent(t.companyId, 'attendance_day.changed', `employee:${employeeId}`, payload, clock)]);
  };
  const rules = (payload: object) => t.as('hr').inject({ method: 'PUT', url: '/api/v1/notification-rules', payload: { companyId: t.companyId, ...payload } });
  const plan = () => t.services.notifications.planScheduled((zone) => [localDate(clock, zone)]);

  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => clock, env: { DAKA_PUBLIC_URL: 'https://daka.example.com', DAKA_SESSION_TTL_HOURS: '2160' } });
    receiver = await startReceiver(() => clock);
    const ep = await t.as('hr').post('/api/v1/webhooks', { companyId: t.companyId, url: receiver.url, eventTypes: ['month.closed'], purpose: 'notifications' });
    expect(ep.statusCode, ep.body).toBe(201);
    endpointId = ep.json().id;
    expect(ep.json()).toMatchObject({ purpose: 'notifications', eventTypes: [] });
    receiver.secrets = [ep.json().secret];
    const id = async (job: string) => (await q().selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', job).executeTakeFirstOrThrow()).id;
    staff = await id('E001');
    manager = await id('M001');
    hrEmployee = (await q().insertInto('employees').values({ company_id: t.companyId, job_number: 'H001', name: '人事', email: null, mobile: null, department_id: null, manager_id: null, site_id: null, time_zone: null, hire_date: '2025-01-01', leave_date: null, status: 'active', created_at_ms: clock, updated_at_ms: clock }).returning('id').executeTakeFirstOrThrow()).id;
    await q().updateTable('users').set({ employee_id: hrEmployee }).where('role', '=', 'hr').where('employee_id', 'is', null).execute();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('serves the rules at /notification-rules (the old path answers the same), with per-group overrides, and refuses an endpoint that is not for notifications', async () => {
    const group = await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, kind: 'fixed', name: '白班组', weekly: {} });
    expect(group.statusCode, group.body).toBe(201);
    const kinds = (await t.as('hr').get(`/api/v1/notification-rules?companyId=${t.companyId}`)).json().kinds as string[];
    expect(kinds).toEqual(expect.arrayContaining(['clock_skew', 'gap_unfilled', 'budget_low', 'month_unclosed', 'webhook_disabled', 'credentials_refused']));
    const put = await rules({ enabled: true, defaultChannel: 'webhook', webhookEndpointId: endpointId, groupReminders: [{ groupId: group.json().id, inBeforeMin: 20, outAfterMin: 3, enabled: false }], ops: { clockSkewMin: 5, gapHours: 6, monthCloseDays: 5 } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ defaultChannel: 'webhook', webhookEndpointId: endpointId, groupReminders: [{ groupId: group.json().id, inBeforeMin: 20, outAfterMin: 3, enabled: false }], ops: { clockSkewMin: 5, gapHours: 6, monthCloseDays: 5 } });
    const viaOld = await t.as('hr').get(`/api/v1/notifications/settings?companyId=${t.companyId}`);
    expect(viaOld.json()).toEqual((await t.as('hr').get(`/api/v1/notification-rules?companyId=${t.companyId}`)).json());
    const events = await t.as('hr').post('/api/v1/webhooks', { companyId: t.companyId, url: receiver.url, eventTypes: ['month.closed'] });
    const refused = await rules({ webhookEndpointId: events.json().id });
    expect(refused.json().error).toMatchObject({ code: 'UNKNOWN_WEBHOOK_ENDPOINT', details: { field: 'body.webhookEndpointId' } });
    await t.as('hr').delete(`/api/v1/webhooks/${events.json().id}`);
    expect((await t.as('employee').get(`/api/v1/notification-rules?companyId=${t.companyId}`)).statusCode).toBe(403);
    expect((await t.as('manager').inject({ method: 'PUT', url: '/api/v1/notification-rules', payload: { companyId: t.companyId, enabled: false } })).statusCode).toBe(403);
    const me = await t.as('employee').get('/api/v1/notifications/preferences/me');
    expect(me.json()).toMatchObject({ effectiveChannel: 'webhook', reachable: expect.arrayContaining(['webhook']) });
  });

  it('posts each person’s message to the company’s webhook, signed (Standard Webhooks), with its own id; a failure is retried and delivered once', async () => {
    receiver.received.length = 0;
    await dayChanged(staff, '2026-12-07');
    await flush();
    expect(receiver.rejected).toEqual([]);
    const [mine] = got('anomaly', 'E001');
    const [team] = got('anomaly_team', 'M001');
    expect(got('anomaly')).toHaveLength(1);
    expect(mine.data).toMatchObject({ recipient: { employeeId: staff, employeeNo: 'E001', name: '李员工' }, title: '考勤异常：2026-12-07 迟到', url: 'https://daka.example.com/me/month?month=2026-12&date=2026-12-07' });
    expect(mine.data.markdown).toContain('[在 Daka 中查看](https://daka.example.com/me/month?month=2026-12&date=2026-12-07)');
    expect(team.data.title).toBe('团队考勤异常：李员工 2026-12-07 迟到');
    expect(mine.id).toMatch(/^ntf_\d+$/);
    expect(team.id).not.toBe(mine.id);
    // The receiver fails once: the same message (same webhook-id) comes again and is kept once.
    const seen: string[] = [];
    receiver.answer = (r) => {
      if ((r.data.recipient as { employeeNo: string }).employeeNo !== 'E001') return { status: 204 };
      seen.push(r.id);
      return { status: seen.length === 1 ? 503 : 204 };
    };
    await dayChanged(staff, '2026-12-06');
    await t.services.outbox.dispatchAll();
    await t.services.outbox.deliverDue(NOTIFICATIONS);
    clock += 10 * 60_000;
    await flush();
    receiver.answer = () => ({ status: 204 });
    const again = got('anomaly', 'E001').filter((r) => (r.data.title as string).includes('2026-12-06'));
    expect(again).toHaveLength(1);
    expect(seen.filter((id) => id === again[0].id)).toHaveLength(2);
  });

  it('lets HR edit a template per kind and language, refuses unknown variables with a stable code, previews it, resets it, and audits each change', async () => {
    const list = await t.as('hr').get(`/api/v1/notification-templates?companyId=${t.companyId}`);
    expect(list.statusCode, list.body).toBe(200);
    const anomalyZh = list.json().items.find((i: any) => i.kind === 'anomaly' && i.locale === 'zh-CN');
    expect(anomalyZh).toMatchObject({ custom: false, variables: ['date', 'anomaly', 'reasons', 'needsCorrection', 'link'] });
    const put = (kind: string, locale: string, title: string, body: string, role: 'hr' | 'employee' = 'hr') =>
      t.as(role).inject({ method: 'PUT', url: `/api/v1/notification-templates/${kind}/${locale}`, payload: { companyId: t.companyId, title, body } });
    const unknown = await put('anomaly', 'zh-CN', '{{employeeName}} 迟到', '');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'TEMPLATE_UNKNOWN_VARIABLE', details: { field: 'body.title', variable: 'employeeName' } });
    expect((await put('anomaly', 'zh-CN', '考勤', '{{#reasons}}没有闭合')).json().error.code).toBe('TEMPLATE_SYNTAX');
    expect((await put('anomaly', 'zh-CN', '考勤', '')).statusCode).toBe(200);
    expect((await put('anomaly', 'zh-CN', '考勤', '', 'employee')).statusCode).toBe(403);
    expect((await t.as('hr').inject({ method: 'PUT', url: '/api/v1/notification-templates/anomaly/fr', payload: { companyId: t.companyId, title: 'x', body: '' } })).statusCode).toBe(400);
    const ok = await put('anomaly', 'zh-CN', '打卡异常 {{date}}：{{anomaly}}', '{{reasons}}\n{{#needsCorrection}}请补卡。{{/needsCorrection}}\n请尽快处理。');
    expect(ok.json()).toMatchObject({ custom: true, title: '打卡异常 {{date}}：{{anomaly}}' });

    // Preview: sample data, then the real facts of the last anomaly sent.
    const sample = await t.as('hr').post('/api/v1/notification-templates/preview', { companyId: t.companyId, kind: 'anomaly', locale: 'zh-CN' });
    expect(sample.json()).toMatchObject({ data: 'sample', title: '打卡异常 2026-03-02：迟到' });
    expect(sample.json().markdown).toContain('请尽快处理。');
    const real = await t.as('hr').post('/api/v1/notification-templates/preview', { companyId: t.companyId, kind: 'anomaly', locale: 'en', data: 'real' });
    expect(real.json()).toMatchObject({ data: 'real', title: 'Attendance: late on 2026-12-06', link: 'https://daka.example.com/me/month?month=2026-12&date=2026-12-06' });
    const draft = await t.as('hr').post('/api/v1/notification-templates/preview', { companyId: t.companyId, kind: 'request_decided', locale: 'en', title: '{{requestKind}}: {{decision}}', body: '{{#comment}}Note: {{comment}}{{/comment}}' });
    expect(draft.json()).toMatchObject({ title: 'leave: rejected' });
    expect(draft.json().markdown).toContain('Note: 项目上线期间不批假');
    expect((await t.as('hr').post('/api/v1/notification-templates/preview', { companyId: t.companyId, kind: 'remind_in', locale: 'en', title: '{{employeeName}}' })).json().error.code).toBe('TEMPLATE_UNKNOWN_VARIABLE');

    // Used by language: the employee reads zh-CN (HR's wording); set to en, the English default.
    receiver.received.length = 0;
    await dayChanged(staff, '2026-12-05');
    await flush();
    expect(got('anomaly', 'E001').map((r) => r.data.title)).toEqual(['打卡异常 2026-12-05：迟到']);
    await t.as('employee').inject({ method: 'PUT', url: '/api/v1/notifications/preferences/me', payload: { locale: 'en' } });
    await dayChanged(staff, '2026-12-04');
    await flush();
    expect(got('anomaly', 'E001').map((r) => r.data.title)).toEqual(['打卡异常 2026-12-05：迟到', 'Attendance: late on 2026-12-04']);

    const reset = await t.as('hr').delete(`/api/v1/notification-templates/anomaly/zh-CN?companyId=${t.companyId}`);
    expect(reset.json()).toMatchObject({ custom: false, title: '考勤异常：{{date}} {{anomaly}}' });
    const audit = await q().selectFrom('audit_log').select('action').where('company_id', '=', t.companyId).where('entity', '=', 'notification_template').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['notifications.template', 'notifications.template', 'notifications.template_reset']);
  });

  it('tells HR of operations conditions once per condition and period: clock skew, unfilled gap, call budget, unclosed month', async () => {
    receiver.received.length = 0;
    const device = async (sn: string, skewMs: number) =>
      (
        await q()
          .insertInto('devices')
          .values({
            company_id: t.companyId, site_id: null, vendor: 'zkteco', model: null, serial_number: sn, mac: null, name: `前台 ${sn}`, time_zone: null, status: 'active', status_map: null, push_options: '{}', auth_token_sealed: null, allowed_ips: null,
            firmware: null, push_version: null, language: null, user_count: null, fp_count: null, face_count: null, attlog_count: null, stamps: '{}', last_seen_at_ms: clock, last_upload_at_ms: null, last_punch_at_ms: null,
            clock_skew_ms: skewMs, clock_checked_at_ms: clock, last_ip: null, offline_after_min: 10, online: 1, created_at_ms: clock, updated_at_ms: clock,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const skewed = await device(`SKEW${db().dialect}`, 9 * 60_000);
    await device(`FINE${db().dialect}`, 2 * 60_000);
    // A gap recorded 7 hours ago (more than the 6 allowed), never filled; one 2 hours ago is not due yet.
    const gapOld = await q().insertInto('device_events').values({ device_id: skewed, kind: 'gap', at_ms: clock - 7 * HOUR, details: JSON.stringify({ fromMs: clock - 9 * HOUR, toMs: clock - 7 * HOUR, minutes: 120 }) }).returning('id').executeTakeFirstOrThrow();
    await q().insertInto('device_events').values({ device_id: skewed, kind: 'gap', at_ms: clock - 2 * HOUR, details: JSON.stringify({ fromMs: clock - 3 * HOUR, toMs: clock - 2 * HOUR, minutes: 60 }) }).execute();
    const connector = await q()
      .insertInto('connectors')
      .values({ company_id: t.companyId, platform: 'dingtalk', name: '钉钉主应用', corp_id: 'ding-ops', app_key: 'k', agent_id: null, secrets_sealed: '', base_url: null, settings: JSON.stringify({ budgetLimit: 1000 }), status: 'active', last_error: null, created_at_ms: clock, updated_at_ms: clock, deleted_at_ms: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await new ConnectorsRepo(q()).addUsage(connector.id, meteredMonthBounds(clock).month, 850);

    await plan();
    await plan();
    await flush();
    expect(receiver.rejected).toEqual([]);
    const toHr = (kind: string) => got(kind, 'H001').map((r) => r.data.title);
    expect(toHr('clock_skew')).toEqual([`考勤机时钟偏差：前台 SKEW${db().dialect} 快 9 分钟`]);
    expect(toHr('gap_unfilled')).toEqual([`考勤机记录缺口未补齐：前台 SKEW${db().dialect}`]);
    expect(got('gap_unfilled', 'H001')[0].data.markdown).toContain(`${wall(clock - 9 * HOUR)} – ${wall(clock - 7 * HOUR)}`);
    expect(toHr('budget_low')).toEqual(['钉钉 接口调用额度即将用完：钉钉主应用']);
    expect(got('budget_low', 'H001')[0].data.markdown).toContain('已用 850 / 1000 次（85%）');
    expect(toHr('month_unclosed')).toEqual(['2026-11 考勤尚未锁定']);
    // Nobody but HR and admins hears of operations.
    expect(receiver.received.filter((r) => String(r.data.kind).match(/clock_skew|gap_unfilled|budget_low|month_unclosed/) && (r.data.recipient as { employeeNo: string }).employeeNo !== 'H001')).toEqual([]);

    const gapNewFrom = wall(clock - 3 * HOUR);
    // The next day: the skew is news again (one a day); the gap, the budget month and the month are not.
    clock += 24 * HOUR;
    await q().updateTable('devices').set({ clock_checked_at_ms: clock }).where('id', '=', skewed).execute();
    await q().insertInto('device_gap_fills').values({ event_id: gapOld.id, device_id: skewed, from_wall: '', to_wall: '', command_id: null, status: 'filled', created_at_ms: clock, finished_at_ms: clock }).execute();
    await plan();
    await flush();
    expect(toHr('clock_skew')).toHaveLength(2);
    expect(toHr('gap_unfilled')).toHaveLength(2);
    expect(toHr('budget_low')).toHaveLength(1);
    expect(toHr('month_unclosed')).toHaveLength(1);
    // The second gap became due; the filled one says nothing more.
    expect(got('gap_unfilled', 'H001')[1].data.markdown).toContain(`${gapNewFrom} – `);
  });

  it('tells HR once a day when a connector’s credentials are refused, apart from other sync failures', async () => {
    receiver.received.length = 0;
    const failed = (error: string) => domainEvent(t.companyId, 'connector.run_failed', 'connector:9', { connectorId: 9, platform: 'wecom', runId: null, job: 'directory', error, failedAt: new Date(clock).toISOString() }, clock);
    await t.services.outbox.publish([failed('CONNECTOR_BAD_CREDENTIALS: WeCom answered errcode 40001'), failed('CONNECTOR_BAD_CREDENTIALS: WeCom answered errcode 40001')]);
    await t.services.outbox.publish([failed('CONNECTOR_TIMEOUT: no answer in 10 s')]);
    await flush();
    expect(got('credentials_refused', 'H001').map((r) => r.data.title)).toEqual(['企业微信 拒绝了连接器凭据（directory）']);
    expect(got('connector_failed', 'H001').map((r) => r.data.title)).toEqual(['企业微信 同步失败（directory）']);
  });

  it('tells HR when a webhook endpoint is disabled after its deliveries failed', async () => {
    receiver.received.length = 0;
    const failing = await startReceiver(() => clock, '/gone');
    try {
      failing.answer = () => ({ status: 410 });
      const ep = await t.as('hr').post('/api/v1/webhooks', { companyId: t.companyId, url: failing.url, eventTypes: ['attendance_day.changed'] });
      expect(ep.statusCode, ep.body).toBe(201);
      failing.secrets = [ep.json().secret];
      await dayChanged(staff, '2026-12-03');
      await flush();
      expect((await t.as('hr').get(`/api/v1/webhooks/${ep.json().id}`)).json()).toMatchObject({ enabled: false });
      const told = got('webhook_disabled', 'H001');
      expect(told.map((r) => r.data.title)).toEqual([`Webhook 已停用：${failing.url}`]);
      expect(told[0].data.markdown).toContain('410');
      const events = await q().selectFrom('outbox_events').select(['type', 'subject']).where('type', '=', 'webhook.disabled').execute();
      expect(events).toEqual([{ type: 'webhook.disabled', subject: `webhook:${ep.json().id}` }]);
    } finally {
      await failing.close();
    }
  });

  it('reminds the approvers of a request left waiting longer than the limit, once, and not for requests decided on DingTalk', async () => {
    receiver.received.length = 0;
    expect((await rules({ requestReminderHours: 4, quietHours: null })).statusCode).toBe(200);
    // E001's approvers: their direct manager (H001 here) and the manager of their department (M001).
    await q().updateTable('employees').set({ manager_id: hrEmployee }).where('id', '=', staff).execute();
    await t.as('hr').post('/api/v1/leave-types/seed', { companyId: t.companyId });
    const req = await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: '2026-12-21', toDate: '2026-12-21' });
    expect(req.statusCode, req.body).toBe(201);
    await q().insertInto('requests').values({ company_id: t.companyId, employee_id: staff, kind: 'leave', status: 'pending', leave_type: 'annual', from_date: '2026-12-22', to_date: '2026-12-22', half: null, hours: null, from_ms: null, to_ms: null, correction_at_ms: null, reason: null, source: 'dingtalk', external_id: 'PROC-1', created_by_user_id: null, decided_by_user_id: null, decided_at_ms: null, decision_note: null, created_at_ms: clock, updated_at_ms: clock }).execute();
    await flush();
    clock += 3 * HOUR;
    await plan();
    await flush();
    expect(got('request_waiting')).toEqual([]);
    clock += 2 * HOUR;
    await plan();
    await plan();
    await flush();
    const waiting = got('request_waiting');
    expect(waiting.map((r) => (r.data.recipient as { employeeNo: string }).employeeNo).sort()).toEqual(['H001', 'M001']);
    expect(waiting.map((r) => r.data.title)).toEqual(['提醒：李员工 的请假申请已等待 5 小时', '提醒：李员工 的请假申请已等待 5 小时']);
    expect(waiting[0].data.url).toBe(`https://daka.example.com/requests/approvals?request=${req.json().id}`);
    clock += 24 * HOUR;
    await plan();
    await flush();
    expect(got('request_waiting')).toHaveLength(2);
  });
});
