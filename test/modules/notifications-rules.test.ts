/**
 * The pure rules of notifications: which anomalies are news, which channel is a person's one
 * channel, quiet hours, digest times, reminder times from the day the engine evaluates.
 */
import { describe, expect, it } from 'vitest';
import { anomaliesOf, newAnomalies } from '../../src/modules/notifications/anomalies.js';
import { afterQuietHours, choosePersonChannel } from '../../src/modules/notifications/channel-choice.js';
import { digestSchedule } from '../../src/modules/notifications/digest.js';
import { NOTICE_KINDS, renderNotice } from '../../src/modules/notifications/messages.js';
import { remindersFor, type ReminderDay } from '../../src/modules/notifications/reminder-times.js';
import { NotificationSettingsPut } from '../../src/modules/notifications/notifications.schemas.js';
import type { DayResultFields } from '../../src/modules/outbox/event-payloads.js';
import type { ShiftDef } from '../../src/engine/types.js';

const day = (over: Partial<DayResultFields> = {}): DayResultFields => ({
  status: 'present', dayType: 'workday', late: false, lateMinutes: 0, lateLevel: 'none', early: false, earlyMinutes: 0, missingIn: false, missingOut: false,
  workedMinutes: 480, overtimeMinutes: 0, leaveType: null, leaveMinutes: 0, inTime: '09:00', outTime: '18:00', reasons: [], ...over,
});
const at = (iso: string) => Date.parse(iso);
const Z = 'Asia/Shanghai';

describe('anomalies', () => {
  it('names each anomaly once: serious lateness over lateness, absence over missing punches', () => {
    expect(anomaliesOf(day())).toEqual([]);
    expect(anomaliesOf(day({ late: true, lateLevel: 'late' }))).toEqual(['late']);
    expect(anomaliesOf(day({ late: true, lateLevel: 'serious' }))).toEqual(['serious_late']);
    expect(anomaliesOf(day({ late: true, lateLevel: 'absenteeism', early: true }))).toEqual(['serious_late', 'early']);
    expect(anomaliesOf(day({ status: 'absent', missingIn: true, missingOut: true }))).toEqual(['absent']);
    expect(anomaliesOf(day({ status: 'missing_punch', missingOut: true }))).toEqual(['missing_punch']);
    expect(anomaliesOf(day({ status: 'on_leave', reasons: [{ field: 'status', code: 'punchesOnLeave', params: { count: 2 } }] }))).toEqual(['leave_punch']);
  });

  it('reports only what is new after a recomputation', () => {
    const late = day({ late: true, lateLevel: 'late', lateMinutes: 5 });
    expect(newAnomalies(null, late)).toEqual(['late']);
    expect(newAnomalies(late, { ...late, lateMinutes: 7 })).toEqual([]);
    expect(newAnomalies(late, day({ late: true, lateLevel: 'serious' }))).toEqual(['serious_late']);
    expect(newAnomalies(late, day())).toEqual([]);
    expect(newAnomalies(day(), day({ early: true, late: true, lateLevel: 'late' }))).toEqual(['late', 'early']);
  });
});

describe('channels and timing', () => {
  it('takes the person’s choice, else the company default, else the first reachable', () => {
    const all = new Set(['dingtalk', 'wecom', 'email'] as const);
    expect(choosePersonChannel(all, 'email', 'dingtalk')).toBe('email');
    expect(choosePersonChannel(all, null, 'wecom')).toBe('wecom');
    expect(choosePersonChannel(new Set(['email'] as const), 'wecom', 'dingtalk')).toBe('email');
    expect(choosePersonChannel(new Set(['wecom', 'email'] as const), null, 'dingtalk')).toBe('wecom');
    expect(choosePersonChannel(new Set(), 'email', 'dingtalk')).toBeNull();
  });

  it('holds messages until quiet hours end, across midnight', () => {
    const quiet = { startMin: 22 * 60, endMin: 7 * 60 };
    expect(afterQuietHours(at('2026-12-07T23:30:00+08:00'), Z, quiet)).toBe(at('2026-12-08T07:00:00+08:00'));
    expect(afterQuietHours(at('2026-12-07T06:10:00+08:00'), Z, quiet)).toBe(at('2026-12-07T07:00:00+08:00'));
    expect(afterQuietHours(at('2026-12-07T12:00:00+08:00'), Z, quiet)).toBe(at('2026-12-07T12:00:00+08:00'));
    expect(afterQuietHours(at('2026-12-07T13:00:00+08:00'), Z, { startMin: 12 * 60, endMin: 14 * 60 })).toBe(at('2026-12-07T14:00:00+08:00'));
    expect(afterQuietHours(at('2026-12-07T23:30:00+08:00'), Z, null)).toBe(at('2026-12-07T23:30:00+08:00'));
  });

  it('sends daily digests at the next digest hour and weekly ones on the next Monday', () => {
    expect(digestSchedule(at('2026-12-07T10:00:00+08:00'), Z, 18 * 60, 'daily')).toEqual({ atMs: at('2026-12-07T18:00:00+08:00'), period: '2026-12-07' });
    expect(digestSchedule(at('2026-12-07T18:00:00+08:00'), Z, 18 * 60, 'daily')).toEqual({ atMs: at('2026-12-08T18:00:00+08:00'), period: '2026-12-08' });
    // 2026-12-07 is a Monday: before the hour it is today, after it next Monday.
    expect(digestSchedule(at('2026-12-07T10:00:00+08:00'), Z, 9 * 60, 'weekly')).toEqual({ atMs: at('2026-12-14T09:00:00+08:00'), period: '2026-12-14' });
    expect(digestSchedule(at('2026-12-09T10:00:00+08:00'), Z, 9 * 60, 'weekly').period).toBe('2026-12-14');
  });
});

describe('reminder times', () => {
  const shift = (over: Partial<ShiftDef> = {}): ShiftDef => ({
    name: 'day', startMin: 9 * 60, endMin: 18 * 60, crossesMidnight: false, break: null, graceLateMin: 0, graceEarlyMin: 0, seriousLateMin: 30, absenteeismLateMin: 120,
    checkInEarliestMin: 120, checkOutLatestMin: 240, halfDayBelowMin: 240, absentBelowMin: 60, flex: null, ...over,
  });
  const base: ReminderDay = { date: '2026-12-07', zone: Z, dayType: 'workday', shift: shift(), leaveType: null, leaveHalf: null };
  const mins = { inBeforeMin: 10, outAfterMin: 5 };

  it('reminds before the start and after the end, skipping once punched in each span', () => {
    const [rin, rout] = remindersFor(base, mins);
    expect(rin).toEqual({ direction: 'in', atMs: at('2026-12-07T08:50:00+08:00'), time: '09:00', skipIfPunched: { fromMs: at('2026-12-07T07:00:00+08:00'), toMs: at('2026-12-07T18:00:00+08:00') }, expiresAtMs: at('2026-12-07T09:00:00+08:00') });
    expect(rout).toMatchObject({ direction: 'out', atMs: at('2026-12-07T18:05:00+08:00'), time: '18:00', skipIfPunched: { fromMs: at('2026-12-07T13:30:00+08:00') }, expiresAtMs: at('2026-12-07T22:00:00+08:00') });
  });

  it('says nothing without a shift or on a full leave day; a half day drops its half', () => {
    expect(remindersFor({ ...base, shift: null, dayType: 'statutory_holiday' }, mins)).toEqual([]);
    expect(remindersFor({ ...base, leaveType: 'annual', leaveHalf: null }, mins)).toEqual([]);
    expect(remindersFor({ ...base, leaveType: 'annual', leaveHalf: 'am' }, mins).map((r) => r.direction)).toEqual(['out']);
    expect(remindersFor({ ...base, leaveType: 'annual', leaveHalf: 'pm' }, mins).map((r) => r.direction)).toEqual(['in']);
    expect(remindersFor({ ...base, leaveType: 'annual', leaveHalf: 'hours' }, mins).map((r) => r.direction)).toEqual(['in', 'out']);
  });

  it('puts a cross-midnight shift’s clock-out on the next morning, and a flexible end at the latest end', () => {
    const night = remindersFor({ ...base, shift: shift({ startMin: 22 * 60, endMin: 6 * 60, crossesMidnight: true }) }, mins);
    expect(night.map((r) => r.atMs)).toEqual([at('2026-12-07T21:50:00+08:00'), at('2026-12-08T06:05:00+08:00')]);
    const flex = remindersFor({ ...base, shift: shift({ flex: { earlyMaxMin: 60, lateMaxMin: 60 } }) }, mins);
    expect(flex.map((r) => [r.time, r.atMs])).toEqual([['09:00', at('2026-12-07T08:50:00+08:00')], ['19:00', at('2026-12-07T19:05:00+08:00')]]);
  });
});

describe('messages', () => {
  it('renders every kind in both languages, and the API takes exactly the kinds there are', () => {
    const kindSchema = (NotificationSettingsPut.properties.kinds as any).items.anyOf.map((l: any) => l.const);
    expect(kindSchema).toEqual([...NOTICE_KINDS]);
    const m = renderNotice({ kind: 'remind_in', date: '2026-12-07', time: '09:00', link: 'https://d.example/me/clock' }, 'en', '');
    expect(m).toMatchObject({ title: 'Clock-in reminder: 09:00', url: 'https://d.example/me/clock' });
    expect(renderNotice({ kind: 'remind_in', date: '2026-12-07', time: '09:00', link: null }, 'zh-CN', '').title).toBe('上班打卡提醒：09:00');
  });
});
