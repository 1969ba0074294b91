/**
 * The egress policy: connectors, robots and device pulls reach only official hosts and what the
 * operator allowed (here 127.0.0.1 on any port, as the test configuration says). 127.0.0.2 stands
 * for any other host: a listener there must never see a request, let alone a secret.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EgressPolicy, egressRequest, webSocketRefusal } from '../../src/shared/egress/index.js';
import { checkRobotWebhook } from '../../src/modules/connectors/connector-robot.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../src/sources/dingtalk/simulator/index.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

interface Listener {
  url: string;
  seen: { url: string; body: string }[];
  close(): Promise<void>;
}

async function listen(host: string, handler?: (req: IncomingMessage, res: import('node:http').ServerResponse) => void): Promise<Listener> {
  const seen: Listener['seen'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', body });
      if (handler) handler(req, res);
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"access_token":"x","expires_in":7200}');
    });
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe('egress policy', () => {
  const policy = new EgressPolicy(['https://gw.example.cn/dingtalk', 'http://127.0.0.1:*']);

  it('allows official hosts over https only, and operator bases by scheme, host, port and path', () => {
    expect(policy.refusal('dingtalk', 'https://oapi.dingtalk.com/gettoken?appkey=a')).toBeNull();
    expect(policy.refusal('dingtalk', 'https://api.dingtalk.com/v1.0/oauth2/accessToken')).toBeNull();
    expect(policy.refusal('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/gettoken')).toBeNull();
    expect(policy.refusal('wecom', 'https://oapi.dingtalk.com/gettoken')).not.toBeNull();
    expect(policy.refusal('dingtalk', 'http://oapi.dingtalk.com/gettoken')).not.toBeNull();
    expect(policy.refusal('dingtalk', 'https://oapi.dingtalk.com:8443/gettoken')).not.toBeNull();
    expect(policy.refusal('dingtalk', 'https://oapi.dingtalk.com.evil.example/gettoken')).not.toBeNull();
    expect(policy.refusal('dingtalk', 'https://gw.example.cn/dingtalk/gettoken')).toBeNull();
    expect(policy.refusal('dingtalk', 'https://gw.example.cn/dingtalkx/gettoken')).not.toBeNull();
    expect(policy.refusal('dingtalk', 'http://gw.example.cn/dingtalk/gettoken')).not.toBeNull();
    expect(policy.refusal('wecom', 'http://127.0.0.1:4321/cgi-bin/gettoken')).toBeNull();
    expect(policy.refusal('wecom', 'http://127.0.0.2:4321/cgi-bin/gettoken')).not.toBeNull();
    expect(policy.refusal('device', 'http://192.168.1.64/ISAPI/x')).not.toBeNull();
    expect(policy.refusal('device', 'http://192.168.1.64/ISAPI/x', ['http://192.168.1.64'])).toBeNull();
    expect(policy.refusal('dingtalk', 'https://user:pw@oapi.dingtalk.com/')).not.toBeNull();
  });

  it('sends nothing to a host that is not allowed', async () => {
    const other = await listen('127.0.0.2');
    try {
      await expect(egressRequest('dingtalk', `${other.url}/gettoken?appsecret=s3cret`, { method: 'GET', timeoutMs: 1000 })).rejects.toMatchObject({ code: 'EGRESS_NOT_ALLOWED' });
      const err = await egressRequest('dingtalk', `${other.url}/gettoken?appsecret=s3cret`, { method: 'GET', timeoutMs: 1000 }).catch((e: Error) => e);
      expect((err as Error).message).not.toContain("s3cret");
      expect(other.seen).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('does not follow a redirect, even to an allowed host', async () => {
    const target = await listen('127.0.0.1');
    const redirector = await listen('127.0.0.1', (_req, res) => res.writeHead(307, { location: `${target.url}/stolen` }).end());
    try {
      await expect(egressRequest('wecom', `${redirector.url}/cgi-bin/gettoken`, { method: 'POST', body: '{"secret":"x"}', timeoutMs: 2000 })).rejects.toMatchObject({ code: 'EGRESS_REDIRECT' });
      expect(redirector.seen).toHaveLength(1);
      expect(target.seen).toHaveLength(0);
    } finally {
      await target.close();
      await redirector.close();
    }
  });

  it('gives up after its timeout', async () => {
    const silent = await listen('127.0.0.1', () => {});
    try {
      const started = performance.now();
      await expect(egressRequest('wecom', `${silent.url}/x`, { method: 'GET', timeoutMs: 150 })).rejects.toMatchObject({ code: 'EGRESS_TIMEOUT' });
      // Generous margin: the point is that it ends, not how fast.
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await silent.close();
    }
  });

  it('opens the Stream socket only on DingTalk\'s domain or an allowed base', () => {
    expect(webSocketRefusal('dingtalk', 'wss://wss-open-connection.dingtalk.com:443/connect')).toBeNull();
    expect(webSocketRefusal('dingtalk', 'ws://wss-open-connection.dingtalk.com/connect')).not.toBeNull();
    expect(webSocketRefusal('dingtalk', 'wss://dingtalk.com.evil.example/connect')).not.toBeNull();
    expect(webSocketRefusal('dingtalk', 'ws://127.0.0.1:4000/connect')).toBeNull();
    expect(webSocketRefusal('dingtalk', 'ws://127.0.0.2:4000/connect')).not.toBeNull();
  });

  it('refuses a robot webhook whose host is not allowed, even under the connector base URL', () => {
    expect(() => checkRobotWebhook('dingtalk', 'http://127.0.0.2:9/dt/robot/send?access_token=abc', 'http://127.0.0.2:9/dt')).toThrow(expect.objectContaining({ code: 'EGRESS_NOT_ALLOWED' }));
    expect(checkRobotWebhook('dingtalk', 'http://127.0.0.1:9/dt/robot/send?access_token=abc', 'http://127.0.0.1:9/dt')).toContain('/dt/robot/send');
  });
});

describeEachDb('connector base URLs under the egress policy', (db) => {
  let t: TestApp;
  let sim: DingTalkSimulator;
  let other: Listener;
  beforeAll(async () => {
    t = await createTestApp(db());
    sim = await startDingTalkSimulator({ seed: 'egress', company: { users: 3, timeZone: 'Asia/Shanghai' } });
    other = await listen('127.0.0.2');
  });
  afterAll(async () => {
    await other?.close();
    await sim?.close();
    await t?.app.close();
  });

  const body = (baseUrl: string, extra: Record<string, unknown> = {}) => ({
    companyId: t.companyId,
    platform: 'dingtalk',
    name: '钉钉',
    corpId: sim.corpId,
    appKey: sim.apps[0].appKey,
    agentId: String(sim.apps[0].agentId),
    appSecret: 'egress-app-secret-1234',
    callbackToken: 'egress-callback-token',
    encodingAesKey: 'EgressTestEncodingAesKey0123456789abcdefghi',
    baseUrl,
    ...extra,
  });

  it('refuses a base URL or robot URL on a host the operator did not allow, at create and update', async () => {
    const created = await t.as('hr').post('/api/v1/connectors', body(other.url));
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json().error).toMatchObject({ code: 'EGRESS_NOT_ALLOWED', details: { field: 'body.baseUrl' } });
    const ok = await t.as('hr').post('/api/v1/connectors', body(sim.url));
    expect(ok.statusCode).toBe(201);
    const id = ok.json().id as number;
    const moved = await t.as('hr').patch(`/api/v1/connectors/${id}`, { baseUrl: `${other.url}/` });
    expect(moved.json().error.code).toBe('EGRESS_NOT_ALLOWED');
    const robot = await t.as('hr').patch(`/api/v1/connectors/${id}`, { robotWebhookUrl: `${other.url}/robot/send?access_token=abc` });
    expect(robot.statusCode).toBe(400);
    expect(other.seen).toHaveLength(0);
  });

  it('"test" of a connector whose stored base URL is no longer allowed sends nothing there', async () => {
    const id = (await t.as('hr').post('/api/v1/connectors', body(sim.url, { name: '钉钉 2' }))).json().id as number;
    // As if the operator had removed the base URL from DAKA_CONNECTOR_BASE_URLS since.
    await t.database.db.updateTable('connectors').set({ base_url: other.url }).where('id', '=', id).execute();
    const res = (await t.as('hr').post(`/api/v1/connectors/${id}/test`)).json();
    expect(res.ok).toBe(false);
    expect(res.code).toBe('CONNECTOR_BAD_CONFIG');
    expect(other.seen).toHaveLength(0);
    expect(JSON.stringify(res)).not.toContain('egress-app-secret-1234');
  });
});
