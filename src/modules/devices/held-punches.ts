/** Punches a device sent before it was approved into a company, read again with its approved settings. */
import type { StatusMap } from '../../sources/device-gateway.js';
import type { CheckinInput } from '../../sources/types.js';
import { directionFor } from '../../sources/zkteco-push/mapper.js';
import { parseWallTime, zonedInstant } from '../../sources/zkteco-push/wall-time.js';

/**
 * A held punch was mapped while the device had no company, so possibly in the wrong zone and with
 * the default status map: read its wall time and status again with the approved settings. The
 * idempotency key (SN, PIN, wall time) does not change.
 */
export function reread(p: CheckinInput, zone: string, statusMap: StatusMap | null): CheckinInput {
  // Only ZKTeco wall-clock times (push and USB/CSV files) lack a zone; Hikvision times carry offsets.
  if (p.source !== 'zkteco' && p.source !== 'file') return p;
  const out: CheckinInput = { ...p };
  if (p.timeZone !== zone) {
    const wall = parseWallTime(p.wallTime);
    if (wall) {
      const z = zonedInstant(zone, wall);
      out.atMs = z.atMs;
      out.utcOffsetMin = z.utcOffsetMin;
      out.timeZone = zone;
    }
  }
  const raw = p.raw as { status?: unknown } | null;
  if (raw && typeof raw === 'object' && (typeof raw.status === 'number' || raw.status === null)) out.direction = directionFor(raw.status as number | null, statusMap);
  return out;
}
