import { bigNumber } from '../../platform/json.js';
import type { FakeCompany, FakePunch, FakeUser } from '../../platform/simulator/fake-company.js';
import { addDays } from '../../platform/zone.js';

/**
 * /attendance/list as the simulated tenant computes it: weekdays are scheduled 09:00 on duty and
 * 18:00 off duty; each slot takes the day's in / out punch (the same punches listRecord serves,
 * with the same Late / Early verdicts) or is `NotSigned` with sourceType SYSTEM. Weekends have no
 * slots, so their occasional punches appear in listRecord only, as on DingTalk.
 */
export function attendanceResults(company: FakeCompany, userIds: readonly string[], fromDate: string, toDate: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const id of userIds) {
    const user = company.user(id);
    if (!user) continue;
    for (let date = fromDate; date <= toDate; date = addDays(date, 1)) rows.push(...dayRows(company, user, date));
  }
  return rows;
}

function dayRows(company: FakeCompany, user: FakeUser, date: string): Record<string, unknown>[] {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (dow === 0 || dow === 6) return [];
  const punches = company.punchesOn(user, date);
  const workDate = company.wall(date, '00:00');
  const slot = (checkType: 'OnDuty' | 'OffDuty', plan: string, p: FakePunch | undefined, n: number): Record<string, unknown> => {
    const baseCheckTime = company.wall(date, plan);
    const common = {
      // 7·10^16-range ids, 64-bit like DingTalk's, distinct from the punch record ids.
      id: bigNumber('8' + String(user.index * 100_000 + Math.round((workDate - Date.UTC(2020, 0, 1)) / 86_400_000) * 10 + n).padStart(16, '0')),
      userId: user.userId,
      workDate,
      checkType,
      baseCheckTime,
      groupId: bigNumber('40000000000' + String(user.userId.length)),
    };
    if (!p) return { ...common, timeResult: 'NotSigned', locationResult: 'NotSigned', sourceType: 'SYSTEM', userCheckTime: baseCheckTime };
    return {
      ...common,
      recordId: bigNumber(p.recordId),
      timeResult: p.late ? 'Late' : p.early ? 'Early' : 'Normal',
      locationResult: p.outside ? 'Outside' : 'Normal',
      sourceType: p.method === 'ATM' ? 'ATM' : 'USER',
      userCheckTime: p.atMs,
    };
  };
  return [
    slot('OnDuty', '09:00', punches.find((p) => p.kind === 'in' && p.planMs !== null), 0),
    slot('OffDuty', '18:00', punches.find((p) => p.kind === 'out' && p.planMs !== null), 1),
  ];
}
