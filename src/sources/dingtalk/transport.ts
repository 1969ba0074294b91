import { ApiCaller, type CallEvent, type PauseNotice, type RetryPolicy } from '../platform/api-caller.js';
import { MeteredBudget, type MeteredBudgetOptions } from '../platform/budget.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { ConnectorError } from '../platform/errors.js';
import { buildUrl, httpRequest } from '../platform/http.js';
import { RateLimiterRegistry, type RateSpec } from '../platform/token-bucket.js';
import { TokenCache, type TokenStore } from '../platform/token-cache.js';
import { classifyDingTalk } from './classify.js';
import { dingTalkRateSpec } from './limits.js';

export interface DingTalkAppConfig {
  corpId: string;
  appKey: string;
  appSecret: string;
  agentId?: number;
  /** Default https://oapi.dingtalk.com; point at the simulator in tests and demos. */
  oapiBaseUrl?: string;
  /** Default https://api.dingtalk.com, or `oapiBaseUrl` when only that is set (the simulator serves both). */
  apiBaseUrl?: string;
  /** Tenant zone for DingTalk's wall-clock strings and workDate. */
  timeZone?: string;
  timeoutMs?: number;
  /** Per-API calls per second (standard edition: 20 per app per API), never exceeded in any 1 s window. */
  qps?: number;
  rateOverrides?: Record<string, RateSpec>;
  retry?: Partial<RetryPolicy>;
  /** Monthly metered-call budget (standard edition: 10 000). Pass an instance to share it. */
  budget?: MeteredBudget | MeteredBudgetOptions;
  tokenStore?: { oapi?: TokenStore; v1?: TokenStore };
  clock?: Clock;
  random?: () => number;
  onCall?: (e: CallEvent) => void;
  /** A confirmed ban paused every call of the app until `pausedUntilMs`. */
  onPause?: (p: PauseNotice) => void;
}

type Query = Record<string, string | number | undefined>;

/**
 * One DingTalk app: its two token caches (the oapi and v1.0 tokens are different strings), its
 * rate buckets and its retry policy. API modules call `oapi()` / `v1()`; nothing else builds URLs.
 */
export class DingTalkTransport {
  readonly caller: ApiCaller;
  readonly oapiToken: TokenCache;
  readonly v1Token: TokenCache;
  readonly budget: MeteredBudget;
  readonly clock: Clock;
  readonly timeZone: string;
  private readonly oapiBase: string;
  private readonly apiBase: string;
  private readonly timeoutMs: number;

  constructor(readonly config: DingTalkAppConfig) {
    this.clock = config.clock ?? systemClock;
    this.timeZone = config.timeZone ?? 'Asia/Shanghai';
    this.oapiBase = config.oapiBaseUrl ?? 'https://oapi.dingtalk.com';
    this.apiBase = config.apiBaseUrl ?? config.oapiBaseUrl ?? 'https://api.dingtalk.com';
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.budget = config.budget instanceof MeteredBudget ? config.budget : new MeteredBudget(config.budget);
    const qps = config.qps ?? 20;
    // A call given up on after the timeout may still be counted by the server: assume it is done
    // with it (counted or dropped) within one more timeout, and keep the slot until then.
    const limiter = new RateLimiterRegistry((api) => config.rateOverrides?.[api] ?? dingTalkRateSpec(api, qps), this.clock, this.timeoutMs);
    this.caller = new ApiCaller({
      platform: 'dingtalk',
      limiter,
      retry: config.retry,
      budget: this.budget,
      clock: this.clock,
      random: config.random,
      onCall: config.onCall,
      onPause: config.onPause,
    });
    this.oapiToken = new TokenCache(() => this.fetchOapiToken(), { clock: this.clock, store: config.tokenStore?.oapi });
    this.v1Token = new TokenCache(() => this.fetchV1Token(), { clock: this.clock, store: config.tokenStore?.v1 });
  }

  private async fetchOapiToken() {
    const api = '/gettoken';
    const body = await this.caller.call({
      api,
      send: (_t, signal) =>
        httpRequest('dingtalk', api, {
          method: 'GET',
          url: buildUrl(this.oapiBase, api, { appkey: this.config.appKey, appsecret: this.config.appSecret }),
          timeoutMs: this.timeoutMs,
          signal,
        }),
      classify: (res) => classifyDingTalk(api, res, (b) => b as { access_token?: string; expires_in?: number }),
    });
    return this.tokenOf(api, body.access_token, body.expires_in);
  }

  private async fetchV1Token() {
    const api = '/v1.0/oauth2/accessToken';
    const body = await this.caller.call({
      api,
      send: (_t, signal) =>
        httpRequest('dingtalk', api, {
          method: 'POST',
          url: buildUrl(this.apiBase, api),
          body: { appKey: this.config.appKey, appSecret: this.config.appSecret },
          timeoutMs: this.timeoutMs,
          signal,
        }),
      classify: (res) => classifyDingTalk(api, res, (b) => b as { accessToken?: string; expireIn?: number }),
    });
    return this.tokenOf(api, body.accessToken, body.expireIn);
  }

  private tokenOf(api: string, token: unknown, expiresIn: unknown) {
    if (typeof token !== 'string' || token === '') {
      throw new ConnectorError('CONNECTOR_BAD_RESPONSE', `DingTalk ${api} returned no token`, { platform: 'dingtalk', api });
    }
    const ttl = Number(expiresIn) > 0 ? Number(expiresIn) : 7200;
    return { token, expiresAtMs: this.clock.now() + ttl * 1000 };
  }

  /** An oapi call: `?access_token=`, errcode in the body. */
  oapi<T>(
    api: string,
    opts: { body?: unknown; query?: Query; method?: 'GET' | 'POST'; metered?: boolean; pick?: (b: any) => T; signal?: AbortSignal },
  ): Promise<T> {
    return this.caller.call({
      api,
      tokens: this.oapiToken,
      metered: opts.metered ?? true,
      signal: opts.signal,
      send: (token, signal) =>
        httpRequest('dingtalk', api, {
          method: opts.method ?? 'POST',
          url: buildUrl(this.oapiBase, api, { ...opts.query, access_token: token ?? undefined }),
          body: opts.body,
          timeoutMs: this.timeoutMs,
          signal,
        }),
      classify: (res) => classifyDingTalk(api, res, opts.pick ?? ((b) => b as T)),
    });
  }

  /** A v1.0 call: header token, HTTP status errors. `api` is the route template for rate keys. */
  v1<T>(
    method: 'GET' | 'POST',
    api: string,
    opts: { path?: string; body?: unknown; query?: Query; metered?: boolean; signal?: AbortSignal },
  ): Promise<T> {
    return this.caller.call({
      api,
      tokens: this.v1Token,
      metered: opts.metered ?? true,
      signal: opts.signal,
      send: (token, signal) =>
        httpRequest('dingtalk', api, {
          method,
          url: buildUrl(this.apiBase, opts.path ?? api, opts.query),
          headers: { 'x-acs-dingtalk-access-token': token ?? '' },
          body: opts.body,
          timeoutMs: this.timeoutMs,
          signal,
        }),
      classify: (res) => classifyDingTalk(api, res, (b) => b as T),
    });
  }

  /** A call that needs no access token (robot webhooks carry their own credential). */
  plain<T>(api: string, url: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.caller.call({
      api,
      signal,
      send: (_t, s) => httpRequest('dingtalk', api, { method: 'POST', url, body, timeoutMs: this.timeoutMs, signal: s }),
      classify: (res) => classifyDingTalk(api, res, (b) => b as T),
    });
  }
}
