/**
 * Who may call each write route, and what the schema cannot say about a valid call: which
 * existing object the path names and the few body fields whose valid value depends on the data.
 * Everything else in the body comes from the route's OpenAPI request schema.
 */
import type { RoleName } from '../helpers/test-app.js';
import { HIK_LOGIN, WC_ROBOT_KEY, type Walk } from './role-walk-fixtures.js';

type Params = Record<string, string | number>;
export interface RouteSpec {
  /** Roles whose call succeeds; every other role is refused (401 anonymous, else 403 or 404). */
  allow: readonly RoleName[];
  /** Path parameters, asked once per call so a call that uses up its target gets a fresh one. */
  params?: (w: Walk, role: RoleName) => Promise<Params> | Params;
  /** Body fields laid over the generated body. */
  body?: (w: Walk, role: RoleName) => Promise<object> | object;
  query?: (w: Walk) => Params;
  /** A refusal that is not 403/404 by design, with the status and error code it must have. */
  refused?: Partial<Record<RoleName, { status: number; code: string }>>;
}

const SETUP = ['admin', 'hr'] as const;
const ADMIN = ['admin'] as const;
const SIGNED_IN = ['admin', 'hr', 'manager', 'employee', 'otherHr'] as const;
const EVERYONE = ['anonymous', ...SIGNED_IN] as const;

/** Balance rules that track a type but never refuse a request (the walk files leave freely). */
const TRACKED_RULES = { accrual: 'none', amount: 0, bands: [], welfareDays: 0, expiresAtYearEnd: false, carryOver: null, allowNegative: true, calendarDays: false, creditExpiryDays: 0 };
/** A month of 2000…2024 from a unique number: closing it touches none of the walk's 2026 dates. */
const walkMonth = (n: number) => `${2000 + (Math.floor(n / 12) % 25)}-${String((n % 12) + 1).padStart(2, '0')}`;
const id = (pick: (w: Walk) => number | Promise<number>) => async (w: Walk) => ({ id: await pick(w) });
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export const ROUTE_SPECS: Record<string, RouteSpec> = {
  'POST /api/v1/auth/login': { allow: EVERYONE, body: (w) => ({ username: w.usernames.employee, password: 'correct-horse-battery' }) },
  'POST /api/v1/auth/password': { allow: SIGNED_IN, body: () => ({ currentPassword: 'correct-horse-battery', newPassword: 'walked-horse-battery-2' }) },
  'POST /api/v1/tokens': { allow: SIGNED_IN },
  'DELETE /api/v1/tokens/:id': { allow: SETUP, params: id((w) => w.make.hrToken()) },

  'POST /api/v1/companies': { allow: ADMIN },
  // Company settings are setup data: HR of the company may change them (not the code: see the walk's own test).
  'PATCH /api/v1/companies/:id': { allow: SETUP, params: id((w) => w.companyId), body: () => ({ identityMatchOrder: ['job_number', 'email', 'mobile'] }) },
  'POST /api/v1/companies/:id/deactivate': { allow: ADMIN, params: id((w) => w.make.company()) },

  'POST /api/v1/departments': { allow: SETUP },
  'PATCH /api/v1/departments/:id': { allow: SETUP, params: id((w) => w.deptId), body: () => ({ name: '研发部' }) },
  'POST /api/v1/departments/:id/deactivate': { allow: SETUP, params: id((w) => w.make.department()) },

  'POST /api/v1/employees': { allow: SETUP },
  'PATCH /api/v1/employees/:id': { allow: SETUP, params: id((w) => w.staffId), body: () => ({ name: '李员工' }) },
  'POST /api/v1/employees/:id/deactivate': { allow: SETUP, params: id((w) => w.make.employee()), body: () => ({ leaveDate: '2026-03-31' }) },
  'POST /api/v1/employees/import': {
    allow: SETUP,
    query: (w) => ({ companyId: w.companyId, dryRun: 'true' }),
    body: (w) => ({ filename: 'walk.csv', contentBase64: base64(`工号,姓名\nIMP${w.unique()},导入员工\n`) }),
  },

  'POST /api/v1/sites': { allow: SETUP },
  'PATCH /api/v1/sites/:id': { allow: SETUP, params: id((w) => w.siteId), body: () => ({ address: '上海市浦东新区张江路 88 号' }) },
  'POST /api/v1/sites/:id/deactivate': { allow: SETUP, params: id((w) => w.make.site()) },

  // HR may make employee and manager users of their own companies; only an admin changes users.
  // A company HR cannot see is named like a missing one, field by field.
  'POST /api/v1/users': { allow: SETUP, body: (w) => ({ role: 'employee', companyIds: [w.companyId] }), refused: { otherHr: { status: 400, code: 'UNKNOWN_COMPANY' } } },
  'PATCH /api/v1/users/:id': { allow: ADMIN, params: id((w) => w.userId), body: () => ({ displayName: 'walked' }) },
  'POST /api/v1/users/:id/reset-password': { allow: ADMIN, params: id((w) => w.userId) },

  // Web clock-in needs a challenge the role fetched itself and a group that opened it: the walk's
  // generated challenge is unknown, so linked employees stop there and everyone else before it
  // (the accepted punch is covered by test/modules/web-punch.test.ts).
  'POST /api/v1/me/clock': {
    allow: [],
    refused: { employee: { status: 400, code: 'CHALLENGE_UNKNOWN' }, manager: { status: 400, code: 'CHALLENGE_UNKNOWN' } },
  },
  'POST /api/v1/checkins/batch': { allow: SETUP, body: (w) => ({ items: [{ employeeId: w.staffId, time: '2026-03-10T08:55:12+08:00', idempotencyKey: `walk-${w.unique()}` }] }) },
  'POST /api/v1/checkins': { allow: SETUP, body: (w) => ({ employeeId: w.staffId, time: '2026-03-10T18:05:00+08:00', idempotencyKey: `walk-${w.unique()}` }) },

  'POST /api/v1/devices': { allow: SETUP },
  'PATCH /api/v1/devices/:id': { allow: SETUP, params: id((w) => w.deviceId), body: () => ({ name: '前台' }) },
  'POST /api/v1/devices/:id/approve': { allow: ADMIN, params: id((w) => w.make.pendingDevice()) },
  'POST /api/v1/devices/:id/disable': { allow: SETUP, params: id((w) => w.make.device()) },
  'POST /api/v1/devices/:id/enable': { allow: SETUP, params: id((w) => w.make.disabledDevice()) },
  'POST /api/v1/devices/:id/commands': { allow: SETUP, params: id((w) => w.deviceId), body: () => ({ kind: 'info' }) },
  // Pulls go to the address an admin registered on the device (fixtures), never to one in the body.
  'PUT /api/v1/devices/:id/alert-stream': { allow: SETUP, params: id((w) => w.hikDeviceId), body: () => HIK_LOGIN },
  'DELETE /api/v1/devices/:id/alert-stream': { allow: SETUP, params: id((w) => w.hikDeviceId) },
  'POST /api/v1/devices/:id/pull': { allow: SETUP, params: id((w) => w.hikDeviceId), body: () => ({ ...HIK_LOGIN, from: '2026-03-10', to: '2026-03-11' }) },
  'POST /api/v1/devices/:id/import': {
    allow: SETUP,
    params: id((w) => w.deviceId),
    query: () => ({ dryRun: 'true' }),
    body: () => ({ filename: 'attlog.dat', contentBase64: base64('E001\t2026-03-02 08:59:01\t0\t1\t0\t0\t0\n') }),
  },

  'POST /api/v1/identities': { allow: SETUP, body: (w) => ({ provider: 'device', externalId: `D${w.unique()}` }) },
  'DELETE /api/v1/identities/:id': { allow: SETUP, params: id((w) => w.make.identity()) },

  'POST /api/v1/shift-types': { allow: SETUP, body: () => ({ start: '09:00', end: '18:00' }) },
  'PATCH /api/v1/shift-types/:id': { allow: SETUP, params: id((w) => w.shiftId), body: () => ({ graceLateMin: 5 }) },
  'DELETE /api/v1/shift-types/:id': { allow: SETUP, params: id((w) => w.make.shift()) },

  'POST /api/v1/attendance-groups': { allow: SETUP, body: () => ({ kind: 'free' }) },
  'PATCH /api/v1/attendance-groups/:id': { allow: SETUP, params: id((w) => w.groupId), body: () => ({ timeZone: 'Asia/Shanghai' }) },
  'DELETE /api/v1/attendance-groups/:id': { allow: SETUP, params: id((w) => w.make.group()) },
  'POST /api/v1/attendance-groups/:id/members': { allow: SETUP, params: id((w) => w.groupId), body: async (w) => ({ employeeId: await w.make.employee(), effectiveFrom: '2026-01-01' }) },
  'POST /api/v1/attendance-groups/:id/members/:memberId/end': {
    allow: SETUP,
    params: async (w) => {
      const m = await w.make.member();
      return { id: m.groupId, memberId: m.memberId };
    },
    body: () => ({ effectiveTo: '2026-03-31' }),
  },
  'PUT /api/v1/rosters': { allow: SETUP, body: (w) => ({ entries: [{ employeeId: w.rosterEmployeeId, date: '2026-03-10', shiftTypeId: w.shiftId }] }) },

  'POST /api/v1/holiday-calendars': { allow: SETUP },
  'PATCH /api/v1/holiday-calendars/:id': { allow: SETUP, params: id((w) => w.calendarId), body: () => ({ name: '中国法定节假日' }) },
  'DELETE /api/v1/holiday-calendars/:id': { allow: SETUP, params: id((w) => w.make.calendar()) },
  'PUT /api/v1/holiday-calendars/:id/days': { allow: SETUP, params: id((w) => w.calendarId), body: () => ({ days: [{ date: '2026-05-01', dayType: 'statutory_holiday', name: '劳动节' }] }) },
  'DELETE /api/v1/holiday-calendars/:id/days/:date': {
    allow: SETUP,
    params: async (w) => {
      const cal = await w.make.calendar();
      await w.t.as('admin').inject({ method: 'PUT', url: `/api/v1/holiday-calendars/${cal}/days`, payload: { days: [{ date: '2026-10-01', dayType: 'statutory_holiday' }] } });
      return { id: cal, date: '2026-10-01' };
    },
  },
  // The shared China calendar belongs to no company: only an admin imports into it.
  'POST /api/v1/holiday-calendars/import-china': { allow: ADMIN, body: () => ({ years: [2026] }) },

  'POST /api/v1/leave-types': { allow: SETUP },
  'POST /api/v1/leave-types/seed': { allow: SETUP },
  'PATCH /api/v1/leave-types/:id': { allow: SETUP, params: id((w) => w.make.leaveType()), body: () => ({ active: true }) },
  'DELETE /api/v1/leave-types/:id': { allow: SETUP, params: id((w) => w.make.leaveType()) },

  // Employees and managers file for themselves, HR and admins for anyone of their companies.
  'POST /api/v1/requests': {
    allow: ['admin', 'hr', 'manager', 'employee'],
    body: (w, role) => {
      const date = w.freshDate();
      const self = role === 'employee' || role === 'manager';
      return { kind: 'leave', leaveType: 'annual', fromDate: date, toDate: date, ...(self ? {} : { employeeId: w.staffId }) };
    },
  },
  'POST /api/v1/requests/:id/approve': { allow: ['admin', 'hr', 'manager'], params: id((w) => w.make.request()) },
  'POST /api/v1/requests/:id/reject': { allow: ['admin', 'hr', 'manager'], params: id((w) => w.make.request()) },
  'POST /api/v1/requests/:id/cancel': { allow: ['employee'], params: id((w) => w.make.request()) },

  // Leave balances: HR adjusts, sets rules and runs postings; whoever may see the employee prices a request.
  'POST /api/v1/leave-balances/adjustments': {
    allow: SETUP,
    body: async (w) => {
      await w.t.as('admin').inject({ method: 'PUT', url: '/api/v1/leave-types/marriage/balance-rules', payload: { companyId: w.companyId, rules: TRACKED_RULES } });
      return { employeeId: w.staffId, leaveType: 'marriage', amount: 1, effectiveDate: w.freshDate(), reason: '期初余额' };
    },
  },
  'POST /api/v1/leave-balances/price': { allow: ['admin', 'hr', 'manager', 'employee'], body: (w) => ({ employeeId: w.staffId, leaveType: 'annual', fromDate: '2026-06-01', toDate: '2026-06-02', half: null, hours: null }) },
  'PUT /api/v1/leave-types/:code/balance-rules': { allow: SETUP, params: () => ({ code: 'bereavement' }), body: (w) => ({ companyId: w.companyId, rules: TRACKED_RULES }) },
  'POST /api/v1/leave-balances/import': {
    allow: SETUP,
    body: (w) => ({ filename: 'opening.csv', dryRun: true, contentBase64: base64('工号,假期类型,余额\nE001,marriage,1\n') }),
  },
  'POST /api/v1/leave-balances/runs': { allow: SETUP, body: () => ({ runDate: '2026-03-01', dryRun: true }) },
  'POST /api/v1/leave-balances/overtime-credits': { allow: SETUP, body: () => ({ fromDate: '2026-03-01', toDate: '2026-03-31', dryRun: true }) },
  'PUT /api/v1/attendance-groups/:groupId/overtime-compensation': { allow: SETUP, params: (w) => ({ groupId: w.groupId }), body: () => ({ workday: 'pay', restday: 'leave', holiday: 'pay', creditExpiryDays: 90 }) },
  // Months far from the walk's request dates, one per call.
  'POST /api/v1/month-closes': { allow: SETUP, body: (w) => ({ scope: 'company', companyId: w.companyId, departmentId: undefined, month: walkMonth(w.unique()) }) },
  'POST /api/v1/month-closes/:id/reopen': {
    allow: SETUP,
    params: id(async (w) => (await w.t.as('admin').post('/api/v1/month-closes', { companyId: w.companyId, month: walkMonth(w.unique()) })).json().items[0].id),
    body: () => ({ reason: '补录' }),
  },
  // Each allowed role reopens a close of its own month, made by the same scope.
  'POST /api/v1/month-closes/reopen': {
    allow: SETUP,
    body: async (w, role) => {
      const month = walkMonth(w.unique());
      if (role === 'admin' || role === 'hr') await w.t.as('admin').post('/api/v1/month-closes', { companyId: w.companyId, month });
      return { scope: 'company', companyId: w.companyId, departmentId: undefined, month, reason: '补录' };
    },
  },
  // Only a user linked to an employee confirms a month.
  'POST /api/v1/month-confirmations': {
    allow: ['manager', 'employee'],
    body: () => ({ month: '2026-01', objection: null }),
    refused: { admin: { status: 400, code: 'EMPLOYEE_REQUIRED' }, hr: { status: 400, code: 'EMPLOYEE_REQUIRED' } },
  },

  'PUT /api/v1/reports/payroll-mapping': { allow: SETUP, query: (w) => ({ companyId: w.companyId }), body: () => ({ columns: [{ header: '工号', field: 'jobNumber' }] }) },
  'POST /api/v1/attendance/recompute': { allow: SETUP },
  'POST /api/v1/attendance/what-if': { allow: SETUP, body: (w) => ({ draft: { groupId: w.groupId, policy: { dedupeWindowSec: 120 } } }) },

  'POST /api/v1/connectors': {
    allow: SETUP,
    body: (w) => ({ platform: 'wecom', corpId: w.wecom.corpId, agentId: String(w.wecom.apps[0].agentId), appSecret: w.wecom.apps[0].secret, encodingAesKey: 'C'.repeat(43), baseUrl: w.wecom.url }),
  },
  'PATCH /api/v1/connectors/:id': { allow: SETUP, params: id((w) => w.connectorId), body: () => ({ name: '企业微信' }) },
  'DELETE /api/v1/connectors/:id': { allow: SETUP, params: id((w) => w.make.connector()) },
  'POST /api/v1/connectors/:id/pause': { allow: SETUP, params: id((w) => w.make.connector()) },
  'POST /api/v1/connectors/:id/resume': { allow: SETUP, params: id((w) => w.connectorId) },
  'POST /api/v1/connectors/:id/test': { allow: SETUP, params: id((w) => w.connectorId) },
  'POST /api/v1/connectors/:id/sync': { allow: SETUP, params: id((w) => w.connectorId), body: () => ({ kind: 'directory' }) },
  'POST /api/v1/connectors/:id/leave-quotas/import': {
    allow: SETUP,
    params: id((w) => w.connectorId),
    body: async (w) => {
      await w.t.as('admin').inject({ method: 'PUT', url: '/api/v1/leave-types/marriage/balance-rules', payload: { companyId: w.companyId, rules: TRACKED_RULES } });
      return { items: [{ employeeId: w.linkedEmployeeId, leaveType: 'marriage' }], dryRun: true };
    },
  },
  'POST /api/v1/connectors/:id/test-message': { allow: SETUP, params: id((w) => w.connectorId), body: (w) => ({ employeeId: w.linkedEmployeeId }) },
  'POST /api/v1/connectors/:id/messages': { allow: SETUP, params: id((w) => w.connectorId), body: () => ({ target: 'robot' }) },
  'POST /api/v1/connectors/:id/schedules': {
    allow: SETUP,
    params: id((w) => w.connectorId),
    body: (w) => ({ employeeIds: [w.linkedEmployeeId], start: '2026-12-01T09:00:00+08:00', end: '2026-12-01T18:00:00+08:00' }),
  },

  'PUT /api/v1/notifications/settings': { allow: SETUP, body: (w) => ({ companyId: w.companyId, enabled: false }) },
  'PUT /api/v1/notification-rules': { allow: SETUP, body: (w) => ({ companyId: w.companyId, enabled: false }) },
  'PUT /api/v1/notification-templates/:kind/:locale': { allow: SETUP, params: () => ({ kind: 'remind_in', locale: 'en' }), body: (w) => ({ companyId: w.companyId, title: 'Clock in by {{time}}', body: '' }) },
  'DELETE /api/v1/notification-templates/:kind/:locale': { allow: SETUP, params: () => ({ kind: 'remind_in', locale: 'en' }), query: (w) => ({ companyId: w.companyId }) },
  // Reads nothing into the database: a template filled with sample data.
  'POST /api/v1/notification-templates/preview': { allow: SETUP, body: (w) => ({ companyId: w.companyId, kind: 'remind_in', locale: 'zh-CN', data: 'sample' }) },
  // One's own preferences need a user linked to an employee: the walk's admin and HR users are not.
  'PUT /api/v1/notifications/preferences/me': {
    allow: ['manager', 'employee'],
    body: () => ({ managerDigest: 'daily' }),
    refused: { admin: { status: 409, code: 'NO_EMPLOYEE' }, hr: { status: 409, code: 'NO_EMPLOYEE' }, otherHr: { status: 409, code: 'NO_EMPLOYEE' } },
  },
  // Reads nothing into the database: what reminders a date would bring.
  'POST /api/v1/notifications/preview': { allow: SETUP, body: (w) => ({ companyId: w.companyId, date: '2026-03-10' }) },
  'POST /api/v1/webhooks': { allow: SETUP, body: () => ({ url: 'https://hooks.example.com/daka', eventTypes: ['attendance_day.changed'] }) },
  'PATCH /api/v1/webhooks/:id': { allow: SETUP, params: id((w) => w.make.webhook()), body: () => ({ description: '薪资系统' }) },
  'DELETE /api/v1/webhooks/:id': { allow: SETUP, params: id((w) => w.make.webhook()) },
  'POST /api/v1/webhooks/:id/rotate-secret': { allow: SETUP, params: id((w) => w.make.webhook()), body: () => ({ overlapHours: 1 }) },
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/redeliver': { allow: SETUP, params: (w) => w.make.webhookDelivery() },
  'POST /api/v1/hooks': { allow: SETUP, body: (w) => ({ companyId: w.companyId, target_url: 'https://hooks.example.com/zap', event: 'employee.left' }) },
  'DELETE /api/v1/hooks/:id': { allow: SETUP, params: id((w) => w.make.restHook()) },

  // A feed of the staff employee: HR makes feeds for anyone, the employee for themselves only.
  'POST /api/v1/calendar-feeds': { allow: ['admin', 'hr', 'employee'], body: (w) => ({ employeeId: w.staffId, scope: 'self' }) },
  'DELETE /api/v1/calendar-feeds/:id': { allow: ['admin', 'hr', 'employee'], params: id((w) => w.make.calendarFeed()) },
};

/** Field values the schema cannot know: ids of objects that exist in the walk's company. */
export function walkHint(w: Walk) {
  return (name: string): unknown => {
    switch (name) {
      case 'companyId':
        return w.companyId;
      case 'employeeId':
        return w.staffId;
      case 'departmentId':
        return w.deptId;
      case 'siteId':
        return w.siteId;
      case 'shiftTypeId':
        return w.shiftId;
      case 'groupId':
        return w.groupId;
      case 'holidayCalendarId':
      case 'calendarId':
        return w.calendarId;
      case 'timeZone':
        return 'Asia/Shanghai';
      case 'month':
        return '2026-03';
      case 'password':
        return 'walk-password-1';
      default:
        return undefined;
    }
  };
}
