/**
 * A clock for limiter tests whose time moves only when the test fires its earliest timer, so a run
 * of thousands of paced calls takes milliseconds and gives the same figures on any machine.
 */
export interface VirtualClock {
  now(): number;
  /** Moves time by hand (for steps no timer stands for). */
  set(ms: number): void;
  sleep(ms: number): Promise<void>;
  /** Runs `fire` once `ms` of virtual time have passed. */
  at(ms: number, fire: () => void): void;
  /**
   * Fires the earliest timer, letting whatever it wakes run first, until `done` says so; bounded by
   * `maxSteps` so a stuck test fails instead of hanging.
   */
  runUntil(done: () => boolean, maxSteps?: number): Promise<void>;
}

export function virtualClock(): VirtualClock {
  let now = 0;
  const timers: Array<{ at: number; fire: () => void }> = [];
  const at = (ms: number, fire: () => void) => void timers.push({ at: now + Math.max(0, ms), fire });
  return {
    now: () => now,
    set: (ms) => void (now = ms),
    sleep: (ms) => new Promise<void>((resolve) => at(ms, resolve)),
    at,
    async runUntil(done, maxSteps = 200_000) {
      for (let step = 0; !done() && step < maxSteps; step++) {
        await new Promise((r) => setImmediate(r));
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) continue;
        now = Math.max(now, next.at);
        next.fire();
      }
    },
  };
}
