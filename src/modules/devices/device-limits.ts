/**
 * Limits on what unauthenticated device endpoints can make Daka store. Anyone who can reach
 * /iclock or /isapi can invent serial numbers: each becomes a pending device whose punches and
 * photos are held until an admin decides. Past a limit the device gets a non-OK reply (503), which
 * firmware answers by keeping its data and trying again after its ErrorDelay (devices.md §2), so
 * nothing a real device sends is lost, and the devices page says which limit was hit.
 */
import { AppError } from '../../shared/errors.js';

export interface DeviceLimits {
  /** Pending (not yet approved) devices at once, all sources together. */
  maxPendingDevices: number;
  /** New serial numbers registered from one source address per hour. */
  newSerialsPerAddressPerHour: number;
  /** Punches held for one pending device. */
  maxHeldPunchesPerDevice: number;
  /** Photo bytes stored for one device. */
  maxPhotoBytesPerDevice: number;
  /** Records in one OPERLOG / BIODATA / tabledata upload (devices send batches far below this). */
  maxRecordsPerUpload: number;
  /** Users kept per device, and templates kept per device. */
  maxUsersPerDevice: number;
  maxTemplatesPerDevice: number;
}

export const DEFAULT_DEVICE_LIMITS: DeviceLimits = {
  maxPendingDevices: 100,
  newSerialsPerAddressPerHour: 20,
  maxHeldPunchesPerDevice: 200_000,
  maxPhotoBytesPerDevice: 512 * 1024 * 1024,
  maxRecordsPerUpload: 5_000,
  maxUsersPerDevice: 100_000,
  maxTemplatesPerDevice: 300_000,
};

export type DeviceLimitKind = 'new_serials' | 'pending_devices' | 'held_punches' | 'photo_bytes' | 'upload_records' | 'device_users';

export class DeviceLimitError extends AppError {
  constructor(
    readonly kind: DeviceLimitKind,
    message: string,
  ) {
    super('DEVICE_LIMIT', message, 503, { limit: kind });
  }
}

const HOUR = 3_600_000;
const MAX_ADDRESSES = 10_000;

/** New serials per source address in fixed one-hour windows; per instance, bounded in memory. */
export class AddressBudget {
  private readonly windows = new Map<string, { startMs: number; used: number }>();

  constructor(private readonly perHour: number) {}

  take(address: string, now: number): boolean {
    let w = this.windows.get(address);
    if (!w || now - w.startMs >= HOUR) {
      // A flood from many addresses must not grow the map without end; forgetting is the safe side
      // only because the pending-device limit still holds.
      if (!w && this.windows.size >= MAX_ADDRESSES) this.prune(now);
      w = { startMs: now, used: 0 };
      this.windows.set(address, w);
    }
    if (w.used >= this.perHour) return false;
    w.used += 1;
    return true;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.startMs >= HOUR) this.windows.delete(k);
    if (this.windows.size >= MAX_ADDRESSES) this.windows.clear();
  }
}

/** What the devices page shows about the limits: counts since this instance started. */
export interface LimitRefusals {
  new_serials: number;
  pending_devices: number;
  held_punches: number;
  photo_bytes: number;
  upload_records: number;
  device_users: number;
  lastAtMs: number | null;
}

export const noRefusals = (): LimitRefusals => ({ new_serials: 0, pending_devices: 0, held_punches: 0, photo_bytes: 0, upload_records: 0, device_users: 0, lastAtMs: null });
