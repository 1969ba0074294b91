/**
 * The DB-backed DeviceGateway: what the /iclock and /isapi wire layers call on every request.
 *
 * Cost model (devices.md §2.8): every device polls getrequest every few seconds and uploads in
 * 128-line batches. So per serial number this keeps a short-lived context (reloaded after
 * `contextTtlMs`, dropped at once when an admin changes the device), a "nothing queued" flag, and
 * contact fields (last seen, ip, stamps, upload marks) that are written at most once per
 * `touchIntervalMs` instead of on every poll. Several instances behind a load balancer stay
 * correct because every cached fact expires within seconds.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, RowPatch } from '../../db/schema.js';
import { isSupportedInstant } from '../../shared/bounds.js';
import { AppError } from '../../shared/errors.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { CommandResult, ContactInfo, DeviceContext, DeviceGateway, OperLogRecord, QueuedCommand } from '../../sources/device-gateway.js';
import type { CheckinInput, IngestSummary } from '../../sources/types.js';
import { IngestBatcher } from './ingest-batcher.js';
import { DeviceDataStore, type DeviceDataSummary } from './device-data.js';
import { DeviceUsersRepo } from './device-users.repo.js';
import { DevicePhotoStore } from './gateway-photos.js';
import { DeviceClockWatch } from './gateway-clock.js';
import { commandSucceeded } from '../../sources/zkteco-push/commands.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import { systemActor } from '../auth/actor.js';
import { charsetFor, infoResultPatch, ipAllowed, parseJson, pendingDeviceRow, plausibleSerial, toContext } from './device-context.js';
import type { DeviceRow, DevicesRepo, DeviceWithZones } from './devices.repo.js';
import { DEFAULT_DEVICE_LIMITS, DeviceLimitError, type DeviceLimitKind, type DeviceLimits, type LimitRefusals } from './device-limits.js';
import { DeviceLimitGuard } from './gateway-limits.js';

export type DeviceVendor = DeviceRow['vendor'];

export interface GatewayIngest {
  ingest(companyId: number, items: CheckinInput[]): Promise<IngestSummary>;
}

export interface DbDeviceGatewayDeps {
  db: Kysely<DB>;
  repo: DevicesRepo;
  checkins: GatewayIngest;
  audit: AuditRepo;
  secrets: SecretBox;
  now?: () => number;
  /** How long a device context is trusted before it is read again (other instances' edits). */
  contextTtlMs?: number;
  /** How long an empty command queue is trusted (commands queued on another instance wait at most this). */
  idleQueueTtlMs?: number;
  /** last_seen / last_ip / stamps: at most one write per device per this interval. */
  touchIntervalMs?: number;
  /** last_upload / last_punch: at most one write per device per this interval. */
  uploadTouchIntervalMs?: number;
  /** A punch further ahead of its upload than this marks the device clock as running ahead. */
  clockSkewMs?: number;
  /** What unauthenticated device endpoints may make Daka store. */
  limits?: Partial<DeviceLimits>;
}

interface DeviceState {
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

const SYSTEM = systemActor('device-gateway');


export class DbDeviceGateway implements DeviceGateway {
  private readonly states = new Map<string, DeviceState>();
  private readonly unknownUntil = new Map<string, number>();
  readonly batcher: IngestBatcher;
  private readonly now: () => number;
  private readonly ttl: number;
  private readonly idleQueueTtl: number;
  private readonly touchMs: number;
  private readonly uploadTouchMs: number;
  readonly limits: DeviceLimits;
  private readonly guard: DeviceLimitGuard;
  readonly usersRepo = new DeviceUsersRepo();
  private readonly data: DeviceDataStore;
  private readonly photos: DevicePhotoStore;
  private readonly clock: DeviceClockWatch;

  constructor(private readonly deps: DbDeviceGatewayDeps) {
    this.now = deps.now ?? Date.now;
    this.ttl = deps.contextTtlMs ?? 10_000;
    this.idleQueueTtl = deps.idleQueueTtlMs ?? 15_000;
    this.touchMs = deps.touchIntervalMs ?? 30_000;
    this.uploadTouchMs = deps.uploadTouchIntervalMs ?? 5_000;
    this.batcher = new IngestBatcher(deps.checkins);
    this.limits = { ...DEFAULT_DEVICE_LIMITS, ...deps.limits };
    this.guard = new DeviceLimitGuard(deps.db, deps.repo, this.limits, this.now);
    this.photos = new DevicePhotoStore(deps.db, deps.repo, this.limits, this.now, (deviceId, kind) => this.limitHit(deviceId, kind));
    this.clock = new DeviceClockWatch(deps.db, deps.repo, deps.clockSkewMs ?? 5 * 60_000);
    this.data = new DeviceDataStore({
      db: deps.db,
      repo: this.usersRepo,
      secrets: deps.secrets,
      audit: deps.audit,
      limits: this.limits,
      now: this.now,
      storePhoto: (device, photo) => this.storePhoto(device, photo),
      limitHit: (deviceId, kind) => this.limitHit(deviceId, kind),
    });
  }

  /** The same gateway, registering unknown serials under the vendor of the path they called. */
  forVendor(vendor: DeviceVendor): DeviceGateway {
    return {
      lookupDevice: (sn, ip) => this.lookup(sn, ip, vendor),
      recordContact: (sn, info) => this.recordContact(sn, info),
      storePunches: (ctx, punches) => this.storePunches(ctx, punches),
      storePhoto: (ctx, photo) => this.storePhoto(ctx, photo),
      storeOperLog: (ctx, records) => this.storeOperLog(ctx, records),
      takeCommands: (sn, max) => this.takeCommands(sn, max),
      recordCommandResult: (sn, result) => this.recordCommandResult(sn, result),
    };
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

  lookupDevice(sn: string, remoteIp: string): Promise<DeviceContext | null> {
    return this.lookup(sn, remoteIp, 'zkteco');
  }

  async lookup(sn: string, remoteIp: string, vendor: DeviceVendor): Promise<DeviceContext | null> {
    if (!plausibleSerial(sn)) return null;
    const state = (await this.state(sn)) ?? (await this.register(sn, remoteIp, vendor));
    if (state.allowedIps && !ipAllowed(remoteIp, state.allowedIps)) return null;
    if (!state.allowedIps && state.requireAllowedIps) return null;
    return state.ctx;
  }

  /**
   * A device with a token must present it (ZK `pushcommkey`, Security PUSH `Cookie: token=`, or
   * `?token=`). Devices without one, and unknown devices, pass: they are pending until approved.
   */
  async acceptsToken(sn: string, presented: string | undefined): Promise<boolean> {
    if (!plausibleSerial(sn)) return true;
    const state = await this.state(sn);
    if (!state) return true;
    // The company requires tokens: a device without one set cannot present one.
    if (state.tokenSealed === null) return !state.requireToken;
    if (presented === undefined) return false;
    const expected = Buffer.from(this.deps.secrets.open(state.tokenSealed), 'utf8');
    const given = Buffer.from(presented, 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  async recordContact(sn: string, info: ContactInfo): Promise<void> {
    const state = await this.state(sn);
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
    const stampKey = info.stamp ? ({ OPERLOG: 'operlog', BIODATA: 'biodata', ATTPHOTO: 'photo' } as const)[info.stamp.table.toUpperCase() as 'OPERLOG'] : undefined;
    if (info.stamp && stampKey && /^\d{1,20}$/.test(info.stamp.value)) {
      state.ctx.stamps[stampKey] = info.stamp.value;
      patch.stamps = JSON.stringify(state.ctx.stamps);
    }
    if (info.stamp && info.stamp.table.toUpperCase() === 'ATTLOG') {
      const v = Number(info.stamp.value);
      if (Number.isSafeInteger(v) && state.attlogStamp !== null && v < state.attlogStamp) {
        await this.deps.repo.addEvent(this.deps.db, state.id, 'reset', now, { reason: 'attlog_stamp_backwards', from: state.attlogStamp, to: v });
      }
      if (Number.isSafeInteger(v)) state.attlogStamp = v;
      state.ctx.stamps.attlog = info.stamp.value;
      patch.stamps = JSON.stringify(state.ctx.stamps);
    }
    await this.touch(state, now, patch, urgent);
  }

  /** Users, templates (sealed) and operation log of an OPERLOG / BIODATA / tabledata upload. */
  storeOperLog(device: DeviceContext, records: OperLogRecord[]): Promise<DeviceDataSummary> {
    if (device.status === 'disabled') throw new AppError('DEVICE_DISABLED', `Device ${device.sn} is disabled`, 409);
    return this.data.store(device, records);
  }

  /** A punch photo (or a user picture), stored under its punch's key: see DevicePhotoStore. */
  storePhoto(device: DeviceContext, photo: { name: string; bytes: Buffer; punchKey?: string }): Promise<void> {
    return this.photos.store(device, photo, this.states.get(device.sn));
  }

  async storePunches(device: DeviceContext, punches: CheckinInput[]): Promise<{ stored: number; duplicates: number }> {
    if (punches.length === 0) return { stored: 0, duplicates: 0 };
    const deviceId = Number(device.deviceId);
    if (device.status === 'disabled') throw new AppError('DEVICE_DISABLED', `Device ${device.sn} is disabled`, 409);
    if (device.status === 'active' && device.companyId !== '') return this.ingest(device.sn, Number(device.companyId), punches);

    // Pending: hold the punches. Re-check the status under a row lock, so a device approved a moment
    // ago (here or on another instance) sends its punches to ingest instead of a table nobody reads.
    const unique = new Map<string, CheckinInput>();
    for (const p of punches) if (!unique.has(p.idempotencyKey)) unique.set(p.idempotencyKey, p);
    const receivedAt = this.now();
    const outcome = await this.deps.db.transaction().execute(async (trx) => {
      const st = await this.deps.repo.statusForUpdate(trx, deviceId);
      if (!st) throw new AppError('NOT_FOUND', `device ${device.sn} does not exist`, 404);
      if (st.status === 'active' && st.company_id !== null) return { companyId: st.company_id as number, held: undefined };
      if (st.status === 'disabled') throw new AppError('DEVICE_DISABLED', `Device ${device.sn} is disabled`, 409);
      const rows = [...unique.values()].map((p) => ({ device_id: deviceId, idempotency_key: p.idempotencyKey, at_ms: p.atMs, payload: JSON.stringify(p), received_at_ms: receivedAt }));
      if ((await this.deps.repo.countHeld(trx, deviceId)) + rows.length > this.limits.maxHeldPunchesPerDevice) return { companyId: undefined, held: undefined, full: true };
      return { companyId: undefined, held: await this.deps.repo.holdPunches(trx, rows) };
    });
    if ('full' in outcome) {
      await this.limitHit(deviceId, 'held_punches');
      throw new DeviceLimitError('held_punches', `Pending device ${device.sn} holds its limit of ${this.limits.maxHeldPunchesPerDevice} punches until an admin approves it`);
    }
    if (outcome.companyId !== undefined) {
      this.invalidate(device.sn);
      return this.ingest(device.sn, outcome.companyId, punches);
    }
    const held = outcome.held ?? 0;
    await this.noteUpload(device.sn, punches);
    return { stored: held, duplicates: punches.length - held };
  }

  async takeCommands(sn: string, max: number): Promise<QueuedCommand[]> {
    const state = await this.state(sn);
    if (!state || state.status === 'disabled') return [];
    const now = this.now();
    // The heartbeat is the device's proof of life; written at most every touchIntervalMs.
    await this.touch(state, now, {}, false);
    if (state.noCommandsUntil > now) return [];
    const rows = await this.deps.repo.queued(this.deps.db, state.id, max);
    if (rows.length === 0) {
      // Commands queued through this instance clear the flag at once; others' within a TTL.
      state.noCommandsUntil = now + this.idleQueueTtl;
      return [];
    }
    const claimed = new Set(await this.deps.repo.markSent(this.deps.db, rows.map((r) => r.id), now));
    return rows.filter((r) => claimed.has(r.id)).map((r) => ({ id: r.id, text: r.command }));
  }

  async recordCommandResult(sn: string, result: CommandResult): Promise<void> {
    const state = await this.state(sn);
    if (!state) return;
    const id = Number(result.id);
    if (!/^\d+$/.test(result.id) || !Number.isSafeInteger(id)) return;
    const now = this.now();
    const ok = commandSucceeded(result);
    const row = await this.deps.repo.finishCommand(this.deps.db, state.id, id, {
      status: ok ? 'done' : 'failed',
      return_code: Number.isFinite(result.returnCode) ? result.returnCode : null,
      result: JSON.stringify({ cmd: result.cmd, fields: result.fields }),
      finished_at_ms: now,
    });
    if (!row) return;
    await this.usersRepo.commandFinished(this.deps.db, state.id, id, ok, Number.isFinite(result.returnCode) ? result.returnCode : null, now);
    if (!ok) await this.deps.repo.addEvent(this.deps.db, state.id, 'command_failed', now, { commandId: id, kind: row.kind, returnCode: row.return_code, cmd: result.cmd });
    if (ok && result.cmd.toUpperCase() === 'INFO') {
      const patch = infoResultPatch(result.fields);
      if (patch.attlog_count !== undefined && patch.attlog_count !== null) await this.noteAttlogCount(state, patch.attlog_count, now);
      await this.touch(state, now, patch, true);
    }
  }

  /** Write every device's pending contact fields now (health job, shutdown, tests). */
  async flush(): Promise<void> {
    const now = this.now();
    for (const s of this.states.values()) if (s.dirty) await this.write(s, now);
  }

  // ---- internals ----

  /** Refusals since this instance started, for the devices page. */
  get refusals(): LimitRefusals {
    return this.guard.refusals;
  }

  private limitHit(deviceId: number | null, kind: DeviceLimitKind): Promise<void> {
    return this.guard.hit(deviceId, kind);
  }

  private async ingest(sn: string, companyId: number, punches: CheckinInput[]) {
    const result = await this.batcher.ingest(companyId, punches);
    await this.noteUpload(sn, punches);
    return result;
  }

  private async noteUpload(sn: string, punches: CheckinInput[]): Promise<void> {
    const state = this.states.get(sn);
    if (!state) return;
    state.linesSinceCount += punches.length;
    let newest = state.lastPunchAtMs ?? -Infinity;
    for (const p of punches) if (p.atMs > newest) newest = p.atMs;
    const now = this.now();
    const patch: RowPatch<'devices'> = { last_upload_at_ms: now };
    await this.clock.notePunches(state, punches, now, patch);
    if (Number.isFinite(newest) && newest !== state.lastPunchAtMs) {
      state.lastPunchAtMs = newest;
      patch.last_punch_at_ms = newest;
    }
    await this.touch(state, now, patch, now - state.flushedAt >= this.uploadTouchMs);
  }

  /**
   * The device's own record count (INFO). Dropping means its log was cleared; growing by more than
   * the lines it uploaded since the last count means records it has not sent: a `gap` over the
   * window between the two counts, which the gap fill queries.
   */
  private async noteAttlogCount(state: DeviceState, count: number, now: number): Promise<void> {
    if (state.attlogCount !== null && count < state.attlogCount) {
      await this.deps.repo.addEvent(this.deps.db, state.id, 'reset', now, { reason: 'attlog_count_dropped', from: state.attlogCount, to: count });
    } else if (state.attlogCount !== null && state.attlogCountAtMs !== null && count - state.attlogCount > state.linesSinceCount) {
      const missing = count - state.attlogCount - state.linesSinceCount;
      await this.deps.repo.addEvent(this.deps.db, state.id, 'gap', now, { reason: 'attlog_count_jump', fromMs: state.attlogCountAtMs, toMs: now, missing });
    }
    state.attlogCount = count;
    state.attlogCountAtMs = now;
    state.linesSinceCount = 0;
  }

  /** Merge contact fields; write when urgent, when the device was offline, or once per interval. */
  private async touch(state: DeviceState, now: number, patch: RowPatch<'devices'>, urgent: boolean): Promise<void> {
    state.dirty = { ...(state.dirty ?? {}), ...patch, last_seen_at_ms: now };
    if (urgent || state.online === 0 || now - state.flushedAt >= this.touchMs) await this.write(state, now);
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

  /** Cached state for a known serial; reloads after the TTL; undefined for unknown serials. */
  private async state(sn: string): Promise<DeviceState | undefined> {
    const now = this.now();
    const cached = this.states.get(sn);
    if (cached && now - cached.loadedAt < this.ttl) return cached;
    if (!cached && (this.unknownUntil.get(sn) ?? 0) > now) return undefined;
    const row = await this.deps.repo.bySerial(this.deps.db, sn);
    if (!row) {
      if (cached) this.drop(sn);
      // Scanners and misconfigured devices invent serials; keep the negative cache bounded.
      if (this.unknownUntil.size >= 10_000) this.unknownUntil.clear();
      this.unknownUntil.set(sn, now + this.ttl);
      return undefined;
    }
    return this.adopt(row, now, cached);
  }

  private drop(sn: string): void {
    this.states.delete(sn);
  }

  private adopt(row: DeviceWithZones, now: number, prev?: DeviceState): DeviceState {
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
      clockSkewed: prev?.clockSkewed ?? this.clock.beyondAllowance(row.clock_skew_ms ?? 0),
      dirty: prev?.dirty ?? null,
    };
    if (!Number.isFinite(state.lastPunchAtMs!)) state.lastPunchAtMs = null;
    if (row.online === 1) state.online = 1;
    this.states.set(row.serial_number, state);
    this.unknownUntil.delete(row.serial_number);
    return state;
  }

  private async register(sn: string, remoteIp: string, vendor: DeviceVendor): Promise<DeviceState> {
    const now = this.now();
    await this.guard.admitNewDevice(remoteIp, now);
    await this.deps.db.transaction().execute(async (trx) => {
      const { row, created } = await this.deps.repo.insertIfAbsent(trx, pendingDeviceRow(sn, vendor, remoteIp, now));
      if (!created) return;
      await this.deps.repo.addEvent(trx, row.id, 'registered', now, { vendor, ip: remoteIp });
      await this.deps.audit.record(trx, { ...SYSTEM, ip: remoteIp }, {
        action: 'device.register_pending',
        entity: 'device',
        entityId: row.id,
        companyId: null,
        after: { serialNumber: sn, vendor, status: 'pending', ip: remoteIp },
      });
    });
    const row = await this.deps.repo.bySerial(this.deps.db, sn);
    if (!row) throw new Error(`device ${sn} vanished right after registration`);
    const state = this.adopt(row, now, this.states.get(sn));
    state.flushedAt = now;
    return state;
  }
}
