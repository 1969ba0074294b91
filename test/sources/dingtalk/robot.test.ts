/**
 * DingTalk custom robots against the simulator: 加签 (timestamp + HMAC-SHA256 sign) accepted when
 * fresh, refused with 310000 when wrong, missing or older than an hour; keyword robots need no
 * signature; an unknown token is a credentials problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DingTalkClient } from '../../../src/sources/dingtalk/client.js';
import { dingTalkRobotSignature, signDingTalkRobotUrl } from '../../../src/sources/dingtalk/signing.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../../src/sources/dingtalk/simulator/index.js';

const SECRET = 'SEC0123456789abcdef';
let sim: DingTalkSimulator;
let client: DingTalkClient;

beforeAll(async () => {
  sim = await startDingTalkSimulator({ seed: 'robot', company: { users: 5 }, robots: { signed: SECRET, keyword: null } });
  const app = sim.apps[0];
  client = new DingTalkClient({ corpId: sim.corpId, appKey: app.appKey, appSecret: app.appSecret, oapiBaseUrl: sim.url, retry: { maxTransientRetries: 0 } });
});
afterAll(() => sim.close());

const post = async (url: string) =>
  (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ msgtype: 'text', text: { content: 'hi' } }) })).json();

describe('DingTalk robot signature', () => {
  it('accepts a fresh signature and records the message', async () => {
    const n = sim.stats.robotMessages.length;
    await client.sendRobotMessage({ webhookUrl: `${sim.url}/robot/send?access_token=signed`, secret: SECRET }, { msgtype: 'text', text: { content: '今日 2 人迟到' } });
    expect(sim.stats.robotMessages.slice(n)).toEqual([{ robot: 'signed', body: { msgtype: 'text', text: { content: '今日 2 人迟到' } } }]);
  });

  it('refuses a wrong secret, a missing signature and a signature older than an hour with 310000', async () => {
    const base = `${sim.url}/robot/send?access_token=signed`;
    expect((await post(signDingTalkRobotUrl(base, 'SECwrong', Date.now()))).errcode).toBe(310000);
    expect((await post(base)).errcode).toBe(310000);
    const stale = Date.now() - 3_600_000 - 60_000;
    expect((await post(signDingTalkRobotUrl(base, SECRET, stale))).errcode).toBe(310000);
    const almost = Date.now() - 3_600_000 + 60_000;
    expect((await post(signDingTalkRobotUrl(base, SECRET, almost))).errcode).toBe(0);
    // The sign is the URL-encoded base64 of HMAC-SHA256(secret, `${timestamp}\n${secret}`).
    const ts = Date.now();
    expect((await post(`${base}&timestamp=${ts}&sign=${dingTalkRobotSignature(SECRET, ts).sign}`)).errcode).toBe(0);
    await expect(client.sendRobotMessage({ webhookUrl: base, secret: 'SECwrong' }, { msgtype: 'text', text: { content: 'x' } })).rejects.toMatchObject({
      code: 'CONNECTOR_BAD_CREDENTIALS',
      details: { errcode: 310000 },
    });
  });

  it('posts to a keyword robot unsigned; an unknown token is a credentials error', async () => {
    await client.sendRobotMessage({ webhookUrl: `${sim.url}/robot/send?access_token=keyword` }, { msgtype: 'markdown', markdown: { title: '日报', text: '**3** 人缺卡' } });
    expect(sim.stats.robotMessages.at(-1)?.robot).toBe('keyword');
    await expect(client.sendRobotMessage({ webhookUrl: `${sim.url}/robot/send?access_token=nope` }, { msgtype: 'text', text: { content: 'x' } })).rejects.toMatchObject({
      code: 'CONNECTOR_BAD_CREDENTIALS',
      details: { errcode: 300001 },
    });
  });
});
