/**
 * DingTalk punch results (/attendance/list) against the simulator: paging, the 50-user / 7-day
 * window, NotSigned slots, and the day results mapped from them, checked against the simulated
 * company's own punches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DingTalkClient } from '../../../src/sources/dingtalk/client.js';
import { mapDingTalkDayResults } from '../../../src/sources/dingtalk/mapper.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../../src/sources/dingtalk/simulator/index.js';
import { addDays, wallTimeOf } from '../../../src/sources/platform/zone.js';
import { testToday } from '../../helpers/test-clock.js';

let sim: DingTalkSimulator;
let client: DingTalkClient;
/** A past week (today-10 … today-4), read when a test runs. */
const pastWeek = () => ({ from: addDays(testToday(), -10), to: addDays(testToday(), -4) });
const weekday = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());

beforeAll(async () => {
  sim = await startDingTalkSimulator({ seed: 'day-results', company: { users: 60 } });
  const app = sim.apps[0];
  client = new DingTalkClient({ corpId: sim.corpId, appKey: app.appKey, appSecret: app.appSecret, agentId: app.agentId, oapiBaseUrl: sim.url });
});
afterAll(() => sim.close());

describe('DingTalk punch results', () => {
  it('returns every scheduled slot of 50 users × 7 days over several pages, NotSigned where nobody punched', async () => {
    const { from, to } = pastWeek();
    const users = sim.company.users.slice(0, 50);
    const before = sim.stats.byPath['/attendance/list'] ?? 0;
    const rows = await client.listAttendanceResults(users.map((u) => u.userId), from, to);
    const weekdays = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(from, i)).filter(weekday);
    expect(rows).toHaveLength(users.length * weekdays.length * 2);
    expect((sim.stats.byPath['/attendance/list'] ?? 0) - before).toBe(Math.ceil(rows.length / 50));
    const u = users[3];
    for (const date of weekdays) {
      const punches = sim.company.punchesOn(u, date);
      const onDuty = rows.find((r) => r.userId === u.userId && r.checkType === 'OnDuty' && wallTimeOf(Number(r.workDate), 'Asia/Shanghai').wallTime.startsWith(date))!;
      const inPunch = punches.find((p) => p.kind === 'in');
      if (inPunch) expect(onDuty).toMatchObject({ recordId: inPunch.recordId, timeResult: inPunch.late ? 'Late' : 'Normal', userCheckTime: inPunch.atMs });
      else expect(onDuty).toMatchObject({ timeResult: 'NotSigned', sourceType: 'SYSTEM' });
    }
  });

  it('maps slots to day results that agree with the punches', async () => {
    const { from, to } = pastWeek();
    const users = sim.company.users.slice(0, 50);
    const days = mapDingTalkDayResults(await client.listAttendanceResults(users.map((u) => u.userId), from, to), 'Asia/Shanghai');
    let absent = 0;
    let missing = 0;
    for (const d of days) {
      const punches = sim.company.punchesOn(sim.company.user(d.userExternalId)!, d.date);
      const inP = punches.find((p) => p.kind === 'in');
      const outP = punches.find((p) => p.kind === 'out');
      expect(weekday(d.date)).toBe(true);
      expect(d).toMatchObject({ scheduled: true, late: inP?.late ?? false, early: outP?.early ?? false, missingPunches: Number(!inP) + Number(!outP), absent: !inP && !outP, onLeave: null, workedMinutes: null });
      if (inP?.late) expect(d.lateMinutes).toBe(Math.round((inP.atMs - inP.planMs!) / 60_000));
      absent += Number(d.absent);
      missing += Number(d.missingPunches > 0 && !d.absent);
    }
    expect(days.length).toBe(users.length * [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(from, i)).filter(weekday).length);
    expect(absent + missing).toBeGreaterThan(0);
  });

  it('refuses more than 50 users or 7 days before calling, and the simulator refuses them too', async () => {
    const { from, to } = pastWeek();
    const ids = sim.company.users.map((u) => u.userId);
    await expect(client.listAttendanceResults(ids.slice(0, 51), from, from)).rejects.toMatchObject({ code: 'CONNECTOR_REQUEST_REJECTED' });
    await expect(client.listAttendanceResults(ids.slice(0, 5), from, addDays(from, 7))).rejects.toMatchObject({ code: 'CONNECTOR_REQUEST_REJECTED' });
    const token = await client.getAccessToken();
    const res = await fetch(`${sim.url}/attendance/list?access_token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workDateFrom: `${from} 00:00:00`, workDateTo: `${addDays(from, 9)} 00:00:00`, userIdList: ids.slice(0, 2), offset: 0, limit: 50 }),
    });
    expect((await res.json()).errcode).not.toBe(0);
  });

  it('reports a missing permission as CONNECTOR_PERMISSION_DENIED', async () => {
    const { from, to } = pastWeek();
    sim.forbiddenApis.add('/attendance/list');
    try {
      await expect(client.listAttendanceResults(['u000001'], from, from)).rejects.toMatchObject({ code: 'CONNECTOR_PERMISSION_DENIED' });
    } finally {
      sim.forbiddenApis.delete('/attendance/list');
    }
  });
});
