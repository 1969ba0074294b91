/**
 * A few requests waiting for a decision, so the approvals page has work on it: a 补卡 for a
 * forgotten check-out, leave next week and an evening of overtime in R&D (for manager.demo), and a
 * half day's leave in sales (for HR).
 */
import type { Actor } from '../modules/auth/actor.js';
import type { Services } from '../modules/index.js';
import { addDays } from '../shared/dates.js';
import { mondayOf } from './plan.js';

export interface PendingPlan {
  today: string;
  correction: { employeeId: number; date: string };
  leaveEmployeeId: number;
  overtime: { employeeId: number; date: string };
  salesLeaveEmployeeId: number;
}

export async function seedPendingRequests(services: Services, actor: Actor, plan: PendingPlan): Promise<number> {
  const nextWeek = addDays(mondayOf(plan.today), 7);
  const requests = [
    { employeeId: plan.correction.employeeId, kind: 'correction', time: `${plan.correction.date}T18:42:00+08:00`, reason: '联调到很晚，走时忘记打卡' },
    { employeeId: plan.leaveEmployeeId, kind: 'leave', leaveType: 'annual', fromDate: addDays(nextWeek, 2), toDate: addDays(nextWeek, 3), reason: '回老家办理房产手续' },
    { employeeId: plan.overtime.employeeId, kind: 'overtime', from: `${plan.overtime.date}T19:00:00+08:00`, to: `${plan.overtime.date}T21:30:00+08:00`, reason: '版本上线值守' },
    { employeeId: plan.salesLeaveEmployeeId, kind: 'leave', leaveType: 'personal', fromDate: addDays(nextWeek, 4), toDate: addDays(nextWeek, 4), half: 'pm', reason: '孩子学校家长会' },
  ];
  for (const r of requests) await services.requests.create(actor, r as never);
  return requests.length;
}
