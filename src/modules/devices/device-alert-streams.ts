/**
 * Follows Hikvision terminals over ISAPI's alertStream (for terminals that cannot push to the hub):
 * one long-lived connection per device, to the address an admin registered on it (`pullUrl`),
 * through the egress policy. Access events become punches through the same gateway as pushed
 * events (idempotent on the event's serialNo), heartbeats keep the device online and measure its
 * clock, and a picture part is stored with the punch of the event before it. Reconnects back off
 * from 5 s to 300 s. An admin sets the login once (the password is sealed at rest); the
 * `devices.sync` job starts followers where it runs, and a lease in the row keeps one connection
 * per terminal across instances (the terminal allows one session; a second would be refused).
 */
import { randomUUID } from 'node:crypto';
import type { SecretBox } from '../../shared/secret-box.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { Actor } from '../auth/actor.js';
import { parseIsoInstant } from '../../shared/time.js';
import type { DeviceContext } from '../../sources/device-gateway.js';
import { followAlertStream, type AlertStreamOptions } from '../../sources/hikvision/alert-stream.js';
import type { EventAlert } from '../../sources/hikvision/event-parse.js';
import { mapHikEvents } from '../../sources/hikvision/mapper.js';
import { AppError } from '../../shared/errors.js';
import { toContext } from './device-context.js';
import type { DevicesRepo } from './devices.repo.js';
import type { DbDeviceGateway } from './gateway.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface AlertStreamState {
  connected: boolean;
  lastError: string | null;
  retryInMs: number | null;
  punches: number;
  stored: number;
}

interface Follower {
  abort: AbortController;
  done: Promise<void>;
  state: AlertStreamState;
}

/** A lease outlives two missed job runs before another instance may take the terminal over. */
const LEASE_MS = 3 * 60_000;

export class DeviceAlertStreams {
  private readonly followers = new Map<number, Follower>();
  private readonly instance = randomUUID();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: DevicesRepo,
    private readonly gateway: DbDeviceGateway,
    private readonly secrets: SecretBox,
    private readonly audit: AuditRepo,
    private readonly now: () => number,
    private readonly visible: (actor: Actor, deviceId: number) => Promise<{ id: number; vendor: string; company_id: number | null; pull_url: string | null }>,
  ) {}

  /** An admin sets (or replaces) the login the hub follows the terminal with. */
  async set(actor: Actor, deviceId: number, login: { username: string; password: string }) {
    const device = await this.visible(actor, deviceId);
    if (device.vendor !== 'hikvision') throw new AppError('NOT_HIKVISION', `Device ${deviceId} is not a Hikvision terminal`, 409);
    if (!device.pull_url) throw new AppError('DEVICE_PULL_ADDRESS_MISSING', `Device ${deviceId} has no registered address (pullUrl)`, 409);
    const now = this.now();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('device_alert_streams')
        .values({ device_id: deviceId, username: login.username, password_sealed: this.secrets.seal(login.password), lease_owner: null, lease_until_ms: null, updated_at_ms: now })
        .onConflict((oc) => oc.column('device_id').doUpdateSet({ username: login.username, password_sealed: this.secrets.seal(login.password), lease_owner: null, lease_until_ms: null, updated_at_ms: now }))
        .execute();
      await this.audit.record(trx, actor, { action: 'device.alert_stream_set', entity: 'device', entityId: deviceId, companyId: device.company_id, after: { username: login.username } });
    });
    // A follower with the old login stops here; the next job run starts one with the new login.
    await this.stop(deviceId);
    return { following: true };
  }

  async clear(actor: Actor, deviceId: number) {
    const device = await this.visible(actor, deviceId);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('device_alert_streams').where('device_id', '=', deviceId).execute();
      await this.audit.record(trx, actor, { action: 'device.alert_stream_cleared', entity: 'device', entityId: deviceId, companyId: device.company_id });
    });
    await this.stop(deviceId);
    return { following: false };
  }

  /**
   * The job's pass: renew the leases of this instance's followers, take over terminals whose lease
   * ran out, stop followers whose row is gone, lost, or whose device is no longer active.
   */
  async reconcile(tuning: Pick<AlertStreamOptions, 'backoff' | 'idleTimeoutMs' | 'sleep'> = {}): Promise<{ following: number }> {
    const now = this.now();
    const rows = await this.db
      .selectFrom('device_alert_streams')
      .innerJoin('devices', 'devices.id', 'device_alert_streams.device_id')
      .select(['device_alert_streams.device_id', 'username', 'password_sealed', 'lease_owner', 'lease_until_ms', 'devices.status'])
      .execute();
    const wanted = new Set<number>();
    for (const r of rows) {
      if (r.status !== 'active') continue;
      const claim = await this.db
        .updateTable('device_alert_streams')
        .set({ lease_owner: this.instance, lease_until_ms: now + LEASE_MS })
        .where('device_id', '=', r.device_id)
        .where((eb) => eb.or([eb('lease_owner', '=', this.instance), eb('lease_owner', 'is', null), eb('lease_until_ms', '<', now)]))
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) continue;
      wanted.add(r.device_id);
      if (this.followers.has(r.device_id)) continue;
      try {
        await this.follow(r.device_id, { username: r.username, password: this.secrets.open(r.password_sealed) }, tuning);
      } catch {
        wanted.delete(r.device_id);
      }
    }
    for (const id of [...this.followers.keys()]) if (!wanted.has(id)) await this.stop(id);
    return { following: this.followers.size };
  }

  /** Starts following an active Hikvision device with a registered address; replaces a running follower. */
  async follow(deviceId: number, credentials: { username: string; password: string }, tuning: Pick<AlertStreamOptions, 'backoff' | 'idleTimeoutMs' | 'sleep'> = {}): Promise<void> {
    const row = await this.repo.byId(this.db, deviceId);
    if (!row) throw new AppError('NOT_FOUND', `device ${deviceId} does not exist`, 404);
    if (row.vendor !== 'hikvision') throw new AppError('NOT_HIKVISION', `Device ${deviceId} is not a Hikvision terminal`, 409);
    if (row.status !== 'active') throw new AppError('DEVICE_NOT_ACTIVE', `Device ${deviceId} is ${row.status}`, 409);
    if (!row.pull_url) throw new AppError('DEVICE_PULL_ADDRESS_MISSING', `Device ${deviceId} has no registered address (pullUrl)`, 409);
    await this.stop(deviceId);
    const ctx = toContext(row);
    const abort = new AbortController();
    const state: AlertStreamState = { connected: false, lastError: null, retryInMs: null, punches: 0, stored: 0 };
    let lastPunchKey: string | null = null;
    const done = followAlertStream({
      baseUrl: row.pull_url,
      ...credentials,
      signal: abort.signal,
      ...tuning,
      onState: (s) => {
        state.connected = s.connected;
        if (s.error) state.lastError = s.error;
        state.retryInMs = s.retryInMs ?? null;
      },
      onAlert: async (alert) => {
        lastPunchKey = (await this.storeAlert(ctx, alert, state)) ?? lastPunchKey;
      },
      onPicture: async (part) => {
        if (!lastPunchKey) return;
        await this.gateway.storePhoto(ctx, { name: `hik-${ctx.sn}-${lastPunchKey.split(':').pop()}.jpg`, bytes: part.body, punchKey: lastPunchKey });
        lastPunchKey = null;
      },
    }).catch(() => {
      state.connected = false;
    });
    this.followers.set(deviceId, { abort, done, state });
  }

  state(deviceId: number): AlertStreamState | null {
    const f = this.followers.get(deviceId);
    return f ? { ...f.state } : null;
  }

  async stop(deviceId: number): Promise<void> {
    const f = this.followers.get(deviceId);
    if (!f) return;
    this.followers.delete(deviceId);
    f.abort.abort();
    await f.done;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.followers.keys()].map((id) => this.stop(id)));
  }

  /** Returns the key of the punch the event made, for a picture that follows it. */
  private async storeAlert(ctx: DeviceContext, alert: EventAlert, state: AlertStreamState): Promise<string | null> {
    if (alert.eventType.toLowerCase() === 'heartbeat') {
      const deviceClockMs = alert.dateTime ? parseIsoInstant(alert.dateTime)?.atMs : undefined;
      await this.gateway.recordContact(ctx.sn, { kind: 'ping', ...(deviceClockMs !== undefined ? { deviceClockMs } : {}) });
      return null;
    }
    if (!alert.event) return null;
    const batch = mapHikEvents(ctx, [{ event: alert.event, fallbackTime: alert.dateTime }]);
    await this.gateway.recordContact(ctx.sn, { kind: 'upload' });
    if (batch.punches.length === 0) return null;
    const r = await this.gateway.storePunches(ctx, batch.punches);
    state.punches += batch.punches.length;
    state.stored += r.stored;
    return batch.punches[0].idempotencyKey;
  }
}
