/** When the next attempt of a failed delivery is due, or null once the policy gives up. */
import type { RetryPolicy } from './outbox.types.js';

export function nextAttemptAt(
  policy: RetryPolicy,
  attempt: number,
  firstAttemptAtMs: number,
  nowMs: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  // Full jitter on the upper half keeps many failing deliveries from retrying in lockstep.
  const delay = Math.max(retryAfterMs ?? 0, exp / 2 + random() * (exp / 2));
  const at = nowMs + Math.round(delay);
  return at - firstAttemptAtMs > policy.maxAgeMs ? null : at;
}
