import type { CheckinInput } from '../types.js';
import {
  planBackfill,
  runBackfill,
  type BackfillCursor,
  type BackfillPlan,
  type BackfillProgress,
} from '../platform/backfill.js';
import { instantOf, addDays } from '../platform/zone.js';
import { LIST_RECORD_MAX_USERS } from './api-attendance.js';
import type { DingTalkClient } from './client.js';
import { mapDingTalkRecords } from './mapper.js';

/** listRecord: ≤50 users and ≤7 days per call. */
export const DINGTALK_BACKFILL_WINDOW = { usersPerCall: LIST_RECORD_MAX_USERS, daysPerCall: 7 } as const;

export function planDingTalkBackfill(userIds: readonly string[], fromDate: string, toDate: string): BackfillPlan {
  return planBackfill(userIds, fromDate, toDate, DINGTALK_BACKFILL_WINDOW);
}

export interface DingTalkBackfillOptions {
  concurrency?: number;
  cursor?: BackfillCursor | null;
  signal?: AbortSignal;
}

/**
 * Every punch of the plan's users, mapped, batch by batch. Pace comes from the client's token
 * bucket (20 QPS per API); concurrency only hides latency.
 */
export function runDingTalkBackfill(
  client: DingTalkClient,
  plan: BackfillPlan,
  opts: DingTalkBackfillOptions = {},
): AsyncGenerator<BackfillProgress<CheckinInput>> {
  const tz = client.timeZone;
  return runBackfill<CheckinInput>({
    plan,
    concurrency: opts.concurrency ?? 8,
    cursor: opts.cursor,
    signal: opts.signal,
    fetchBatch: async (batch, signal) => {
      const fromMs = instantOf(batch.fromDate, '', tz);
      // Inclusive bound: the last second of the last day.
      const toMs = instantOf(addDays(batch.toDate, 1), '', tz) - 1000;
      const records = await client.listRecord(batch.userIds, fromMs, toMs, signal);
      return mapDingTalkRecords(records, { corpId: client.corpId, timeZone: tz }).checkins;
    },
  });
}
