/**
 * Photos machines send: punch photos (ZKTeco ATTPHOTO, Hikvision event pictures) and user
 * pictures, kept per device within its byte allowance.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DeviceContext } from '../../sources/device-gateway.js';
import { DeviceLimitError, type DeviceLimits } from './device-limits.js';
import type { DevicesRepo } from './devices.repo.js';

/** The gateway's per-device cache of stored photo bytes (null until counted). */
export interface PhotoBytesCache {
  photoBytes: number | null;
}

export class DevicePhotoStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: DevicesRepo,
    private readonly limits: DeviceLimits,
    private readonly now: () => number,
    private readonly limitHit: (deviceId: number, kind: 'photo_bytes') => Promise<void>,
  ) {}

  /**
   * Stored under the idempotency key of its punch so the checkin finds it (one key scheme for every
   * vendor), whichever of the two arrives first. A Hikvision event names its punch (`punchKey`).
   * ZKTeco's ATTPHOTO is named `<yyyymmddhhmmss>-<PIN>.jpg`: the wall time and PIN of its punch,
   * which make that punch's key. A photo with any other name is kept under its own name.
   */
  async store(device: DeviceContext, photo: { name: string; bytes: Buffer; punchKey?: string }, cache: PhotoBytesCache | undefined): Promise<void> {
    const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})-(.+)\.jpe?g$/i.exec(photo.name);
    const key = photo.punchKey
      ? photo.punchKey
      : m
        ? `zk:${device.sn}:${m[7]}:${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`
        : `photo:${device.sn}:${photo.name}`;
    const deviceId = Number(device.deviceId);
    // A photo sent again (devices re-send after a reset) is already stored: nothing to count.
    if (await this.repo.hasPhoto(this.db, deviceId, key)) return;
    const stored = cache?.photoBytes ?? (await this.repo.photoBytes(this.db, deviceId));
    if (stored + photo.bytes.length > this.limits.maxPhotoBytesPerDevice) {
      await this.limitHit(deviceId, 'photo_bytes');
      throw new DeviceLimitError('photo_bytes', `Device ${device.sn} has used its ${this.limits.maxPhotoBytesPerDevice} bytes of photos`);
    }
    const r = await this.db
      .insertInto('device_photos')
      .values({ device_id: deviceId, idempotency_key: key, name: photo.name.slice(0, 200), bytes: photo.bytes, received_at_ms: this.now() })
      .onConflict((oc) => oc.columns(['device_id', 'idempotency_key']).doNothing())
      .executeTakeFirst();
    if (cache) cache.photoBytes = stored + (Number(r.numInsertedOrUpdatedRows ?? 0n) > 0 ? photo.bytes.length : 0);
  }
}
