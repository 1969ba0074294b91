import { getDepartment, getUser, listAllDepartments, listDepartmentUsers, listSubDepartments } from './api-directory.js';
import { getLeaveStatus, listRecord } from './api-attendance.js';
import { listAttendanceResults } from './api-results.js';
import { getProcessInstance, listProcessInstanceIds } from './api-approvals.js';
import { sendRobotMessage, sendWorkNotice, type RobotTarget } from './api-messaging.js';
import { DingTalkTransport, type DingTalkAppConfig } from './transport.js';
import type { DingTalkMessage, DingTalkRobotMessage } from './wire.js';

/**
 * The typed DingTalk client for one app. Every method goes through the app's token cache, rate
 * buckets, retry policy and metered budget; results are still in DingTalk's shapes (map them with
 * mapper.ts before they leave the sources layer).
 */
export class DingTalkClient {
  readonly transport: DingTalkTransport;

  constructor(config: DingTalkAppConfig) {
    this.transport = new DingTalkTransport(config);
  }

  get corpId(): string {
    return this.transport.config.corpId;
  }

  get timeZone(): string {
    return this.transport.timeZone;
  }

  /** Fetch (or reuse) the oapi token; a cheap way to validate credentials when an admin saves them. */
  getAccessToken(): Promise<string> {
    return this.transport.oapiToken.get();
  }

  getV1AccessToken(): Promise<string> {
    return this.transport.v1Token.get();
  }

  listSubDepartments(deptId?: number | string) {
    return listSubDepartments(this.transport, deptId);
  }
  getDepartment(deptId: number | string) {
    return getDepartment(this.transport, deptId);
  }
  listAllDepartments(rootId?: number | string) {
    return listAllDepartments(this.transport, rootId);
  }
  listDepartmentUsers(deptId: number | string) {
    return listDepartmentUsers(this.transport, deptId);
  }
  getUser(userid: string) {
    return getUser(this.transport, userid);
  }

  listRecord(userIds: string[], fromMs: number, toMs: number, signal?: AbortSignal) {
    return listRecord(this.transport, userIds, fromMs, toMs, signal);
  }
  listAttendanceResults(userIds: string[], fromDate: string, toDate: string, signal?: AbortSignal) {
    return listAttendanceResults(this.transport, userIds, fromDate, toDate, signal);
  }
  getLeaveStatus(userIds: string[], startMs: number, endMs: number) {
    return getLeaveStatus(this.transport, userIds, startMs, endMs);
  }

  listProcessInstanceIds(processCode: string, startMs: number, endMs: number, userIds?: string[]) {
    return listProcessInstanceIds(this.transport, processCode, startMs, endMs, userIds);
  }
  getProcessInstance(processInstanceId: string) {
    return getProcessInstance(this.transport, processInstanceId);
  }

  sendWorkNotice(userIds: string[], msg: DingTalkMessage) {
    return sendWorkNotice(this.transport, userIds, msg);
  }
  sendRobotMessage(robot: RobotTarget, message: DingTalkRobotMessage) {
    return sendRobotMessage(this.transport, robot, message);
  }
}

export type { DingTalkAppConfig };
