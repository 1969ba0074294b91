import { createHash } from 'node:crypto';
import { ApiCaller, type CallEvent, type PauseNotice, type RetryPolicy } from '../platform/api-caller.js';
import { MeteredBudget, type MeteredBudgetOptions } from '../platform/budget.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { ConnectorError } from '../platform/errors.js';
import { buildUrl, httpRequest } from '../platform/http.js';
import { RateLimiterRegistry, type RateSpec } from '../platform/token-bucket.js';
import { TokenCache, type TokenStore } from '../platform/token-cache.js';
import { classifyWeCom } from './classify.js';
import { WECOM_PER_DAY, weComRateSpec } from './limits.js';

export interface WeComAppConfig {
  corpId: string;
  /** The app's secret: each secret has its own token (attendance, approval, contacts apps differ). */
  secret: string;
  agentId?: number;
  /** Default https://qyapi.weixin.qq.com */
  baseUrl?: string;
  timeZone?: string;
  timeoutMs?: number;
  rateOverrides?: Record<string, RateSpec>;
  retry?: Partial<RetryPolicy>;
  tokenStore?: TokenStore;
  /** Counts API calls per month (WeCom documents no monthly quota; the count feeds the connector's budget). */
  budget?: MeteredBudgetOptions;
  /** Counts calls of the APIs WeCom caps per day (default: in memory, for this client only). */
  dailyCalls?: DailyCallStore;
  clock?: Clock;
  random?: () => number;
  onCall?: (e: CallEvent) => void;
  /** A confirmed ban paused every call of the app until `pausedUntilMs`. */
  onPause?: (p: PauseNotice) => void;
}

export { weComRateSpec } from './limits.js';

/** Where the calls of day-capped APIs are counted: the connector's stored budget, shared by every instance. */
export interface DailyCallStore {
  /** Counts one call of `api` on `day` (China date) unless `limit` were passed; false when refused. */
  take(day: string, api: string, limit: number): Promise<boolean> | boolean;
  /** The clock the day is read from (default: the client's). */
  now?(): number;
}

class MemoryDailyCalls implements DailyCallStore {
  private readonly counts = new Map<string, number>();
  take(day: string, api: string, limit: number): boolean {
    const key = `${day} ${api}`;
    const n = this.counts.get(key) ?? 0;
    if (n >= limit) return false;
    this.counts.set(key, n + 1);
    return true;
  }
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

type Query = Record<string, string | number | undefined>;

/** One WeCom app secret: its token cache, rate buckets and retry policy. */
export class WeComTransport {
  readonly caller: ApiCaller;
  readonly token: TokenCache;
  readonly clock: Clock;
  readonly timeZone: string;
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly dailyCalls: DailyCallStore;

  constructor(readonly config: WeComAppConfig) {
    this.dailyCalls = config.dailyCalls ?? new MemoryDailyCalls();
    this.clock = config.clock ?? systemClock;
    this.timeZone = config.timeZone ?? 'Asia/Shanghai';
    this.base = config.baseUrl ?? 'https://qyapi.weixin.qq.com';
    this.timeoutMs = config.timeoutMs ?? 10_000;
    // A call given up on after the timeout may still be counted by the server: assume it is done
    // with it (counted or dropped) within one more timeout, and keep the slot until then.
    const limiter = new RateLimiterRegistry((api) => config.rateOverrides?.[api] ?? weComRateSpec(api), this.clock, this.timeoutMs);
    this.caller = new ApiCaller({
      platform: 'wecom',
      limiter,
      // 45009 blocks for up to a minute: back off longer than DingTalk's one second.
      retry: { rateLimitBackoff: { baseMs: 2_000, maxMs: 60_000 }, ...config.retry },
      clock: this.clock,
      ...(config.budget ? { budget: new MeteredBudget({ limit: Number.MAX_SAFE_INTEGER, ...config.budget }) } : {}),
      random: config.random,
      onCall: config.onCall,
      onPause: config.onPause,
    });
    this.token = new TokenCache(() => this.fetchToken(), { clock: this.clock, store: config.tokenStore });
  }

  private async fetchToken() {
    const api = '/cgi-bin/gettoken';
    const body = await this.caller.call({
      api,
      send: (_t, signal) =>
        httpRequest('wecom', api, {
          method: 'GET',
          url: buildUrl(this.base, api, { corpid: this.config.corpId, corpsecret: this.config.secret }),
          timeoutMs: this.timeoutMs,
          signal,
        }),
      classify: (res) => classifyWeCom(api, res, (b) => b as { access_token?: string; expires_in?: number }),
    });
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new ConnectorError('CONNECTOR_BAD_RESPONSE', 'WeCom gettoken returned no token', { platform: 'wecom', api });
    }
    const ttl = Number(body.expires_in) > 0 ? Number(body.expires_in) : 7200;
    return { token: body.access_token, expiresAtMs: this.clock.now() + ttl * 1000 };
  }

  async call<T>(
    method: 'GET' | 'POST',
    api: string,
    opts: { body?: unknown; query?: Query; pick?: (b: any) => T; signal?: AbortSignal; notRepeatable?: boolean } = {},
  ): Promise<T> {
    await this.takeDailyCall(api);
    return this.caller.call({
      api,
      tokens: this.token,
      metered: true,
      notRepeatable: opts.notRepeatable,
      signal: opts.signal,
      send: (token, signal) =>
        httpRequest('wecom', api, {
          method,
          url: buildUrl(this.base, api, { ...opts.query, access_token: token ?? undefined }),
          body: opts.body,
          timeoutMs: this.timeoutMs,
          signal,
        }),
      classify: (res) => classifyWeCom(api, res, opts.pick ?? ((b) => b as T)),
    });
  }

  /**
   * Counts a call of a day-capped API before it is made; once the China day's cap is reached the
   * call is not made: CONNECTOR_QUOTA_EXHAUSTED says so and when the next day begins.
   */
  private async takeDailyCall(api: string): Promise<void> {
    const limit = WECOM_PER_DAY[api];
    if (limit === undefined) return;
    const now = this.dailyCalls.now?.() ?? this.clock.now();
    const day = new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10);
    if (await this.dailyCalls.take(day, api, limit)) return;
    const nextDayMs = Math.floor((now + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - CHINA_OFFSET_MS;
    throw new ConnectorError('CONNECTOR_QUOTA_EXHAUSTED', `WeCom allows ${limit} calls of ${api} per app per day; ${day}'s are used up, so this waits for the next day (from ${new Date(nextDayMs).toISOString()})`, {
      platform: 'wecom',
      api,
      limit,
      day,
      retryAfterMs: nextDayMs - now,
    });
  }

  /** Group-robot webhook: the key in the URL is the credential; one bucket per robot. */
  webhook<T>(webhookUrl: string, body: unknown): Promise<T> {
    const api = `webhook:${createHash('sha256').update(webhookUrl).digest('hex').slice(0, 16)}`;
    return this.caller.call({
      api,
      send: (_t, signal) => httpRequest('wecom', '/cgi-bin/webhook/send', { method: 'POST', url: webhookUrl, body, timeoutMs: this.timeoutMs, signal }),
      classify: (res) => classifyWeCom('/cgi-bin/webhook/send', res, (b) => b as T),
    });
  }
}
