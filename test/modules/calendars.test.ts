import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { chinaCalendarDays, statutoryStart } from '../../src/modules/calendars/china-holidays.js';
import type { DomainEventMap } from '../../src/shared/events.js';

type Changed = DomainEventMap['attendance.inputs_changed'];
const NOW = Date.parse('2026-03-20T04:00:00Z');

describe('chinese-days mapping', () => {
  const days = new Map(chinaCalendarDays([2026]).map((d) => [d.date, d]));
  it('marks make-up workdays and statutory days, and the rest of a block as rest days (R10)', () => {
    expect(days.get('2026-01-04')).toEqual({ date: '2026-01-04', dayType: 'makeup_workday', name: '元旦调休上班' });
    expect(days.get('2026-01-01')?.dayType).toBe('statutory_holiday');
    expect(days.get('2026-01-02')?.dayType).toBe('rest_day');
    const national = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map((d) => days.get(d)?.dayType);
    expect(national).toEqual(['statutory_holiday', 'statutory_holiday', 'statutory_holiday', 'rest_day', 'rest_day', 'rest_day', 'rest_day']);
    expect(days.get('2026-09-20')?.dayType).toBe('makeup_workday');
    expect(days.get('2026-10-10')?.dayType).toBe('makeup_workday');
    expect(days.has('2026-10-08')).toBe(false);
  });

  it('finds the statutory days of the Spring Festival from 除夕 (2025 rule) and of lunar festivals', () => {
    const spring = ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((d) => days.get(d)?.dayType);
    expect(spring).toEqual(['rest_day', 'statutory_holiday', 'statutory_holiday', 'statutory_holiday', 'statutory_holiday', 'rest_day']);
    expect(statutoryStart('Spring Festival', 2024)).toBe('2024-02-10');
    expect(statutoryStart('Dragon Boat Festival', 2026)).toBe('2026-06-19');
    expect(statutoryStart('Tomb-sweeping Day', 2026)).toBe('2026-04-05');
    expect(days.get('2026-04-04')?.dayType).toBe('rest_day');
    expect(days.get('2026-04-05')?.dayType).toBe('statutory_holiday');
  });

  it('keeps a festival that falls inside another block (中秋 2025-10-06 in National Day)', () => {
    const y2025 = new Map(chinaCalendarDays([2025]).map((d) => [d.date, d]));
    expect(y2025.get('2025-10-06')).toMatchObject({ dayType: 'statutory_holiday', name: '中秋' });
    expect(y2025.get('2025-10-05')).toMatchObject({ dayType: 'rest_day', name: '国庆节假期' });
  });
});

describeEachDb('holiday calendars', (db) => {
  let t: TestApp;
  const events: Changed[] = [];
  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => NOW });
    t.services.events.on('attendance.inputs_changed', (e) => void events.push(e));
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('imports every year into the shared CN calendar; admins only', async () => {
    expect((await t.as('hr').post('/api/v1/holiday-calendars/import-china', {})).statusCode).toBe(403);
    const res = await t.as('admin').post('/api/v1/holiday-calendars/import-china');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.years).toContain(2004);
    expect(r.years).toContain(2026);
    expect(r.inserted).toBeGreaterThan(700);
    const cal = (await t.as('hr').get(`/api/v1/holiday-calendars/${r.calendarId}`)).json();
    expect(cal).toMatchObject({ companyId: null, code: 'CN', weekendDays: [0, 6] });
    const days = (await t.as('employee').get(`/api/v1/holiday-calendars/${r.calendarId}/days?from=2026-10-01&to=2026-10-10`)).json();
    expect(days.items.map((d: { date: string; dayType: string }) => `${d.date}:${d.dayType}`)).toEqual([
      '2026-10-01:statutory_holiday',
      '2026-10-02:statutory_holiday',
      '2026-10-03:statutory_holiday',
      '2026-10-04:rest_day',
      '2026-10-05:rest_day',
      '2026-10-06:rest_day',
      '2026-10-07:rest_day',
      '2026-10-10:makeup_workday',
    ]);
    const jan = (await t.as('hr').get(`/api/v1/holiday-calendars/${r.calendarId}/days?from=2026-01-04&to=2026-01-04`)).json();
    expect(jan.items).toEqual([{ date: '2026-01-04', dayType: 'makeup_workday', name: '元旦调休上班', source: 'chinese-days' }]);
    const again = (await t.as('admin').post('/api/v1/holiday-calendars/import-china', { years: [2026] })).json();
    expect(again).toMatchObject({ calendarId: r.calendarId, inserted: 0, updated: 0, keptManual: 0 });
    expect(again.unchanged).toBeGreaterThan(30);
  });

  it('keeps manual days through a re-import and tells the companies that use the calendar', async () => {
    const cal = (await t.as('hr').get('/api/v1/holiday-calendars')).json().items.find((c: { code: string }) => c.code === 'CN');
    const shift = (await t.as('hr').post('/api/v1/shift-types', { companyId: t.companyId, code: 'D', name: 'D', start: '09:00', end: '18:00' })).json().id;
    await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, name: 'G', kind: 'fixed', weekly: { '1': shift }, holidayCalendarId: cal.id });
    // HR may not edit a shared calendar; an admin moves a day by hand.
    const put = (who: 'hr' | 'admin', days: unknown) => t.as(who).inject({ method: 'PUT', url: `/api/v1/holiday-calendars/${cal.id}/days`, payload: { days } as object });
    expect((await put('hr', [{ date: '2026-10-07', dayType: 'workday' }])).statusCode).toBe(403);
    events.length = 0;
    const moved = await put('admin', [{ date: '2026-10-07', dayType: 'workday', name: '公司安排上班' }, { date: '2026-10-08', dayType: 'rest_day' }]);
    expect(moved.json()).toEqual({ saved: 2 });
    expect(events).toEqual([{ companyId: t.companyId, employeeIds: 'all', fromDate: '2026-10-07', toDate: '2026-10-08', reason: 'holiday_calendar.days_put' }]);
    const bad = await put('admin', [{ date: '2026-02-30', dayType: 'rest_day' }]);
    // Not a calendar date: the code every unsupported date gets, naming the field.
    expect(bad.json().error).toMatchObject({ code: 'DATE_OUT_OF_RANGE', details: { problems: [{ path: 'body.days[0].date' }] } });

    events.length = 0;
    const re = (await t.as('admin').post('/api/v1/holiday-calendars/import-china', { years: [2026] })).json();
    expect(re).toMatchObject({ keptManual: 1, inserted: 0, updated: 0 });
    expect(events).toEqual([]);
    const oct7 = (await t.as('hr').get(`/api/v1/holiday-calendars/${cal.id}/days?from=2026-10-07&to=2026-10-08`)).json().items;
    expect(oct7).toEqual([
      { date: '2026-10-07', dayType: 'workday', name: '公司安排上班', source: 'manual' },
      { date: '2026-10-08', dayType: 'rest_day', name: null, source: 'manual' },
    ]);

    // Deleting a manual day lets the next import restore the package's value.
    expect((await t.as('admin').delete(`/api/v1/holiday-calendars/${cal.id}/days/2026-10-07`)).statusCode).toBe(204);
    events.length = 0;
    const restored = (await t.as('admin').post('/api/v1/holiday-calendars/import-china', { years: [2026] })).json();
    // 2026-10-08 is not in the package, so no longer counts as a kept manual day.
    expect(restored).toMatchObject({ inserted: 1, updated: 0, keptManual: 0 });
    expect(events).toEqual([{ companyId: t.companyId, employeeIds: 'all', fromDate: '2026-10-07', toDate: '2026-10-07', reason: 'holiday_calendar.import_china' }]);
    const audit = (await t.as('admin').get(`/api/v1/audit?entity=holiday_calendar&entityId=${cal.id}`)).json();
    expect(audit.items.map((i: { action: string }) => i.action)).toEqual(expect.arrayContaining(['holiday_calendar.import_china', 'holiday_calendar.days_put', 'holiday_calendar.day_delete']));
    expect((await t.as('hr').delete(`/api/v1/holiday-calendars/${cal.id}`)).statusCode).toBe(403);
    expect((await t.as('admin').delete(`/api/v1/holiday-calendars/${cal.id}`)).json().error.code).toBe('CALENDAR_IN_USE');
  });

  it('lets HR keep a company calendar and import into it; other companies cannot see it', async () => {
    const created = await t.as('hr').post('/api/v1/holiday-calendars', { companyId: t.companyId, code: 'CN-ACME', name: '公司日历', weekendDays: [0] });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const dup = await t.as('hr').post('/api/v1/holiday-calendars', { companyId: t.companyId, code: 'CN-ACME', name: 'again' });
    expect(dup.json().error.code).toBe('DUPLICATE_CALENDAR_CODE');
    const imp = (await t.as('hr').post('/api/v1/holiday-calendars/import-china', { calendarId: id, years: [2026] })).json();
    expect(imp.calendarId).toBe(id);
    expect(imp.inserted).toBeGreaterThan(30);
    expect((await t.as('otherHr').get(`/api/v1/holiday-calendars/${id}`)).statusCode).toBe(404);
    expect((await t.as('otherHr').post('/api/v1/holiday-calendars/import-china', { calendarId: id })).statusCode).toBe(404);
    const shared = await t.as('hr').post('/api/v1/holiday-calendars', { companyId: null, code: 'X', name: 'x' });
    expect(shared.statusCode).toBe(403);
  });
});
