/**
 * Notifications end to end on both databases: events appended to the outbox as producers do,
 * dispatched and delivered to the DingTalk simulator (work notices, group robot) and to a real
 * SMTP server, each person on their one primary channel, once; SMTP settings sealed; digests;
 * preferences; the delivery log; refusals of bad input.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../src/sources/dingtalk/simulator/index.js';
import { domainEvent, type DayResultFields, type EventPayloads } from '../../src/modules/outbox/event-payloads.js';
import { NOTIFICATIONS } from '../../src/modules/notifications/notifications.consumer.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { readMail, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

const KEY = 'A'.repeat(43);
const ROBOT_TOKEN = 'robot-token-notify';
const ROBOT_SECRET = 'SECrobot-notify-secret';
const SMTP_PASS = 'smtp-pass-3e1f';

const fields = (over: Partial<DayResultFields> = {}): DayResultFields => ({
  status: 'present', dayType: 'workday', late: false, lateMinutes: 0, lateLevel: 'none', early: false, earlyMinutes: 0, missingIn: false, missingOut: false,
  workedMinutes: 480, overtimeMinutes: 0, leaveType: null, leaveMinutes: 0, inTime: '09:00', outTime: '18:00', reasons: [], ...over,
});
const LATE = fields({ late: true, lateMinutes: 12, lateLevel: 'late', inTime: '09:12', reasons: [{ field: 'late', code: 'late', params: { minutes: 12, in: '09:12', start: '09:00', grace: 0 } }] });
const MISSING = fields({ status: 'missing_punch', missingOut: true, outTime: null, workedMinutes: 0, reasons: [{ field: 'status', code: 'statusMissing', params: { status: 'missing_punch' } }] });

describeEachDb('notifications', (db) => {
  let t: TestApp;
  let ding: DingTalkSimulator;
  let smtp: SmtpSink;
  let dingId: number;
  let clock = Date.parse('2026-12-07T10:00:00+08:00');
  let linked: { employee_id: number; external_id: string }[] = [];
  let staffId: number;
  let managerId: number;

  const flush = async () => {
    await t.services.outbox.dispatchAll();
    await t.services.outbox.deliverDue(NOTIFICATIONS);
  };
  const emp = async (id: number) => db().database.db.selectFrom('employees').select(['id', 'name', 'job_number', 'department_id']).where('id', '=', id).executeTakeFirstOrThrow();
  const dayChanged = async (employeeId: number, date: string, before: DayResultFields | null, after: DayResultFields) => {
    const e = await emp(employeeId);
    const payload: EventPayloads['attendance_day.changed'] = { employeeId, employeeNo: e.job_number, name: e.name, departmentId: e.department_id, date, before, after };
    await db().database.db.transaction().execute((trx) => t.services.outbox.append(trx, [domainEvent(t.companyId, 'attendance_day.changed', `employee:${employeeId}`, payload, clock)]));
  };
  const log = async () => (await t.as('hr').get(`/api/v1/notifications?companyId=${t.companyId}&limit=200`)).json().items as any[];
  /** Sets a person's stored preferences directly (the API sets only one's own). */
  const prefer = async (employeeId: number, p: { channel?: string; manager_digest?: string }, email?: string) => {
    await db().database.db.deleteFrom('notification_preferences').where('employee_id', '=', employeeId).execute();
    await db().database.db.insertInto('notification_preferences').values({ company_id: t.companyId, employee_id: employeeId, channel: p.channel ?? null, locale: null, manager_digest: p.manager_digest ?? null, muted: '[]', updated_at_ms: clock }).execute();
    if (email) await db().database.db.updateTable('employees').set({ email }).where('id', '=', employeeId).execute();
  };
  const notices = (userId: string) => ding.stats.workNotices.filter((n) => n.userIds.includes(userId));

  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => clock, env: { DAKA_PUBLIC_URL: 'https://daka.example.com' } });
    t.services.connectors.tuning.retry = { transientBackoff: { baseMs: 2, maxMs: 10 }, rateLimitBackoff: { baseMs: 2, maxMs: 10 }, maxRateLimitRetries: 2 };
    ding = await startDingTalkSimulator({ seed: 'notify', company: { users: 4 }, robots: { [ROBOT_TOKEN]: ROBOT_SECRET } });
    smtp = await startSmtpSink({ user: 'daka', pass: SMTP_PASS });
    const dt = await t.as('hr').post('/api/v1/connectors', {
      companyId: t.companyId, platform: 'dingtalk', name: '钉钉', corpId: ding.corpId, appKey: ding.apps[0].appKey, agentId: String(ding.apps[0].agentId),
      appSecret: ding.apps[0].appSecret, callbackToken: 'cb-token', encodingAesKey: KEY, baseUrl: ding.url,
      robotWebhookUrl: `${ding.url}/robot/send?access_token=${ROBOT_TOKEN}`, robotSecret: ROBOT_SECRET,
    });
    expect(dt.statusCode, dt.body).toBe(201);
    dingId = dt.json().id;
    expect((await t.services.connectors.run({ connectorId: dingId, kind: 'directory' }))?.status).toBe('succeeded');
    linked = await db().database.db.selectFrom('external_identities').select(['employee_id', 'external_id']).where('company_id', '=', t.companyId).where('provider', '=', 'dingtalk').orderBy('external_id').execute();
    expect(linked.length).toBe(4);
    // The second linked person manages the first.
    await db().database.db.updateTable('employees').set({ manager_id: linked[1].employee_id }).where('id', '=', linked[0].employee_id).execute();
    staffId = (await db().database.db.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'E001').executeTakeFirstOrThrow()).id;
    managerId = (await db().database.db.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'M001').executeTakeFirstOrThrow()).id;
    const put = await t.as('hr').inject({
      method: 'PUT', url: '/api/v1/notifications/settings',
      payload: { companyId: t.companyId, enabled: true, defaultChannel: 'dingtalk', robotConnectorId: dingId, smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'daka', password: SMTP_PASS, from: 'daka@example.com' } },
    });
    expect(put.statusCode, put.body).toBe(200);
  });
  afterAll(async () => {
    t?.services.notifications.mail.close();
    await ding?.close();
    await smtp?.close();
  });

  it('seals the SMTP settings: the password is never returned, stored in clear or audited', async () => {
    const got = await t.as('hr').get(`/api/v1/notifications/settings?companyId=${t.companyId}`);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).toMatchObject({ enabled: true, defaultChannel: 'dingtalk', smtp: { host: '127.0.0.1', port: smtp.port, user: 'daka', from: 'daka@example.com', hasPassword: true } });
    const row = await db().database.db.selectFrom('notification_settings').selectAll().where('company_id', '=', t.companyId).executeTakeFirstOrThrow();
    const audit = await db().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'notifications.settings').execute();
    expect(audit.length).toBeGreaterThan(0);
    for (const text of [got.body, JSON.stringify(row), JSON.stringify(audit)]) expect(text).not.toContain(SMTP_PASS);
    // Changing the host without a password keeps the stored one.
    const again = await t.as('hr').inject({ method: 'PUT', url: '/api/v1/notifications/settings', payload: { companyId: t.companyId, smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'daka', from: 'daka@example.com' } } });
    expect(again.json().smtp.hasPassword).toBe(true);
  });

  it('refuses bad settings whole, naming the field, and keeps other companies out', async () => {
    const put = (role: 'hr' | 'manager' | 'employee' | 'otherHr', payload: object) => t.as(role).inject({ method: 'PUT', url: '/api/v1/notifications/settings', payload });
    expect((await put('hr', { companyId: t.companyId, quietHours: { start: '25:00', end: '07:00' } })).statusCode).toBe(400);
    expect((await put('hr', { companyId: t.companyId, wecomConnectorId: dingId })).json().error).toMatchObject({ code: 'UNKNOWN_CONNECTOR', details: { field: 'body.wecomConnectorId' } });
    expect((await put('hr', { companyId: t.companyId, groupReminders: [{ groupId: 999999, inBeforeMin: 5, outAfterMin: 5, enabled: true }] })).json().error).toMatchObject({ code: 'UNKNOWN_GROUP' });
    expect((await put('hr', { companyId: t.companyId, smtp: { host: 'bad host!', port: smtp.port, secure: false, from: 'x@y.z' } })).statusCode).toBe(400);
    expect((await put('manager', { companyId: t.companyId, enabled: false })).statusCode).toBe(403);
    expect((await put('otherHr', { companyId: t.companyId, enabled: false })).statusCode).toBe(404);
    expect((await t.as('employee').get(`/api/v1/notifications/settings?companyId=${t.companyId}`)).statusCode).toBe(403);
    expect((await t.as('hr').get(`/api/v1/notifications/settings?companyId=${t.companyId}`)).json()).toMatchObject({ enabled: true, quietHours: null, smtp: { hasPassword: true } });
  });

  it('tells a late employee and their manager once each, on DingTalk, and says nothing when the day is recomputed', async () => {
    const [a, b] = linked;
    const beforeA = notices(a.external_id).length;
    const beforeB = notices(b.external_id).length;
    await dayChanged(a.employee_id, '2026-12-07', null, LATE);
    await flush();
    const toA = notices(a.external_id).slice(beforeA);
    const toB = notices(b.external_id).slice(beforeB);
    expect(toA).toHaveLength(1);
    expect(toB).toHaveLength(1);
    expect(JSON.stringify(toA[0].msg)).toContain('迟到 12 分钟：上班 09:12 晚于 09:00 + 宽限 0 分钟');
    expect(JSON.stringify(toB[0].msg)).toContain('团队考勤异常');
    // Recomputed: still late (no news); replayed: the same fact is already planned.
    await dayChanged(a.employee_id, '2026-12-07', LATE, { ...LATE, workedMinutes: 470 });
    await dayChanged(a.employee_id, '2026-12-07', null, LATE);
    await flush();
    expect(notices(a.external_id).length - beforeA).toBe(1);
    expect(notices(b.external_id).length - beforeB).toBe(1);
    const rows = (await log()).filter((r) => r.employeeId === a.employee_id && r.kind === 'anomaly');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'delivered', channel: 'dingtalk', attempts: 1, remoteId: expect.any(String) });
  });

  it('e-mails a person not linked on DingTalk, in their language, with a 补卡 link; a 451 is retried and delivered once', async () => {
    const pref = await t.as('employee').inject({ method: 'PUT', url: '/api/v1/notifications/preferences/me', payload: { locale: 'en' } });
    expect(pref.statusCode, pref.body).toBe(200);
    expect(pref.json()).toMatchObject({ employeeId: staffId, locale: 'en', effectiveChannel: 'email', reachable: ['email'] });
    // Only the employee is told here: their department's manager has no address.
    await db().database.db.updateTable('employees').set({ email: null }).where('id', '=', managerId).execute();
    const mails = smtp.messages.length;
    smtp.failNext(1);
    await dayChanged(staffId, '2026-12-06', null, MISSING);
    await flush();
    expect(smtp.messages.length).toBe(mails);
    const pending = (await log()).find((r) => r.employeeId === staffId && r.kind === 'anomaly')!;
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: 'SMTP 451' });
    clock += 5 * 60_000;
    await t.services.outbox.deliverDue(NOTIFICATIONS);
    const got = smtp.messages.slice(mails);
    expect(got).toHaveLength(1);
    expect(got[0].to).toEqual(['E001@example.com']);
    const mail = readMail(got[0].raw);
    expect(mail.subject).toBe('Attendance: missing punch on 2026-12-06');
    expect(mail.text).toContain('missing_punch: a check-in or check-out is missing, thresholds not applied');
    expect(mail.text).toContain('https://daka.example.com/requests/mine?new=correction&date=2026-12-06');
    expect(smtp.logins.at(-1)).toEqual({ user: 'daka', pass: SMTP_PASS });
    expect((await log()).find((r) => r.id === pending.id)).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('follows a person’s own channel choice over the company default, and reports a person reachable nowhere', async () => {
    // M001 has no DingTalk identity; with the e-mail turned off for them nothing reaches them.
    const [a] = linked;
    await db().database.db.updateTable('employees').set({ manager_id: managerId }).where('id', '=', staffId).execute();
    await db().database.db.updateTable('employees').set({ email: null }).where('id', '=', managerId).execute();
    await dayChanged(staffId, '2026-12-05', null, LATE);
    await flush();
    const toManager = (await log()).find((r) => r.employeeId === managerId && r.kind === 'anomaly_team')!;
    expect(toManager).toMatchObject({ status: 'dead', lastError: 'NOT_REACHABLE', channel: null });
    // A linked person who prefers e-mail gets e-mail.
    await prefer(a.employee_id, { channel: 'email' }, 'a@example.com');
    const dt = notices(a.external_id).length;
    const mails = smtp.messages.length;
    await dayChanged(a.employee_id, '2026-12-04', null, MISSING);
    await flush();
    expect(notices(a.external_id).length).toBe(dt);
    expect(smtp.messages.slice(mails).map((m) => m.to)).toEqual([['a@example.com']]);
  });

  it('collects a daily-digest manager’s anomalies, grouped by team, and sends one digest at the digest hour', async () => {
    const [, b, c] = linked;
    await db().database.db.updateTable('employees').set({ manager_id: b.employee_id }).where('id', '=', c.employee_id).execute();
    await prefer(b.employee_id, { manager_digest: 'daily' });
    const before = notices(b.external_id).length;
    await dayChanged(c.employee_id, '2026-12-03', null, LATE);
    await dayChanged(c.employee_id, '2026-12-02', null, MISSING);
    await flush();
    expect(notices(b.external_id).length).toBe(before);
    clock = Date.parse('2026-12-07T18:00:00+08:00');
    await t.services.outbox.deliverDue(NOTIFICATIONS);
    const digest = notices(b.external_id).slice(before);
    expect(digest).toHaveLength(1);
    const text = JSON.stringify(digest[0].msg);
    expect(text).toContain('团队考勤异常汇总（2026-12-07，共 2 条）');
    expect(text).toContain('2026-12-03 迟到');
    expect(text).toContain('2026-12-02 缺卡');
  });

  it('tells approvers of a submitted request and the requester of the decision', async () => {
    const [a, b] = linked;
    const e = await emp(a.employee_id);
    const base = { employeeId: a.employee_id, employeeNo: e.job_number, name: e.name, departmentId: e.department_id, requestId: 4242, kind: 'leave', from: '2026-12-10', to: '2026-12-10', approverEmployeeIds: [b.employee_id], actorUserId: null, comment: null };
    const nb = notices(b.external_id).length;
    await db().database.db.transaction().execute((trx) =>
      t.services.outbox.append(trx, [domainEvent(t.companyId, 'request.submitted', `employee:${a.employee_id}`, { ...base, status: 'pending' }, clock), domainEvent(t.companyId, 'request.rejected', `employee:${a.employee_id}`, { ...base, status: 'rejected', comment: '人手不足' }, clock)]),
    );
    const mails = smtp.messages.length;
    await prefer(a.employee_id, { channel: 'email' }, 'a@example.com');
    await flush();
    expect(notices(b.external_id).slice(nb).map((n) => JSON.stringify(n.msg))).toEqual([expect.stringContaining('待审批')]);
    const mail = smtp.messages.slice(mails).map((m) => readMail(m.raw));
    expect(mail.map((m) => m.subject)).toEqual(['您的请假申请已被驳回']);
    expect(mail[0].text).toContain('审批意见：人手不足');
  });

  it('posts device outages to the group robot and to HR linked to an employee', async () => {
    const [, , , d] = linked;
    await db().database.db.updateTable('users').set({ employee_id: d.employee_id }).where('role', '=', 'hr').where('employee_id', 'is', null).execute();
    const posts = ding.stats.robotMessages.length;
    const nd = notices(d.external_id).length;
    await t.services.outbox.publish([domainEvent(t.companyId, 'device.offline', 'device:7', { deviceId: 7, serial: 'CQZ7233460012', name: '前台考勤机', siteId: null, lastSeenAt: '2026-12-07T17:40:00+08:00' }, clock)]);
    await flush();
    expect(ding.stats.robotMessages.slice(posts).map((p) => JSON.stringify(p.body))).toEqual([expect.stringContaining('考勤机离线：前台考勤机')]);
    expect(notices(d.external_id).length - nd).toBe(1);
  });

  it('lets a person mute a kind, and audits preference changes', async () => {
    const res = await t.as('employee').inject({ method: 'PUT', url: '/api/v1/notifications/preferences/me', payload: { muted: ['anomaly'] } });
    expect(res.json()).toMatchObject({ muted: ['anomaly'] });
    const mails = smtp.messages.length;
    await dayChanged(staffId, '2026-12-01', null, MISSING);
    await flush();
    expect(smtp.messages.slice(mails).filter((m) => m.to.includes('E001@example.com'))).toEqual([]);
    const audit = await db().database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'notifications.preferences').execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect((await t.as('anonymous').get('/api/v1/notifications/preferences/me')).statusCode).toBe(401);
    expect((await t.as('hr').inject({ method: 'PUT', url: '/api/v1/notifications/preferences/me', payload: { channel: 'fax' } })).statusCode).toBe(400);
  });
});
