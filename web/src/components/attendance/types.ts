/**
 * Shapes of the attendance, requests and reports APIs (`/api/v1/attendance/*`, `/requests`,
 * `/dashboard/today`), named from the types generated from the server's OpenAPI document.
 */
import type { ListItem, ResponseJson } from '../../api/typed';
import { DAY_MARKS, DAY_STATUSES, DAY_TAGS, DAY_TYPES, LATE_LEVELS, OVERTIME_CATEGORIES, REQUEST_KINDS, REQUEST_STATUSES, type DayMark, type DayStatus, type DayTag } from '../../../../src/shared/enums';

export { DAY_MARKS, DAY_STATUSES, DAY_TAGS, LATE_LEVELS, REQUEST_KINDS, REQUEST_STATUSES };
export type { DayMark, DayStatus, DayTag };
export type LateLevel = (typeof LATE_LEVELS)[number];
export type OvertimeCategory = (typeof OVERTIME_CATEGORIES)[number];
export type AttendanceDayType = (typeof DAY_TYPES)[number];

/** One listed day: the stored figures and whose day it is. */
export type DayRow = ListItem<'/api/v1/attendance/days'>;
export type DayEmployee = DayRow['employee'];
/** A stored day (the check-out window still open is `inProgress`: shown as 待打卡, not as its status). */
export type StoredDay = Omit<DayRow, 'employee'>;

/** One day with its punches and the rules that produced it. */
export type DayDetail = ResponseJson<'/api/v1/attendance/days/{employeeId}/{date}'>;
/** The engine's figures of a day (a fresh evaluation, without its day type). */
export type DayFigures = Omit<NonNullable<DayDetail['live']>, 'dayType'>;
/** The engine's reason for a figure: a stable code with params, rendered by reasonText. */
export type Explanation = NonNullable<DayDetail['explanation']>[number];
export type DayPunch = DayDetail['punches'][number];

export type MonthlyRow = ListItem<'/api/v1/attendance/monthly'>;

export type DashboardToday = ResponseJson<'/api/v1/dashboard/today'>;
export type DashboardCounts = DashboardToday['counts'];

export type RecomputeJob = ResponseJson<'/api/v1/attendance/jobs/{id}'>;
export type RecomputeQueued = ResponseJson<'/api/v1/attendance/recompute', 'post'>;

export type WhatIfResult = ResponseJson<'/api/v1/attendance/what-if', 'post'>;

export type LeaveRequest = ListItem<'/api/v1/requests'>;
export type RequestKind = LeaveRequest['kind'];
export type RequestStatus = LeaveRequest['status'];

export type LeaveType = ListItem<'/api/v1/leave-types'>;
