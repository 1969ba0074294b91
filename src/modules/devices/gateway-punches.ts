/**
 * Punches a device uploads: an approved device's go to ingest (batched); a pending device's are
 * held, within a bound, until an admin approves it. Every upload moves the device's upload marks
 * (last upload, newest punch, clock check).
 */
import type { Kysely } from 'kysely';
import type { DB, RowPatch } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { DeviceContext } from '../../sources/device-gateway.js';
import type { CheckinInput } from '../../sources/types.js';
import { DeviceLimitError, type DeviceLimitKind, type DeviceLimits } from './device-limits.js';
import type { DevicesRepo } from './devices.repo.js';
import type { DeviceClockWatch } from './gateway-clock.js';
import type { DeviceStateCache } from './gateway-state.js';
import type { IngestBatcher } from './ingest-batcher.js';

export interface DevicePunchIntakeDeps {
  db: Kysely<DB>;
  repo: DevicesRepo;
  cache: DeviceStateCache;
  clock: DeviceClockWatch;
  batcher: IngestBatcher;
  limits: DeviceLimits;
  now: () => number;
  /** last_upload / last_punch: at most one write per device per this interval. */
  uploadTouchMs: number;
  limitHit(deviceId: number, kind: DeviceLimitKind): Promise<void>;
}

export class DevicePunchIntake {
  constructor(private readonly deps: DevicePunchIntakeDeps) {}

  async store(device: DeviceContext, punches: CheckinInput[]): Promise<{ stored: number; duplicates: number }> {
    if (punches.length === 0) return { stored: 0, duplicates: 0 };
    const { db, repo, limits } = this.deps;
    const deviceId = Number(device.deviceId);
    if (device.status === 'disabled') throw new AppError('DEVICE_DISABLED', `Device ${device.sn} is disabled`, 409);
    if (device.status === 'active' && device.companyId !== '') return this.ingest(device.sn, Number(device.companyId), punches);

    // Pending: hold the punches. Re-check the status under a row lock, so a device approved a moment
    // ago (here or on another instance) sends its punches to ingest instead of a table nobody reads.
    const unique = new Map<string, CheckinInput>();
    for (const p of punches) if (!unique.has(p.idempotencyKey)) unique.set(p.idempotencyKey, p);
    const receivedAt = this.deps.now();
    const outcome = await db.transaction().execute(async (trx) => {
      const st = await repo.statusForUpdate(trx, deviceId);
      if (!st) throw new AppError('NOT_FOUND', `device ${device.sn} does not exist`, 404);
      if (st.status === 'active' && st.company_id !== null) return { companyId: st.company_id as number, held: undefined };
      if (st.status === 'disabled') throw new AppError('DEVICE_DISABLED', `Device ${device.sn} is disabled`, 409);
      const rows = [...unique.values()].map((p) => ({ device_id: deviceId, idempotency_key: p.idempotencyKey, at_ms: p.atMs, payload: JSON.stringify(p), received_at_ms: receivedAt }));
      if ((await repo.countHeld(trx, deviceId)) + rows.length > limits.maxHeldPunchesPerDevice) return { companyId: undefined, held: undefined, full: true };
      return { companyId: undefined, held: await repo.holdPunches(trx, rows) };
    });
    if ('full' in outcome) {
      await this.deps.limitHit(deviceId, 'held_punches');
      throw new DeviceLimitError('held_punches', `Pending device ${device.sn} holds its limit of ${limits.maxHeldPunchesPerDevice} punches until an admin approves it`);
    }
    if (outcome.companyId !== undefined) {
      this.deps.cache.invalidate(device.sn);
      return this.ingest(device.sn, outcome.companyId, punches);
    }
    const held = outcome.held ?? 0;
    await this.noteUpload(device.sn, punches);
    return { stored: held, duplicates: punches.length - held };
  }

  private async ingest(sn: string, companyId: number, punches: CheckinInput[]) {
    const result = await this.deps.batcher.ingest(companyId, punches);
    await this.noteUpload(sn, punches);
    return result;
  }

  private async noteUpload(sn: string, punches: CheckinInput[]): Promise<void> {
    const state = this.deps.cache.cached(sn);
    if (!state) return;
    state.linesSinceCount += punches.length;
    let newest = state.lastPunchAtMs ?? -Infinity;
    for (const p of punches) if (p.atMs > newest) newest = p.atMs;
    const now = this.deps.now();
    const patch: RowPatch<'devices'> = { last_upload_at_ms: now };
    await this.deps.clock.notePunches(state, punches, now, patch);
    if (Number.isFinite(newest) && newest !== state.lastPunchAtMs) {
      state.lastPunchAtMs = newest;
      patch.last_punch_at_ms = newest;
    }
    await this.deps.cache.touch(state, now, patch, now - state.flushedAt >= this.deps.uploadTouchMs);
  }
}
