import type { Clock } from './clock.js';
import { isConnectorError } from './errors.js';

/**
 * What to make of a throttle page. DingTalk's per-IP limiter answers with an HTML page (or a JSON
 * `punish: deny`) and no errcode; but a lone non-JSON answer is far more often a proxy's error page
 * or a one-off gateway hiccup than a ban, and pausing the whole app for five minutes on one of those
 * turned a 2-second back-fill into 25 minutes. So a page is a transient fault with a short jittered
 * back-off; only when the pages repeat, with nothing good in between, is it a ban, and then the app
 * pauses for the documented five minutes and the connector says until when.
 */
export interface BanPolicy {
  /** Consecutive throttle pages (across all calls of the app) that confirm a ban. */
  confirmAfter: number;
  /** Pages further apart than this do not count as a repeat. */
  repeatWithinMs: number;
}

export const defaultBanPolicy: BanPolicy = { confirmAfter: 3, repeatWithinMs: 60_000 };

export interface PauseNotice {
  pausedUntilMs: number;
  reason: 'ip_ban' | 'throttled';
  /** The API whose answer confirmed the ban (a path, never a URL). */
  api: string;
}

/** Counts throttle pages of one app; any good answer clears it. */
export class BanDetector {
  private streak = 0;
  private lastAtMs = 0;

  constructor(
    private readonly policy: BanPolicy = defaultBanPolicy,
    private readonly clock: Clock,
  ) {}

  /** Records one throttle page; true when it confirms a ban (the streak starts over after it). */
  page(): boolean {
    const now = this.clock.now();
    this.streak = now - this.lastAtMs > this.policy.repeatWithinMs ? 1 : this.streak + 1;
    this.lastAtMs = now;
    if (this.streak < this.policy.confirmAfter) return false;
    this.streak = 0;
    return true;
  }

  clear(): void {
    this.streak = 0;
  }

  get pending(): number {
    return this.streak;
  }
}

/**
 * Errors that say "not now" rather than "never": a call that ran out of retries on one of these
 * can be tried again later in the same run. Credentials, permissions, quota and bad requests cannot.
 */
const PASSING = new Set(['CONNECTOR_UPSTREAM_ERROR', 'CONNECTOR_TIMEOUT', 'CONNECTOR_NETWORK', 'CONNECTOR_RATE_LIMITED', 'CONNECTOR_IP_BANNED', 'CONNECTOR_BAD_RESPONSE', 'CONNECTOR_TOKEN_INVALID']);

export function isPassingFault(e: unknown): boolean {
  return isConnectorError(e) && PASSING.has(e.code);
}
