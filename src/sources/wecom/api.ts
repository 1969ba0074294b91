import { ConnectorError, isConnectorError } from '../platform/errors.js';
import type { WeComTransport } from './transport.js';
import type {
  WeComAppMessage,
  WeComApprovalDetail,
  WeComCheckinDayData,
  WeComCheckinRecord,
  WeComDepartment,
  WeComRobotMessage,
  WeComSchedule,
  WeComUser,
  WeComVacationConf,
  WeComVacationQuota,
} from './wire.js';

export const CHECKIN_MAX_USERS = 100;
export const CHECKIN_MAX_SPAN_SEC = 30 * 86_400;
export const APPROVAL_MAX_SPAN_SEC = 31 * 86_400;
export const DAY_DATA_MAX_USERS = 100;
/** The daily report's span limit is undocumented; 30 days matches getcheckindata and stays safe. */
export const DAY_DATA_MAX_DAYS = 30;

// ── directory ────────────────────────────────────────────────────────────────

/** The department and everything below it (department/list is recursive). */
export function listDepartments(t: WeComTransport, id?: number): Promise<WeComDepartment[]> {
  return t.call('GET', '/cgi-bin/department/list', { query: { id }, pick: (b) => (b.department ?? []) as WeComDepartment[] });
}

/** Members of one department, not recursive. */
export function listDepartmentUsers(t: WeComTransport, departmentId: number): Promise<WeComUser[]> {
  return t.call('GET', '/cgi-bin/user/list', {
    query: { department_id: departmentId },
    pick: (b) => (b.userlist ?? []) as WeComUser[],
  });
}

export function getUser(t: WeComTransport, userid: string): Promise<WeComUser> {
  return t.call('GET', '/cgi-bin/user/get', { query: { userid }, pick: (b) => b as WeComUser });
}

// ── attendance ───────────────────────────────────────────────────────────────

/** Every punch of ≤100 users in a window of ≤30 days (Unix seconds, inclusive). */
export function getCheckinData(
  t: WeComTransport,
  userIds: string[],
  startSec: number,
  endSec: number,
  signal?: AbortSignal,
): Promise<WeComCheckinRecord[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  if (userIds.length > CHECKIN_MAX_USERS || endSec - startSec > CHECKIN_MAX_SPAN_SEC || endSec < startSec) {
    throw new ConnectorError('CONNECTOR_REQUEST_REJECTED', 'getcheckindata takes at most 100 users and 30 days', {
      platform: 'wecom',
      api: '/cgi-bin/checkin/getcheckindata',
    });
  }
  return t.call('POST', '/cgi-bin/checkin/getcheckindata', {
    body: { opencheckindatatype: 3, starttime: startSec, endtime: endSec, useridlist: userIds },
    signal,
    pick: (b) => (b.checkindata ?? []) as WeComCheckinRecord[],
  });
}

/**
 * The daily report (日报) of ≤100 users: one row per user and day, `startSec` and `endSec` being the
 * tenant-local 00:00 of the first and the last day (both included). Today's report may be empty:
 * WeCom computes it later.
 */
export async function getCheckinDayData(
  t: WeComTransport,
  userIds: string[],
  startSec: number,
  endSec: number,
  signal?: AbortSignal,
): Promise<WeComCheckinDayData[]> {
  if (userIds.length === 0) return [];
  if (userIds.length > DAY_DATA_MAX_USERS || endSec < startSec || endSec - startSec > (DAY_DATA_MAX_DAYS - 1) * 86_400 + 3_600) {
    throw new ConnectorError('CONNECTOR_REQUEST_REJECTED', 'getcheckin_daydata takes at most 100 users and 30 days', {
      platform: 'wecom',
      api: '/cgi-bin/checkin/getcheckin_daydata',
    });
  }
  return t.call('POST', '/cgi-bin/checkin/getcheckin_daydata', {
    body: { starttime: startSec, endtime: endSec, useridlist: userIds },
    signal,
    pick: (b) => (b.datas ?? []) as WeComCheckinDayData[],
  });
}

// ── approvals ────────────────────────────────────────────────────────────────

export interface ApprovalFilter {
  key: 'template_id' | 'creator' | 'department' | 'sp_status' | 'record_type';
  value: string;
}

/** Approval numbers (SpNo) created in a window ≤31 days, every page. */
export async function listApprovalNumbers(
  t: WeComTransport,
  startSec: number,
  endSec: number,
  filters: ApprovalFilter[] = [],
): Promise<string[]> {
  if (endSec - startSec > APPROVAL_MAX_SPAN_SEC || endSec < startSec) {
    throw new ConnectorError('CONNECTOR_REQUEST_REJECTED', 'getapprovalinfo spans at most 31 days', {
      platform: 'wecom',
      api: '/cgi-bin/oa/getapprovalinfo',
    });
  }
  const out: string[] = [];
  let cursor = '';
  for (;;) {
    const page: { sp_no_list?: Array<string | number>; new_next_cursor?: string } = await t.call('POST', '/cgi-bin/oa/getapprovalinfo', {
      body: { starttime: String(startSec), endtime: String(endSec), new_cursor: cursor, size: 100, filters },
    });
    out.push(...(page.sp_no_list ?? []).map(String));
    if (!page.new_next_cursor || page.new_next_cursor === cursor) return out;
    cursor = page.new_next_cursor;
  }
}

export function getApprovalDetail(t: WeComTransport, spNo: string): Promise<WeComApprovalDetail> {
  return t.call('POST', '/cgi-bin/oa/getapprovaldetail', {
    body: { sp_no: spNo },
    pick: (b) => ({ ...b.info, sp_no: String(b.info?.sp_no ?? spNo) }) as WeComApprovalDetail,
  });
}

// ── leave quotas (假期管理) ──────────────────────────────────────────────────────

/** The corp's leave types as 假期管理 configures them (600 calls/min; the app must be allowed under 审批). */
export function getCorpVacationConf(t: WeComTransport): Promise<WeComVacationConf[]> {
  return t.call('GET', '/cgi-bin/oa/vacation/getcorpconf', { pick: (b) => (b.lists ?? []) as WeComVacationConf[] });
}

/** One member's quota per leave type, in seconds (600 calls/min). */
export function getUserVacationQuota(t: WeComTransport, userid: string): Promise<WeComVacationQuota[]> {
  if (!userid) throw new ConnectorError('CONNECTOR_REQUEST_REJECTED', 'getuservacationquota needs a userid', { platform: 'wecom', api: '/cgi-bin/oa/vacation/getuservacationquota' });
  return t.call('POST', '/cgi-bin/oa/vacation/getuservacationquota', { body: { userid }, pick: (b) => (b.lists ?? []) as WeComVacationQuota[] });
}

// ── outbound ─────────────────────────────────────────────────────────────────

export interface AppMessageResult {
  msgid?: string;
  /** Recipients WeCom refused (lower-case, as WeCom reports them). */
  invalidUsers: string[];
}

/**
 * How long WeCom drops a repeat of the same content to the same member (its default, 1 800 s):
 * a message re-sent after a crash (sent, but not yet recorded as sent) reaches nobody twice.
 * Daka's own messages differ per fact, so nothing meant to arrive is dropped.
 */
export const DUPLICATE_CHECK_SEC = 1_800;

/** App message to ≤1000 users per call; partial failures come back in `invalidUsers`. */
export async function sendAppMessage(
  t: WeComTransport,
  userIds: string[],
  message: WeComAppMessage,
  agentId = t.config.agentId,
): Promise<AppMessageResult> {
  if (agentId === undefined) {
    throw new ConnectorError('CONNECTOR_BAD_CONFIG', 'WeCom app messages need the agentid', { platform: 'wecom' });
  }
  const invalidUsers: string[] = [];
  let msgid: string | undefined;
  for (let i = 0; i < userIds.length; i += 1000) {
    const res = await t.call<{ invaliduser?: string; msgid?: string }>('POST', '/cgi-bin/message/send', {
      body: { touser: userIds.slice(i, i + 1000).join('|'), agentid: agentId, ...message, enable_duplicate_check: 1, duplicate_check_interval: DUPLICATE_CHECK_SEC },
    });
    if (res.invaliduser) invalidUsers.push(...res.invaliduser.split('|').filter(Boolean));
    msgid ??= res.msgid;
  }
  return { msgid, invalidUsers };
}

/** WeCom's answer to a webhook key that does not exist (or was removed from the group). */
export const ROBOT_INVALID_KEY = 93000;

/** Group-robot message. A refused key is a credentials problem of the stored webhook, said as such. */
export async function sendRobotMessage(t: WeComTransport, webhookUrl: string, message: WeComRobotMessage): Promise<void> {
  try {
    await t.webhook(webhookUrl, message);
  } catch (e) {
    if (isConnectorError(e) && Number(e.info.errcode) === ROBOT_INVALID_KEY) {
      throw new ConnectorError('CONNECTOR_BAD_CREDENTIALS', `WeCom refused the group robot's webhook key (${ROBOT_INVALID_KEY}): check the webhook URL`, {
        platform: 'wecom',
        api: '/cgi-bin/webhook/send',
        errcode: ROBOT_INVALID_KEY,
      });
    }
    throw e;
  }
}

/**
 * Replaces a schedule's content (schedule/update overwrites, it does not merge: send every field).
 * The organizer and calendar of a schedule cannot change.
 */
export async function updateSchedule(t: WeComTransport, schedule: WeComSchedule & { schedule_id: string }): Promise<void> {
  if (!(schedule.start_time < schedule.end_time)) {
    throw new ConnectorError('CONNECTOR_REQUEST_REJECTED', 'schedule must start before it ends', { platform: 'wecom' });
  }
  await t.call('POST', '/cgi-bin/oa/schedule/update', { body: { schedule } });
}

/** Cancels (deletes) a schedule the app created. */
export async function deleteSchedule(t: WeComTransport, scheduleId: string): Promise<void> {
  await t.call('POST', '/cgi-bin/oa/schedule/del', { body: { schedule_id: scheduleId } });
}

/** Calendar schedule (日程) for attendees, e.g. a roster shift; returns the schedule id. */
export async function addSchedule(t: WeComTransport, schedule: WeComSchedule, agentId = t.config.agentId): Promise<string> {
  if (!(schedule.start_time < schedule.end_time)) {
    throw new ConnectorError('CONNECTOR_REQUEST_REJECTED', 'schedule must start before it ends', { platform: 'wecom' });
  }
  // Not repeated after a timeout: the schedule may exist already (the caller reconciles).
  const res = await t.call<{ schedule_id?: string }>('POST', '/cgi-bin/oa/schedule/add', {
    body: { schedule, ...(agentId !== undefined ? { agentid: agentId } : {}) },
    notRepeatable: true,
  });
  if (!res.schedule_id) throw new ConnectorError('CONNECTOR_BAD_RESPONSE', 'schedule/add returned no id', { platform: 'wecom' });
  return res.schedule_id;
}

/** The page size of schedule/get_by_calendar (its documented maximum). */
const SCHEDULES_PAGE = 1_000;

/** A calendar (日历) of the app's own; returns its cal_id. Only the app can add schedules to it. */
export async function addCalendar(t: WeComTransport, calendar: { summary: string; color: string; description?: string; readonly?: 0 | 1 }, agentId = t.config.agentId): Promise<string> {
  const res = await t.call<{ cal_id?: string }>('POST', '/cgi-bin/oa/calendar/add', { body: { calendar, ...(agentId !== undefined ? { agentid: agentId } : {}) } });
  if (!res.cal_id) throw new ConnectorError('CONNECTOR_BAD_RESPONSE', 'calendar/add returned no cal_id', { platform: 'wecom' });
  return res.cal_id;
}

/**
 * Every schedule of one of the app's calendars (schedule/get_by_calendar, offset-paged until a page
 * comes back short), bounded by `maxPages`.
 */
export async function schedulesOfCalendar(t: WeComTransport, calId: string, maxPages = 100): Promise<(WeComSchedule & { schedule_id: string; status?: number })[]> {
  const out: (WeComSchedule & { schedule_id: string; status?: number })[] = [];
  for (let page = 0; page < maxPages; page++) {
    const list = await t.call('POST', '/cgi-bin/oa/schedule/get_by_calendar', {
      body: { cal_id: calId, offset: page * SCHEDULES_PAGE, limit: SCHEDULES_PAGE },
      pick: (b) => (b.schedule_list ?? []) as (WeComSchedule & { schedule_id: string; status?: number })[],
    });
    out.push(...list);
    if (list.length < SCHEDULES_PAGE) break;
  }
  return out;
}
