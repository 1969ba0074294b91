import { ConnectorError } from '../platform/errors.js';
import { wallTimeOf } from '../platform/zone.js';
import type { DingTalkTransport } from './transport.js';
import type { DingTalkAttendanceRecord, DingTalkLeaveStatus } from './wire.js';

export const LIST_RECORD_MAX_USERS = 50;
export const LIST_RECORD_MAX_SPAN_MS = 7 * 86_400_000;
export const LEAVE_STATUS_MAX_USERS = 100;

/** DingTalk wants tenant-local `yyyy-MM-dd HH:mm:ss`. */
export function dingTalkDateTime(ms: number, timeZone: string): string {
  return wallTimeOf(ms, timeZone).wallTime.replace('T', ' ');
}

/**
 * Every raw punch of ≤50 users between two instants ≤7 days apart (both inclusive, compared with the
 * punch time). The window is checked here so a planner bug fails loudly instead of as errcode.
 */
export function listRecord(
  t: DingTalkTransport,
  userIds: string[],
  fromMs: number,
  toMs: number,
  signal?: AbortSignal,
): Promise<DingTalkAttendanceRecord[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  if (userIds.length > LIST_RECORD_MAX_USERS || toMs - fromMs > LIST_RECORD_MAX_SPAN_MS || toMs < fromMs) {
    throw new ConnectorError('CONNECTOR_REQUEST_REJECTED', 'listRecord takes at most 50 users and 7 days', {
      platform: 'dingtalk',
      api: '/attendance/listRecord',
      users: userIds.length,
      spanMs: toMs - fromMs,
    });
  }
  return t.oapi('/attendance/listRecord', {
    body: {
      userIds,
      checkDateFrom: dingTalkDateTime(fromMs, t.timeZone),
      checkDateTo: dingTalkDateTime(toMs, t.timeZone),
      isI18n: false,
    },
    signal,
    pick: (b) => (b.recordresult ?? []) as DingTalkAttendanceRecord[],
  });
}

/** Leave status of ≤100 users over ≤180 days, all pages (page size ≤20 per the current doc). */
export async function getLeaveStatus(
  t: DingTalkTransport,
  userIds: string[],
  startMs: number,
  endMs: number,
): Promise<DingTalkLeaveStatus[]> {
  const out: DingTalkLeaveStatus[] = [];
  for (let i = 0; i < userIds.length; i += LEAVE_STATUS_MAX_USERS) {
    const chunk = userIds.slice(i, i + LEAVE_STATUS_MAX_USERS);
    for (let offset = 0; ; offset += 20) {
      const page = await t.oapi<{ has_more?: boolean; leave_status?: DingTalkLeaveStatus[] }>(
        '/topapi/attendance/getleavestatus',
        {
          body: { userid_list: chunk.join(','), start_time: startMs, end_time: endMs, offset, size: 20 },
          pick: (b) => b.result ?? {},
        },
      );
      out.push(...(page.leave_status ?? []));
      if (!page.has_more) break;
    }
  }
  return out;
}
