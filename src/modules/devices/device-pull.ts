/**
 * Back-fill from a Hikvision terminal: pull its access events for a date range over ISAPI
 * (digest auth, paged) and store them through the same gateway as its pushes, so events the
 * device pushed already are duplicates and nothing is stored twice. The credentials are used
 * for this request only: they are neither stored nor logged. The request goes only to the address
 * an admin registered on the device (`pullUrl`), never to one named in the request, and errors say
 * what went wrong without repeating what the target answered.
 */
import { Type, type Static } from 'typebox';
import { addDays, zonedDayStartMs } from '../../shared/dates.js';
import { AppError, validationError } from '../../shared/errors.js';
import { isoWithOffset, offsetMinutesAt } from '../../shared/time.js';
import { HikvisionClient } from '../../sources/hikvision/client.js';
import type { Actor } from '../auth/actor.js';
import { toContext } from './device-context.js';
import type { DevicesService } from './devices.service.js';

export const PullBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
  },
  { additionalProperties: false },
);
export type PullBodyT = Static<typeof PullBody>;

export const PullResult = Type.Object({
  fetched: Type.Integer(),
  stored: Type.Integer(),
  duplicates: Type.Integer(),
  ignored: Type.Integer(),
  /** 'local' when the terminal refused the time filters and its log was scanned and filtered here. */
  timeFilter: Type.Union([Type.Literal('device'), Type.Literal('local')]),
  /** False when that scan stopped at its page limit: older events may be missing. */
  complete: Type.Boolean(),
});

const MAX_DAYS = 31;

export async function pullHikvisionRange(devices: DevicesService, actor: Actor, deviceId: number, body: PullBodyT) {
  const device = await devices.visible(actor, deviceId, 'write');
  if (device.vendor !== 'hikvision') throw new AppError('NOT_HIKVISION', `Device ${deviceId} is not a Hikvision terminal; only those can be pulled over ISAPI`, 409);
  if (device.status === 'disabled') throw new AppError('DEVICE_DISABLED', `Device ${deviceId} is disabled`, 409);
  if (body.to < body.from) throw validationError([{ path: 'body.to', message: 'must not be before from' }], 'DATE_ORDER');
  if (body.to > addDays(body.from, MAX_DAYS - 1)) throw validationError([{ path: 'body.to', message: `at most ${MAX_DAYS} days per pull` }], 'RANGE_TOO_LONG');
  if (!device.pull_url) throw new AppError('DEVICE_PULL_ADDRESS_MISSING', `Device ${deviceId} has no pull address; an admin registers it on the device (pullUrl)`, 409);
  const ctx = toContext(device);
  const at = (ms: number) => isoWithOffset(ms, offsetMinutesAt(ctx.timeZone, ms));
  const client = new HikvisionClient({ baseUrl: device.pull_url, username: body.username, password: body.password, timeoutMs: 20_000 });
  let batch;
  try {
    batch = await client.pullPunches(ctx, {
      startTime: at(zonedDayStartMs(body.from, ctx.timeZone)),
      endTime: at(zonedDayStartMs(addDays(body.to, 1), ctx.timeZone) - 1000),
      maxResults: 100,
    });
  } catch (err) {
    throw pullError(err);
  }
  let stored = 0;
  let duplicates = 0;
  for (let i = 0; i < batch.punches.length; i += 1000) {
    const r = await devices.gateway.storePunches(ctx, batch.punches.slice(i, i + 1000));
    stored += r.stored;
    duplicates += r.duplicates;
  }
  const result = {
    fetched: batch.punches.length + batch.ignoredTotal,
    stored,
    duplicates,
    ignored: batch.ignoredTotal,
    timeFilter: batch.timeFilter === 'local' ? ('local' as const) : ('device' as const),
    complete: batch.complete,
  };
  await devices.audit.record(devices.db, actor, { action: 'device.pull', entity: 'device', entityId: deviceId, companyId: device.company_id, after: { from: body.from, to: body.to, ...result } });
  return result;
}

/** Unreachable, refused credentials, or not supported: what the admin can act on, nothing the target said. */
function pullError(err: unknown): AppError {
  const code = err instanceof AppError ? err.code : '';
  if (code === 'HIKVISION_AUTH_FAILED') return new AppError('DEVICE_CREDENTIALS_REFUSED', 'The terminal refused the username or password', 502);
  if (code === 'HIKVISION_NOT_SUPPORTED' || code === 'HIKVISION_BAD_RESPONSE') return new AppError('DEVICE_NOT_SUPPORTED', 'The terminal does not support the ISAPI event search', 502);
  if (code === 'HIKVISION_REQUEST_FAILED') {
    return new AppError('DEVICE_NOT_SUPPORTED', 'The terminal rejected the event search', 502, { status: (err as AppError & { details?: { status?: number } }).details?.status ?? null });
  }
  if (code === 'EGRESS_TIMEOUT') return new AppError('DEVICE_UNREACHABLE', 'The terminal did not answer in time', 502);
  if (code === 'EGRESS_REDIRECT') return new AppError('DEVICE_NOT_SUPPORTED', 'The terminal answered with a redirect, which is not followed', 502);
  return new AppError('DEVICE_UNREACHABLE', 'The terminal could not be reached at its registered address', 502);
}
