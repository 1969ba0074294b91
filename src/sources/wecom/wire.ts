/** WeCom wire shapes (platforms.md §1–§6). Times are Unix seconds; lat/lng are GCJ-02 × 1e6. */
export interface WeComCheckinRecord {
  userid: string;
  groupname?: string;
  checkin_type: string;
  exception_type?: string;
  checkin_time: number;
  location_title?: string;
  location_detail?: string;
  wifiname?: string;
  wifimac?: string;
  notes?: string;
  mediaids?: string[];
  lat?: number;
  lng?: number;
  deviceid?: string;
  sch_checkin_time?: number;
  groupid?: number;
  schedule_id?: number;
  timeline_id?: number;
  [k: string]: unknown;
}

export interface WeComDepartment {
  id: number;
  name: string;
  name_en?: string;
  parentid?: number;
  order?: number;
  department_leader?: string[];
  [k: string]: unknown;
}

export interface WeComUser {
  userid: string;
  name: string;
  department?: number[];
  position?: string;
  mobile?: string;
  email?: string;
  biz_mail?: string;
  direct_leader?: string[];
  /** 1 active, 2 disabled, 4 not activated, 5 left */
  status?: number;
  extattr?: { attrs?: Array<{ type?: number; name: string; value?: string; text?: { value: string } }> };
  [k: string]: unknown;
}

export interface WeComApprovalControl {
  control: string;
  id?: string;
  title?: Array<{ text: string; lang?: string }>;
  value?: Record<string, any>;
}

export interface WeComApprovalDetail {
  sp_no: string;
  sp_name?: string;
  sp_status: number;
  template_id: string;
  apply_time?: number;
  applyer: { userid: string; partyid?: string };
  apply_data?: { contents?: WeComApprovalControl[] };
  [k: string]: unknown;
}

export type WeComAppMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'textcard'; textcard: { title: string; description: string; url: string; btntxt?: string } }
  | { msgtype: 'template_card' | 'news'; [k: string]: unknown };

export type WeComRobotMessage =
  | { msgtype: 'text'; text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] } }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'news' | 'template_card' | 'file' | 'image'; [k: string]: unknown };

export interface WeComSchedule {
  organizer?: string;
  /** Set on update (schedule/update); returned by schedule/add. */
  schedule_id?: string;
  start_time: number;
  end_time: number;
  /** 1: an all-day schedule (start and end at midnight). */
  is_whole_day?: 0 | 1;
  attendees?: Array<{ userid: string }>;
  summary?: string;
  description?: string;
  reminders?: { is_remind?: 0 | 1; remind_before_event_secs?: number; remind_time_diffs?: number[]; timezone?: number };
  location?: string;
  cal_id?: string;
}

/** One member-day of the daily report (getcheckin_daydata). Times are seconds after 00:00 or durations in seconds. */
export interface WeComCheckinDayData {
  base_info: {
    /** Unix seconds of the day's 00:00. */
    date: number;
    /** 1 fixed, 2 outing, 3 by shift, 4 free, 5 overtime, 7 no rule */
    record_type?: number;
    name?: string;
    acctid: string;
    /** 0 workday, 1 rest day */
    day_type?: number;
    rule_info?: { groupid?: number; groupname?: string; scheduleid?: number; schedulename?: string; checkintime?: Array<{ work_sec: number; off_work_sec: number }> };
    [k: string]: unknown;
  };
  summary_info?: { checkin_count?: number; regular_work_sec?: number; standard_work_sec?: number; earliest_time?: number; lastest_time?: number };
  holiday_infos?: Array<{ sp_number?: string; [k: string]: unknown }>;
  /** 1 late, 2 early, 3 missing punch, 4 absent, 5 location, 6 device */
  exception_infos?: Array<{ exception: number; count?: number; duration?: number }>;
  ot_info?: { ot_status?: number; ot_duration?: number; [k: string]: unknown };
  /** type 1 leave, 2 correction, 3 business trip, 4 outing, 100 field work */
  sp_items?: Array<{ type: number; vacation_id?: number; count?: number; duration?: number; time_type?: number; name?: string }>;
  [k: string]: unknown;
}

/**
 * One leave type of the corp's 假期管理 (oa/vacation/getcorpconf). Durations are seconds: a
 * day-based type (time_attr 0) counts 86 400 per day; `perday_duration` is the seconds one day is
 * worth when converting between days and hours.
 */
export interface WeComVacationConf {
  id: number;
  name: string;
  /** 0 by the day, 1 by the hour */
  time_attr: number;
  /** 0 calendar days, 1 working days */
  duration_type?: number;
  /** type: 0 unlimited, 1 yearly, 2 manual, 3 monthly; the other fields describe the grant */
  quota_attr?: { type?: number; autoreset_time?: number; autoreset_duration?: number; quota_rule_type?: number; [k: string]: unknown };
  perday_duration?: number;
  /** 1: the type is 调休 (linked to overtime) */
  is_newovertime?: number;
  enter_comp_time_limit?: number;
  /** type: 1 fixed date, 2 years after grant, 3 months after grant, 4 never */
  expire_rule?: { type?: number; duration?: number; date?: { month?: number; day?: number }; [k: string]: unknown };
  [k: string]: unknown;
}

/** One member's quota of one leave type (oa/vacation/getuservacationquota); seconds. */
export interface WeComVacationQuota {
  id: number;
  assignduration: number;
  usedduration: number;
  leftduration: number;
  vacationname: string;
  /** The grant actually given (pro-rated by the real working time when the type says so). */
  real_assignduration?: number;
  [k: string]: unknown;
}
