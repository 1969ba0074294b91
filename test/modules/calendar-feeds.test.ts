/**
 * Calendar feeds (日历同步) on both databases: an employee's private ICS URL shows their shifts,
 * approved leave and the holiday calendar's holidays and make-up workdays; it parses with ical.js
 * (a third-party RFC 5545 parser) with its VTIMEZONE; UIDs are stable and SEQUENCE rises when an
 * event changes; the token is revocable; folding and escaping hold for long Chinese text.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar } from '../../src/modules/calendar-feeds/ics.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { describeEachDb } from '../helpers/test-db.js';

const at = (iso: string) => Date.parse(iso);

interface Parsed {
  uid: string;
  summary: string;
  sequence: number;
  start: ICAL.Time;
  end: ICAL.Time;
}

function parse(text: string): { cal: ICAL.Component; events: Parsed[] } {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const events = cal.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    return { uid: e.uid, summary: e.summary, sequence: e.sequence, start: e.startDate, end: e.endDate };
  });
  return { cal, events };
}

describe('ics text', () => {
  it('folds at 75 octets without splitting a character, escapes TEXT, and ends lines with CRLF', () => {
    const long = `SUMMARY:${escapeText('请假：年假，因家中有事; 需要回老家处理\\ 一些事情，'.repeat(4))}`;
    const folded = foldLine(long);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    const text = renderCalendar({ name: '测试', zone: 'Asia/Shanghai', stampMs: at('2026-09-28T04:00:00Z'), events: [{ uid: 'x@daka', sequence: 0, summary: '请假：年假，因家中有事; 需要回老家处理\\ 一些事情，'.repeat(4), date: { start: '2026-09-30', end: '2026-10-01' } }] });
    expect(text.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(parse(text).events[0].summary).toBe('请假：年假，因家中有事; 需要回老家处理\\ 一些事情，'.repeat(4));
  });

  it('writes UTC times for a zone with daylight saving (no VTIMEZONE to get wrong)', () => {
    const text = renderCalendar({ name: 'x', zone: 'Europe/Berlin', stampMs: at('2026-09-28T04:00:00Z'), events: [{ uid: 'a@daka', sequence: 2, summary: 'Früh', time: { startMs: at('2026-09-29T07:00:00Z'), endMs: at('2026-09-29T15:00:00Z') } }] });
    expect(text).not.toContain('VTIMEZONE');
    const e = parse(text).events[0];
    expect(e.start.toUnixTime() * 1000).toBe(at('2026-09-29T07:00:00Z'));
    expect(e.sequence).toBe(2);
  });
});

describeEachDb('calendar feeds', (db) => {
  const clock = at('2026-09-28T04:00:00Z'); // Monday 12:00 in Shanghai
  let t: TestApp;
  let shiftId: number;
  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => clock });
    const d = t.services.db;
    const rd = (await d.selectFrom('departments').select('id').where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).id;
    await t.as('hr').post('/api/v1/leave-types/seed', { companyId: t.companyId });
    const cn = (await t.as('admin').post('/api/v1/holiday-calendars/import-china', { years: [2026] })).json().calendarId;
    shiftId = (await t.as('hr').post('/api/v1/shift-types', { companyId: t.companyId, code: 'D', name: '白班', start: '09:00', end: '18:00' })).json().id;
    const s = shiftId;
    const g = await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, name: '研发', kind: 'fixed', weekly: { '1': s, '2': s, '3': s, '4': s, '5': s }, holidayCalendarId: cn });
    expect(g.statusCode, g.body).toBe(201);
    await t.as('hr').post(`/api/v1/attendance-groups/${g.json().id}/members`, { departmentId: rd, effectiveFrom: '2026-01-01' });
    const filed = await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: '2026-09-30', toDate: '2026-09-30' });
    expect(filed.statusCode, filed.body).toBe(201);
    expect((await t.as('manager').post(`/api/v1/requests/${filed.json().id}/approve`, {})).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const fetchFeed = (url: string) => t.as('anonymous').get(url);

  it('gives an employee a private feed of shifts, leave, holidays and make-up workdays that ical.js reads', async () => {
    const created = await t.as('employee').post('/api/v1/calendar-feeds', {});
    expect(created.statusCode, created.body).toBe(201);
    const { url } = created.json();
    expect(url).toMatch(/^\/feeds\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const res = await fetchFeed(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    for (const line of res.body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const { cal, events } = parse(res.body);
    expect(cal.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Asia/Shanghai');
    const on = (date: string) => events.filter((e) => e.start.toString().startsWith(date));
    const tuesday = on('2026-09-29');
    expect(tuesday.map((e) => e.summary)).toEqual(['白班 09:00–18:00']);
    expect(tuesday[0].start.toUnixTime() * 1000).toBe(at('2026-09-29T01:00:00Z'));
    expect(tuesday[0].end.toUnixTime() * 1000).toBe(at('2026-09-29T10:00:00Z'));
    expect(on('2026-09-30').map((e) => e.summary)).toEqual(['请假：年假']);
    expect(on('2026-09-30')[0].start.isDate).toBe(true);
    expect(on('2026-10-01').map((e) => e.summary)).toEqual(['法定节假日']);
    expect(events.some((e) => e.summary === '调休上班日')).toBe(true);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    expect(events.every((e) => e.sequence === 0)).toBe(true);
  });

  it('keeps UIDs and raises SEQUENCE only for the events that changed', async () => {
    const { url } = (await t.as('employee').post('/api/v1/calendar-feeds', {})).json();
    const before = parse((await fetchFeed(url)).body).events;
    expect(parse((await fetchFeed(url)).body).events.map((e) => e.sequence)).toEqual(before.map(() => 0));
    expect((await t.as('hr').patch(`/api/v1/shift-types/${shiftId}`, { start: '10:00' })).statusCode).toBe(200);
    const after = parse((await fetchFeed(url)).body).events;
    expect(after.map((e) => e.uid).sort()).toEqual(before.map((e) => e.uid).sort());
    for (const e of after) expect(e.sequence, e.summary).toBe(e.summary.startsWith('白班') ? 1 : 0);
    expect((await t.as('hr').patch(`/api/v1/shift-types/${shiftId}`, { start: '09:00' })).statusCode).toBe(200);
  });

  it('lets the owner or HR revoke a feed, after which its URL is gone; audits both', async () => {
    const created = (await t.as('employee').post('/api/v1/calendar-feeds', {})).json();
    expect((await t.as('manager').delete(`/api/v1/calendar-feeds/${created.id}`)).statusCode).toBe(404);
    expect((await t.as('employee').delete(`/api/v1/calendar-feeds/${created.id}`)).statusCode).toBe(204);
    expect((await fetchFeed(created.url)).statusCode).toBe(404);
    expect((await fetchFeed('/feeds/calendar/not-a-token.ics')).statusCode).toBe(404);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'calendar_feed').where('entity_id', '=', String(created.id)).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['calendar_feed.create', 'calendar_feed.revoke']);
  });

  it('gives a manager a team feed and refuses an employee a feed of someone else', async () => {
    const team = await t.as('manager').post('/api/v1/calendar-feeds', { scope: 'team' });
    expect(team.statusCode, team.body).toBe(201);
    const { events } = parse((await fetchFeed(team.json().url)).body);
    expect(events.some((e) => e.summary === '李员工 · 请假：年假')).toBe(true);
    expect(events.filter((e) => e.summary === '法定节假日' && e.start.toString().startsWith('2026-10-01'))).toHaveLength(1);
    const managerId = team.json().employeeId;
    expect([403, 404]).toContain((await t.as('employee').post('/api/v1/calendar-feeds', { employeeId: managerId })).statusCode);
    expect((await t.as('employee').post('/api/v1/calendar-feeds', { scope: 'team' })).statusCode).toBe(403);
  });
});
