import { FakeCompany, type FakeCompanyOptions } from '../../platform/simulator/fake-company.js';
import { FaultInjector, type FaultKind, type FaultOptions } from '../../platform/simulator/faults.js';
import { WindowGate } from '../../platform/simulator/window-gate.js';
import { WECOM_CORP_PER_HOUR, WECOM_CORP_PER_MINUTE, WECOM_PER_MINUTE } from '../limits.js';
import { sendJson, sendText, startLoopbackServer } from '../../platform/simulator/http-server.js';
import { SimTokens } from '../../platform/simulator/sim-tokens.js';
import { sealWeComCallback } from '../callback.js';
import { handleWeComRoute } from './routes.js';
import { WeComSimVacations } from './vacations.js';
import type { WeComVacationConf } from '../wire.js';

export interface WeComSimApp {
  secret: string;
  agentId: number;
}

export interface WeComSimulatorOptions {
  seed?: number | string;
  company?: FakeCompany | FakeCompanyOptions;
  corpId?: string;
  apps?: WeComSimApp[];
  tokenTtlSec?: number;
  /**
   * The documented limits are enforced in sliding windows (45009 when crossed): the per-API minute
   * limits (getcheckindata 600/min, day report 100/min, …) and, per corp and API, 10 000/min and
   * 150 000/h. These add a tighter per-second window, for tests that need one: `qps` on the
   * attendance and approval APIs, `defaultQps` on every other API.
   */
  qps?: number;
  defaultQps?: number;
  faults?: FaultOptions;
  /** Group-robot webhook keys that exist. */
  robots?: string[];
  callback?: { token: string; encodingAesKey: string };
  /** API paths the app is not allowed to call (errcode 48002). */
  forbiddenApis?: string[];
  /** The corp's 假期管理 leave types (default: 年假, 事假, 病假, 调休假). */
  vacationTypes?: WeComVacationConf[];
  port?: number;
  /** The tenant's clock for the duplicate check of app messages (default: the real one). */
  now?: () => number;
}

export interface WeComSimulatorStats {
  requests: number;
  byPath: Record<string, number>;
  faults: Partial<Record<FaultKind, number>>;
  qpsRejected: number;
  /** Calls refused per limit (perMinute, corpPerMinute, corpPerHour, perSecond). */
  overLimit: Record<string, number>;
  /** Every accepted message/send call, as sent. */
  appMessages: Array<{ to: string[]; body: unknown }>;
  /** What each member received, after WeCom's duplicate check. */
  appMessagesReceived: Array<{ userId: string; body: unknown }>;
  duplicateMessagesDropped: number;
  robotMessages: Array<{ key: string; body: unknown }>;
  schedules: unknown[];
  /** Every schedule the app made, by schedule_id, as last written; `status` 1 once deleted (cancelled). */
  scheduleStore: Map<string, { schedule: Record<string, unknown>; status: 0 | 1; updates: number }>;
  /** The app's calendars (calendar/add), by cal_id. */
  calendars: Map<string, Record<string, unknown>>;
  /** Schedules the app added per China day (capped at 10 000). */
  schedulesAddedPerDay: Map<string, number>;
}

export interface WeComSimulator {
  url: string;
  company: FakeCompany;
  corpId: string;
  apps: WeComSimApp[];
  stats: WeComSimulatorStats;
  /** API paths the app is not allowed to call; change it at any time. */
  forbiddenApis: Set<string>;
  /** 假期管理: leave types, members' quotas, and whether the app may read them. */
  vacations: WeComSimVacations;
  setFaults(f: FaultOptions | null): void;
  /** The next `n` calls of `path` are carried out but their answers are lost (the connection is cut). */
  loseAnswers(path: string, n?: number): void;
  expireTokens(): void;
  /** POST an encrypted XML event to `url` as WeCom does. */
  sendCallback(url: string, xml: string): Promise<{ status: number; body: string }>;
  /** Run WeCom's GET URL verification against `url`; resolves with what the receiver echoed. */
  verifyCallbackUrl(url: string, echo?: string): Promise<{ status: number; body: string; expected: string }>;
  close(): Promise<void>;
}

const LIMITED = new Set(['/cgi-bin/checkin/getcheckindata', '/cgi-bin/oa/getapprovalinfo', '/cgi-bin/oa/getapprovaldetail']);
const SUPPORTED: FaultKind[] = ['rate_limit', 'token_expired', 'server_error', 'system_busy', 'timeout', 'slow'];

export async function startWeComSimulator(opts: WeComSimulatorOptions = {}): Promise<WeComSimulator> {
  const company = opts.company instanceof FakeCompany ? opts.company : new FakeCompany({ seed: opts.seed, ...opts.company });
  const corpId = opts.corpId ?? 'wwsimcorp00000001';
  const apps = opts.apps ?? [{ secret: 'sim-wecom-secret', agentId: 1000002 }];
  const tokens = new SimTokens(opts.tokenTtlSec ?? 7200, false);
  const gate = new WindowGate();
  const limitsFor = (path: string) => {
    const perSecond = LIMITED.has(path) ? opts.qps : opts.defaultQps;
    const perMin = WECOM_PER_MINUTE[path];
    return [
      ...(perSecond ? [{ label: 'perSecond', limit: perSecond, windowMs: 1_000 }] : []),
      ...(perMin ? [{ label: 'perMinute', limit: perMin, windowMs: 60_000 }] : []),
      { label: 'corpPerMinute', limit: WECOM_CORP_PER_MINUTE, windowMs: 60_000 },
      { label: 'corpPerHour', limit: WECOM_CORP_PER_HOUR, windowMs: 3_600_000 },
    ];
  };
  const forbiddenApis = new Set(opts.forbiddenApis ?? []);
  let faults = opts.faults ? new FaultInjector(opts.faults, SUPPORTED) : null;
  const stats: WeComSimulatorStats = { requests: 0, byPath: {}, faults: {}, qpsRejected: 0, overLimit: gate.rejected, appMessages: [], appMessagesReceived: [], duplicateMessagesDropped: 0, robotMessages: [], schedules: [], scheduleStore: new Map(), calendars: new Map(), schedulesAddedPerDay: new Map() };
  const robots = new Set(opts.robots ?? []);
  const vacations = new WeComSimVacations(opts.vacationTypes);
  const messagesSeen = new Map<string, number>();
  const answersToLose = new Map<string, number>();
  const now = opts.now ?? Date.now;

  const started = await startLoopbackServer(async (req, res) => {
    stats.requests += 1;
    stats.byPath[req.path] = (stats.byPath[req.path] ?? 0) + 1;
    if (req.method === 'GET' && req.path === '/cgi-bin/gettoken') {
      if (req.query.get('corpid') !== corpId) return sendJson(res, 200, { errcode: 40013, errmsg: 'invalid corpid' });
      const app = apps.find((a) => a.secret === req.query.get('corpsecret'));
      if (!app) return sendJson(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
      const t = tokens.issue(String(app.agentId));
      return sendJson(res, 200, { errcode: 0, errmsg: 'ok', access_token: t.token, expires_in: t.expiresIn });
    }
    const webhook = req.path === '/cgi-bin/webhook/send';
    const token = req.query.get('access_token');
    let fault = faults?.draw(req.path) ?? null;
    if (fault === 'token_expired' && (webhook || !token || tokens.age(token) < (faults!.options.tokenMinAgeMs ?? 5_000))) fault = null;
    if (fault) stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
    switch (fault) {
      case 'timeout':
        await new Promise((r) => setTimeout(r, faults!.options.hangMs ?? 30_000));
        res.socket?.destroy();
        return;
      case 'server_error':
        return sendText(res, 503, '<html><body>503 Service Temporarily Unavailable</body></html>');
      case 'system_busy':
        return sendJson(res, 200, { errcode: -1, errmsg: 'system busy' });
      case 'rate_limit':
        return sendJson(res, 200, { errcode: 45009, errmsg: 'api freq out of limit' });
      case 'slow':
        await new Promise((r) => setTimeout(r, faults!.options.slowMs ?? 1_000));
        break;
    }
    let app = apps[0];
    if (!webhook) {
      const check = tokens.check(token);
      if (check.status === 'ok' && fault === 'token_expired') tokens.revoke(token!);
      if (check.status === 'missing') return sendJson(res, 200, { errcode: 41001, errmsg: 'access_token missing' });
      if (check.status !== 'ok' || fault === 'token_expired') {
        return sendJson(res, 200, { errcode: check.status === 'expired' || fault === 'token_expired' ? 42001 : 40014, errmsg: 'invalid access_token' });
      }
      app = apps.find((a) => String(a.agentId) === check.app) ?? app;
      // Limits count per corp and API: one simulated corp, so the path is the key.
      if (gate.admit(req.path, limitsFor(req.path))) {
        stats.qpsRejected += 1;
        return sendJson(res, 200, { errcode: 45009, errmsg: 'api freq out of limit' });
      }
    }
    if (forbiddenApis.has(req.path)) return sendJson(res, 200, { errcode: 48002, errmsg: 'api forbidden' });
    const r = handleWeComRoute(req, { company, app, robots, stats, vacations, messagesSeen, now });
    // Carried out, but the answer never reaches the caller (a crash or a cut connection after WeCom acted).
    const lost = answersToLose.get(req.path) ?? 0;
    if (lost > 0) {
      answersToLose.set(req.path, lost - 1);
      res.socket?.destroy();
      return;
    }
    sendJson(res, r.status ?? 200, r.body);
  }, opts.port);

  const seal = (plaintext: string) => {
    if (!opts.callback) throw new Error('simulator was started without callback crypto');
    return sealWeComCallback(opts.callback, corpId, plaintext);
  };

  return {
    url: started.url,
    company,
    corpId,
    apps,
    stats,
    forbiddenApis,
    vacations,
    loseAnswers(path, n = 1) {
      answersToLose.set(path, (answersToLose.get(path) ?? 0) + n);
    },
    setFaults(f) {
      faults = f ? new FaultInjector(f, SUPPORTED) : null;
    },
    expireTokens() {
      tokens.revoke();
    },
    async sendCallback(url, xml) {
      const sealed = seal(xml);
      const target = new URL(url);
      for (const [k, v] of Object.entries(sealed.query)) target.searchParams.set(k, v);
      const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: sealed.xml });
      return { status: res.status, body: await res.text() };
    },
    async verifyCallbackUrl(url, echo = String(Date.now()) + '0123') {
      const sealed = seal(echo);
      const target = new URL(url);
      for (const [k, v] of Object.entries(sealed.query)) target.searchParams.set(k, v);
      target.searchParams.set('echostr', sealed.encrypt);
      const res = await fetch(target);
      return { status: res.status, body: await res.text(), expected: echo };
    },
    close: started.close,
  };
}
