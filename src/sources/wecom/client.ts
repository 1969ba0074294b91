import * as api from './api.js';
import { WeComTransport, type WeComAppConfig } from './transport.js';
import type { WeComAppMessage, WeComRobotMessage, WeComSchedule } from './wire.js';

/**
 * The typed WeCom client for one app secret (attendance, approval and contacts access are granted
 * per app, so a tenant may need several). Results are still WeCom-shaped; map them in mapper.ts.
 */
export class WeComClient {
  readonly transport: WeComTransport;

  constructor(config: WeComAppConfig) {
    this.transport = new WeComTransport(config);
  }

  get corpId(): string {
    return this.transport.config.corpId;
  }
  get timeZone(): string {
    return this.transport.timeZone;
  }

  getAccessToken(): Promise<string> {
    return this.transport.token.get();
  }

  listDepartments(id?: number) {
    return api.listDepartments(this.transport, id);
  }
  listDepartmentUsers(departmentId: number) {
    return api.listDepartmentUsers(this.transport, departmentId);
  }
  getUser(userid: string) {
    return api.getUser(this.transport, userid);
  }
  getCheckinData(userIds: string[], startSec: number, endSec: number, signal?: AbortSignal) {
    return api.getCheckinData(this.transport, userIds, startSec, endSec, signal);
  }
  getCheckinDayData(userIds: string[], startSec: number, endSec: number, signal?: AbortSignal) {
    return api.getCheckinDayData(this.transport, userIds, startSec, endSec, signal);
  }
  listApprovalNumbers(startSec: number, endSec: number, filters?: api.ApprovalFilter[]) {
    return api.listApprovalNumbers(this.transport, startSec, endSec, filters);
  }
  getApprovalDetail(spNo: string) {
    return api.getApprovalDetail(this.transport, spNo);
  }
  getCorpVacationConf() {
    return api.getCorpVacationConf(this.transport);
  }
  getUserVacationQuota(userid: string) {
    return api.getUserVacationQuota(this.transport, userid);
  }
  sendAppMessage(userIds: string[], message: WeComAppMessage) {
    return api.sendAppMessage(this.transport, userIds, message);
  }
  sendRobotMessage(webhookUrl: string, message: WeComRobotMessage) {
    return api.sendRobotMessage(this.transport, webhookUrl, message);
  }
  addSchedule(schedule: WeComSchedule) {
    return api.addSchedule(this.transport, schedule);
  }
  updateSchedule(schedule: WeComSchedule & { schedule_id: string }) {
    return api.updateSchedule(this.transport, schedule);
  }
  deleteSchedule(scheduleId: string) {
    return api.deleteSchedule(this.transport, scheduleId);
  }
  addCalendar(calendar: { summary: string; color: string; description?: string; readonly?: 0 | 1 }) {
    return api.addCalendar(this.transport, calendar);
  }
  schedulesOfCalendar(calId: string) {
    return api.schedulesOfCalendar(this.transport, calId);
  }
}

export type { WeComAppConfig };
export type { ApprovalFilter, AppMessageResult } from './api.js';
