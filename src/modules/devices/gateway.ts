/**
 * The DB-backed DeviceGateway: what the /iclock and /isapi wire layers call on every request.
 * It composes the per-serial cache (gateway-state.ts), contact facts (gateway-contact.ts), punch
 * intake (gateway-punches.ts), commands on the heartbeat (gateway-commands.ts), user data
 * (device-data.ts), photos (gateway-photos.ts) and the limits unknown devices run into.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { CommandResult, ContactInfo, DeviceContext, DeviceGateway, OperLogRecord, QueuedCommand } from '../../sources/device-gateway.js';
import type { CheckinInput, IngestSummary } from '../../sources/types.js';
import { IngestBatcher } from './ingest-batcher.js';
import { DeviceDataStore, type DeviceDataSummary } from './device-data.js';
import { DeviceUsersRepo } from './device-users.repo.js';
import { DeviceTemplateCopiesRepo } from './device-template-copies.repo.js';
import { DevicePhotoStore } from './gateway-photos.js';
import { DeviceClockWatch } from './gateway-clock.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import { systemActor } from '../auth/actor.js';
import { ipAllowed, pendingDeviceRow, plausibleSerial } from './device-context.js';
import type { DeviceRow, DevicesRepo } from './devices.repo.js';
import { DEFAULT_DEVICE_LIMITS, type DeviceLimitKind, type DeviceLimits, type LimitRefusals } from './device-limits.js';
import { DeviceLimitGuard } from './gateway-limits.js';
import { DeviceStateCache, type DeviceState } from './gateway-state.js';
import { DeviceContactRecorder } from './gateway-contact.js';
import { DevicePunchIntake } from './gateway-punches.js';
import { DeviceCommandDesk } from './gateway-commands.js';

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

const SYSTEM = systemActor('device-gateway');

export class DbDeviceGateway implements DeviceGateway {
  readonly batcher: IngestBatcher;
  private readonly now: () => number;
  readonly limits: DeviceLimits;
  private readonly guard: DeviceLimitGuard;
  readonly usersRepo = new DeviceUsersRepo();
  readonly copiesRepo = new DeviceTemplateCopiesRepo();
  private readonly cache: DeviceStateCache;
  private readonly contact: DeviceContactRecorder;
  private readonly punches: DevicePunchIntake;
  private readonly commands: DeviceCommandDesk;
  private readonly data: DeviceDataStore;
  private readonly photos: DevicePhotoStore;

  constructor(private readonly deps: DbDeviceGatewayDeps) {
    this.now = deps.now ?? Date.now;
    const now = this.now;
    this.batcher = new IngestBatcher(deps.checkins);
    this.limits = { ...DEFAULT_DEVICE_LIMITS, ...deps.limits };
    this.guard = new DeviceLimitGuard(deps.db, deps.repo, this.limits, now);
    const limitHit = (deviceId: number, kind: DeviceLimitKind) => this.limitHit(deviceId, kind);
    const clock = new DeviceClockWatch(deps.db, deps.repo, deps.clockSkewMs ?? 5 * 60_000);
    this.cache = new DeviceStateCache({ db: deps.db, repo: deps.repo, clock, now, ttlMs: deps.contextTtlMs ?? 10_000, touchMs: deps.touchIntervalMs ?? 30_000 });
    this.contact = new DeviceContactRecorder(deps.db, deps.repo, this.cache, clock, now);
    this.punches = new DevicePunchIntake({ db: deps.db, repo: deps.repo, cache: this.cache, clock, batcher: this.batcher, limits: this.limits, now, uploadTouchMs: deps.uploadTouchIntervalMs ?? 5_000, limitHit });
    this.commands = new DeviceCommandDesk({ db: deps.db, repo: deps.repo, users: this.usersRepo, copies: this.copiesRepo, cache: this.cache, contact: this.contact, secrets: deps.secrets, now, idleQueueTtlMs: deps.idleQueueTtlMs ?? 15_000 });
    this.photos = new DevicePhotoStore(deps.db, deps.repo, this.limits, now, limitHit);
    this.data = new DeviceDataStore({
      db: deps.db,
      repo: this.usersRepo,
      secrets: deps.secrets,
      audit: deps.audit,
      limits: this.limits,
      now,
      storePhoto: (device, photo) => this.storePhoto(device, photo),
      limitHit,
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
    this.cache.invalidate(sn);
  }

  /** Commands were queued for the device: drop the "nothing queued" flag. */
  commandsQueued(sn: string): void {
    this.cache.commandsQueued(sn);
  }

  lookupDevice(sn: string, remoteIp: string): Promise<DeviceContext | null> {
    return this.lookup(sn, remoteIp, 'zkteco');
  }

  async lookup(sn: string, remoteIp: string, vendor: DeviceVendor): Promise<DeviceContext | null> {
    if (!plausibleSerial(sn)) return null;
    const state = (await this.cache.get(sn)) ?? (await this.register(sn, remoteIp, vendor));
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
    const state = await this.cache.get(sn);
    if (!state) return true;
    // The company requires tokens: a device without one set cannot present one.
    if (state.tokenSealed === null) return !state.requireToken;
    if (presented === undefined) return false;
    const expected = Buffer.from(this.deps.secrets.open(state.tokenSealed), 'utf8');
    const given = Buffer.from(presented, 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  recordContact(sn: string, info: ContactInfo): Promise<void> {
    return this.contact.record(sn, info);
  }

  /** Users, templates (sealed) and operation log of an OPERLOG / BIODATA / tabledata upload. */
  storeOperLog(device: DeviceContext, records: OperLogRecord[]): Promise<DeviceDataSummary> {
    if (device.status === 'disabled') throw new AppError('DEVICE_DISABLED', `Device ${device.sn} is disabled`, 409);
    return this.data.store(device, records);
  }

  /** A punch photo (or a user picture), stored under its punch's key: see DevicePhotoStore. */
  storePhoto(device: DeviceContext, photo: { name: string; bytes: Buffer; punchKey?: string }): Promise<void> {
    return this.photos.store(device, photo, this.cache.cached(device.sn));
  }

  storePunches(device: DeviceContext, punches: CheckinInput[]): Promise<{ stored: number; duplicates: number }> {
    return this.punches.store(device, punches);
  }

  takeCommands(sn: string, max: number): Promise<QueuedCommand[]> {
    return this.commands.take(sn, max);
  }

  recordCommandResult(sn: string, result: CommandResult): Promise<void> {
    return this.commands.recordResult(sn, result);
  }

  /** Write every device's pending contact fields now (health job, shutdown, tests). */
  flush(): Promise<void> {
    return this.cache.flush();
  }

  /** Refusals since this instance started, for the devices page. */
  get refusals(): LimitRefusals {
    return this.guard.refusals;
  }

  private limitHit(deviceId: number | null, kind: DeviceLimitKind): Promise<void> {
    return this.guard.hit(deviceId, kind);
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
    const state = this.cache.adopt(row, now, this.cache.cached(sn));
    state.flushedAt = now;
    return state;
  }
}
