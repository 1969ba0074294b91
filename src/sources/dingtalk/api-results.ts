import { ConnectorError } from '../platform/errors.js';
import { daysBetween } from '../platform/zone.js';
import type { DingTalkTransport } from './transport.js';
import type { DingTalkAttendanceResult } from './wire.js';

export const RESULTS_MAX_USERS = 50;
export const RESULTS_MAX_DAYS = 7;
const PAGE = 50;

/**
 * Punch results (打卡结果, /attendance/list) of ≤50 users over ≤7 whole work days (tenant-local
 * `YYYY-MM-DD`, both included), every page. One row per scheduled slot, including slots nobody
 * punched (`NotSigned`), which listRecord never returns. Metered: one call per page.
 */
export async function listAttendanceResults(
  t: DingTalkTransport,
  userIds: string[],
  fromDate: string,
  toDate: string,
  signal?: AbortSignal,
): Promise<DingTalkAttendanceResult[]> {
  if (userIds.length === 0) return [];
  const span = daysBetween(fromDate, toDate);
  if (userIds.length > RESULTS_MAX_USERS || span < 0 || span >= RESULTS_MAX_DAYS) {
    throw new ConnectorError('CONNECTOR_REQUEST_REJECTED', 'attendance/list takes at most 50 users and 7 days', {
      platform: 'dingtalk',
      api: '/attendance/list',
      users: userIds.length,
      days: span + 1,
    });
  }
  const out: DingTalkAttendanceResult[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await t.oapi<{ hasMore?: boolean; recordresult?: DingTalkAttendanceResult[] }>('/attendance/list', {
      body: { workDateFrom: `${fromDate} 00:00:00`, workDateTo: `${toDate} 00:00:00`, userIdList: userIds, offset, limit: PAGE, isI18n: false },
      signal,
      pick: (b) => ({ hasMore: b.hasMore, recordresult: b.recordresult }),
    });
    out.push(...(page.recordresult ?? []));
    if (!page.hasMore) return out;
  }
}
