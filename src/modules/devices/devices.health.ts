/**
 * `devices.health`, every minute: a device silent for its offline_after_min goes offline (event +
 * audit); one that talks again comes back online, and the silence is recorded as a `gap` event so
 * HR can see which window may hold punches that have not arrived yet. Counter resets (ATTLOG stamp
 * going backwards, attendance-log count dropping) are caught by the gateway as they are reported.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import { systemActor } from '../auth/actor.js';
import { parseJson } from './device-context.js';
import { domainEvent } from '../outbox/event-payloads.js';
import type { Outbox } from '../outbox/outbox.js';
import type { DevicesRepo } from './devices.repo.js';
import type { DbDeviceGateway } from './gateway.js';

type WatchedDevice = Awaited<ReturnType<DevicesRepo['watched']>>[number];

export const DEVICES_HEALTH_JOB = 'devices.health';
const ACTOR = systemActor('device-health');

export class DevicesHealth {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: DevicesRepo,
    private readonly audit: AuditRepo,
    private readonly gateway: DbDeviceGateway,
    private readonly now: () => number = Date.now,
    private readonly outbox: Outbox | null = null,
  ) {}

  /** Appends the transition's event in its transaction; true when one was written. */
  private async announce(trx: Kysely<DB>, d: WatchedDevice, type: 'device.offline' | 'device.online', atMs: number): Promise<boolean> {
    // A pending device belongs to no company yet: nobody to tell.
    if (d.company_id === null || !this.outbox?.wants(d.company_id, type)) return false;
    const payload = { deviceId: d.id, serial: d.serial_number, name: d.name, siteId: d.site_id, lastSeenAt: d.last_seen_at_ms === null ? null : new Date(d.last_seen_at_ms).toISOString() };
    await this.outbox.append(trx, [domainEvent(d.company_id, type, `device:${d.id}`, payload, atMs)]);
    return true;
  }

  async run(): Promise<{ wentOffline: number; cameBack: number }> {
    await this.gateway.flush();
    const now = this.now();
    let wentOffline = 0;
    let cameBack = 0;
    let announced = false;
    for (const d of await this.repo.watched(this.db)) {
      const limitMs = d.offline_after_min * 60_000;
      const silentMs = d.last_seen_at_ms === null ? Infinity : now - d.last_seen_at_ms;
      if (d.online === 1 && silentMs >= limitMs) {
        const flipped = await this.db.transaction().execute(async (trx) => {
          const r = await trx.updateTable('devices').set({ online: 0 }).where('id', '=', d.id).where('online', '=', 1).executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) return false;
          const details = { lastSeenAtMs: d.last_seen_at_ms, silentMin: Number.isFinite(silentMs) ? Math.floor(silentMs / 60_000) : null, offlineAfterMin: d.offline_after_min };
          await this.repo.addEvent(trx, d.id, 'offline', now, details);
          await this.audit.record(trx, ACTOR, { action: 'device.offline', entity: 'device', entityId: d.id, companyId: d.company_id, after: { serialNumber: d.serial_number, ...details } });
          announced = (await this.announce(trx, d, 'device.offline', now)) || announced;
          return true;
        });
        if (flipped) wentOffline++;
      } else if (d.online === 0 && silentMs < limitMs) {
        const flipped = await this.db.transaction().execute(async (trx) => {
          const r = await trx.updateTable('devices').set({ online: 1 }).where('id', '=', d.id).where('online', '=', 0).executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) return false;
          const offline = await this.repo.lastEvent(trx, d.id, 'offline');
          const online = await this.repo.lastEvent(trx, d.id, 'online');
          await this.repo.addEvent(trx, d.id, 'online', now, { lastSeenAtMs: d.last_seen_at_ms });
          // A gap only after an offline period we recorded (not the first contact of a new device).
          if (offline && (!online || online.id < offline.id)) {
            const fromMs = parseJson<{ lastSeenAtMs?: number | null }>(offline.details, {}).lastSeenAtMs ?? offline.at_ms;
            const toMs = d.last_seen_at_ms!;
            await this.repo.addEvent(trx, d.id, 'gap', now, { fromMs, toMs, minutes: Math.round((toMs - fromMs) / 60_000) });
          }
          await this.audit.record(trx, ACTOR, { action: 'device.online', entity: 'device', entityId: d.id, companyId: d.company_id, after: { serialNumber: d.serial_number, lastSeenAtMs: d.last_seen_at_ms } });
          announced = (await this.announce(trx, d, 'device.online', now)) || announced;
          return true;
        });
        if (flipped) cameBack++;
      }
    }
    if (announced) this.outbox!.kick();
    return { wentOffline, cameBack };
  }
}

export async function registerDevicesJobs(queue: JobQueue, services: { devicesHealth: DevicesHealth }): Promise<void> {
  await queue.work(DEVICES_HEALTH_JOB, async () => {
    await services.devicesHealth.run();
  });
  await queue.schedule(DEVICES_HEALTH_JOB, '* * * * *');
}
