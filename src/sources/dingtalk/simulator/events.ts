import { randomUUID } from 'node:crypto';
import type { FakeApproval, FakeCompany, FakePunch } from '../../platform/simulator/fake-company.js';
import { PROCESS_CODES } from './records.js';

/**
 * What the simulated tenant pushes, in the HTTP-push plaintext shape (`{EventType, CorpId,
 * EventTime, eventId, …}`). The same object goes to `sendCallback` (encrypted HTTP push) or to
 * the Stream gateway, which moves the envelope into the frame headers.
 */
export interface DingTalkSimEvents {
  /** `attendance_check_record` for these punches (default: the user's punches on that date). */
  punches(userId: string, date: string, punches?: FakePunch[]): Record<string, unknown>;
  /** `user_add_org` / `user_modify_org` / `user_leave_org`. */
  users(userIds: string[], type?: 'user_add_org' | 'user_modify_org' | 'user_leave_org'): Record<string, unknown>;
  /** `bpms_instance_change` for one of the company's approvals, as its status stands. */
  approval(approvalId: string): Record<string, unknown>;
}

const CATEGORY: Record<FakeApproval['kind'], string | undefined> = { leave: undefined, correction: 'attendance.supply', overtime: 'attendance.batchovertime' };

const envelope = (type: string, corpId: string) => ({ EventType: type, EventTime: Date.now(), CorpId: corpId, eventId: randomUUID().replace(/-/g, '') });

export function dingTalkSimEvents(company: FakeCompany, corpId: string): DingTalkSimEvents {
  return {
    punches(userId, date, punches) {
      const user = company.user(userId);
      if (!user) throw new Error(`simulator: no user ${userId}`);
      const list = punches ?? company.punchesOn(user, date);
      return {
        ...envelope('attendance_check_record', corpId),
        dataList: list.map((p) => ({
          corpId,
          userId: p.userId,
          checkTime: p.atMs,
          bizId: p.recordId,
          locationMethod: p.method,
          locationResult: p.outside ? 'Outside' : 'Normal',
          address: p.address,
          checkByUser: true,
          ...(p.lat !== null ? { latitude: p.lat, longitude: p.lng } : {}),
          ...(p.deviceSn ? { deviceSN: p.deviceSn } : {}),
        })),
      };
    },
    users(userIds, type = 'user_modify_org') {
      return { ...envelope(type, corpId), UserId: userIds, TimeStamp: String(Date.now()) };
    },
    approval(approvalId) {
      const a = company.approvals.find((x) => x.id === approvalId);
      if (!a) throw new Error(`simulator: no approval ${approvalId}`);
      const type = a.status === 'pending' ? 'start' : a.status === 'withdrawn' ? 'terminate' : 'finish';
      return {
        ...envelope('bpms_instance_change', corpId),
        processInstanceId: a.id,
        processCode: PROCESS_CODES[a.kind],
        ...(CATEGORY[a.kind] ? { bizCategoryId: CATEGORY[a.kind] } : {}),
        corpId,
        type,
        ...(type === 'finish' ? { result: a.status === 'approved' ? 'agree' : 'refuse' } : {}),
        staffId: a.userId,
        title: `${a.userId}提交的审批`,
        createTime: a.createdMs,
        ...(type === 'start' ? {} : { finishTime: a.createdMs + 3_600_000 }),
      };
    },
  };
}
