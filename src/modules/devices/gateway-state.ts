/**
 * The gateway's per-serial cache. Every device polls every few seconds, so each serial keeps a
 * short-lived context (reloaded after `ttlMs`, dropped at once when an admin changes the device)
 * and contact fields (last seen, ip, stamps, upload marks) that are written at most once per
 * `touchMs` instead of on every poll. Several instances stay correct because every cached fact
 * expires within seconds.
 */
import type { Kysely } from 'kysely';
import type { DB, RowPatch } from '../../db/schema.js';
import type { DeviceContext } from '../../sources/device-gateway.js';
import { parseJson, toContext } from './device-context.js';
import type { DeviceRow, DevicesRepo, DeviceWithZones } from './devices.repo.js';
import type { DeviceClockWatch } from './gateway-clock.js';

export interface DeviceState {
  sn: string;
  id: number;
  status: DeviceRow['status'];
  companyId: number | null;
  ctx: DeviceContext;
  allowedIps: string[] | null;
  tokenSealed: string | null;
  /** The company requires a token / allowed addresses of its devices. */
  requireToken: boolean;
  requireAllowedIps: boolean;
  /** Photo bytes stored for the device, once counted. */
  photoBytes: number | null;
  loadedAt: number;
  // soft state kept across reloads
  noCommandsUntil: number;
  flushedAt: number;
  online: number;
  attlogCount: number | null;
  /** When attlogCount was reported, and ATTLOG lines received since (in this instance). */
  attlogCountAtMs: number | null;
  linesSinceCount: number;
  attlogStamp: number | null;
  lastPunchAtMs: number | null;
  clockSkewed: boolean;
  dirty: RowPatch<'devices'> | null;
}

export interface DeviceStateCacheDeps {
  db: Kysely<DB>;
  repo: DevicesRepo;
  clock: DeviceClockWatch;
  now: () => number;
  ttlMs: number;
  touchMs: number;
}

export class DeviceStateCache {
  private readonly states = new Map<string, DeviceState>();
  private readonly unknownUntil = new Map<string, number>();

  constructor(private readonly deps: DeviceStateCacheDeps) {}

  /** The cached state without a reload (undefined if never loaded here). */
  cached(sn: string): DeviceState | undefined {
    return this.states.get(sn);
  }

  /** Admin changes (approve, disable, edit, new command) must be seen on the very next request. */
  invalidate(sn: string): void {
    const s = this.states.get(sn);
    if (s) {
      s.loadedAt = 0;
      s.noCommandsUntil = 0;
    }
    this.unknownUntil.delete(sn);
  }

  /** Commands were queued for the device: drop the "nothing queued" flag. */
  commandsQueued(sn: string): void {
    const s = this.states.get(sn);
    if (s) s.noCommandsUntil = 0;
  }

  /** Cached state for a known serial; reloads after the TTL; undefined for unknown serials. */
  async get(sn: string): Promise<DeviceState | undefined> {
    const now = this.deps.now();
    const cached = this.states.get(sn);
    if (cached && now - cached.loadedAt < this.deps.ttlMs) return cached;
    if (!cached && (this.unknownUntil.get(sn) ?? 0) > now) return undefined;
    const row = await this.deps.repo.bySerial(this.deps.db, sn);
    if (!row) {
      if (cached) this.states.delete(sn);
      // Scanners and misconfigured devices invent serials; keep the negative cache bounded.
      if (this.unknownUntil.size >= 10_000) this.unknownUntil.clear();
      this.unknownUntil.set(sn, now + this.deps.ttlMs);
      return undefined;
    }
    return this.adopt(row, now, cached);
  }

  adopt(row: DeviceWithZones, now: number, prev?: DeviceState): DeviceState {
    const stamp = Number(parseJson<{ attlog?: string }>(row.stamps, {}).attlog);
    const ctx = toContext(row);
    // Keep stamps and charset the device told us since the last write.
    if (prev?.dirty?.stamps) ctx.stamps = parseJson(prev.dirty.stamps, ctx.stamps);
    if (prev?.ctx.charset && !ctx.charset) ctx.charset = prev.ctx.charset;
    const state: DeviceState = {
      sn: row.serial_number,
      id: row.id,
      status: row.status,
      companyId: row.company_id,
      ctx,
      allowedIps: parseJson<string[] | null>(row.allowed_ips, null),
      tokenSealed: row.auth_token_sealed,
      requireToken: row.company_require_token === 1,
      requireAllowedIps: row.company_require_allowed_ips === 1,
      photoBytes: prev && prev.id === row.id ? prev.photoBytes : null,
      loadedAt: now,
      noCommandsUntil: prev && prev.id === row.id ? prev.noCommandsUntil : 0,
      flushedAt: prev?.flushedAt ?? 0,
      online: prev?.dirty ? prev.online : row.online,
      attlogCount: prev?.attlogCount ?? row.attlog_count,
      // Only a count this instance saw reported, with the uploads since, can show records missing.
      attlogCountAtMs: prev?.attlogCountAtMs ?? null,
      linesSinceCount: prev?.linesSinceCount ?? 0,
      attlogStamp: prev?.attlogStamp ?? (Number.isSafeInteger(stamp) ? stamp : null),
      lastPunchAtMs: Math.max(prev?.lastPunchAtMs ?? -Infinity, row.last_punch_at_ms ?? -Infinity),
      clockSkewed: prev?.clockSkewed ?? this.deps.clock.beyondAllowance(row.clock_skew_ms ?? 0),
      dirty: prev?.dirty ?? null,
    };
    if (!Number.isFinite(state.lastPunchAtMs!)) state.lastPunchAtMs = null;
    if (row.online === 1) state.online = 1;
    this.states.set(row.serial_number, state);
    this.unknownUntil.delete(row.serial_number);
    return state;
  }

  /** Merge contact fields; write when urgent, when the device was offline, or once per interval. */
  async touch(state: DeviceState, now: number, patch: RowPatch<'devices'>, urgent: boolean): Promise<void> {
    state.dirty = { ...(state.dirty ?? {}), ...patch, last_seen_at_ms: now };
    if (urgent || state.online === 0 || now - state.flushedAt >= this.deps.touchMs) await this.write(state, now);
  }

  /** Write every device's pending contact fields now (health job, shutdown, tests). */
  async flush(): Promise<void> {
    const now = this.deps.now();
    for (const s of this.states.values()) if (s.dirty) await this.write(s, now);
  }

  private async write(state: DeviceState, now: number): Promise<void> {
    const patch = state.dirty;
    if (!patch) return;
    state.dirty = null;
    state.flushedAt = now;
    // `online` itself belongs to the health job (it writes the online/offline events); here we only
    // stop re-flushing on every poll of a device that is back but not yet marked online.
    state.online = 1;
    await this.deps.repo.update(this.deps.db, state.id, patch);
  }
}
