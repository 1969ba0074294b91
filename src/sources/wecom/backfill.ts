import type { CheckinInput } from '../types.js';
import {
  planBackfill,
  runBackfill,
  type BackfillCursor,
  type BackfillPlan,
  type BackfillProgress,
} from '../platform/backfill.js';
import { addDays, instantOf } from '../platform/zone.js';
import { CHECKIN_MAX_USERS } from './api.js';
import type { WeComClient } from './client.js';
import { mapWeComCheckins } from './mapper.js';

/** getcheckindata: ≤100 users and ≤30 days per call. */
export const WECOM_BACKFILL_WINDOW = { usersPerCall: CHECKIN_MAX_USERS, daysPerCall: 30 } as const;

export function planWeComBackfill(userIds: readonly string[], fromDate: string, toDate: string): BackfillPlan {
  return planBackfill(userIds, fromDate, toDate, WECOM_BACKFILL_WINDOW);
}

export function runWeComBackfill(
  client: WeComClient,
  plan: BackfillPlan,
  opts: { concurrency?: number; cursor?: BackfillCursor | null; signal?: AbortSignal } = {},
): AsyncGenerator<BackfillProgress<CheckinInput>> {
  const tz = client.timeZone;
  return runBackfill<CheckinInput>({
    plan,
    concurrency: opts.concurrency ?? 4,
    cursor: opts.cursor,
    signal: opts.signal,
    fetchBatch: async (batch, signal) => {
      const start = instantOf(batch.fromDate, '', tz) / 1000;
      const end = instantOf(addDays(batch.toDate, 1), '', tz) / 1000 - 1;
      const rows = await client.getCheckinData(batch.userIds, start, end, signal);
      return mapWeComCheckins(rows, { corpId: client.corpId, timeZone: tz }).checkins;
    },
  });
}
