/**
 * DingTalk wire shapes (platforms.md §1–§6). Only the fields the hub reads are typed; the rest
 * travels in `raw`. 64-bit ids arrive as strings (see platform/json.ts).
 */
export interface DingTalkBaseResponse {
  errcode?: number;
  errmsg?: string;
  sub_code?: string;
  request_id?: string;
}

export interface DingTalkAttendanceRecord {
  id: string | number;
  userId: string;
  checkType?: 'OnDuty' | 'OffDuty' | string;
  timeResult?: string;
  locationResult?: string;
  sourceType?: string;
  userCheckTime: number | string;
  baseCheckTime?: number | string;
  planCheckTime?: number | string;
  workDate?: number | string;
  locationMethod?: string;
  userAddress?: string;
  userLatitude?: number | string;
  userLongitude?: number | string;
  userAccuracy?: number | string;
  userSsid?: string;
  userMacAddr?: string;
  deviceId?: string;
  deviceSN?: string;
  groupId?: string | number;
  planId?: string | number;
  classId?: string | number;
  procInstId?: string;
  approveId?: string | number;
  isLegal?: 'Y' | 'N' | string;
  invalidRecordType?: string;
  invalidRecordMsg?: string;
  outsideRemark?: string;
  photoUrl?: string;
  [k: string]: unknown;
}

export interface DingTalkDepartment {
  dept_id: number | string;
  name: string;
  parent_id?: number | string;
  order?: number;
  dept_manager_userid_list?: string[];
  [k: string]: unknown;
}

export interface DingTalkUser {
  userid: string;
  unionid?: string;
  name: string;
  mobile?: string;
  email?: string;
  org_email?: string;
  job_number?: string;
  title?: string;
  dept_id_list?: Array<number | string>;
  manager_userid?: string;
  active?: boolean;
  hired_date?: number;
  leader_in_dept?: Array<{ dept_id: number | string; leader: boolean }>;
  [k: string]: unknown;
}

export interface DingTalkLeaveStatus {
  userid: string;
  start_time: number | string;
  end_time: number | string;
  duration_unit?: 'percent_day' | 'percent_hour' | string;
  duration_percent?: number;
  leave_code?: string;
  [k: string]: unknown;
}

export interface DingTalkFormComponent {
  id?: string;
  name?: string;
  value?: string;
  extValue?: string;
  componentType?: string;
}

export interface DingTalkProcessInstance {
  processInstanceId?: string;
  processCode?: string;
  title?: string;
  createTime?: string;
  finishTime?: string;
  originatorUserId: string;
  status: 'NEW' | 'RUNNING' | 'TERMINATED' | 'COMPLETED' | 'CANCELED' | string;
  result?: 'agree' | 'refuse' | string;
  businessId?: string;
  bizCategoryId?: string;
  formComponentValues?: DingTalkFormComponent[];
  [k: string]: unknown;
}

export type DingTalkMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { title: string; text: string } }
  | { msgtype: 'action_card'; action_card: Record<string, unknown> }
  | { msgtype: 'link'; link: Record<string, unknown> }
  | { msgtype: 'oa'; oa: Record<string, unknown> };

export type DingTalkRobotMessage =
  | { msgtype: 'text'; text: { content: string }; at?: { atMobiles?: string[]; atUserIds?: string[]; isAtAll?: boolean } }
  | { msgtype: 'markdown'; markdown: { title: string; text: string }; at?: { atUserIds?: string[]; isAtAll?: boolean } }
  | { msgtype: 'actionCard' | 'link' | 'feedCard'; [k: string]: unknown };

/** One scheduled punch slot of /attendance/list (打卡结果); a slot nobody punched is `NotSigned`. */
export interface DingTalkAttendanceResult {
  id?: string | number;
  /** The listRecord id that satisfied the slot. */
  recordId?: string | number;
  userId: string;
  /** Epoch ms of the work day's 00:00 (tenant zone). */
  workDate: number | string;
  checkType: 'OnDuty' | 'OffDuty' | string;
  timeResult: 'Normal' | 'Early' | 'Late' | 'SeriousLate' | 'Absenteeism' | 'NotSigned' | string;
  locationResult?: string;
  sourceType?: string;
  baseCheckTime?: number | string;
  userCheckTime?: number | string;
  procInstId?: string;
  approveId?: string | number;
  planId?: string | number;
  groupId?: string | number;
  [k: string]: unknown;
}
