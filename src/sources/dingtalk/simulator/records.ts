import { bigNumber } from '../../platform/json.js';
import type { FakeApproval, FakeCompany, FakePunch, FakeUser } from '../../platform/simulator/fake-company.js';
import { addDays, instantOf, wallTimeOf } from '../../platform/zone.js';

/** FakeCompany → DingTalk's wire shapes, as the simulator serves them. */

export function toListRecord(p: FakePunch, company: FakeCompany, corpId: string): Record<string, unknown> {
  const workDate = company.wall(wallTimeOf(p.atMs, company.timeZone).wallTime.slice(0, 10), '00:00');
  const rec: Record<string, unknown> = {
    // Bare 64-bit numbers, exactly as DingTalk sends them.
    id: bigNumber(p.recordId),
    userId: p.userId,
    corpId,
    checkType: p.kind === 'out' ? 'OffDuty' : 'OnDuty',
    timeResult: p.late ? 'Late' : p.early ? 'Early' : 'Normal',
    locationResult: p.outside ? 'Outside' : 'Normal',
    sourceType: p.method === 'ATM' ? 'ATM' : 'USER',
    userCheckTime: p.atMs,
    baseCheckTime: p.planMs ?? p.atMs,
    planCheckTime: p.planMs ?? p.atMs,
    workDate,
    locationMethod: p.method,
    userAddress: p.address,
    isLegal: !p.late && !p.early && !p.outside ? 'Y' : 'N',
    groupId: bigNumber('40000000000' + String(p.userId.length)),
    // recordId + 10^12, on the 16-digit tail (no BigInt in the hot path).
    planId: bigNumber('7' + String(Number(p.recordId.slice(1)) + 1e12).padStart(16, '0')),
    gmtCreate: p.atMs + 1000,
    gmtModified: p.atMs + 1000,
  };
  if (p.lat !== null) {
    rec.userLatitude = p.lat;
    rec.userLongitude = p.lng;
    rec.userAccuracy = p.accuracyM;
  }
  if (p.ssid) rec.userSsid = p.ssid;
  if (p.bssid) rec.userMacAddr = p.bssid;
  if (p.deviceId) rec.deviceId = p.deviceId;
  if (p.deviceSn) rec.deviceSN = p.deviceSn;
  if (p.photoUrl) rec.photoUrl = p.photoUrl;
  if (p.kind === 'outing') rec.outsideRemark = '拜访客户';
  return rec;
}

export function toUser(u: FakeUser, full: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    userid: u.userId,
    unionid: `union${u.userId}`,
    name: u.name,
    dept_id_list: u.deptIds,
    active: true,
    hired_date: u.hiredMs,
  };
  if (u.jobNumber) out.job_number = u.jobNumber;
  if (u.mobile) out.mobile = u.mobile;
  if (u.email) out.email = u.email;
  if (full && u.managerUserId) out.manager_userid = u.managerUserId;
  return out;
}

export const PROCESS_CODES = {
  leave: 'PROC-LEAVE-0001',
  correction: 'PROC-SUPPLY-0001',
  overtime: 'PROC-OT-0001',
} as const;

const CATEGORY = { leave: undefined, correction: 'attendance.supply', overtime: 'attendance.batchovertime' } as const;

const STATUS: Record<FakeApproval['status'], { status: string; result?: string }> = {
  approved: { status: 'COMPLETED', result: 'agree' },
  rejected: { status: 'COMPLETED', result: 'refuse' },
  pending: { status: 'RUNNING' },
  withdrawn: { status: 'TERMINATED' },
};

export function toProcessInstance(a: FakeApproval): Record<string, unknown> {
  const form: Array<Record<string, unknown>> = [];
  if (a.kind === 'leave') {
    const from = a.fromPart ? `${a.fromDate} ${a.fromPart}` : a.fromDate;
    const to = a.toPart ? `${a.toDate} ${a.toPart}` : a.toDate;
    const days = a.fromPart ? 0.5 : Math.round((Date.parse(a.toDate) - Date.parse(a.fromDate)) / 86_400_000) + 1;
    form.push({ componentType: 'DDHolidayField', name: '["开始时间","结束时间"]', value: JSON.stringify([from, to, days, 'day', a.leaveType, '请假类型']) });
    form.push({ componentType: 'TextareaField', name: '请假事由', value: '家中有事' });
  } else if (a.kind === 'correction') {
    form.push({ componentType: 'DDDateField', name: '补卡时间', value: `${a.fromDate} ${a.correctionTime}` });
    form.push({ componentType: 'TextField', name: '补卡理由', value: '忘记打卡' });
  } else {
    const hours = (Date.parse(`2000-01-01T${a.overtime!.to}:00Z`) - Date.parse(`2000-01-01T${a.overtime!.from}:00Z`)) / 3_600_000;
    form.push({
      componentType: 'DDDateRangeField',
      name: '["开始时间","结束时间"]',
      value: JSON.stringify([`${a.fromDate} ${a.overtime!.from}`, `${a.fromDate} ${a.overtime!.to}`, hours, 'hour']),
    });
  }
  const created = new Date(a.createdMs).toISOString().slice(0, 16) + 'Z';
  return {
    title: `${a.userId}提交的${a.kind === 'leave' ? '请假' : a.kind === 'correction' ? '补卡申请' : '加班'}`,
    processCode: PROCESS_CODES[a.kind],
    bizCategoryId: CATEGORY[a.kind],
    createTime: created,
    finishTime: a.status === 'pending' ? undefined : created,
    originatorUserId: a.userId,
    businessId: a.id.replace(/\D/g, '').slice(0, 14),
    ...STATUS[a.status],
    formComponentValues: form,
  };
}

/** Approved leaves as getleavestatus rows. */
export function toLeaveStatus(a: FakeApproval, timeZone: string): Record<string, unknown> {
  const start = instantOf(a.fromDate, a.fromPart === '下午' ? '12:00' : '', timeZone);
  const end = a.toPart === '上午' ? instantOf(a.toDate, '12:00', timeZone) : instantOf(addDays(a.toDate, 1), '', timeZone);
  const days = (end - start) / 86_400_000;
  return {
    userid: a.userId,
    start_time: start,
    end_time: end,
    duration_unit: 'percent_day',
    duration_percent: Math.round(days * 100),
    leave_code: `code-${a.leaveType}`,
  };
}
