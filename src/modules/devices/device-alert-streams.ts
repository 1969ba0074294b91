/**
 * Follows Hikvision terminals over ISAPI's alertStream (for terminals that cannot push to the hub):
 * one long-lived connection per device, to the address an admin registered on it (`pullUrl`),
 * through the egress policy. Access events become punches through the same gateway as pushed
 * events (idempotent on the event's serialNo), heartbeats keep the device online and measure its
 * clock, and a picture part is stored with the punch of the event before it. Reconnects back off
 * from 5 s to 300 s. The credentials live only in this follower's memory.
 */
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

export class DeviceAlertStreams {
  private readonly followers = new Map<number, Follower>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: DevicesRepo,
    private readonly gateway: DbDeviceGateway,
  ) {}

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
