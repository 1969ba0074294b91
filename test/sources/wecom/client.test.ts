import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planWeComBackfill, runWeComBackfill } from '../../../src/sources/wecom/backfill.js';
import { WeComClient } from '../../../src/sources/wecom/client.js';
import { mapWeComApproval, mapWeComDepartment, mapWeComUser } from '../../../src/sources/wecom/mapper.js';
import { startWeComSimulator, type WeComSimulator } from '../../../src/sources/wecom/simulator/server.js';
import { TEMPLATE_IDS } from '../../../src/sources/wecom/simulator/records.js';
import { instantOf } from '../../../src/sources/platform/zone.js';
import type { CheckinInput } from '../../../src/sources/types.js';

let sim: WeComSimulator;
const fastRetry = { transientBackoff: { baseMs: 5, maxMs: 40 }, rateLimitBackoff: { baseMs: 10, maxMs: 60 } };

beforeAll(async () => {
  sim = await startWeComSimulator({ seed: 'wecom-test', company: { users: 260, month: '2026-10' }, qps: 100, defaultQps: 500, robots: ['robot-key-1'] });
});
afterAll(() => sim.close());

const clientFor = (over: Record<string, unknown> = {}) =>
  new WeComClient({
    corpId: sim.corpId,
    secret: sim.apps[0].secret,
    agentId: sim.apps[0].agentId,
    baseUrl: sim.url,
    timeoutMs: 1_000,
    rateOverrides: { '/cgi-bin/checkin/getcheckindata': { ratePerSec: 100, burst: 20 } },
    retry: { ...fastRetry, maxTransientRetries: 8, maxRateLimitRetries: 10 },
    ...over,
  });
const count = (p: string) => sim.stats.byPath[p] ?? 0;

describe('WeCom tokens', () => {
  it('single-flight, refresh-and-retry-once on 42001, no retry on bad secret or corp id', async () => {
    const before = count('/cgi-bin/gettoken');
    const c = clientFor();
    await Promise.all(sim.company.users.slice(0, 20).map((u) => c.getUser(u.userId)));
    expect(count('/cgi-bin/gettoken') - before).toBe(1);
    sim.expireTokens();
    await expect(c.getUser('u000001')).resolves.toMatchObject({ userid: 'u000001' });
    expect(count('/cgi-bin/gettoken') - before).toBe(2);
    const b2 = count('/cgi-bin/gettoken');
    await expect(clientFor({ secret: 'nope' }).getUser('u000001')).rejects.toMatchObject({ code: 'CONNECTOR_BAD_CREDENTIALS', details: { errcode: 40001 } });
    await expect(clientFor({ corpId: 'wwother' }).getUser('u000001')).rejects.toMatchObject({ code: 'CONNECTOR_BAD_CREDENTIALS', details: { errcode: 40013 } });
    expect(count('/cgi-bin/gettoken') - b2).toBe(2);
  });

  it('45009 from the simulator QPS gate is backed off and recovered from', async () => {
    // A slow gate (5/s) so the burst trips it however loaded the test machine is.
    const slow = await startWeComSimulator({ seed: 'qps', company: { users: 30 }, defaultQps: 5 });
    try {
      const c = new WeComClient({
        corpId: slow.corpId,
        secret: slow.apps[0].secret,
        baseUrl: slow.url,
        rateOverrides: { '/cgi-bin/user/get': { ratePerSec: 1000, burst: 1000 } },
        retry: { ...fastRetry, maxRateLimitRetries: 10 },
      });
      const ids = slow.company.users.slice(0, 25).map((u) => u.userId);
      const users = await Promise.all(ids.map((id) => c.getUser(id)));
      expect(users.map((u) => u.userid)).toEqual(ids);
      expect(slow.stats.qpsRejected).toBeGreaterThan(0);
    } finally {
      await slow.close();
    }
  });
});

describe('WeCom REST calls', () => {
  it('directory: recursive departments, members, mapped neutrally', async () => {
    const c = clientFor();
    const depts = await c.listDepartments();
    expect(depts).toHaveLength(sim.company.departments.length);
    expect(depts.map(mapWeComDepartment).find((d) => d.externalId === '1')?.parentExternalId).toBeNull();
    const members = await c.listDepartmentUsers(100);
    const mapped = members.map((u) => mapWeComUser(u));
    expect(mapped.length).toBe(sim.company.users.filter((u) => u.deptIds.includes(100)).length);
    // Half the simulated staff come without mobile/email, like apps created after 2022-06-20.
    expect(mapped.some((u) => u.missingFields.includes('mobile'))).toBe(true);
    expect(mapped.some((u) => u.mobile)).toBe(true);
  });

  it('getcheckindata windows: client refuses, simulator answers with WeCom codes', async () => {
    const c = clientFor();
    const ids = sim.company.users.slice(0, 101).map((u) => u.userId);
    const start = instantOf('2026-10-01', '', 'Asia/Shanghai') / 1000;
    expect(() => c.getCheckinData(ids, start, start + 100)).toThrow(/100 users/);
    expect(() => c.getCheckinData(ids.slice(0, 2), start, start + 30 * 86_400 + 1)).toThrow(/30 days/);
    const token = await c.getAccessToken();
    const post = (body: unknown) =>
      fetch(`${sim.url}/cgi-bin/checkin/getcheckindata?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) }).then(
        (r) => r.json() as Promise<{ errcode: number }>,
      );
    expect((await post({ opencheckindatatype: 3, starttime: start, endtime: start + 10, useridlist: ids })).errcode).toBe(301023);
    expect((await post({ opencheckindatatype: 3, starttime: start, endtime: start + 31 * 86_400, useridlist: ['u000001'] })).errcode).toBe(301024);
  });

  it('approvals: paged numbers, details mapped with the template map', async () => {
    const c = clientFor();
    const start = instantOf('2026-09-30', '', 'Asia/Shanghai') / 1000;
    const nos = await c.listApprovalNumbers(start, start + 31 * 86_400 - 1);
    expect(nos.length).toBe(sim.company.approvals.length);
    const kinds = { [TEMPLATE_IDS.leave]: 'leave', [TEMPLATE_IDS.correction]: 'correction', [TEMPLATE_IDS.overtime]: 'overtime' } as const;
    const details = await Promise.all(nos.map((n) => c.getApprovalDetail(n)));
    const mapped = details.map((d) => mapWeComApproval(d, { templateKinds: kinds }));
    expect(mapped.every((m) => m !== null)).toBe(true);
    const byKind = (k: string) => mapped.filter((m) => m!.kind === k).length;
    expect(byKind('leave')).toBe(sim.company.approvals.filter((a) => a.kind === 'leave').length);
    expect(byKind('correction')).toBe(sim.company.approvals.filter((a) => a.kind === 'correction').length);
    const onlyLeave = await c.listApprovalNumbers(start, start + 31 * 86_400 - 1, [{ key: 'template_id', value: TEMPLATE_IDS.leave }]);
    expect(onlyLeave.length).toBe(byKind('leave'));
  });

  it('outbound: app message with partial failure, all-invalid 81013, robot, schedule', async () => {
    const c = clientFor();
    const res = await c.sendAppMessage(['u000001', 'Ghost01'], { msgtype: 'text', text: { content: '本月考勤已生成' } });
    expect(res.invalidUsers).toEqual(['ghost01']);
    await expect(c.sendAppMessage(['Ghost02'], { msgtype: 'text', text: { content: 'x' } })).rejects.toMatchObject({
      code: 'CONNECTOR_INVALID_RECIPIENTS',
    });
    await c.sendRobotMessage(`${sim.url}/cgi-bin/webhook/send?key=robot-key-1`, { msgtype: 'markdown', markdown: { content: '**迟到** 3 人' } });
    expect(sim.stats.robotMessages.at(-1)?.key).toBe('robot-key-1');
    const start = Math.floor(Date.now() / 1000) + 3600;
    await expect(c.addSchedule({ start_time: start, end_time: start + 3600, summary: '早班', attendees: [{ userid: 'u000001' }] })).resolves.toMatch(/^sch-/);
    await expect(c.addSchedule({ start_time: start, end_time: start })).rejects.toMatchObject({ code: 'CONNECTOR_REQUEST_REJECTED' });
  });

  it('schedule/add: held to the day cap before calling, and never repeated inside the client once its answer is lost', async () => {
    const at = Date.parse('2026-12-07T15:30:00Z'); // 23:30 in Beijing
    const taken: string[] = [];
    const capped = clientFor({ dailyCalls: { now: () => at, take: (day: string, api: string, limit: number) => (taken.push(`${day} ${api} ${limit}`), false) } });
    const start = Math.floor(Date.now() / 1000) + 3600;
    const adds = () => sim.stats.byPath['/cgi-bin/oa/schedule/add'] ?? 0;
    const before = adds();
    const refused = await capped.addSchedule({ start_time: start, end_time: start + 3600, summary: '早班' }).catch((e) => e);
    expect(refused).toMatchObject({ code: 'CONNECTOR_QUOTA_EXHAUSTED', details: { retryAfterMs: 30 * 60_000, day: '2026-12-07' } });
    expect(taken).toEqual(['2026-12-07 /cgi-bin/oa/schedule/add 10000']);
    expect(adds()).toBe(before);
    sim.loseAnswers('/cgi-bin/oa/schedule/add');
    const made = sim.stats.scheduleStore.size;
    await expect(clientFor().addSchedule({ start_time: start, end_time: start + 3600, summary: '晚班' })).rejects.toMatchObject({ code: 'CONNECTOR_NETWORK' });
    expect(adds()).toBe(before + 1);
    expect(sim.stats.scheduleStore.size).toBe(made + 1);
  });

  it('app messages ask for WeCom\'s duplicate check: the same content re-sent to a member within the interval reaches nobody twice', async () => {
    let at = Date.parse('2026-12-07T01:00:00Z');
    const dup = await startWeComSimulator({ seed: 'dup', company: { users: 3 }, now: () => at });
    try {
      const c = clientFor({ corpId: dup.corpId, baseUrl: dup.url });
      const [a, b] = dup.company.users.map((u) => u.userId);
      const reminder = { msgtype: 'text' as const, text: { content: '请打卡 #r-1' } };
      await c.sendAppMessage([a], reminder);
      // The repeat of a send whose answer was lost: a call made, a message not received.
      at += 60_000;
      await c.sendAppMessage([a, b], reminder);
      await c.sendAppMessage([a], { msgtype: 'text', text: { content: '请打卡 #r-2' } });
      expect((dup.stats.appMessages.at(-2)?.body as Record<string, unknown>)).toMatchObject({ enable_duplicate_check: 1, duplicate_check_interval: 1_800 });
      expect(dup.stats.appMessages).toHaveLength(3);
      expect(dup.stats.appMessagesReceived.map((m) => m.userId)).toEqual([a, b, a]);
      expect(dup.stats.duplicateMessagesDropped).toBe(1);
      // Past the interval the same content is a new message.
      at += 1_800_000;
      await c.sendAppMessage([a], reminder);
      expect(dup.stats.appMessagesReceived.map((m) => m.userId)).toEqual([a, b, a, a]);
    } finally {
      await dup.close();
    }
  });
});

describe('WeCom back-fill', () => {
  const keys = (xs: CheckinInput[]) => xs.map((c) => `${c.idempotencyKey}@${c.atMs}`);

  async function run(client: WeComClient) {
    const plan = planWeComBackfill(sim.company.users.map((u) => u.userId), '2026-10-01', '2026-10-31');
    const out: string[] = [];
    for await (const p of runWeComBackfill(client, plan)) out.push(...keys(p.items));
    return { plan, keys: out.sort() };
  }

  it('100 users × 30 days per call; equals the company punches; faults change nothing', async () => {
    const before = count('/cgi-bin/checkin/getcheckindata');
    const retried: string[] = [];
    const clean = await run(clientFor({ onCall: (e: { outcome: string }) => e.outcome !== 'ok' && retried.push(e.outcome) }));
    expect(clean.plan.batches).toHaveLength(3 * 2);
    // One request per batch, plus at most one per attempt the client reports as failed.
    const sent = count('/cgi-bin/checkin/getcheckindata') - before;
    expect(sent).toBeGreaterThanOrEqual(6);
    expect(sent).toBeLessThanOrEqual(6 + retried.length);
    const truth = sim.company
      .punchesBetween(sim.company.users.map((u) => u.userId), instantOf('2026-10-01', '', 'Asia/Shanghai'), instantOf('2026-11-01', '', 'Asia/Shanghai') - 1000)
      .map((p) => p.atMs);
    expect(clean.keys).toHaveLength(truth.length);
    expect(new Set(clean.keys).size).toBe(clean.keys.length);
    sim.setFaults({ rate: 0.35, seed: 'wf', hangMs: 1_500, slowMs: 30, tokenMinAgeMs: 50 });
    try {
      const faulted = await run(clientFor());
      expect(faulted.keys).toEqual(clean.keys);
    } finally {
      sim.setFaults(null);
    }
    expect(Object.values(sim.stats.faults).reduce((a, b) => a + (b ?? 0), 0)).toBeGreaterThan(0);
  });
});
