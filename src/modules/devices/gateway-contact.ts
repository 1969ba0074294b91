/**
 * What a device tells about itself on each contact: handshake facts (push version, language,
 * firmware), INFO counts, clock readings and upload stamps. The record count it reports is also the
 * hub's check for records it never sent (a `gap`) or a cleared log (a `reset`).
 */
import type { Kysely } from 'kysely';
import type { DB, RowPatch } from '../../db/schema.js';
import { isSupportedInstant } from '../../shared/bounds.js';
import type { ContactInfo } from '../../sources/device-gateway.js';
import { charsetFor } from './device-context.js';
import type { DevicesRepo } from './devices.repo.js';
import type { DeviceClockWatch } from './gateway-clock.js';
import type { DeviceState, DeviceStateCache } from './gateway-state.js';

/** Other tables' resume markers, by the table name the device uploads under. */
const STAMP_KEYS = { OPERLOG: 'operlog', BIODATA: 'biodata', ATTPHOTO: 'photo' } as const;

export class DeviceContactRecorder {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: DevicesRepo,
    private readonly cache: DeviceStateCache,
    private readonly clock: DeviceClockWatch,
    private readonly now: () => number,
  ) {}

  async record(sn: string, info: ContactInfo): Promise<void> {
    const state = await this.cache.get(sn);
    if (!state) return;
    const now = this.now();
    const patch: RowPatch<'devices'> = {};
    let urgent = false;
    if (info.deviceClockMs !== undefined && isSupportedInstant(info.deviceClockMs)) {
      await this.clock.noteSkew(state, info.deviceClockMs - now, now, patch, { deviceClockMs: info.deviceClockMs });
      urgent = this.clock.beyondAllowance(info.deviceClockMs - now);
    }
    if (info.kind === 'handshake' || info.kind === 'registry') {
      urgent = true;
      if (info.pushVersion !== undefined) patch.push_version = info.pushVersion;
      if (info.language !== undefined) patch.language = info.language;
      const charset = charsetFor(info.language, info.pushVersion);
      if (charset) state.ctx.charset = charset;
    }
    if (info.ip) patch.last_ip = info.ip;
    if (info.firmware !== undefined) {
      patch.firmware = info.firmware;
      urgent = true;
    }
    if (info.userCount !== undefined) patch.user_count = info.userCount;
    if (info.fpCount !== undefined) patch.fp_count = info.fpCount;
    if (info.faceCount !== undefined) patch.face_count = info.faceCount;
    const firmwareOption = info.deviceOptions?.['FirmVer'] ?? info.deviceOptions?.['FWVersion'];
    if (firmwareOption) {
      patch.firmware = firmwareOption;
      urgent = true;
    }
    if (info.attlogCount !== undefined) {
      urgent = true;
      await this.noteAttlogCount(state, info.attlogCount, now);
      patch.attlog_count = info.attlogCount;
    }
    // Other tables' resume markers: the upload they came with is committed when this runs.
    const stampKey = info.stamp ? STAMP_KEYS[info.stamp.table.toUpperCase() as keyof typeof STAMP_KEYS] : undefined;
    if (info.stamp && stampKey && /^\d{1,20}$/.test(info.stamp.value)) {
      state.ctx.stamps[stampKey] = info.stamp.value;
      patch.stamps = JSON.stringify(state.ctx.stamps);
    }
    if (info.stamp && info.stamp.table.toUpperCase() === 'ATTLOG') {
      const v = Number(info.stamp.value);
      if (Number.isSafeInteger(v) && state.attlogStamp !== null && v < state.attlogStamp) {
        await this.repo.addEvent(this.db, state.id, 'reset', now, { reason: 'attlog_stamp_backwards', from: state.attlogStamp, to: v });
      }
      if (Number.isSafeInteger(v)) state.attlogStamp = v;
      state.ctx.stamps.attlog = info.stamp.value;
      patch.stamps = JSON.stringify(state.ctx.stamps);
    }
    await this.cache.touch(state, now, patch, urgent);
  }

  /**
   * The device's own record count (INFO). Dropping means its log was cleared; growing by more than
   * the lines it uploaded since the last count means records it has not sent: a `gap` over the
   * window between the two counts, which the gap fill queries.
   */
  async noteAttlogCount(state: DeviceState, count: number, now: number): Promise<void> {
    if (state.attlogCount !== null && count < state.attlogCount) {
      await this.repo.addEvent(this.db, state.id, 'reset', now, { reason: 'attlog_count_dropped', from: state.attlogCount, to: count });
    } else if (state.attlogCount !== null && state.attlogCountAtMs !== null && count - state.attlogCount > state.linesSinceCount) {
      const missing = count - state.attlogCount - state.linesSinceCount;
      await this.repo.addEvent(this.db, state.id, 'gap', now, { reason: 'attlog_count_jump', fromMs: state.attlogCountAtMs, toMs: now, missing });
    }
    state.attlogCount = count;
    state.attlogCountAtMs = now;
    state.linesSinceCount = 0;
  }
}
