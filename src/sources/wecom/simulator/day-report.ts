import type { FakeApproval, FakeCompany, FakeUser } from '../../platform/simulator/fake-company.js';
import { addDays, wallTimeOf } from '../../platform/zone.js';
import { spNoOf } from './records.js';

const WORK_SEC = 9 * 3600;
const OFF_SEC = 18 * 3600;
const LUNCH = [12 * 3600, 13 * 3600] as const;
const STANDARD_SEC = OFF_SEC - WORK_SEC - (LUNCH[1] - LUNCH[0]);

/**
 * getcheckin_daydata as the simulated tenant computes it, from the same punches getcheckindata
 * serves: weekdays are fixed 09:00-18:00 with a 12:00-13:00 break; late / early come from the
 * punches' verdicts, 缺卡 from a missing off-duty punch (the 未打卡 row of getcheckindata), 旷工
 * from a weekday without punches, worked time is the in-to-out span less the break. An approved
 * leave covering the day shows in sp_items and holiday_infos and clears absence and 缺卡. Days
 * after today have no report yet.
 */
export function dayReportRows(company: FakeCompany, userIds: readonly string[], startSec: number, endSec: number): Record<string, unknown>[] {
  const first = wallTimeOf(startSec * 1000, company.timeZone).wallTime.slice(0, 10);
  const last = wallTimeOf(endSec * 1000, company.timeZone).wallTime.slice(0, 10);
  const today = wallTimeOf(Date.now(), company.timeZone).wallTime.slice(0, 10);
  const rows: Record<string, unknown>[] = [];
  for (const id of userIds) {
    const user = company.user(id);
    if (!user) continue;
    for (let date = first; date <= last && date <= today; date = addDays(date, 1)) rows.push(dayRow(company, user, date));
  }
  return rows;
}

function leaveOn(company: FakeCompany, user: FakeUser, date: string): FakeApproval | undefined {
  return company.approvals.find((a) => a.kind === 'leave' && a.status === 'approved' && a.userId === user.userId && a.fromDate <= date && a.toDate >= date);
}

function dayRow(company: FakeCompany, user: FakeUser, date: string): Record<string, unknown> {
  const midnight = company.wall(date, '00:00');
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  const workday = dow !== 0 && dow !== 6;
  const punches = company.punchesOn(user, date).filter((p) => p.kind !== 'outing');
  const sec = (ms: number) => Math.floor((ms - midnight) / 1000);
  const inP = punches.find((p) => p.kind === 'in');
  const outP = punches.find((p) => p.kind === 'out');
  const leave = leaveOn(company, user, date);
  const fullLeave = leave !== undefined && leave.fromPart === null;
  let worked = 0;
  if (inP && outP) {
    const [a, b] = [sec(inP.atMs), sec(outP.atMs)];
    worked = Math.max(0, b - a - Math.max(0, Math.min(b, LUNCH[1]) - Math.max(a, LUNCH[0])));
  }
  const exceptions: Array<{ exception: number; count: number; duration: number }> = [];
  if (workday) {
    if (inP?.late && inP.planMs !== null) exceptions.push({ exception: 1, count: 1, duration: Math.floor((inP.atMs - inP.planMs) / 1000) });
    if (outP?.early && outP.planMs !== null) exceptions.push({ exception: 2, count: 1, duration: Math.floor((outP.planMs - outP.atMs) / 1000) });
    if (!fullLeave && inP && !outP) exceptions.push({ exception: 3, count: 1, duration: 0 });
    if (!fullLeave && punches.length === 0) exceptions.push({ exception: 4, count: 1, duration: STANDARD_SEC });
    const outside = punches.filter((p) => p.outside).length;
    if (outside) exceptions.push({ exception: 5, count: outside, duration: 0 });
  }
  const leaveSec = leave ? (leave.fromPart ? 43_200 : 86_400) : 0;
  return {
    base_info: {
      date: Math.floor(midnight / 1000),
      record_type: 1,
      name: user.name,
      name_ex: '',
      departs_name: company.departments.filter((d) => user.deptIds.includes(d.id)).map((d) => d.name).join(';'),
      acctid: user.userId,
      rule_info: { groupid: 1, groupname: '总部打卡规则', scheduleid: 0, schedulename: '', checkintime: workday ? [{ work_sec: WORK_SEC, off_work_sec: OFF_SEC }] : [] },
      day_type: workday ? 0 : 1,
    },
    summary_info: {
      checkin_count: punches.length,
      regular_work_sec: worked,
      standard_work_sec: workday ? STANDARD_SEC : 0,
      earliest_time: punches.length ? sec(punches[0].atMs) : 0,
      lastest_time: punches.length ? sec(punches[punches.length - 1].atMs) : 0,
    },
    holiday_infos: leave
      ? [{ sp_number: spNoOf(leave), sp_title: { data: [{ lang: 'zh_CN', text: `${leave.leaveType}${leaveSec / 86_400}天` }] }, sp_description: { data: [{ lang: 'zh_CN', text: `${leave.fromDate}~${leave.toDate}` }] } }]
      : [],
    exception_infos: exceptions,
    ot_info: workday || worked === 0 ? { ot_status: 0, ot_duration: 0, exception_duration: [] } : { ot_status: 1, ot_duration: worked, exception_duration: [] },
    sp_items: [
      { type: 1, vacation_id: leave ? 1 : 0, count: leave ? 1 : 0, duration: leaveSec, time_type: 0, name: leave?.leaveType ?? '请假' },
      { type: 100, vacation_id: 0, count: 0, duration: 0, time_type: 0, name: '外勤次数' },
    ],
  };
}
