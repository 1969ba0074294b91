/**
 * The shape of the demo company, shared by the seed (which creates it) and the simulated DingTalk
 * tenant (which must hold the same people): departments, how each clocks in, which shift each
 * works, and the roster of the warehouse's rotating shifts.
 */
import { addDays } from '../shared/dates.js';

export const DEMO_ZONE = 'Asia/Shanghai';
/** The DingTalk organisation the demo company uses as its directory, and where sales clock in. */
export const DEMO_DINGTALK_CORP = 'dingdemocorp';
export const dingTalkUserId = (jobNumber: string) => `dt_${jobNumber}`;

export type PunchSource = 'zkteco' | 'dingtalk' | 'wecom' | 'web';
export type ShiftPlan = 'standard' | 'flex' | 'night' | 'roster';

export interface DeptPlan {
  name: string;
  code: string;
  parent?: string;
  size: number;
  source: PunchSource;
  shift: ShiftPlan;
}

export const DEPARTMENTS: DeptPlan[] = [
  { name: '总经办', code: 'CEO', size: 6, source: 'web', shift: 'standard' },
  { name: '研发中心', code: 'RD', size: 8, source: 'zkteco', shift: 'flex' },
  { name: '后端组', code: 'RD-BE', parent: 'RD', size: 34, source: 'zkteco', shift: 'flex' },
  { name: '前端组', code: 'RD-FE', parent: 'RD', size: 26, source: 'zkteco', shift: 'flex' },
  { name: '测试组', code: 'RD-QA', parent: 'RD', size: 16, source: 'zkteco', shift: 'flex' },
  { name: '销售部', code: 'SALES', size: 6, source: 'dingtalk', shift: 'standard' },
  { name: '华东大区', code: 'SALES-E', parent: 'SALES', size: 22, source: 'dingtalk', shift: 'standard' },
  { name: '华南大区', code: 'SALES-S', parent: 'SALES', size: 18, source: 'dingtalk', shift: 'standard' },
  { name: '人力资源部', code: 'HR', size: 10, source: 'wecom', shift: 'standard' },
  { name: '财务部', code: 'FIN', size: 12, source: 'wecom', shift: 'standard' },
  { name: '生产部', code: 'OPS', size: 30, source: 'zkteco', shift: 'night' },
  // Rotating early and late shifts, planned week by week in 排班.
  { name: '仓储物流部', code: 'WH', size: 12, source: 'zkteco', shift: 'roster' },
];

export const planOf = (departmentCode: string | null): DeptPlan | undefined => DEPARTMENTS.find((d) => d.code === departmentCode);

/** Shift windows in minutes after the day's midnight (the night shift ends the next morning). */
export const SHIFT_MINUTES = {
  standard: { start: 9 * 60, end: 18 * 60 },
  flex: { start: 9 * 60 + 30, end: 18 * 60 + 30 },
  night: { start: 22 * 60, end: 30 * 60 },
  early: { start: 8 * 60, end: 16 * 60 },
  late: { start: 14 * 60, end: 22 * 60 },
} as const;
export type ShiftWindow = { start: number; end: number };

/** The warehouse rota: each person's week turns early, early, late, late, early, rest, rest, offset by person. */
const ROTA = ['early', 'early', 'late', 'late', 'early', null, null] as const;
export function rosterShift(personIndex: number, date: string): 'early' | 'late' | null {
  const day = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  return ROTA[(((day + personIndex) % 7) + 7) % 7];
}

/** Monday of the week `date` is in. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** Whether a date is a workday in the company's calendar (`day_type` by date), else Monday to Friday. */
export function workdayOf(dayTypes: Map<string, string>): (date: string) => boolean {
  return (date) => {
    const type = dayTypes.get(date);
    if (type) return type === 'workday' || type === 'makeup_workday';
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
}
