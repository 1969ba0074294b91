import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DingTalkClient } from '../../../src/sources/dingtalk/client.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../../src/sources/dingtalk/simulator/server.js';
import { startLoopbackServer, sendJson, sendText } from '../../../src/sources/platform/simulator/http-server.js';

let sim: DingTalkSimulator;
const fastRetry = {
  transientBackoff: { baseMs: 10, maxMs: 40 },
  rateLimitBackoff: { baseMs: 20, maxMs: 80 },
  banPauseMs: 50,
};

beforeAll(async () => {
  sim = await startDingTalkSimulator({
    seed: 'client-test',
    company: { users: 130, month: '2026-10' },
    robots: { robotTokenSigned: 'SECsecret123', robotTokenPlain: null },
  });
});
afterAll(() => sim.close());

const clientFor = (over: Record<string, unknown> = {}) =>
  new DingTalkClient({
    corpId: sim.corpId,
    appKey: sim.apps[0].appKey,
    appSecret: sim.apps[0].appSecret,
    agentId: sim.apps[0].agentId,
    oapiBaseUrl: sim.url,
    retry: fastRetry,
    ...over,
  });

const countOf = (path: string) => sim.stats.byPath[path] ?? 0;

describe('DingTalk token handling', () => {
  it('single-flight: 30 concurrent calls on a cold client fetch one token', async () => {
    const before = countOf('/gettoken');
    const c = clientFor();
    await Promise.all(Array.from({ length: 30 }, (_, i) => c.getUser(sim.company.users[i].userId)));
    expect(countOf('/gettoken') - before).toBe(1);
    expect(c.transport.oapiToken.fetchCount).toBe(1);
  });

  it('refreshes and retries once when the platform expires the token', async () => {
    const c = clientFor();
    await c.getUser('u000001');
    sim.expireTokens();
    const before = countOf('/gettoken');
    const u = await c.getUser('u000002');
    expect(u.userid).toBe('u000002');
    expect(countOf('/gettoken') - before).toBe(1);
  });

  it('does not retry bad credentials', async () => {
    const before = countOf('/gettoken');
    const c = clientFor({ appSecret: 'wrong' });
    await expect(c.getUser('u000001')).rejects.toMatchObject({ code: 'CONNECTOR_BAD_CREDENTIALS' });
    expect(countOf('/gettoken') - before).toBe(1);
    const v1Before = countOf('/v1.0/oauth2/accessToken');
    await expect(c.getProcessInstance('x')).rejects.toMatchObject({ code: 'CONNECTOR_BAD_CREDENTIALS' });
    expect(countOf('/v1.0/oauth2/accessToken') - v1Before).toBe(1);
  });

  it('gives up after one refresh when the new token is rejected too', async () => {
    let apiCalls = 0;
    let tokenCalls = 0;
    const srv = await startLoopbackServer((req, res) => {
      if (req.path === '/gettoken') return sendJson(res, 200, { errcode: 0, access_token: `t${++tokenCalls}`, expires_in: 7200 });
      apiCalls += 1;
      sendJson(res, 200, { errcode: 40014, errmsg: '不合法的access_token' });
    });
    try {
      const c = clientFor({ oapiBaseUrl: srv.url });
      await expect(c.getUser('x')).rejects.toMatchObject({ code: 'CONNECTOR_TOKEN_INVALID' });
      expect(apiCalls).toBe(2);
      expect(tokenCalls).toBe(2);
    } finally {
      await srv.close();
    }
  });
});

describe('DingTalk throttling and faults', () => {
  it('one HTML page is a transient fault: short back-off, no pause', async () => {
    let n = 0;
    const srv = await startLoopbackServer((req, res) => {
      if (req.path === '/gettoken') return sendJson(res, 200, { errcode: 0, access_token: 't', expires_in: 7200 });
      n += 1;
      if (n === 1 || n === 3) return sendText(res, 200, '<html><body>访问过于频繁</body></html>');
      sendJson(res, 200, { errcode: 0, result: { userid: 'x', name: '测试' } });
    });
    try {
      const pauses: unknown[] = [];
      const c = clientFor({ oapiBaseUrl: srv.url, retry: { ...fastRetry, banPauseMs: 5_000 }, onPause: (p: unknown) => pauses.push(p) });
      const t0 = performance.now();
      await expect(c.getUser('x')).resolves.toMatchObject({ userid: 'x' });
      // A good answer in between: the next page starts a new streak.
      await expect(c.getUser('x')).resolves.toMatchObject({ userid: 'x' });
      expect(performance.now() - t0).toBeLessThan(2_000);
      expect(pauses).toEqual([]);
      expect(c.transport.caller.gate.pausedUntil).toBe(0);
    } finally {
      await srv.close();
    }
  });

  it('a repeating ban page pauses the whole app for the ban and says until when', async () => {
    let n = 0;
    const srv = await startLoopbackServer((req, res) => {
      if (req.path === '/gettoken') return sendJson(res, 200, { errcode: 0, access_token: 't', expires_in: 7200 });
      n += 1;
      if (n <= 3) return sendText(res, 200, '<html><body>访问过于频繁</body></html>');
      sendJson(res, 200, { errcode: 0, result: { userid: 'x', name: '测试' } });
    });
    try {
      const pauses: Array<{ pausedUntilMs: number; reason: string; api: string }> = [];
      const c = clientFor({ oapiBaseUrl: srv.url, retry: { ...fastRetry, banPauseMs: 300 }, onPause: (p: (typeof pauses)[number]) => pauses.push(p) });
      const t0 = performance.now();
      const before = Date.now();
      await expect(c.getUser('x')).resolves.toMatchObject({ userid: 'x' });
      expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
      expect(pauses).toHaveLength(1);
      expect(pauses[0]).toMatchObject({ reason: 'ip_ban', api: '/topapi/v2/user/get' });
      expect(pauses[0].pausedUntilMs).toBeGreaterThanOrEqual(before + 300);
      const noPause = clientFor({ oapiBaseUrl: srv.url, retry: { ...fastRetry, maxBanPauses: 0 } });
      n = 0;
      await expect(noPause.getUser('x')).rejects.toMatchObject({ code: 'CONNECTOR_IP_BANNED' });
    } finally {
      await srv.close();
    }
  });

  it('retries 5xx a bounded number of times, then surfaces the error with the attempt count', async () => {
    let n = 0;
    const srv = await startLoopbackServer((req, res) => {
      if (req.path === '/gettoken') return sendJson(res, 200, { errcode: 0, access_token: 't', expires_in: 7200 });
      n += 1;
      sendText(res, 503, 'unavailable');
    });
    try {
      const c = clientFor({ oapiBaseUrl: srv.url, retry: { ...fastRetry, maxTransientRetries: 2 } });
      await expect(c.getUser('x')).rejects.toMatchObject({ code: 'CONNECTOR_UPSTREAM_ERROR', details: { attempts: 3 } });
      expect(n).toBe(3);
    } finally {
      await srv.close();
    }
  });

  it('times out hung requests and retries them', async () => {
    let n = 0;
    const srv = await startLoopbackServer(async (req, res) => {
      if (req.path === '/gettoken') return sendJson(res, 200, { errcode: 0, access_token: 't', expires_in: 7200 });
      n += 1;
      // The first request hangs far longer than any retry takes (until the client gives up on it).
      if (n === 1) {
        await new Promise<void>((r) => {
          const timer = setTimeout(r, 30_000);
          res.on('close', () => (clearTimeout(timer), r()));
        });
        if (res.destroyed) return;
      }
      sendJson(res, 200, { errcode: 0, result: { userid: 'x', name: '测试' } });
    });
    try {
      const c = clientFor({ oapiBaseUrl: srv.url, timeoutMs: 400 });
      const t0 = performance.now();
      await expect(c.getUser('x')).resolves.toMatchObject({ userid: 'x' });
      expect(n).toBeGreaterThanOrEqual(2);
      // Answered by the retry, not by waiting out the 30 s hang: a wide margin for a loaded machine.
      expect(performance.now() - t0).toBeLessThan(15_000);
    } finally {
      await srv.close();
    }
  });

  it('the simulator enforces QPS; an unthrottled client hits 90018 and recovers, a paced one never trips it', async () => {
    // A slow gate (5/s) so the burst trips it however loaded the test machine is.
    const slow = await startDingTalkSimulator({ seed: 'qps', company: { users: 40, month: '2026-10' }, qps: 5 });
    const make = (over: Record<string, unknown>) =>
      new DingTalkClient({ corpId: slow.corpId, appKey: slow.apps[0].appKey, appSecret: slow.apps[0].appSecret, oapiBaseUrl: slow.url, retry: fastRetry, ...over });
    try {
      const ids = slow.company.users.slice(0, 25).map((u) => u.userId);
      const users = await Promise.all(ids.map((id) => make({ qps: 1000 }).getUser(id)));
      expect(users.map((u) => u.userid)).toEqual(ids);
      expect(slow.stats.qpsRejected).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1100));
      const mid = slow.stats.qpsRejected;
      const paced = make({ qps: 5 });
      await Promise.all(ids.slice(0, 12).map((id) => paced.getUser(id)));
      expect(slow.stats.qpsRejected).toBe(mid);
    } finally {
      await slow.close();
    }
  });

  it('stops at the monthly quota (90020) without retrying, and warns at the budget threshold', async () => {
    const quotaSim = await startDingTalkSimulator({ seed: 'q', company: { users: 60, month: '2026-10' }, monthlyQuota: 3 });
    const warnings: unknown[] = [];
    try {
      const c = new DingTalkClient({
        corpId: quotaSim.corpId,
        appKey: quotaSim.apps[0].appKey,
        appSecret: quotaSim.apps[0].appSecret,
        oapiBaseUrl: quotaSim.url,
        budget: { limit: 4, warnAt: 0.75, onWarn: (w) => warnings.push(w) },
      });
      const ids = ['u000001'];
      const from = Date.parse('2026-10-05T00:00:00+08:00');
      for (let i = 0; i < 3; i++) await c.listRecord(ids, from, from + 86_399_000);
      expect(warnings).toHaveLength(1);
      await expect(c.listRecord(ids, from, from + 86_399_000)).rejects.toMatchObject({ code: 'CONNECTOR_QUOTA_EXHAUSTED' });
      expect(quotaSim.stats.byPath['/attendance/listRecord']).toBe(4);
    } finally {
      await quotaSim.close();
    }
  });
});

describe('DingTalk REST calls against the simulator', () => {
  it('directory: whole tree, paged members, user detail with manager', async () => {
    const c = clientFor();
    const depts = await c.listAllDepartments();
    expect(depts.map((d) => Number(d.dept_id)).sort((a, b) => a - b)).toEqual(sim.company.departments.map((d) => d.id).sort((a, b) => a - b));
    const big = sim.company.departments[1];
    const members = await c.listDepartmentUsers(big.id);
    expect(members.length).toBe(sim.company.users.filter((u) => u.deptIds.includes(big.id)).length);
    expect(members.length).toBeGreaterThan(0);
    const withManager = sim.company.users.find((u) => u.managerUserId)!;
    expect((await c.getUser(withManager.userId)).manager_userid).toBe(withManager.managerUserId);
  });

  it('listRecord enforces the 50-user / 7-day window on both sides', async () => {
    const c = clientFor();
    const ids = sim.company.users.slice(0, 51).map((u) => u.userId);
    const from = Date.parse('2026-10-05T00:00:00+08:00');
    expect(() => c.listRecord(ids, from, from + 1000)).toThrow(/50 users/);
    expect(() => c.listRecord(ids.slice(0, 5), from, from + 7 * 86_400_000 + 1000)).toThrow(/7 days/);
    const raw = await fetch(`${sim.url}/attendance/listRecord?access_token=${await c.getAccessToken()}`, {
      method: 'POST',
      body: JSON.stringify({ userIds: ids, checkDateFrom: '2026-10-05 00:00:00', checkDateTo: '2026-10-06 00:00:00' }),
    }).then((r) => r.json() as Promise<{ errcode: number }>);
    expect(raw.errcode).not.toBe(0);
    const eightDays = await fetch(`${sim.url}/attendance/listRecord?access_token=${await c.getAccessToken()}`, {
      method: 'POST',
      body: JSON.stringify({ userIds: ['u000001'], checkDateFrom: '2026-10-01 00:00:00', checkDateTo: '2026-10-08 00:00:01' }),
    }).then((r) => r.json() as Promise<{ errcode: number }>);
    expect(eightDays.errcode).not.toBe(0);
  });

  it('listRecord keeps 64-bit record ids exact', async () => {
    const c = clientFor();
    const u = sim.company.users[3];
    const from = Date.parse('2026-10-05T00:00:00+08:00');
    const to = from + 5 * 86_400_000;
    const recs = await c.listRecord([u.userId], from, to);
    const expected = sim.company.punchesBetween([u.userId], from, to).map((p) => p.recordId);
    expect(recs.map((r) => r.id)).toEqual(expected);
    expect(expected.some((id) => BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
  });

  it('approvals: instance ids, instance detail, leave status', async () => {
    const c = clientFor();
    const start = Date.parse('2026-09-01T00:00:00+08:00');
    const end = Date.parse('2026-11-01T00:00:00+08:00');
    const ids = await c.listProcessInstanceIds('PROC-LEAVE-0001', start, end);
    const leaves = sim.company.approvals.filter((a) => a.kind === 'leave');
    expect(ids.sort()).toEqual(leaves.map((a) => a.id).sort());
    const pi = await c.getProcessInstance(ids[0]);
    expect(pi.processInstanceId).toBe(ids[0]);
    expect(pi.formComponentValues?.[0].componentType).toBe('DDHolidayField');
    const status = await c.getLeaveStatus(sim.company.users.map((u) => u.userId), start, end);
    expect(status.length).toBe(leaves.filter((a) => a.status === 'approved').length);
  });

  it('work notices: identical content reaches one person once per China day; the repeated call still succeeds', async () => {
    let at = Date.parse('2026-12-07T15:00:00Z'); // 23:00 in Beijing
    const dup = await startDingTalkSimulator({ seed: 'dup', company: { users: 3, month: '2026-12' }, now: () => at });
    try {
      const c = clientFor({ corpId: dup.corpId, oapiBaseUrl: dup.url });
      const [a, b] = dup.company.users.map((u) => u.userId);
      const notice = { msgtype: 'text' as const, text: { content: '迟到提醒 #d-7' } };
      await c.sendWorkNotice([a], notice);
      await c.sendWorkNotice([a, b], notice);
      await c.sendWorkNotice([a], { msgtype: 'text', text: { content: '迟到提醒 #d-8' } });
      expect(dup.stats.workNotices).toHaveLength(3);
      expect(dup.stats.noticesReceived.map((n) => n.userId)).toEqual([a, b, a]);
      expect(dup.stats.identicalNoticesDropped).toBe(1);
      // Past midnight in Beijing it is another day: the same content arrives again.
      at += 3_600_000;
      await c.sendWorkNotice([a], notice);
      expect(dup.stats.noticesReceived.map((n) => n.userId)).toEqual([a, b, a, a]);
    } finally {
      await dup.close();
    }
  });

  it('outbound: work notice in chunks of 100, signed and plain robots', async () => {
    const c = clientFor();
    const notices = sim.stats.workNotices.length;
    const ids = sim.company.users.slice(0, 130).map((u) => u.userId);
    const res = await c.sendWorkNotice(ids, { msgtype: 'text', text: { content: '10月考勤已出 #42' } });
    expect(res.taskIds).toHaveLength(2);
    expect(sim.stats.workNotices.slice(notices).map((n) => n.userIds.length)).toEqual([100, 30]);
    await c.sendRobotMessage(
      { webhookUrl: `${sim.url}/robot/send?access_token=robotTokenSigned`, secret: 'SECsecret123' },
      { msgtype: 'text', text: { content: '迟到提醒' } },
    );
    await c.sendRobotMessage({ webhookUrl: `${sim.url}/robot/send?access_token=robotTokenPlain` }, { msgtype: 'markdown', markdown: { title: 't', text: '**x**' } });
    expect(sim.stats.robotMessages.map((m) => m.robot).slice(-2)).toEqual(['robotTokenSigned', 'robotTokenPlain']);
    await expect(
      c.sendRobotMessage(
        { webhookUrl: `${sim.url}/robot/send?access_token=robotTokenSigned`, secret: 'SECwrong' },
        { msgtype: 'text', text: { content: 'x' } },
      ),
    ).rejects.toMatchObject({ code: 'CONNECTOR_BAD_CREDENTIALS', details: { errcode: 310000 } });
  });
});
