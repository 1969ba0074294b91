/**
 * A confirmed ban pauses every call of a connector's app (sources/platform/fault-policy.ts). The
 * pause is kept with the connector, so the API shows until when on every instance, and the job
 * worker defers the connector's jobs instead of letting them sit in worker slots until it ends.
 */
import type { ConnectorsRepo } from './connectors.repo.js';

export const THROTTLE_CURSOR = 'throttle';

export interface ThrottleState {
  pausedUntilMs: number;
  reason: 'ip_ban' | 'throttled';
  api: string;
  sinceMs: number;
}

export async function recordPause(repo: ConnectorsRepo, connectorId: number, state: ThrottleState): Promise<void> {
  const prior = await repo.getCursor<ThrottleState>(connectorId, THROTTLE_CURSOR);
  // Several calls confirm the same ban: keep the latest end.
  if (prior && prior.pausedUntilMs >= state.pausedUntilMs) return;
  await repo.putCursor(connectorId, THROTTLE_CURSOR, state, state.sinceMs);
}

/** The pause in force at `nowMs`, or null. */
export async function activePause(repo: ConnectorsRepo, connectorId: number, nowMs: number): Promise<ThrottleState | null> {
  const s = await repo.getCursor<ThrottleState>(connectorId, THROTTLE_CURSOR);
  return s && s.pausedUntilMs > nowMs ? s : null;
}
