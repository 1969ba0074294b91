import { backoffDelay, type BackoffPolicy } from './backoff.js';
import { BanDetector, defaultBanPolicy, type BanPolicy, type PauseNotice } from './fault-policy.js';
import type { MeteredBudget } from './budget.js';
import { systemClock, type Clock } from './clock.js';
import { ConnectorError, isConnectorError, type Platform } from './errors.js';
import type { HttpResponse } from './http.js';
import { PauseGate, RateLimiterRegistry } from './token-bucket.js';
import type { TokenCache } from './token-cache.js';

/** What a platform-specific classifier makes of one response. */
export type Failure =
  /** The token was rejected: drop it, refresh, retry once. */
  | { kind: 'token_invalid' }
  /** Wrong app key/secret/corp id: retrying cannot help. */
  | { kind: 'bad_credentials' }
  /** A QPS or frequency limit; `minDelayMs` when the platform says how long. */
  | { kind: 'rate_limited'; minDelayMs?: number }
  /**
   * A non-JSON answer where JSON was due (DingTalk's per-IP limiter answers with an HTML page): a
   * transient fault, unless it repeats (fault-policy.ts).
   */
  | { kind: 'throttle_page' }
  /** An explicit ban answer (`punish: deny`, `wait` seconds): pause the whole app that long. */
  | { kind: 'ip_banned'; minDelayMs?: number }
  /** 5xx, system busy (-1), timeouts, network failures. */
  | { kind: 'transient' }
  /** Anything else: quota exhausted, permission, bad request. Not retried. */
  | { kind: 'fatal' };

export type Classified<T> = { ok: true; value: T } | { ok: false; failure: Failure; error: ConnectorError };

export interface RetryPolicy {
  /** Retries after 5xx/timeouts/system busy. */
  maxTransientRetries: number;
  /** Retries after rate-limit answers (each waits at least the documented 1 s). */
  maxRateLimitRetries: number;
  /** How many IP-ban pauses one call sits through before giving up. */
  maxBanPauses: number;
  /** When throttle pages count as a ban (fault-policy.ts). */
  ban: BanPolicy;
  transientBackoff: BackoffPolicy;
  rateLimitBackoff: BackoffPolicy;
  /** DingTalk bans an IP for 5 minutes. */
  banPauseMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxTransientRetries: 3,
  maxRateLimitRetries: 6,
  maxBanPauses: 2,
  ban: defaultBanPolicy,
  transientBackoff: { baseMs: 250, maxMs: 8_000 },
  rateLimitBackoff: { baseMs: 1_000, maxMs: 16_000 },
  banPauseMs: 300_000,
};

export interface CallEvent {
  platform: Platform;
  api: string;
  outcome: 'ok' | Failure['kind'];
  attempt: number;
  durationMs: number;
}

export interface ApiCallerOptions {
  platform: Platform;
  limiter: RateLimiterRegistry;
  gate?: PauseGate;
  retry?: Partial<RetryPolicy>;
  budget?: MeteredBudget;
  clock?: Clock;
  random?: () => number;
  /** Metrics / logging hook. Never receives tokens or bodies. */
  onCall?: (e: CallEvent) => void;
  /** The app pauses for a confirmed ban: the connector shows until when. */
  onPause?: (p: PauseNotice) => void;
}

export interface CallSpec<T> {
  /** Rate-limit bucket and error label: the API path, no query. */
  api: string;
  /** The token cache to use; absent for token and webhook calls. */
  tokens?: TokenCache;
  /** Counts against DingTalk's monthly metered budget. */
  metered?: boolean;
  /**
   * The call creates something (schedule/add): after a timeout or a server error it may have been
   * carried out, so it is not repeated here; the caller finds out what happened before asking again.
   */
  notRepeatable?: boolean;
  send(token: string | null, signal?: AbortSignal): Promise<HttpResponse>;
  classify(res: HttpResponse): Classified<T>;
  signal?: AbortSignal;
}

/**
 * Runs one logical API call to completion: waits out bans, takes a rate token, attaches the access
 * token, and applies the retry rules of platforms.md §1.4/§1.5. Each rule has its own cap, so a
 * call can never loop forever, and credential errors surface at once.
 */
export class ApiCaller {
  readonly retry: RetryPolicy;
  readonly gate: PauseGate;
  readonly bans: BanDetector;
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(private readonly options: ApiCallerOptions) {
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.clock = options.clock ?? systemClock;
    this.gate = options.gate ?? new PauseGate(this.clock);
    this.random = options.random ?? Math.random;
    this.bans = new BanDetector({ ...defaultBanPolicy, ...this.retry.ban }, this.clock);
  }

  private confirmedBan(api: string): void {
    const pausedUntilMs = this.clock.now() + this.retry.banPauseMs;
    this.gate.pauseFor(this.retry.banPauseMs);
    this.options.onPause?.({ pausedUntilMs, reason: 'ip_ban', api });
  }

  async call<T>(spec: CallSpec<T>): Promise<T> {
    const { platform } = this.options;
    let attempt = 0;
    let tokenRetried = false;
    let transient = 0;
    let limited = 0;
    let bans = 0;
    for (;;) {
      attempt += 1;
      await this.gate.wait(spec.signal);
      // The token first: a slot reserved in the limiter must be used at once, not after a refresh.
      const token = spec.tokens ? await spec.tokens.get() : null;
      const answered = await this.options.limiter.take(spec.api, spec.signal);
      const started = this.clock.now();
      let result: Classified<T>;
      // No answer (timeout, lost connection, abort): the server may still count the call later.
      let outcome: 'answered' | 'abandoned' = 'answered';
      try {
        if (spec.metered && this.options.budget) await this.options.budget.record(started);
        let response: HttpResponse;
        try {
          response = await spec.send(token, spec.signal);
        } catch (e) {
          outcome = 'abandoned';
          throw e;
        }
        result = spec.classify(response);
      } catch (e) {
        if (!isConnectorError(e, 'CONNECTOR_TIMEOUT') && !isConnectorError(e, 'CONNECTOR_NETWORK')) throw e;
        result = { ok: false, failure: { kind: 'transient' }, error: e };
      } finally {
        answered?.(outcome);
      }
      this.options.onCall?.({
        platform,
        api: spec.api,
        outcome: result.ok ? 'ok' : result.failure.kind,
        attempt,
        durationMs: this.clock.now() - started,
      });
      if (result.ok) {
        this.bans.clear();
        return result.value;
      }
      const { failure, error } = result;
      const giveUp = () => {
        (error.details as Record<string, unknown>).attempts = attempt;
        return error;
      };
      switch (failure.kind) {
        case 'token_invalid':
          if (!spec.tokens || tokenRetried) throw giveUp();
          tokenRetried = true;
          spec.tokens.invalidate(token ?? undefined);
          continue;
        case 'rate_limited': {
          if (++limited > this.retry.maxRateLimitRetries) throw giveUp();
          const delay = backoffDelay(limited, this.retry.rateLimitBackoff, this.random);
          await this.clock.sleep(Math.max(delay, failure.minDelayMs ?? 0), spec.signal);
          continue;
        }
        case 'throttle_page':
          if (this.bans.page()) {
            // The ban holds for every call of the app, whether or not this one waits it out.
            this.confirmedBan(spec.api);
            if (++bans > this.retry.maxBanPauses) throw giveUp();
            continue;
          }
          if (++transient > this.retry.maxTransientRetries) throw giveUp();
          await this.clock.sleep(backoffDelay(transient, this.retry.transientBackoff, this.random), spec.signal);
          continue;
        case 'ip_banned':
          if (++bans > this.retry.maxBanPauses) throw giveUp();
          // The answer names its wait: honour it; repeated, it is the long ban.
          if (this.bans.page()) this.confirmedBan(spec.api);
          else this.gate.pauseFor(Math.max(1_000, failure.minDelayMs ?? this.retry.banPauseMs));
          continue;
        case 'transient':
          if (spec.notRepeatable || ++transient > this.retry.maxTransientRetries) throw giveUp();
          await this.clock.sleep(backoffDelay(transient, this.retry.transientBackoff, this.random), spec.signal);
          continue;
        default:
          throw giveUp();
      }
    }
  }
}

export type { PauseNotice };
export const ok = <T>(value: T): Classified<T> => ({ ok: true, value });
export const fail = <T>(failure: Failure, error: ConnectorError): Classified<T> => ({ ok: false, failure, error });
