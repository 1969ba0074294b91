/**
 * Reconciliation against the platforms' own day results (WeCom daily report, DingTalk punch
 * results) served by the simulators: each kind of difference is found for the employee-day it was
 * planted on and nowhere else, the worked-minutes tolerance is a setting, and without the day API
 * the punch-verdict comparison takes over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DingTalkClient } from '../../src/sources/dingtalk/client.js';
import { mapDingTalkDayResults } from '../../src/sources/dingtalk/mapper.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../src/sources/dingtalk/simulator/index.js';
import { WeComClient } from '../../src/sources/wecom/client.js';
import { mapWeComDayResults } from '../../src/sources/wecom/mapper.js';
import { startWeComSimulator, type WeComSimulator } from '../../src/sources/wecom/simulator/index.js';
import type { PlatformDayResult } from '../../src/sources/platform/index.js';
import { compareDay, type DakaDay } from '../../src/modules/connectors/reconciliation.js';
import { addDays, zonedDayStartMs } from '../../src/shared/dates.js';
import { testToday } from '../helpers/test-clock.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const ZONE = 'Asia/Shanghai';
const KEY = 'B'.repeat(43);
/** The latest Friday at least two days back, and the Saturday after it; set when the tests start. */
let friday = '2026-03-06';
let saturday = '2026-03-07';
beforeAll(() => {
  friday = addDays(testToday(ZONE), -2);
  while (new Date(`${friday}T00:00:00Z`).getUTCDay() !== 5) friday = addDays(friday, -1);
  saturday = addDays(friday, 1);
});

const platformDay = (over: Partial<PlatformDayResult> = {}): PlatformDayResult => ({
  userExternalId: 'u1', date: friday, scheduled: true, punches: 2, late: false, lateMinutes: 0, early: false, earlyMinutes: 0, missingPunches: 0, absent: false, onLeave: false, workedMinutes: 480, ...over,
});
const dakaDay = (over: Partial<DakaDay> = {}): DakaDay => ({
  employee_id: 1, date: friday, day_type: 'workday', status: 'present', late: 0, late_minutes: 0, early: 0, early_minutes: 0, missing_in: 0, missing_out: 0, worked_minutes: 480, in_time: '09:00', out_time: '18:00', leave_type: null, ...over,
});

describe('compareDay', () => {
  it('names each field the two sides disagree on', () => {
    expect(compareDay(platformDay(), dakaDay(), 15)).toEqual([]);
    expect(compareDay(platformDay({ late: true }), dakaDay(), 15)).toEqual(['late']);
    expect(compareDay(platformDay({ early: true, missingPunches: 1 }), dakaDay(), 15)).toEqual(['early', 'missing_punch']);
    expect(compareDay(platformDay({ workedMinutes: 500 }), dakaDay(), 15)).toEqual(['worked_minutes']);
    expect(compareDay(platformDay({ workedMinutes: 470 }), dakaDay(), 15)).toEqual([]);
    expect(compareDay(platformDay({ workedMinutes: null }), dakaDay({ worked_minutes: 0 }), 15)).toEqual([]);
    expect(compareDay(platformDay({ scheduled: false }), dakaDay(), 15)).toEqual(['scheduled']);
    expect(compareDay(platformDay({ scheduled: false, punches: 0 }), dakaDay({ status: 'rest', in_time: null, out_time: null }), 15)).toEqual([]);
    expect(compareDay(platformDay({ scheduled: false, punches: 2 }), dakaDay({ status: 'rest', in_time: null, out_time: null }), 15)).toEqual(['punches']);
  });

  it('lets absence and leave stand for the figures that follow from them', () => {
    expect(compareDay(platformDay({ absent: true, punches: 0, missingPunches: 2, workedMinutes: 0 }), dakaDay(), 15)).toEqual(['absent']);
    expect(compareDay(platformDay({ absent: true, punches: 0, missingPunches: 2 }), dakaDay({ status: 'absent', in_time: null, out_time: null, worked_minutes: 0 }), 15)).toEqual([]);
    expect(compareDay(platformDay({ onLeave: true, workedMinutes: 0 }), dakaDay({ status: 'on_leave', leave_type: '年假', worked_minutes: 0 }), 15)).toEqual([]);
    expect(compareDay(platformDay({ onLeave: true }), dakaDay(), 15)).toEqual(['leave']);
    // DingTalk does not say whether a day is leave: Daka's leave is only questioned by an absence.
    expect(compareDay(platformDay({ onLeave: null }), dakaDay({ status: 'on_leave', leave_type: '事假' }), 15)).toEqual([]);
    expect(compareDay(platformDay({ onLeave: null, absent: true, punches: 0 }), dakaDay({ status: 'on_leave', leave_type: '事假' }), 15)).toEqual(['absent']);
  });
});

interface Planted {
  employeeId: number;
  date: string;
  kind: string;
  fields: string[];
}

function dakaRow(companyId: number, employeeId: number, p: PlatformDayResult) {
  const status = !p.scheduled ? 'rest' : p.onLeave ? 'on_leave' : p.absent ? 'absent' : p.missingPunches ? 'missing_punch' : 'present';
  return {
    company_id: companyId, employee_id: employeeId, date: p.date, group_id: null, shift_type_id: null, day_type: p.scheduled ? 'workday' : 'rest_day', status,
    late: p.late ? 1 : 0, late_minutes: p.lateMinutes, late_level: p.late ? 'late' : 'none', early: p.early ? 1 : 0, early_minutes: p.earlyMinutes,
    missing_in: 0, missing_out: p.missingPunches > 0 && !p.absent ? 1 : 0, worked_minutes: p.workedMinutes ?? 0, overtime_minutes: 0, overtime_category: 'none',
    overtime_pay_multiplier: 1, unapproved_overtime_minutes: null, in_time: p.punches > 0 ? '09:00' : null, out_time: p.punches > 1 ? '18:00' : null,
    ignored_punch_count: 0, duplicate_punch_count: 0, leave_type: p.onLeave ? '年假' : null, leave_half: null, corrections_used: 0, explanation: null, computed_at_ms: Date.now(),
  };
}
type DayRow = ReturnType<typeof dakaRow>;

describeEachDb('reconciliation against day results', (db) => {
  let t: TestApp;
  let wecom: WeComSimulator;
  let ding: DingTalkSimulator;
  let wcId: number;
  let dtId: number;
  let wcLinks: Map<string, number>;
  const planted: Planted[] = [];

  const identities = async (provider: string, tenant: string, companyId = t.companyId) =>
    new Map((await db().database.db.selectFrom('external_identities').select(['external_id', 'employee_id']).where('company_id', '=', companyId).where('provider', '=', provider).where('tenant', '=', tenant).execute()).map((r) => [r.external_id, r.employee_id]));
  const diffs = async (id: number, query = '') => (await t.as('hr').get(`/api/v1/connectors/${id}/reconciliation?from=${friday}&to=${saturday}&pageSize=500${query}`)).json();
  const replaceDays = async (rows: DayRow[], employeeIds: number[]) => {
    await db().database.db.deleteFrom('attendance_days').where('company_id', '=', t.companyId).where('employee_id', 'in', employeeIds).where('date', '>=', friday).where('date', '<=', saturday).execute();
    if (rows.length) await db().database.db.insertInto('attendance_days').values(rows).execute();
  };

  beforeAll(async () => {
    t = await createTestApp(db());
    wecom = await startWeComSimulator({ seed: 'reconcile', company: { users: 16 } });
    ding = await startDingTalkSimulator({ seed: 'reconcile', company: { users: 16 } });
    const wc = await t.as('hr').post('/api/v1/connectors', {
      companyId: t.companyId, platform: 'wecom', name: '企业微信', corpId: wecom.corpId, agentId: String(wecom.apps[0].agentId), appSecret: wecom.apps[0].secret, callbackToken: 'tok', encodingAesKey: KEY, baseUrl: wecom.url,
    });
    expect(wc.statusCode, wc.body).toBe(201);
    wcId = wc.json().id;
    const dt = await t.as('admin').post('/api/v1/connectors', {
      companyId: t.otherCompanyId, platform: 'dingtalk', name: '钉钉', corpId: ding.corpId, appKey: ding.apps[0].appKey, appSecret: ding.apps[0].appSecret, callbackToken: 'tok', encodingAesKey: KEY, baseUrl: ding.url,
    });
    expect(dt.statusCode, dt.body).toBe(201);
    dtId = dt.json().id;
    for (const id of [wcId, dtId]) expect((await t.services.connectors.run({ connectorId: id, kind: 'directory' }))?.status).toBe('succeeded');
    wcLinks = await identities('wecom', wecom.corpId);
    expect(wcLinks.size).toBe(16);
  });
  afterAll(async () => {
    await wecom?.close();
    await ding?.close();
  });

  describe('WeCom daily report', () => {
    beforeAll(async () => {
      const client = new WeComClient({ corpId: wecom.corpId, secret: wecom.apps[0].secret, baseUrl: wecom.url });
      const sec = (d: string) => Math.floor(zonedDayStartMs(d, ZONE) / 1000);
      const truth = mapWeComDayResults(await client.getCheckinDayData([...wcLinks.keys()], sec(friday), sec(saturday)), ZONE);
      expect(truth).toHaveLength(32);
      const rows = truth.map((p) => dakaRow(t.companyId, wcLinks.get(p.userExternalId)!, p));
      const at = (p: PlatformDayResult) => rows.findIndex((r) => r.employee_id === wcLinks.get(p.userExternalId) && r.date === p.date);
      const fridays = truth.filter((p) => p.date === friday);
      const clean = fridays.filter((p) => p.scheduled && !p.absent && !p.onLeave && p.missingPunches === 0);
      expect(clean.length).toBeGreaterThanOrEqual(8);
      const plant = (p: PlatformDayResult, kind: string, fields: string[], change: (r: DayRow) => Partial<DayRow>) => {
        const i = at(p);
        rows[i] = { ...rows[i], ...change(rows[i]) };
        planted.push({ employeeId: rows[i].employee_id, date: p.date, kind, fields });
      };
      plant(clean[1], 'different_result', ['late'], (r) => ({ late: 1 - r.late }));
      plant(clean[2], 'different_result', ['early'], (r) => ({ early: 1 - r.early }));
      plant(clean[3], 'different_result', ['absent'], () => ({ status: 'absent', in_time: null, out_time: null, worked_minutes: 0 }));
      plant(clean[4], 'different_result', ['missing_punch'], () => ({ status: 'missing_punch', missing_out: 1 }));
      plant(clean[5], 'different_result', ['worked_minutes'], (r) => ({ worked_minutes: r.worked_minutes + 60 }));
      plant(clean[6], 'different_result', ['scheduled'], () => ({ status: 'rest', day_type: 'rest_day', in_time: null, out_time: null }));
      // Within the 15-minute tolerance: not a difference.
      rows[at(clean[7])].worked_minutes += 10;
      const quietSaturday = truth.find((p) => p.date === saturday && p.punches === 0)!;
      plant(quietSaturday, 'missing_on_platform', [], () => ({ status: 'present', day_type: 'workday', in_time: '10:00', out_time: '15:00' }));
      const gone = rows.splice(at(clean[0]), 1)[0];
      planted.push({ employeeId: gone.employee_id, date: friday, kind: 'missing_in_daka', fields: [] });
      await replaceDays(rows, [...wcLinks.values()]);
    });

    it('finds each planted difference on its employee-day and nothing else', async () => {
      const run = await t.services.connectors.run({ connectorId: wcId, kind: 'reconcile', from: friday, to: saturday });
      expect(run?.status, run?.error ?? '').toBe('succeeded');
      expect(run?.counts).toMatchObject({ source: 'day_results', platformDays: 32, dakaDays: 31, toleranceMin: 15, missing_in_daka: 1, missing_on_platform: 1, different_result: 6 });
      const found = (await diffs(wcId)).items.map((d: Planted & { externalUserId: string }) => ({ employeeId: d.employeeId, date: d.date, kind: d.kind, fields: d.fields }));
      expect(found.sort((a: Planted, b: Planted) => a.employeeId - b.employeeId || a.date.localeCompare(b.date))).toEqual(
        [...planted].sort((a, b) => a.employeeId - b.employeeId || a.date.localeCompare(b.date)),
      );
    });

    it('shows both sides of a difference to HR and filters by kind', async () => {
      const late = planted.find((p) => p.fields[0] === 'late')!;
      const res = await diffs(wcId, `&kind=different_result&employeeId=${late.employeeId}`);
      expect(res.items).toHaveLength(1);
      const [d] = res.items;
      expect(d).toMatchObject({ kind: 'different_result', fields: ['late'], platform: { source: 'day_results', scheduled: true }, daka: { status: 'present' } });
      expect(d.platform.late).toBe(!d.daka.late);
      expect((await diffs(wcId, '&kind=missing_in_daka')).items.map((x: Planted) => x.employeeId)).toEqual([planted.find((p) => p.kind === 'missing_in_daka')!.employeeId]);
      expect((await t.as('employee').get(`/api/v1/connectors/${wcId}/reconciliation`)).statusCode).toBe(403);
      expect((await t.as('otherHr').get(`/api/v1/connectors/${wcId}/reconciliation`)).statusCode).toBe(404);
    });

    it('takes the worked-minutes tolerance from the connector settings', async () => {
      await t.as('hr').patch(`/api/v1/connectors/${wcId}`, { settings: { reconcileToleranceMin: 90 } });
      try {
        const run = await t.services.connectors.run({ connectorId: wcId, kind: 'reconcile', from: friday, to: saturday });
        expect(run?.counts).toMatchObject({ toleranceMin: 90, different_result: 5 });
        expect((await diffs(wcId)).items.some((d: Planted) => d.fields.includes('worked_minutes'))).toBe(false);
      } finally {
        await t.as('hr').patch(`/api/v1/connectors/${wcId}`, { settings: {} });
      }
      expect((await t.as('hr').patch(`/api/v1/connectors/${wcId}`, { settings: { reconcileToleranceMin: -1 } })).statusCode).toBe(400);
    });

    it('falls back to the punch verdicts when the app may not read the daily report', async () => {
      expect((await t.services.connectors.run({ connectorId: wcId, kind: 'punches', from: friday, to: saturday }))?.status).toBe('succeeded');
      wecom.forbiddenApis.add('/cgi-bin/checkin/getcheckin_daydata');
      try {
        const run = await t.services.connectors.run({ connectorId: wcId, kind: 'reconcile', from: friday, to: saturday });
        expect(run?.status, run?.error ?? '').toBe('succeeded');
        expect(run?.counts).toMatchObject({ source: 'punch_verdicts', fallbackReason: expect.stringContaining('CONNECTOR_PERMISSION_DENIED') });
        const late = planted.find((p) => p.fields[0] === 'late')!;
        const items = (await diffs(wcId)).items as Array<Planted & { platform: { source: string } }>;
        expect(items.find((d) => d.employeeId === late.employeeId)).toMatchObject({ kind: 'different_result', fields: ['late'], platform: { source: 'punch_verdicts' } });
        expect(items.find((d) => d.kind === 'missing_in_daka')?.employeeId).toBe(planted.find((p) => p.kind === 'missing_in_daka')!.employeeId);
      } finally {
        wecom.forbiddenApis.clear();
      }
    });
  });

  describe('DingTalk punch results', () => {
    it('finds late, absent, missing-punch and missing days; worked time and leave it cannot judge', async () => {
      const links = await identities('dingtalk', ding.corpId, t.otherCompanyId);
      expect(links.size).toBe(16);
      const app = ding.apps[0];
      const client = new DingTalkClient({ corpId: ding.corpId, appKey: app.appKey, appSecret: app.appSecret, oapiBaseUrl: ding.url });
      const truth = mapDingTalkDayResults(await client.listAttendanceResults([...links.keys()], friday, friday), ZONE);
      const company = t.otherCompanyId;
      const rows = truth.map((p) => dakaRow(company, links.get(p.userExternalId)!, p));
      const clean = truth.filter((p) => !p.absent && p.missingPunches === 0).map((p) => rows.findIndex((r) => r.employee_id === links.get(p.userExternalId)));
      expect(clean.length).toBeGreaterThanOrEqual(6);
      const expected: Planted[] = [];
      const plant = (i: number, kind: string, fields: string[], change: Partial<DayRow>) => {
        rows[i] = { ...rows[i], ...change };
        expected.push({ employeeId: rows[i].employee_id, date: friday, kind, fields });
      };
      plant(clean[1], 'different_result', ['late'], { late: 1 - rows[clean[1]].late });
      plant(clean[2], 'different_result', ['absent'], { status: 'absent', in_time: null, out_time: null });
      plant(clean[3], 'different_result', ['missing_punch'], { status: 'missing_punch', missing_in: 1 });
      rows[clean[4]].worked_minutes += 120;
      rows[clean[5]] = { ...rows[clean[5]], status: 'on_leave', leave_type: '事假' };
      expected.push({ employeeId: rows[clean[0]].employee_id, date: friday, kind: 'missing_in_daka', fields: [] });
      rows.splice(clean[0], 1);
      await db().database.db.deleteFrom('attendance_days').where('company_id', '=', company).where('date', '=', friday).execute();
      await db().database.db.insertInto('attendance_days').values(rows).execute();
      const metered = ding.stats.metered;
      const run = await t.services.connectors.run({ connectorId: dtId, kind: 'reconcile', from: friday, to: friday });
      expect(run?.status, run?.error ?? '').toBe('succeeded');
      expect(run?.counts).toMatchObject({ source: 'day_results', platformDays: truth.length, missing_in_daka: 1, missing_on_platform: 0, different_result: 3 });
      expect(ding.stats.metered - metered).toBe(1);
      const res = (await t.as('admin').get(`/api/v1/connectors/${dtId}/reconciliation?date=${friday}&pageSize=500`)).json();
      const found = res.items.map((d: Planted) => ({ employeeId: d.employeeId, date: d.date, kind: d.kind, fields: d.fields }));
      expect(found.sort((a: Planted, b: Planted) => a.employeeId - b.employeeId)).toEqual(expected.sort((a, b) => a.employeeId - b.employeeId));
      expect(res.items.find((d: Planted) => d.kind === 'missing_in_daka').platform).toMatchObject({ source: 'day_results', scheduled: true, workedMinutes: null, onLeave: null });
    });
  });
});
