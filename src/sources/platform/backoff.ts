/**
 * Exponential back-off with "full jitter" bounded below by half the step: spreading retries keeps a
 * fleet of workers from hammering the platform in lock-step after a shared throttle.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** 0 = no jitter, 1 = delay uniformly in [step/2, step]. */
  jitter?: number;
}

export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter ?? 1));
  const low = step * (1 - jitter / 2);
  return Math.round(low + (step - low) * random());
}
