import type { FakeApproval, FakeCompany, FakePunch, FakeUser } from '../../platform/simulator/fake-company.js';
import { addDays, wallTimeOf } from '../../platform/zone.js';

/** FakeCompany → WeCom's wire shapes. */

const TYPE: Record<FakePunch['kind'], string> = { in: '上班打卡', out: '下班打卡', outing: '外出打卡' };

export function toCheckinRow(p: FakePunch): Record<string, unknown> {
  const exceptions: string[] = [];
  if (p.late || p.early) exceptions.push('时间异常');
  if (p.outside) exceptions.push('地点异常');
  return {
    userid: p.userId,
    groupname: '总部打卡规则',
    checkin_type: TYPE[p.kind],
    exception_type: exceptions.join(';'),
    checkin_time: Math.floor(p.atMs / 1000),
    location_title: p.method === 'ATM' ? '' : p.address.slice(0, 6),
    location_detail: p.method === 'ATM' ? '' : p.address,
    wifiname: p.ssid ?? '',
    wifimac: p.bssid ?? '',
    notes: p.kind === 'outing' ? '拜访客户' : '',
    mediaids: p.photoUrl ? [`MEDIA_${p.recordId}`] : [],
    lat: p.lat === null ? 0 : Math.round(p.lat * 1e6),
    lng: p.lng === null ? 0 : Math.round(p.lng * 1e6),
    deviceid: p.deviceSn ?? p.deviceId ?? '',
    sch_checkin_time: p.planMs === null ? 0 : Math.floor(p.planMs / 1000),
    groupid: 1,
    schedule_id: 0,
    timeline_id: 1,
  };
}

/** The 未打卡 row WeCom returns for a scheduled off-duty slot nobody punched. */
export function missedOffDutyRow(user: FakeUser, date: string, company: FakeCompany): Record<string, unknown> {
  const sch = Math.floor(company.wall(date, '18:00') / 1000);
  return {
    userid: user.userId,
    groupname: '总部打卡规则',
    checkin_type: '下班打卡',
    exception_type: '未打卡',
    checkin_time: sch,
    location_title: '',
    location_detail: '',
    wifiname: '',
    wifimac: '',
    notes: '',
    mediaids: [],
    lat: 0,
    lng: 0,
    deviceid: '',
    sch_checkin_time: sch,
    groupid: 1,
    schedule_id: 0,
    timeline_id: 1,
  };
}

/** Checkin rows of users in [startMs, endMs], with 未打卡 rows for missed off-duty slots. */
export function checkinRows(company: FakeCompany, userIds: readonly string[], startMs: number, endMs: number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const p of company.punchesBetween(userIds, startMs, endMs)) rows.push(toCheckinRow(p));
  const first = wallTimeOf(startMs, company.timeZone).wallTime.slice(0, 10);
  const last = wallTimeOf(endMs, company.timeZone).wallTime.slice(0, 10);
  for (const id of userIds) {
    const u = company.user(id);
    if (!u) continue;
    for (let d = first; d <= last; d = addDays(d, 1)) {
      const punches = company.punchesOn(u, d);
      const sch = company.wall(d, '18:00');
      const scheduled = punches.some((p) => p.kind === 'in' && p.planMs !== null);
      if (scheduled && !punches.some((p) => p.kind === 'out') && sch >= startMs && sch <= endMs) rows.push(missedOffDutyRow(u, d, company));
    }
  }
  return rows;
}

export function toWeComUser(u: FakeUser): Record<string, unknown> {
  const out: Record<string, unknown> = {
    userid: u.userId,
    name: u.name,
    department: u.deptIds,
    main_department: u.deptIds[0],
    position: '职员',
    status: 1,
    direct_leader: u.managerUserId ? [u.managerUserId] : [],
    extattr: { attrs: u.jobNumber ? [{ type: 0, name: '工号', text: { value: u.jobNumber } }] : [] },
  };
  // Apps created after 2022-06-20 get no mobile/email; the simulator plays an older app for half the staff.
  if (u.index % 2 === 0) {
    if (u.mobile) out.mobile = u.mobile;
    if (u.email) out.email = u.email;
  }
  return out;
}

export const TEMPLATE_IDS = {
  leave: 'C4NxkQWqa9YzK8tmNfU1gtC3Y7PqX1xN2A5rRq8YzE',
  correction: 'C4NxkQWqa9YzK8tmNfU1gtC3Y7PqX1xN2A5rRq8PcR',
  overtime: 'C4NxkQWqa9YzK8tmNfU1gtC3Y7PqX1xN2A5rRq8OtM',
} as const;

const SP_STATUS: Record<FakeApproval['status'], number> = { pending: 1, approved: 2, rejected: 3, withdrawn: 4 };

export function spNoOf(a: FakeApproval): string {
  return a.id.replace(/\D/g, '').slice(0, 16);
}

export function toApprovalDetail(a: FakeApproval, company: FakeCompany): Record<string, unknown> {
  const sec = (date: string, hhmm: string) => Math.floor(company.wall(date, hhmm) / 1000);
  let control: Record<string, unknown>;
  if (a.kind === 'leave') {
    const half = a.fromPart !== null;
    const dateRange = half
      ? {
          type: 'halfday',
          new_begin: sec(a.fromDate, a.fromPart === '下午' ? '12:00' : '00:00'),
          new_end: sec(a.toDate, a.toPart === '下午' ? '12:00' : '00:00'),
          new_duration: 43_200,
        }
      : {
          type: 'day',
          new_begin: sec(a.fromDate, '00:00'),
          new_end: sec(a.toDate, '00:00'),
          new_duration: (Math.round((Date.parse(a.toDate) - Date.parse(a.fromDate)) / 86_400_000) + 1) * 86_400,
        };
    control = {
      control: 'Vacation',
      id: 'vacation-1',
      title: [{ text: '请假类型', lang: 'zh_CN' }],
      value: {
        vacation: {
          selector: { type: 'single', options: [{ key: 'opt-1', value: [{ text: a.leaveType, lang: 'zh_CN' }] }] },
          attendance: { date_range: dateRange, type: 1 },
        },
      },
    };
  } else if (a.kind === 'correction') {
    control = {
      control: 'PunchCorrection',
      id: 'punch-1',
      title: [{ text: '补卡', lang: 'zh_CN' }],
      value: { punch_correction: { state: '正常', time: sec(a.fromDate, a.correctionTime!), version: 1, daymonthyear: sec(a.fromDate, '00:00') } },
    };
  } else {
    const from = sec(a.fromDate, a.overtime!.from);
    const to = sec(a.fromDate, a.overtime!.to);
    control = {
      control: 'Attendance',
      id: 'attendance-1',
      title: [{ text: '加班', lang: 'zh_CN' }],
      value: { attendance: { date_range: { type: 'hour', new_begin: from, new_end: to, new_duration: to - from }, type: 5 } },
    };
  }
  return {
    sp_no: spNoOf(a),
    sp_name: a.kind === 'leave' ? '请假' : a.kind === 'correction' ? '补卡' : '加班',
    sp_status: SP_STATUS[a.status],
    template_id: TEMPLATE_IDS[a.kind],
    apply_time: Math.floor(a.createdMs / 1000),
    applyer: { userid: a.userId, partyid: '1' },
    sp_record: [],
    notifyer: [],
    apply_data: { contents: [control] },
    comments: [],
  };
}
