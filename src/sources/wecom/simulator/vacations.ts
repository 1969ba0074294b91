import type { FakeCompany } from '../../platform/simulator/fake-company.js';
import type { WeComVacationConf, WeComVacationQuota } from '../wire.js';

/**
 * The simulated corp's 假期管理: its leave types (getcorpconf) and each member's quota
 * (getuservacationquota), in seconds as WeCom keeps them. A member without a quota of a type has
 * nothing granted, used or left. Errors as documented: 301062 when the app may not read leave
 * (not under 审批 → 可调用接口的应用), 301063 for a bad parameter; an unknown member is 60111.
 */
export interface WeComSimQuota {
  assign: number;
  used: number;
  left: number;
}

export class WeComSimVacations {
  /** Whether the app may call the 假期管理 APIs; false answers 301062. */
  allowed = true;
  readonly quotas = new Map<string, Map<number, WeComSimQuota>>();

  constructor(readonly types: WeComVacationConf[] = DEFAULT_VACATION_TYPES.map((t) => ({ ...t }))) {}

  /** Sets a member's quota of one type, in days for day types and hours for hourly ones. */
  set(userId: string, typeId: number, q: { assign: number; used: number; left: number }): void {
    const type = this.types.find((t) => t.id === typeId);
    if (!type) throw new Error(`no simulated leave type ${typeId}`);
    const per = type.time_attr === 1 ? 3_600 : 86_400;
    let mine = this.quotas.get(userId);
    if (!mine) this.quotas.set(userId, (mine = new Map()));
    mine.set(typeId, { assign: Math.round(q.assign * per), used: Math.round(q.used * per), left: Math.round(q.left * per) });
  }

  quotaOf(userId: string): WeComVacationQuota[] {
    const mine = this.quotas.get(userId);
    return this.types.map((t) => {
      const q = mine?.get(t.id) ?? { assign: 0, used: 0, left: 0 };
      return { id: t.id, assignduration: q.assign, usedduration: q.used, leftduration: q.left, vacationname: t.name, real_assignduration: q.assign };
    });
  }
}

/** The types a new corp starts with, shaped as getcorpconf returns them. */
export const DEFAULT_VACATION_TYPES: WeComVacationConf[] = [
  {
    id: 1,
    name: '年假',
    time_attr: 0,
    duration_type: 1,
    quota_attr: { type: 1, autoreset_time: 1_641_010_352, autoreset_duration: 432_000, quota_rule_type: 1 },
    perday_duration: 86_400,
    is_newovertime: 0,
    enter_comp_time_limit: 0,
    expire_rule: { type: 1, duration: 0, date: { month: 12, day: 31 } },
  },
  { id: 2, name: '事假', time_attr: 1, duration_type: 1, quota_attr: { type: 0 }, perday_duration: 28_800, is_newovertime: 0, expire_rule: { type: 4 } },
  { id: 3, name: '病假', time_attr: 0, duration_type: 1, quota_attr: { type: 0 }, perday_duration: 86_400, is_newovertime: 0, expire_rule: { type: 4 } },
  { id: 4, name: '调休假', time_attr: 1, duration_type: 1, quota_attr: { type: 2 }, perday_duration: 28_800, is_newovertime: 1, expire_rule: { type: 3, duration: 6 } },
];

type Answer = { body: Record<string, unknown> };
const ok = (extra: Record<string, unknown>): Answer => ({ body: { errcode: 0, errmsg: 'ok', ...extra } });
const err = (errcode: number, errmsg: string): Answer => ({ body: { errcode, errmsg } });

export function handleVacationRoute(key: string, body: Record<string, unknown>, company: FakeCompany, vacations: WeComSimVacations): Answer | null {
  if (key === 'GET /cgi-bin/oa/vacation/getcorpconf') {
    if (!vacations.allowed) return err(301062, 'no vacation permission');
    return ok({ lists: vacations.types });
  }
  if (key === 'POST /cgi-bin/oa/vacation/getuservacationquota') {
    if (!vacations.allowed) return err(301062, 'no vacation permission');
    if (typeof body.userid !== 'string' || body.userid === '') return err(301063, 'invalid parameter: userid');
    if (!company.user(body.userid)) return err(60111, 'userid not found');
    return ok({ lists: vacations.quotaOf(body.userid) });
  }
  return null;
}
