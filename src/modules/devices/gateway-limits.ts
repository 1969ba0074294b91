/**
 * The gateway's side of the device limits (device-limits.ts): counts refusals for the devices
 * page, notes the limit on the device it stopped, and admits new serials.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AddressBudget, DeviceLimitError, noRefusals, type DeviceLimitKind, type DeviceLimits, type LimitRefusals } from './device-limits.js';
import type { DevicesRepo } from './devices.repo.js';

export class DeviceLimitGuard {
  readonly refusals: LimitRefusals = noRefusals();
  private readonly newSerials: AddressBudget;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: DevicesRepo,
    readonly limits: DeviceLimits,
    private readonly now: () => number,
  ) {
    this.newSerials = new AddressBudget(limits.newSerialsPerAddressPerHour);
  }

  /** Counts a refusal and, for a known device, notes the limit on it for the devices page. */
  async hit(deviceId: number | null, kind: DeviceLimitKind): Promise<void> {
    const now = this.now();
    this.refusals[kind] += 1;
    this.refusals.lastAtMs = now;
    if (deviceId !== null) await this.repo.update(this.db, deviceId, { limit_hit: kind, limit_hit_at_ms: now });
  }

  /** Throws a DeviceLimitError when an unknown serial from this address may not become a pending device. */
  async admitNewDevice(remoteIp: string, now: number): Promise<void> {
    if (!this.newSerials.take(remoteIp, now)) {
      await this.hit(null, 'new_serials');
      throw new DeviceLimitError('new_serials', `Too many new devices from ${remoteIp} this hour`);
    }
    if ((await this.repo.countPending(this.db)) >= this.limits.maxPendingDevices) {
      await this.hit(null, 'pending_devices');
      throw new DeviceLimitError('pending_devices', `${this.limits.maxPendingDevices} devices already wait for approval`);
    }
  }
}
