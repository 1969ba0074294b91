/**
 * Clock-in/out reminders from each person's real schedule, on both databases: a fixed group on a
 * company calendar with a 调休 make-up Saturday and a holiday, a roster with a cross-midnight
 * shift, an approved morning half-day of leave, per-group minutes; planned once with dedupe keys
 * whatever the number of planning runs, skipped when the person already punched, delivered by
 * e-mail to a real SMTP server.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NOTIFICATIONS } from '../../src/modules/notifications/notifications.consumer.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { readMail, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createTestQueue } from '../helpers/test-queue.js';
import { createServices } from '../../src/modules/index.js';
import { SecretBox } from '../../src/shared/secret-box.js';

const at = (iso: string) => Date.parse(iso);

describeEachDb('notification reminders', (db) => {
  let t: TestApp;
  let smtp: SmtpSink;
  let clock = at('2026-12-04T12:00:00+08:00');
  let staff: number;
  let nurse: number;
  let groupId: number;

  const ok = <T extends { statusCode: number; body: string; json(): unknown }>(res: T, status = 201) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as { id: number };
  };
  const preview = async (date: string) => {
    const res = await t.as('hr').post('/api/v1/notifications/preview', { companyId: t.companyId, date });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().reminders as { employeeId: number; direction: string; at: string; channel: string | null }[]).map((r) => [r.employeeId, r.direction, new Date(r.at).getTime(), r.channel]);
  };

  beforeAll(async () => {
    // Sessions outlive the days the clock moves across.
    t = await createTestApp(db(), { now: () => clock, env: { DAKA_SESSION_TTL_HOURS: '720' } });
    smtp = await startSmtpSink();
    staff = (await db().database.db.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'E001').executeTakeFirstOrThrow()).id;
    nurse = ok(await t.as('hr').post('/api/v1/employees', { companyId: t.companyId, jobNumber: 'N001', name: '护士', email: 'nurse@example.com', hireDate: '2025-01-01' })).id;
    const day = ok(await t.as('hr').post('/api/v1/shift-types', { companyId: t.companyId, code: 'D', name: '白班', start: '09:00', end: '18:00' })).id;
    const night = ok(await t.as('hr').post('/api/v1/shift-types', { companyId: t.companyId, code: 'N', name: '夜班', start: '22:00', end: '06:00', crossesMidnight: true })).id;
    const cal = ok(await t.as('hr').post('/api/v1/holiday-calendars', { companyId: t.companyId, code: 'NOTIFY', name: '公司日历', weekendDays: [0, 6] })).id;
    ok(
      await t.as('hr').inject({
        method: 'PUT', url: `/api/v1/holiday-calendars/${cal}/days`,
        payload: { days: [{ date: '2026-12-05', dayType: 'makeup_workday', name: '调休上班' }, { date: '2026-12-08', dayType: 'statutory_holiday', name: '假日' }] },
      }),
      200,
    );
    const weekdays = { '1': day, '2': day, '3': day, '4': day, '5': day };
    groupId = ok(await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, kind: 'fixed', name: '白班组', weekly: weekdays, holidayCalendarId: cal })).id;
    ok(await t.as('hr').post(`/api/v1/attendance-groups/${groupId}/members`, { employeeId: staff, effectiveFrom: '2026-12-01' }));
    const roster = ok(await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, kind: 'roster', name: '排班组' })).id;
    ok(await t.as('hr').post(`/api/v1/attendance-groups/${roster}/members`, { employeeId: nurse, effectiveFrom: '2026-12-01' }));
    ok(await t.as('hr').inject({ method: 'PUT', url: '/api/v1/rosters', payload: { companyId: t.companyId, entries: [{ employeeId: nurse, date: '2026-12-07', shiftTypeId: night }] } }), 200);
    ok(await t.as('hr').post('/api/v1/leave-types/seed', { companyId: t.companyId }), 200);
    const leave = ok(await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: '2026-12-09', toDate: '2026-12-09', half: 'am' }));
    ok(await t.as('manager').post(`/api/v1/requests/${leave.id}/approve`, {}), 200);
    const full = ok(await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: '2026-12-10', toDate: '2026-12-10' }));
    ok(await t.as('manager').post(`/api/v1/requests/${full.id}/approve`, {}), 200);
    const put = await t.as('hr').inject({
      method: 'PUT', url: '/api/v1/notifications/settings',
      payload: {
        companyId: t.companyId, enabled: true, defaultChannel: 'email', kinds: ['remind_in', 'remind_out'], remindInBeforeMin: 10, remindOutAfterMin: 5,
        groupReminders: [{ groupId, inBeforeMin: 15, outAfterMin: 0, enabled: true }],
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'daka', password: 'smtp-pass-3e1f', from: 'daka@example.com' },
      },
    });
    expect(put.statusCode, put.body).toBe(200);
  });
  afterAll(async () => {
    t?.services.notifications.mail.close();
    await smtp?.close();
  });

  it('follows the calendar: a 调休 Saturday has reminders, a Sunday and a holiday have none; group minutes apply', async () => {
    clock = at('2026-12-04T12:00:00+08:00');
    expect(await preview('2026-12-05')).toEqual([
      [staff, 'in', at('2026-12-05T08:45:00+08:00'), 'email'],
      [staff, 'out', at('2026-12-05T18:00:00+08:00'), 'email'],
    ]);
    expect(await preview('2026-12-06')).toEqual([]);
    expect(await preview('2026-12-08')).toEqual([]);
  });

  it('follows the roster across midnight, and drops the half of a half-day leave and a whole leave day', async () => {
    clock = at('2026-12-04T12:00:00+08:00');
    expect(await preview('2026-12-07')).toEqual([
      [staff, 'in', at('2026-12-07T08:45:00+08:00'), 'email'],
      [staff, 'out', at('2026-12-07T18:00:00+08:00'), 'email'],
      [nurse, 'in', at('2026-12-07T21:50:00+08:00'), 'email'],
      [nurse, 'out', at('2026-12-08T06:05:00+08:00'), 'email'],
    ]);
    expect(await preview('2026-12-09')).toEqual([[staff, 'out', at('2026-12-09T18:00:00+08:00'), 'email']]);
    expect(await preview('2026-12-10')).toEqual([]);
  });

  it('plans each reminder once however often planning runs, skips a person who already punched, and e-mails the rest', async () => {
    clock = at('2026-12-07T08:00:00+08:00');
    const dates = () => ['2026-12-07'];
    const first = await t.services.notifications.planScheduled(dates);
    expect(first).toBe(4);
    expect(await t.services.notifications.planScheduled(dates)).toBe(0);
    const keys = (await db().database.db.selectFrom('outbox_deliveries').select('dedupe_key').where('consumer', '=', NOTIFICATIONS).where('company_id', '=', t.companyId).execute()).map((r) => r.dedupe_key).sort();
    expect(keys).toEqual([`remind:in:${nurse}:2026-12-07`, `remind:in:${staff}:2026-12-07`, `remind:out:${nurse}:2026-12-07`, `remind:out:${staff}:2026-12-07`].sort());
    // Nothing is due before its time.
    expect(await t.services.outbox.deliverDue(NOTIFICATIONS)).toBe(0);
    const ok200 = await t.as('hr').post('/api/v1/checkins/batch', { companyId: t.companyId, items: [{ employeeId: staff, time: '2026-12-07T08:41:00+08:00', idempotencyKey: 'rem-1' }] });
    expect(ok200.statusCode, ok200.body).toBe(200);
    const mails = smtp.messages.length;
    clock = at('2026-12-07T08:45:00+08:00');
    expect(await t.services.outbox.deliverDue(NOTIFICATIONS)).toBe(1);
    expect(smtp.messages.length).toBe(mails);
    clock = at('2026-12-07T21:50:00+08:00');
    await t.services.outbox.deliverDue(NOTIFICATIONS);
    // One batch sends side by side, so the two mails may reach the server in either order.
    const sent = smtp.messages.slice(mails);
    expect(sent.map((m) => m.to).sort()).toEqual([['E001@example.com'], ['nurse@example.com']]);
    const toNurse = sent.find((m) => m.to.includes('nurse@example.com'));
    expect(readMail(toNurse!.raw).subject).toBe('上班打卡提醒：22:00');
    const log = (await t.as('hr').get(`/api/v1/notifications?companyId=${t.companyId}`)).json().items as { kind: string; employeeId: number; status: string }[];
    expect(log.filter((r) => r.kind === 'remind_in').map((r) => [r.employeeId, r.status]).sort()).toEqual([[nurse, 'delivered'], [staff, 'skipped']].sort());
  });

  it('two instances planning and sending at once send each reminder once', async () => {
    clock = at('2026-12-11T08:00:00+08:00');
    // A second instance on the same database, as behind a load balancer.
    const other = createServices({ config: t.services.config, database: db().database, queue: await createTestQueue(db()), secrets: new SecretBox(Buffer.alloc(32, 7)), now: () => clock });
    try {
      const dates = () => ['2026-12-11'];
      const added = await Promise.all([t.services.notifications.planScheduled(dates), other.notifications.planScheduled(dates)]);
      expect(added[0] + added[1]).toBe(2);
      const mails = smtp.messages.length;
      const both = () => Promise.all([t.services.outbox.deliverDue(NOTIFICATIONS), other.outbox.deliverDue(NOTIFICATIONS)]);
      clock = at('2026-12-11T08:45:00+08:00');
      await both();
      clock = at('2026-12-11T18:00:00+08:00');
      await both();
      const rows = await db().database.db.selectFrom('outbox_deliveries').select(['dedupe_key', 'status', 'attempts']).where('dedupe_key', 'like', '%:2026-12-11').orderBy('dedupe_key').execute();
      expect(rows).toEqual([
        { dedupe_key: `remind:in:${staff}:2026-12-11`, status: 'delivered', attempts: 1 },
        { dedupe_key: `remind:out:${staff}:2026-12-11`, status: 'delivered', attempts: 1 },
      ]);
      expect(smtp.messages.slice(mails).map((m) => readMail(m.raw).subject)).toEqual(['上班打卡提醒：09:00', '下班打卡提醒：18:00']);
    } finally {
      other.notifications.mail.close();
    }
  });
});
