/**
 * Labels the server and the web app share: the values of statuses, sources, roles and scopes.
 * The server's schemas are built from these lists (so the OpenAPI document and the web's
 * generated types carry them), and the web imports them for its selects and filters.
 * No imports: this file is compiled into the server and bundled into the web app.
 */

export const ROLES = ['admin', 'hr', 'manager', 'employee'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const IDENTITY_KEYS = ['job_number', 'email', 'mobile'] as const;
export type IdentityKey = (typeof IDENTITY_KEYS)[number];

export const TOKEN_SCOPES = ['read', 'write', 'checkins:write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Where a punch came from. `correction` is an approved 补卡, the rest are sources. */
/** What an employee asks for (请假, 加班, 补卡), and where a request stands. */
/** How an attendance group schedules its members: fixed shifts, a roster (排班), or free hours. */
export const GROUP_KINDS = ['fixed', 'roster', 'free'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** Attendance machine makers Daka speaks to (`other`: punches arrive through the API or files). */
export const DEVICE_VENDORS = ['zkteco', 'hikvision', 'other'] as const;
export type DeviceVendor = (typeof DEVICE_VENDORS)[number];

export const REQUEST_KINDS = ['leave', 'overtime', 'correction'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The identity kinds an unmatched punch can be linked to an employee by (POST /identities). */
export const LINKABLE_PROVIDERS = ['device', 'dingtalk', 'wecom', 'job_number'] as const;
export type LinkableProvider = (typeof LINKABLE_PROVIDERS)[number];

export const CHECKIN_SOURCES = ['zkteco', 'hikvision', 'dingtalk', 'wecom', 'api', 'web', 'file', 'correction'] as const;
export type CheckinSource = (typeof CHECKIN_SOURCES)[number];
/** The sources a client may name when it sends punches (not corrections, which come from requests). */
export const SENDABLE_CHECKIN_SOURCES = ['api', 'web', 'zkteco', 'hikvision', 'dingtalk', 'wecom', 'file'] as const satisfies readonly CheckinSource[];

/** An attendance day's status (AHR-1 R9). */
export const DAY_STATUSES = ['present', 'half_day', 'absent', 'missing_punch', 'on_leave', 'rest', 'holiday'] as const;
export type DayStatus = (typeof DAY_STATUSES)[number];

/** Tags of the day list: 迟到, 早退, 缺卡, 旷工, or any anomaly (as the dashboard lists them). */
export const DAY_TAGS = ['late', 'early', 'missing_punch', 'absent', 'anomaly'] as const;
export type DayTag = (typeof DAY_TAGS)[number];

export const DAY_TYPES = ['workday', 'makeup_workday', 'rest_day', 'statutory_holiday'] as const;
export const LATE_LEVELS = ['none', 'late', 'serious', 'absenteeism'] as const;
export const OVERTIME_CATEGORIES = ['workday', 'restday', 'holiday'] as const;

/** What a month grid cell shows for a day (the attendance module's dayMarks, the web's month grid). */
export const DAY_MARKS = ['present', 'late', 'serious', 'absenteeism', 'early', 'missing', 'absent', 'leave', 'half_leave', 'hourly_leave', 'half_day', 'rest', 'holiday', 'in_progress'] as const;
export type DayMark = (typeof DAY_MARKS)[number];

/** Every event type Daka emits (outbox, webhooks). Receivers see exactly these names. */
export const EVENT_TYPES = [
  'checkin.created',
  'checkin.unmatched',
  'attendance_day.changed',
  'request.submitted',
  'request.approved',
  'request.rejected',
  'request.cancelled',
  'employee.created',
  'employee.updated',
  'employee.left',
  'device.offline',
  'device.online',
  'connector.run_failed',
  'month.closed',
  'payroll.adjustment_recorded',
  'webhook.disabled',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
