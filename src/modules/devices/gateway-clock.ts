/**
 * Device clock watch for the gateway: the device's clock minus the server's, measured from
 * Hikvision heartbeats and from punches newer than their own upload, shown on the device; crossing
 * the allowance either way records a `clock_skew` event once.
 */
import type { Kysely } from 'kysely';
import type { DB, RowPatch } from '../../db/schema.js';
import { isSupportedInstant } from '../../shared/bounds.js';
import type { CheckinInput } from '../../sources/types.js';
import type { DevicesRepo } from './devices.repo.js';

export interface ClockState {
  id: number;
  clockSkewed: boolean;
}

export class DeviceClockWatch {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: DevicesRepo,
    private readonly allowanceMs: number,
  ) {}

  beyondAllowance(skewMs: number): boolean {
    return Math.abs(skewMs) > this.allowanceMs;
  }

  /**
   * A punch stamped later than its own upload can only come from a clock that runs ahead. (A punch
   * stamped earlier proves nothing: it may have waited in the device while it was offline.)
   */
  async notePunches(state: ClockState, punches: CheckinInput[], now: number, patch: RowPatch<'devices'>): Promise<void> {
    let newestSane = -Infinity;
    for (const p of punches) if (isSupportedInstant(p.atMs) && p.atMs > newestSane) newestSane = p.atMs;
    if (!Number.isFinite(newestSane)) return;
    await this.noteSkew(state, Math.max(0, newestSane - now), now, patch, { punchAtMs: newestSane });
  }

  /** Positive skew: the device runs ahead; negative: behind. */
  async noteSkew(state: ClockState, skewMs: number, now: number, patch: RowPatch<'devices'>, evidence: Record<string, unknown>): Promise<void> {
    const skewed = this.beyondAllowance(skewMs);
    if (skewed !== state.clockSkewed) {
      if (skewed) await this.repo.addEvent(this.db, state.id, 'clock_skew', now, { skewMs, ...evidence });
      state.clockSkewed = skewed;
    }
    patch.clock_skew_ms = skewMs;
    patch.clock_checked_at_ms = now;
  }
}
