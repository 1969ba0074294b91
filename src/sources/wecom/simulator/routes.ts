import type { FakeCompany } from '../../platform/simulator/fake-company.js';
import type { SimRequest } from '../../platform/simulator/http-server.js';
import { checkinRows, spNoOf, toApprovalDetail, toWeComUser, TEMPLATE_IDS } from './records.js';
import { dayReportRows } from './day-report.js';
import { handleScheduleRoute } from './schedules.js';
import { handleVacationRoute, type WeComSimVacations } from './vacations.js';
import type { WeComSimApp, WeComSimulatorStats } from './server.js';

export interface WeComRouteContext {
  company: FakeCompany;
  app: WeComSimApp;
  robots: Set<string>;
  stats: WeComSimulatorStats;
  vacations: WeComSimVacations;
  /** When each member last got each content, for the duplicate check. */
  messagesSeen: Map<string, number>;
  now(): number;
}

export interface WeComRouteResult {
  status?: number;
  body: Record<string, unknown>;
}

const ok = (extra: Record<string, unknown>): WeComRouteResult => ({ body: { errcode: 0, errmsg: 'ok', ...extra } });
const err = (errcode: number, errmsg: string): WeComRouteResult => ({ body: { errcode, errmsg } });

/** WeCom's own codes for getcheckindata's limits: user list invalid/over 100, span over 30 days. */
const CHECKIN_USERS_INVALID = 301023;
const CHECKIN_SPAN_TOO_LONG = 301024;
const INVALID_PARAM = 40058;
/**
 * Who gets an app message: with `enable_duplicate_check` 1, a member already sent the same content
 * within `duplicate_check_interval` seconds (default 1 800) does not get it again; the call succeeds.
 */
function receiveAppMessage(ctx: WeComRouteContext, to: string[], b: Record<string, any>): void {
  const at = ctx.now();
  const content = `${b.msgtype}|${JSON.stringify(b[b.msgtype])}`;
  const windowMs = (Number(b.duplicate_check_interval) > 0 ? Number(b.duplicate_check_interval) : 1_800) * 1000;
  for (const userId of to) {
    const key = `${b.agentid}|${userId}|${content}`;
    const last = ctx.messagesSeen.get(key);
    if (Number(b.enable_duplicate_check) === 1 && last !== undefined && at - last < windowMs) {
      ctx.stats.duplicateMessagesDropped += 1;
      continue;
    }
    ctx.messagesSeen.set(key, at);
    ctx.stats.appMessagesReceived.push({ userId, body: b });
  }
}

export function handleWeComRoute(req: SimRequest, ctx: WeComRouteContext): WeComRouteResult {
  const b = (req.body ?? {}) as Record<string, any>;
  const { company } = ctx;
  const vacation = handleVacationRoute(`${req.method} ${req.path}`, b, company, ctx.vacations);
  if (vacation) return vacation;
  const schedule = handleScheduleRoute(`${req.method} ${req.path}`, b, ctx);
  if (schedule) return schedule;
  switch (`${req.method} ${req.path}`) {
    case 'GET /cgi-bin/department/list': {
      const id = req.query.get('id');
      const root = id ? Number(id) : 1;
      const below = new Set<number>([root]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const d of company.departments) {
          if (d.parentId !== null && below.has(d.parentId) && !below.has(d.id)) {
            below.add(d.id);
            grew = true;
          }
        }
      }
      const department = company.departments
        .filter((d) => below.has(d.id))
        .map((d) => ({ id: d.id, name: d.name, parentid: d.parentId ?? 0, order: d.order, department_leader: d.managerUserId ? [d.managerUserId] : [] }));
      if (department.length === 0) return err(60123, 'invalid party id');
      return ok({ department });
    }
    case 'GET /cgi-bin/user/list': {
      const dept = Number(req.query.get('department_id'));
      if (!company.departments.some((d) => d.id === dept)) return err(60123, 'invalid party id');
      return ok({ userlist: company.users.filter((u) => u.deptIds.includes(dept)).map(toWeComUser) });
    }
    case 'GET /cgi-bin/user/get': {
      const u = company.user(req.query.get('userid') ?? '');
      if (!u) return err(60111, 'userid not found');
      return ok(toWeComUser(u));
    }
    case 'POST /cgi-bin/checkin/getcheckindata': {
      const users: unknown = b.useridlist;
      const start = Number(b.starttime);
      const end = Number(b.endtime);
      if (!Array.isArray(users) || users.length === 0 || users.length > 100) return err(CHECKIN_USERS_INVALID, 'useridlist invalid or exceeds 100');
      if (!(start > 0) || !(end >= start)) return err(INVALID_PARAM, 'invalid starttime or endtime');
      if (end - start > 30 * 86_400) return err(CHECKIN_SPAN_TOO_LONG, 'checkin time range exceeds 30 days');
      return ok({ checkindata: checkinRows(company, users.map(String), start * 1000, end * 1000) });
    }
    case 'POST /cgi-bin/checkin/getcheckin_daydata': {
      const users: unknown = b.useridlist;
      const start = Number(b.starttime);
      const end = Number(b.endtime);
      if (!Array.isArray(users) || users.length === 0 || users.length > 100) return err(CHECKIN_USERS_INVALID, 'useridlist invalid or exceeds 100');
      if (!(start > 0) || !(end >= start)) return err(INVALID_PARAM, 'invalid starttime or endtime');
      return ok({ datas: dayReportRows(company, users.map(String), start, end) });
    }
    case 'POST /cgi-bin/oa/getapprovalinfo': {
      const start = Number(b.starttime);
      const end = Number(b.endtime);
      const size = Number(b.size ?? 100);
      if (!(end >= start) || end - start > 31 * 86_400 || size > 100) return err(INVALID_PARAM, 'invalid time range or size');
      const filters = (Array.isArray(b.filters) ? b.filters : []) as Array<{ key: string; value: string }>;
      const templates = filters.filter((f) => f.key === 'template_id').map((f) => f.value);
      const creators = filters.filter((f) => f.key === 'creator').map((f) => f.value);
      const list = company.approvals
        .filter((a) => a.createdMs >= start * 1000 && a.createdMs <= end * 1000)
        .filter((a) => templates.length === 0 || templates.includes(TEMPLATE_IDS[a.kind]))
        .filter((a) => creators.length === 0 || creators.includes(a.userId))
        .map(spNoOf);
      const offset = b.new_cursor ? Number(String(b.new_cursor).replace(/^c/, '')) : 0;
      const page = list.slice(offset, offset + size);
      return ok({ sp_no_list: page, new_next_cursor: offset + size < list.length ? `c${offset + size}` : '' });
    }
    case 'POST /cgi-bin/oa/getapprovaldetail': {
      const a = company.approvals.find((x) => spNoOf(x) === String(b.sp_no));
      if (!a) return err(301025, 'sp_no not found');
      return ok({ info: toApprovalDetail(a, company) });
    }
    case 'POST /cgi-bin/message/send': {
      if (Number(b.agentid) !== ctx.app.agentId) return err(40056, 'invalid agentid');
      if (typeof b.msgtype !== 'string' || !b[b.msgtype]) return err(INVALID_PARAM, 'invalid message');
      const to = String(b.touser ?? '').split('|').filter(Boolean);
      const valid = to.filter((u) => company.user(u));
      const invalid = to.filter((u) => !company.user(u)).map((u) => u.toLowerCase());
      if (valid.length === 0) return err(81013, 'all touser invalid');
      ctx.stats.appMessages.push({ to: valid, body: b });
      receiveAppMessage(ctx, valid, b);
      return ok({ invaliduser: invalid.join('|'), msgid: `msg${ctx.stats.appMessages.length}` });
    }
    case 'POST /cgi-bin/webhook/send': {
      const key = req.query.get('key') ?? '';
      if (!ctx.robots.has(key)) return err(93000, 'invalid webhook url');
      if (!b.msgtype) return err(INVALID_PARAM, 'msgtype missing');
      ctx.stats.robotMessages.push({ key, body: b });
      return ok({});
    }
    default:
      return { status: 404, body: { errcode: 404, errmsg: `simulator: no route ${req.method} ${req.path}` } };
  }
}
