import { stringifyWithBigNumbers } from '../../platform/json.js';
import type { FakeCompany } from '../../platform/simulator/fake-company.js';
import type { SimRequest } from '../../platform/simulator/http-server.js';
import type { SimTokens } from '../../platform/simulator/sim-tokens.js';
import { instantOf } from '../../platform/zone.js';
import { verifyDingTalkRobotSignature } from '../signing.js';
import { PROCESS_CODES, toLeaveStatus, toListRecord, toProcessInstance, toUser } from './records.js';
import { attendanceResults } from './results.js';
import type { DingTalkSimApp, DingTalkSimulatorStats } from './server.js';

export type RouteResult =
  | { kind: 'json'; status?: number; body: unknown; raw?: string }
  | { kind: 'text'; status?: number; text: string };

export interface RouteContext {
  company: FakeCompany;
  corpId: string;
  apps: DingTalkSimApp[];
  app: DingTalkSimApp | undefined;
  tokens: SimTokens;
  v1Tokens: SimTokens;
  robots: Record<string, string | null>;
  stats: DingTalkSimulatorStats;
  /** Work notices already received: agent, person, China date and content (DingTalk drops a repeat). */
  noticesSeen: Set<string>;
  /** The simulated tenant's date (Asia/Shanghai), for the once-per-day rule. */
  today(): string;
}

const ok = (extra: Record<string, unknown>): RouteResult => ({
  kind: 'json',
  body: { errcode: 0, errmsg: 'ok', ...extra, request_id: 'sim' },
});
const okBig = (extra: Record<string, unknown>): RouteResult => {
  const body = { errcode: 0, errmsg: 'ok', ...extra, request_id: 'sim' };
  return { kind: 'json', body, raw: stringifyWithBigNumbers(body) };
};
const err = (errcode: number, errmsg: string): RouteResult => ({ kind: 'json', body: { errcode, errmsg, request_id: 'sim' } });

/**
 * DingTalk's generic invalid-parameter code. The window errors of listRecord (>50 users, >7 days,
 * >180 days back) are parameter errors; the exact code was not captured in our platform research,
 * so clients must treat any non-zero errcode here as a request rejection, which they do.
 */
const INVALID_PARAM = 40035;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

export function handleDingTalkRoute(req: SimRequest, ctx: RouteContext): RouteResult {
  const b = (req.body ?? {}) as Record<string, any>;
  const { company } = ctx;
  switch (`${req.method} ${req.path}`) {
    case 'GET /gettoken': {
      const app = ctx.apps.find((a) => a.appKey === req.query.get('appkey'));
      if (!app || app.appSecret !== req.query.get('appsecret')) return err(40089, '不合法的appKey或appSecret');
      const t = ctx.tokens.issue(app.appKey);
      return ok({ access_token: t.token, expires_in: t.expiresIn });
    }
    case 'POST /v1.0/oauth2/accessToken': {
      const app = ctx.apps.find((a) => a.appKey === b.appKey);
      if (!app || app.appSecret !== b.appSecret) {
        return { kind: 'json', status: 400, body: { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' } };
      }
      const t = ctx.v1Tokens.issue(app.appKey);
      return { kind: 'json', body: { accessToken: t.token, expireIn: t.expiresIn } };
    }
    case 'POST /attendance/listRecord': {
      const userIds: unknown = b.userIds;
      const from = DATE_TIME.exec(String(b.checkDateFrom ?? ''));
      const to = DATE_TIME.exec(String(b.checkDateTo ?? ''));
      if (!Array.isArray(userIds) || userIds.length === 0 || !from || !to) return err(INVALID_PARAM, '参数错误');
      if (userIds.length > 50) return err(INVALID_PARAM, 'userIds最多50个');
      const fromMs = instantOf(from[1], from[2], company.timeZone);
      const toMs = instantOf(to[1], to[2], company.timeZone);
      if (toMs < fromMs || toMs - fromMs > 7 * 86_400_000) return err(INVALID_PARAM, '查询时间跨度不能超过7天');
      if (Date.now() - fromMs > 180 * 86_400_000) {
        return err(INVALID_PARAM, '只能查询180天内的数据');
      }
      const records = company.punchesBetween(userIds.map(String), fromMs, toMs).map((p) => toListRecord(p, company, ctx.corpId));
      return okBig({ recordresult: records });
    }
    case 'POST /attendance/list': {
      const userIds: unknown = b.userIdList;
      const from = DATE_TIME.exec(String(b.workDateFrom ?? ''));
      const to = DATE_TIME.exec(String(b.workDateTo ?? ''));
      const offset = Number(b.offset ?? 0);
      const limit = Number(b.limit ?? 50);
      if (!Array.isArray(userIds) || userIds.length === 0 || !from || !to) return err(INVALID_PARAM, '参数错误');
      if (userIds.length > 50) return err(INVALID_PARAM, 'userIdList最多50个');
      if (!(limit >= 1 && limit <= 50) || !(offset >= 0)) return err(INVALID_PARAM, 'limit最大50');
      // Whole work days: the time part is ignored.
      const fromDay = instantOf(from[1], '', company.timeZone);
      const toDay = instantOf(to[1], '', company.timeZone);
      if (toDay < fromDay || toDay - fromDay > 7 * 86_400_000) return err(INVALID_PARAM, '查询时间跨度不能超过7天');
      if (Date.now() - fromDay > 180 * 86_400_000) return err(INVALID_PARAM, '只能查询180天内的数据');
      const rows = attendanceResults(company, userIds.map(String), from[1], to[1]);
      return okBig({ recordresult: rows.slice(offset, offset + limit), hasMore: offset + limit < rows.length });
    }
    case 'POST /topapi/v2/department/get': {
      const d = company.departments.find((x) => x.id === Number(b.dept_id));
      if (!d) return err(60003, '部门不存在');
      return ok({
        result: {
          dept_id: d.id,
          name: d.name,
          parent_id: d.parentId ?? undefined,
          order: d.order,
          dept_manager_userid_list: d.managerUserId ? [d.managerUserId] : [],
        },
      });
    }
    case 'POST /topapi/v2/department/listsub': {
      const id = b.dept_id === undefined ? 1 : Number(b.dept_id);
      if (!company.departments.some((d) => d.id === id)) return err(60003, '部门不存在');
      const result = company.departments
        .filter((d) => d.parentId === id)
        .map((d) => ({ dept_id: d.id, name: d.name, parent_id: d.parentId, auto_add_user: true, create_dept_group: false }));
      return ok({ result });
    }
    case 'POST /topapi/v2/user/list': {
      const size = Number(b.size ?? 100);
      const cursor = Number(b.cursor ?? 0);
      if (!(size >= 1 && size <= 100)) return err(INVALID_PARAM, 'size最大100');
      const members = company.users.filter((u) => u.deptIds.includes(Number(b.dept_id)));
      const page = members.slice(cursor, cursor + size).map((u) => toUser(u, false));
      const hasMore = cursor + size < members.length;
      return ok({ result: { has_more: hasMore, ...(hasMore ? { next_cursor: cursor + size } : {}), list: page } });
    }
    case 'POST /topapi/v2/user/get': {
      const u = company.user(String(b.userid ?? ''));
      if (!u) return err(60121, '找不到该用户');
      return ok({ result: toUser(u, true) });
    }
    case 'POST /topapi/attendance/getleavestatus': {
      const users = String(b.userid_list ?? '').split(',').filter(Boolean);
      const size = Number(b.size ?? 20);
      const offset = Number(b.offset ?? 0);
      if (users.length === 0 || users.length > 100 || size > 20) return err(INVALID_PARAM, '参数错误');
      const start = Number(b.start_time);
      const end = Number(b.end_time);
      if (!(end > start) || end - start > 180 * 86_400_000) return err(INVALID_PARAM, '时间跨度不能超过180天');
      const rows = company.approvals
        .filter((a) => a.kind === 'leave' && a.status === 'approved' && users.includes(a.userId))
        .map((a) => toLeaveStatus(a, company.timeZone))
        .filter((r) => Number(r.end_time) > start && Number(r.start_time) < end);
      return ok({ result: { has_more: offset + size < rows.length, leave_status: rows.slice(offset, offset + size) } });
    }
    case 'POST /topapi/processinstance/listids': {
      const kind = (Object.keys(PROCESS_CODES) as Array<keyof typeof PROCESS_CODES>).find((k) => PROCESS_CODES[k] === b.process_code);
      const size = Number(b.size ?? 20);
      const cursor = Number(b.cursor ?? 0);
      const start = Number(b.start_time);
      const end = b.end_time === undefined ? Date.now() : Number(b.end_time);
      if (!b.process_code || size > 20 || !(end >= start) || end - start > 120 * 86_400_000) return err(INVALID_PARAM, '参数错误');
      const users = b.userid_list ? String(b.userid_list).split(',') : null;
      if (users && users.length > 10) return err(INVALID_PARAM, 'userid_list最多10个');
      const ids = company.approvals
        .filter((a) => a.kind === kind && a.createdMs >= start && a.createdMs <= end && (!users || users.includes(a.userId)))
        .map((a) => a.id);
      const page = ids.slice(cursor, cursor + size);
      return ok({ result: { list: page, ...(cursor + size < ids.length ? { next_cursor: cursor + size } : {}) } });
    }
    case 'GET /v1.0/workflow/processInstances': {
      const a = company.approvals.find((x) => x.id === req.query.get('processInstanceId'));
      if (!a) return { kind: 'json', status: 400, body: { code: 'InvalidParameter.ProcessInstanceId', message: '审批实例不存在' } };
      return { kind: 'json', body: { success: true, result: toProcessInstance(a) } };
    }
    case 'POST /topapi/message/corpconversation/asyncsend_v2': {
      if (!ctx.app || Number(b.agent_id) !== ctx.app.agentId) return err(INVALID_PARAM, 'agent_id不合法');
      const userIds = String(b.userid_list ?? '').split(',').filter(Boolean);
      if (userIds.length === 0 && !b.dept_id_list && !b.to_all_user) return err(INVALID_PARAM, '接收者不能为空');
      if (!b.msg || typeof b.msg.msgtype !== 'string') return err(INVALID_PARAM, 'msg不合法');
      ctx.stats.workNotices.push({ agentId: Number(b.agent_id), userIds, msg: b.msg });
      const taskId = 256_000_000 + ctx.stats.workNotices.length;
      // An identical message reaches each employee once per day; the call still succeeds.
      const content = JSON.stringify(b.msg);
      for (const userId of userIds) {
        const key = `${b.agent_id}|${userId}|${ctx.today()}|${content}`;
        if (ctx.noticesSeen.has(key)) {
          ctx.stats.identicalNoticesDropped += 1;
          continue;
        }
        ctx.noticesSeen.add(key);
        ctx.stats.noticesReceived.push({ userId, msg: b.msg, taskId });
      }
      return ok({ task_id: taskId });
    }
    case 'POST /robot/send': {
      const token = req.query.get('access_token') ?? '';
      if (!(token in ctx.robots)) return err(300001, 'token is not exist');
      const secret = ctx.robots[token];
      if (secret) {
        const ts = req.query.get('timestamp') ?? '';
        const sign = req.query.get('sign') ?? '';
        if (!verifyDingTalkRobotSignature(secret, ts, sign, Date.now())) return err(310000, 'sign not match');
      }
      if (!b.msgtype) return err(INVALID_PARAM, 'msgtype为空');
      if (b.msgtype === 'text' && !b.text?.content) return err(INVALID_PARAM, 'text.content为空');
      if (b.msgtype === 'markdown' && (!b.markdown?.title || !b.markdown?.text)) return err(INVALID_PARAM, 'markdown.title或text为空');
      ctx.stats.robotMessages.push({ robot: token, body: b });
      return ok({});
    }
    default:
      return { kind: 'json', status: 404, body: { errcode: 404, errmsg: `simulator: no route ${req.method} ${req.path}` } };
  }
}
