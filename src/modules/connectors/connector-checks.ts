/** Checks of what an API caller asks of a connector that the request schemas cannot express. */
import { isRealDate } from '../../http/paging.js';
import { daysFromTo } from '../../shared/bounds.js';
import { badRequest } from '../../shared/errors.js';
import { isValidTimeZone } from '../../shared/time.js';
import type { ConnectorSettings } from './connector-config.js';
import type { SyncBodyT } from './connectors.schemas.js';

/** The longest date range of one requested sync or back-fill (each day costs platform API calls). */
const MAX_SYNC_DAYS = 366;

export function checkSettings(s: ConnectorSettings | undefined) {
  if (s?.timeZone && !isValidTimeZone(s.timeZone)) throw badRequest('INVALID_TIME_ZONE', `'${s.timeZone}' is not an IANA time zone`, { field: 'body.settings.timeZone' });
}

/** Real dates, in order, within MAX_SYNC_DAYS, and none for a directory sync. */
export function checkSyncBody(body: SyncBodyT) {
  for (const f of ['from', 'to'] as const) if (body[f] && !isRealDate(body[f]!)) throw badRequest('INVALID_DATE', `'${body[f]}' is not a real date`, { field: `body.${f}` });
  if (body.from && body.to && body.to < body.from) throw badRequest('DATE_ORDER', 'to is before from', { field: 'body.to' });
  if (body.from && body.to && daysFromTo(body.from, body.to) + 1 > MAX_SYNC_DAYS) {
    throw badRequest('RANGE_TOO_LONG', `one sync covers at most ${MAX_SYNC_DAYS} days`, { field: 'body.to', maxDays: MAX_SYNC_DAYS });
  }
  if (body.kind === 'directory' && (body.from || body.to)) throw badRequest('FIELD_NOT_FOR_KIND', 'a directory sync takes no dates', { field: 'body.from' });
}
