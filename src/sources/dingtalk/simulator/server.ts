import type { ServerResponse } from 'node:http';
import { FakeCompany, type FakeCompanyOptions } from '../../platform/simulator/fake-company.js';
import { FaultInjector, type FaultKind, type FaultOptions } from '../../platform/simulator/faults.js';
import { WindowGate } from '../../platform/simulator/window-gate.js';
import { sendJson, sendText, startLoopbackServer, type SimRequest } from '../../platform/simulator/http-server.js';
import { SimTokens } from '../../platform/simulator/sim-tokens.js';
import { decryptCallbackPayload, verifyCallbackSignature } from '../../platform/callback-crypto.js';
import { sealDingTalkCallback } from '../callback.js';
import { dingTalkSimEvents, type DingTalkSimEvents } from './events.js';
import { handleDingTalkRoute, type RouteResult } from './routes.js';
import { SimStreamGateway, type SimStreamOptions } from './stream.js';

export interface DingTalkSimApp {
  appKey: string;
  appSecret: string;
  agentId?: number;
}

export interface DingTalkSimulatorOptions {
  seed?: number | string;
  company?: FakeCompany | FakeCompanyOptions;
  corpId?: string;
  apps?: DingTalkSimApp[];
  tokenTtlSec?: number;
  /** Calls per app per API in any 1 s window, like the standard edition (20); more get 90018. */
  qps?: number;
  /** Calls per app per API in any 60 s window (1 500); more get 90006. */
  perMinute?: number;
  /**
   * The per-IP limit: more than `limit` calls in any `windowMs` (10 000 in 20 s) bans the caller for
   * `banMs` (5 min), during which every answer is the HTML throttle page.
   */
  ipLimit?: { limit: number; windowMs: number; banMs: number };
  /** Metered calls allowed per month before 90020; null = unlimited. */
  monthlyQuota?: number | null;
  faults?: FaultOptions;
  /** Custom robots: access_token → signing secret (null = keyword-only robot). */
  robots?: Record<string, string | null>;
  /** Callback crypto the simulated tenant uses when it pushes events. */
  callback?: { token: string; encodingAesKey: string; receiveId?: string };
  /** API paths the app has no permission for (errcode 88, sub_code 60011). */
  forbiddenApis?: string[];
  /** Stream mode: ping interval, redelivery delay and the like. */
  stream?: SimStreamOptions;
  port?: number;
  /** The tenant's clock for the once-per-day rule of work notices (default: the real one). */
  now?: () => number;
}

export interface DingTalkSimulatorStats {
  requests: number;
  byPath: Record<string, number>;
  faults: Partial<Record<FaultKind, number>>;
  qpsRejected: number;
  /** Calls refused per documented limit: perSecond (90018), perMinute (90006), perIp (the ban). */
  overLimit: Record<string, number>;
  /** Answers given while the IP was banned, and how many bans were imposed. */
  bannedAnswers: number;
  ipBans: number;
  tokensIssued: number;
  metered: number;
  /** Every accepted asyncsend_v2 call, as sent. */
  workNotices: Array<{ agentId: number; userIds: string[]; msg: unknown }>;
  /** What each person received: identical content to one person on one day arrives once. */
  noticesReceived: Array<{ userId: string; msg: unknown; taskId: number }>;
  identicalNoticesDropped: number;
  robotMessages: Array<{ robot: string; body: unknown }>;
}

export interface DingTalkSimulator {
  url: string;
  company: FakeCompany;
  corpId: string;
  apps: DingTalkSimApp[];
  stats: DingTalkSimulatorStats;
  /** API paths the app has no permission for; change it at any time. */
  forbiddenApis: Set<string>;
  setFaults(f: FaultOptions | null): void;
  expireTokens(): void;
  /**
   * Push an encrypted event to `url` the way DingTalk does. `replyValid` says whether the answer is
   * the signed, encrypted "success" map DingTalk requires (a wrong one fails the URL check).
   */
  sendCallback(url: string, event: Record<string, unknown>): Promise<{ status: number; body: string; replyValid: boolean }>;
  /** The tenant's events (punches, member changes, approvals), for `sendCallback` or `stream.push`. */
  events: DingTalkSimEvents;
  /** Stream mode: the gateway, its connections, pending events and stats. */
  stream: SimStreamGateway;
  close(): Promise<void>;
}

const SUPPORTED: FaultKind[] = ['rate_limit', 'global_rate_limit', 'token_expired', 'server_error', 'system_busy', 'timeout', 'html_ban', 'slow'];
const UNMETERED = /token|accessToken|department|\/user\//;

const HTML_BAN = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>访问受限</title></head>
<body><h1>您的访问过于频繁，请稍后再试</h1><p>punish: deny, wait: 5</p></body></html>`;

export async function startDingTalkSimulator(opts: DingTalkSimulatorOptions = {}): Promise<DingTalkSimulator> {
  const company = opts.company instanceof FakeCompany ? opts.company : new FakeCompany({ seed: opts.seed, ...opts.company });
  const corpId = opts.corpId ?? 'dingsimcorp0000000001';
  const apps = opts.apps ?? [{ appKey: 'dingsimappkey', appSecret: 'sim-app-secret', agentId: 100001 }];
  const tokens = new SimTokens(opts.tokenTtlSec ?? 7200, true);
  const v1Tokens = new SimTokens(opts.tokenTtlSec ?? 7200, false);
  const gate = new WindowGate();
  const appLimits = [
    { label: 'perSecond', limit: opts.qps ?? 20, windowMs: 1_000 },
    { label: 'perMinute', limit: opts.perMinute ?? 1_500, windowMs: 60_000 },
  ];
  const ipLimit = opts.ipLimit ?? { limit: 10_000, windowMs: 20_000, banMs: 300_000 };
  let bannedUntil = 0;
  let faults = opts.faults ? new FaultInjector(opts.faults, SUPPORTED) : null;
  const faultTotals: Partial<Record<FaultKind, number>> = {};
  const monthly = new Map<string, number>();
  const forbiddenApis = new Set(opts.forbiddenApis ?? []);
  const stats: DingTalkSimulatorStats = {
    requests: 0,
    byPath: {},
    faults: faultTotals,
    qpsRejected: 0,
    overLimit: gate.rejected,
    bannedAnswers: 0,
    ipBans: 0,
    tokensIssued: 0,
    metered: 0,
    workNotices: [],
    noticesReceived: [],
    identicalNoticesDropped: 0,
    robotMessages: [],
  };
  const noticesSeen = new Set<string>();
  const now = opts.now ?? Date.now;

  const stream = new SimStreamGateway(apps, corpId, opts.stream);
  const answer = (res: ServerResponse, r: RouteResult) =>
    r.kind === 'json' ? sendJson(res, r.status ?? 200, r.body, r.raw) : sendText(res, r.status ?? 200, r.text);

  const started = await startLoopbackServer(async (req: SimRequest, res) => {
    stats.requests += 1;
    stats.byPath[req.path] = (stats.byPath[req.path] ?? 0) + 1;
    const v1 = req.path.startsWith('/v1.0/');
    // The per-IP limiter sits in front of everything, and its ban answers every call alike.
    if (Date.now() < bannedUntil) {
      stats.bannedAnswers += 1;
      return sendText(res, 200, HTML_BAN);
    }
    if (gate.admit('ip', [{ label: 'perIp', ...ipLimit }])) {
      bannedUntil = Date.now() + ipLimit.banMs;
      stats.ipBans += 1;
      stats.bannedAnswers += 1;
      return sendText(res, 200, HTML_BAN);
    }
    const tokenValue = v1 ? (req.headers['x-acs-dingtalk-access-token'] as string | undefined) : req.query.get('access_token');
    const needsToken = !/gettoken|oauth2|^\/robot\/|^\/v1\.0\/gateway\//.test(req.path);
    let fault = faults?.draw(req.path) ?? null;
    if (fault === 'token_expired') {
      const store = v1 ? v1Tokens : tokens;
      if (!needsToken || !tokenValue || store.age(tokenValue) < (faults!.options.tokenMinAgeMs ?? 5_000)) fault = null;
    }
    if (fault) faultTotals[fault] = (faultTotals[fault] ?? 0) + 1;
    switch (fault) {
      case 'timeout':
        await sleep(faults!.options.hangMs ?? 30_000);
        res.socket?.destroy();
        return;
      case 'server_error':
        return sendText(res, 502, '<html><body><h1>502 Bad Gateway</h1></body></html>');
      case 'html_ban':
        return sendText(res, 200, HTML_BAN);
      case 'system_busy':
        return sendJson(res, 200, { errcode: -1, errmsg: '系统繁忙' });
      case 'rate_limit':
        return v1
          ? sendJson(res, 403, { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', message: '调用该接口超过限流' })
          : sendJson(res, 200, { errcode: 90018, errmsg: '当前企业调用该接口的QPS超过限制' });
      case 'global_rate_limit':
        return v1
          ? sendJson(res, 403, { code: 'Forbidden.AccessDenied.QpsLimitForApi', message: '接口全局限流' })
          : sendJson(res, 200, { errcode: 90002, errmsg: '您的服务器调用钉钉开放平台当前接口的所有请求都被暂时禁用了' });
      case 'slow':
        await sleep(faults!.options.slowMs ?? 1_000);
        break;
    }
    if (req.method === 'POST' && req.path === SimStreamGateway.path) {
      const opened = stream.open(req.body);
      return sendJson(res, opened.status, opened.body);
    }
    let app: DingTalkSimApp | undefined;
    if (needsToken) {
      const check = (v1 ? v1Tokens : tokens).check(tokenValue);
      if (check.status === 'ok' && fault === 'token_expired') (v1 ? v1Tokens : tokens).revoke(tokenValue!);
      if (check.status !== 'ok' || fault === 'token_expired') {
        return v1
          ? sendJson(res, 400, { code: 'InvalidAuthentication', message: '不合法的access_token' })
          : sendJson(res, 200, {
              errcode: check.status === 'expired' || fault === 'token_expired' ? 42001 : 40014,
              errmsg: '不合法的access_token',
            });
      }
      app = apps.find((a) => a.appKey === check.app);
      const broken = gate.admit(`${check.app}:${req.path}`, appLimits);
      if (broken) {
        stats.qpsRejected += 1;
        if (broken.label === 'perMinute') {
          return v1
            ? sendJson(res, 403, { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', message: '调用该接口超过每分钟限流' })
            : sendJson(res, 200, { errcode: 90006, errmsg: '当前企业调用该接口每分钟的次数超过限制' });
        }
        return v1
          ? sendJson(res, 403, { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', message: '调用该接口超过限流' })
          : sendJson(res, 200, { errcode: 90018, errmsg: '当前企业调用该接口的QPS超过限制' });
      }
      if (!UNMETERED.test(req.path)) {
        const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
        const used = (monthly.get(month) ?? 0) + 1;
        monthly.set(month, used);
        stats.metered += 1;
        if (opts.monthlyQuota !== undefined && opts.monthlyQuota !== null && used > opts.monthlyQuota) {
          return v1
            ? sendJson(res, 403, { code: 'Forbidden.AccessDenied.ApiCountLimitForOrg', message: '本月调用次数已用完' })
            : sendJson(res, 200, { errcode: 90020, errmsg: '企业当月接口调用次数已超过上限' });
        }
      }
    }
    if (forbiddenApis.has(req.path)) return sendJson(res, 200, { errcode: 88, sub_code: '60011', errmsg: '没有调用该接口的权限' });
    const result = handleDingTalkRoute(req, {
      company,
      corpId,
      apps,
      app,
      tokens,
      v1Tokens,
      robots: opts.robots ?? {},
      stats,
      noticesSeen,
      today: () => new Date(now() + 8 * 3_600_000).toISOString().slice(0, 10),
    });
    stats.tokensIssued = tokens.issued + v1Tokens.issued;
    answer(res, result);
  }, opts.port);
  stream.attach(started.server, started.url);

  return {
    url: started.url,
    company,
    corpId,
    apps,
    stats,
    forbiddenApis,
    setFaults(f) {
      faults = f ? new FaultInjector(f, SUPPORTED) : null;
    },
    expireTokens() {
      tokens.revoke();
      v1Tokens.revoke();
    },
    async sendCallback(url, event) {
      if (!opts.callback) throw new Error('simulator was started without callback crypto');
      const sealed = sealDingTalkCallback(opts.callback, opts.callback.receiveId ?? corpId, JSON.stringify(event), {
        timeStamp: String(Date.now()),
      });
      const target = new URL(url);
      for (const [k, v] of Object.entries(sealed.query)) target.searchParams.set(k, v);
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sealed.body),
      });
      const body = await res.text();
      return { status: res.status, body, replyValid: res.status === 200 && isValidSuccessReply(body, opts.callback) };
    },
    events: dingTalkSimEvents(company, corpId),
    stream,
    async close() {
      stream.close();
      await started.close();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isValidSuccessReply(body: string, secrets: { token: string; encodingAesKey: string }): boolean {
  try {
    const r = JSON.parse(body) as Record<string, string>;
    if (!verifyCallbackSignature(r.msg_signature, secrets.token, r.timeStamp, r.nonce, r.encrypt)) return false;
    return decryptCallbackPayload(secrets.encodingAesKey, r.encrypt).message === 'success';
  } catch {
    return false;
  }
}
