/**
 * WeCom's daily report (getcheckin_daydata) against the simulator: one row per member and day up
 * to today, exception codes and worked time derived from the same punches getcheckindata serves,
 * leave in sp_items, and the day results mapped from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeComClient } from '../../../src/sources/wecom/client.js';
import { mapWeComDayResults } from '../../../src/sources/wecom/mapper.js';
import { startWeComSimulator, type WeComSimulator } from '../../../src/sources/wecom/simulator/index.js';
import { addDays, instantOf, wallTimeOf } from '../../../src/sources/platform/zone.js';
import { testToday } from '../../helpers/test-clock.js';

const ZONE = 'Asia/Shanghai';
let sim: WeComSimulator;
let client: WeComClient;
const sec = (date: string) => Math.floor(instantOf(date, '', ZONE) / 1000);
const weekday = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());

beforeAll(async () => {
  sim = await startWeComSimulator({ seed: 'day-report', company: { users: 40 } });
  client = new WeComClient({ corpId: sim.corpId, secret: sim.apps[0].secret, agentId: sim.apps[0].agentId, baseUrl: sim.url });
});
afterAll(() => sim.close());

describe('WeCom daily report', () => {
  it('has one row per member and day, with exceptions and worked time from the punches', async () => {
    const today = testToday(ZONE);
    const users = sim.company.users.slice(0, 30).map((u) => u.userId);
    const from = addDays(today, -12);
    const to = addDays(today, -1);
    const rows = await client.getCheckinDayData(users, sec(from), sec(to));
    expect(rows).toHaveLength(users.length * 12);
    for (const r of rows.slice(0, 60)) {
      const date = wallTimeOf(r.base_info.date * 1000, ZONE).wallTime.slice(0, 10);
      const punches = sim.company.punchesOn(sim.company.user(r.base_info.acctid)!, date).filter((p) => p.kind !== 'outing');
      expect(r.base_info.day_type).toBe(weekday(date) ? 0 : 1);
      expect(r.summary_info?.checkin_count).toBe(punches.length);
      const codes = (r.exception_infos ?? []).map((e) => e.exception);
      const inP = punches.find((p) => p.kind === 'in');
      const outP = punches.find((p) => p.kind === 'out');
      if (weekday(date)) {
        expect(codes.includes(1)).toBe(Boolean(inP?.late));
        expect(codes.includes(2)).toBe(Boolean(outP?.early));
      } else expect(codes.filter((c) => c <= 4)).toEqual([]);
      if (inP && outP) expect(r.summary_info?.regular_work_sec).toBeGreaterThan(0);
    }
  });

  it('maps rows to day results: scheduled weekdays, late, early, 缺卡, 旷工, worked minutes', async () => {
    const today = testToday(ZONE);
    const users = sim.company.users.map((u) => u.userId);
    const from = addDays(today, -20);
    const to = addDays(today, -1);
    const rows = [...(await client.getCheckinDayData(users.slice(0, 100), sec(from), sec(to)))];
    const days = mapWeComDayResults(rows, ZONE);
    expect(days).toHaveLength(users.length * 20);
    let absent = 0;
    for (const d of days) {
      const punches = sim.company.punchesOn(sim.company.user(d.userExternalId)!, d.date).filter((p) => p.kind !== 'outing');
      const inP = punches.find((p) => p.kind === 'in');
      const outP = punches.find((p) => p.kind === 'out');
      expect(d.scheduled).toBe(weekday(d.date));
      if (!d.scheduled) continue;
      expect(d.late).toBe(Boolean(inP?.late));
      expect(d.early).toBe(Boolean(outP?.early));
      if (!d.onLeave) {
        expect(d.absent).toBe(punches.length === 0);
        expect(d.missingPunches > 0).toBe(Boolean(inP && !outP));
      }
      if (inP && outP) {
        const span = Math.round((outP.atMs - inP.atMs) / 60_000);
        expect(d.workedMinutes).toBeGreaterThanOrEqual(span - 61);
        expect(d.workedMinutes).toBeLessThanOrEqual(span);
      }
      absent += Number(d.absent);
    }
    expect(absent).toBeGreaterThan(0);
  });

  it('shows an approved leave in sp_items and does not count the day as absent', async () => {
    const today = testToday(ZONE);
    const leave = sim.company.approvals.find((a) => a.kind === 'leave' && a.status === 'approved' && a.fromPart === null)!;
    const rows = await client.getCheckinDayData([leave.userId], sec(leave.fromDate), sec(leave.fromDate));
    const [day] = mapWeComDayResults(rows, ZONE);
    expect(day).toMatchObject({ userExternalId: leave.userId, date: leave.fromDate, onLeave: true, absent: false, missingPunches: 0 });
    expect(rows[0].holiday_infos?.[0]?.sp_number).toBeTruthy();
  });

  it('has no report for days after today', async () => {
    const today = testToday(ZONE);
    const rows = await client.getCheckinDayData(['u000001'], sec(addDays(today, -1)), sec(addDays(today, 2)));
    expect(rows.map((r) => wallTimeOf(r.base_info.date * 1000, ZONE).wallTime.slice(0, 10))).toEqual([addDays(today, -1), today]);
  });

  it('refuses more than 100 users or 30 days; a missing permission is CONNECTOR_PERMISSION_DENIED', async () => {
    const today = testToday(ZONE);
    const many = Array.from({ length: 101 }, (_, i) => `x${i}`);
    await expect(client.getCheckinDayData(many, sec(today), sec(today))).rejects.toMatchObject({ code: 'CONNECTOR_REQUEST_REJECTED' });
    await expect(client.getCheckinDayData(['u000001'], sec(addDays(today, -40)), sec(today))).rejects.toMatchObject({ code: 'CONNECTOR_REQUEST_REJECTED' });
    const token = await client.getAccessToken();
    const res = await fetch(`${sim.url}/cgi-bin/checkin/getcheckin_daydata?access_token=${token}`, { method: 'POST', body: JSON.stringify({ starttime: sec(today), endtime: sec(today), useridlist: many }) });
    expect((await res.json()).errcode).toBe(301023);
    sim.forbiddenApis.add('/cgi-bin/checkin/getcheckin_daydata');
    try {
      await expect(client.getCheckinDayData(['u000001'], sec(today), sec(today))).rejects.toMatchObject({ code: 'CONNECTOR_PERMISSION_DENIED' });
    } finally {
      sim.forbiddenApis.clear();
    }
  });
});
