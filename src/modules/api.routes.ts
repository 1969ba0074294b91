/** Everything under /api/v1. Each module's routes are one encapsulated plugin. */
import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { companiesRoutes } from './companies/companies.routes.js';
import { departmentsRoutes } from './departments/departments.routes.js';
import { employeesRoutes } from './employees/employees.routes.js';
import { sitesRoutes } from './sites/sites.routes.js';
import { usersRoutes } from './users/users.routes.js';
import { checkinsRoutes } from './checkins/checkins.routes.js';
import { identitiesRoutes } from './identities/identities.routes.js';
import { attendanceRoutes } from './attendance/attendance.routes.js';
import { reportsRoutes } from './reports/reports.routes.js';
import type { Services } from './index.js';
import { devicesRoutes } from './devices/devices.routes.js';
import { schedulesRoutes } from './schedules/schedules.routes.js';
import { calendarsRoutes } from './calendars/calendars.routes.js';
import { requestsRoutes } from './requests/requests.routes.js';
import type { Metrics } from './system/system.routes.js';
import { connectorsRoutes } from './connectors/connectors.routes.js';
import { leaveQuotaRoutes } from './connectors/leave-quotas.routes.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';
import { webPunchRoutes } from './web-punch/web-punch.routes.js';
import { webhooksRoutes } from './webhooks/webhooks.routes.js';
import { calendarFeedsRoutes } from './calendar-feeds/calendar-feeds.routes.js';
import { leaveBalancesRoutes } from './leave-balances/leave-balances.routes.js';
import { monthCloseRoutes } from './month-close/month-close.routes.js';
import { payrollAdjustmentsRoutes } from './payroll-adjustments/payroll-adjustments.routes.js';

export async function apiRoutes(app: FastifyInstance, opts: { services: Services; metrics: Metrics }) {
  const s = opts.services;
  // JSON only: a cross-site form can send text/plain without a preflight, never application/json.
  app.removeContentTypeParser('text/plain');
  await app.register(authRoutes, { auth: s.auth });
  await app.register(auditRoutes, { audit: s.audit, access: s.access, db: s.db });
  await app.register(companiesRoutes, { companies: s.companies });
  await app.register(departmentsRoutes, { departments: s.departments });
  await app.register(employeesRoutes, { employees: s.employees, employeeImport: s.employeeImport });
  await app.register(sitesRoutes, { sites: s.sites });
  await app.register(usersRoutes, { users: s.users });
  await app.register(checkinsRoutes, { checkins: s.checkins });
  await app.register(devicesRoutes, { devices: s.devices, commands: s.deviceCommands, checkins: s.checkins, webPhotos: s.webPunch.repo, alertStreams: s.deviceAlertStreams });
  await app.register(identitiesRoutes, { identities: s.identities });
  await app.register(schedulesRoutes, { shiftTypes: s.shiftTypes, groups: s.groups, members: s.members, rosters: s.rosters });
  await app.register(calendarsRoutes, { calendars: s.calendars });
  await app.register(requestsRoutes, { leaveTypes: s.leaveTypes, requests: s.requests });
  await app.register(reportsRoutes, { reports: s.reports });
  await app.register(attendanceRoutes, { attendance: s.attendance });
  await app.register(connectorsRoutes, { connectors: s.connectors });
  await app.register(leaveQuotaRoutes, { leaveQuotas: s.leaveQuotas });
  await app.register(webPunchRoutes, { webPunch: s.webPunch });
  await app.register(notificationsRoutes, { notifications: s.notifications });
  await app.register(webhooksRoutes, { webhooks: s.webhooks });
  await app.register(calendarFeedsRoutes, { calendarFeeds: s.calendarFeeds });
  await app.register(leaveBalancesRoutes, { leaveBalances: s.leaveBalances });
  await app.register(monthCloseRoutes, { monthClose: s.monthClose });
  await app.register(payrollAdjustmentsRoutes, { adjustments: s.payrollAdjustments });
}
