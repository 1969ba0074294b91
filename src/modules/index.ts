/**
 * The services of every module, built once in the composition root. Each service gets
 * only what it uses; routes receive the services they call.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { JobQueue } from '../jobs/queue.js';
import type { SecretBox } from '../shared/secret-box.js';
import { AuditRepo } from './audit/audit.repo.js';
import { AccessPolicy } from './auth/access.js';
import { AuthService } from './auth/auth.service.js';
import { CompaniesService } from './companies/companies.service.js';
import { DepartmentsService } from './departments/departments.service.js';
import { EmployeeImportService } from './employees/employee-import.service.js';
import { EmployeesService } from './employees/employees.service.js';
import { SitesService } from './sites/sites.service.js';
import { UsersService } from './users/users.service.js';
import { CheckinsService } from './checkins/checkins.service.js';
import { createDevicesModule } from './devices/devices.module.js';
import { IdentitiesService } from './identities/identities.service.js';
import { createMetrics, type Metrics } from './system/system.routes.js';
import { DomainEvents } from '../shared/events.js';
import { ShiftTypesService } from './schedules/shift-types.service.js';
import { GroupsService } from './schedules/groups.service.js';
import { MembersService } from './schedules/members.service.js';
import { RostersService } from './schedules/rosters.service.js';
import { CalendarsService } from './calendars/calendars.service.js';
import { LeaveTypesService } from './requests/leave-types.service.js';
import { RequestsService } from './requests/requests.service.js';
import { ReportsService } from './reports/reports.service.js';
import { AttendanceService } from './attendance/attendance.service.js';
import { RecomputeService } from './attendance/recompute.js';
import { createConnectorsModule } from './connectors/connectors.module.js';
import { Outbox } from './outbox/outbox.js';
import { createNotifications } from './notifications/notifications.module.js';
import { WebPunchService } from './web-punch/web-punch.service.js';
import { EgressPolicy, installEgressPolicy } from '../shared/egress/index.js';
import { createWebhooksModule } from './webhooks/webhooks.module.js';
import { dayChangesExpander } from './attendance/day-changes.expander.js';
import { LeaveSchedulesConsumer } from './calendar-feeds/leave-schedules.consumer.js';
import { LeaveSchedulesRepo } from './calendar-feeds/leave-schedules.repo.js';
import { CalendarFeedsRepo } from './calendar-feeds/calendar-feeds.repo.js';
import { CalendarFeedsService } from './calendar-feeds/calendar-feeds.service.js';
import { LeaveBalancesService } from './leave-balances/leave-balances.service.js';
import { LeaveRequestHooks } from './leave-balances/request-hooks.js';
import { LeaverPostingConsumer } from './leave-balances/leaver-postings.js';
import { LateChangeRecorder } from './payroll-adjustments/late-changes.js';
import { PayrollAdjustmentsService } from './payroll-adjustments/payroll-adjustments.service.js';
import { MonthCloseService } from './month-close/month-close.service.js';
import { LeaveQuotaReconciliation } from './connectors/leave-quotas.js';

export interface CoreDeps {
  config: Config;
  database: Database;
  queue: JobQueue;
  secrets: SecretBox;
  now?: () => number;
  metrics?: Metrics;
}

export function createServices(deps: CoreDeps) {
  const db: Kysely<DB> = deps.database.db;
  const now = deps.now ?? Date.now;
  installEgressPolicy(new EgressPolicy(deps.config.connectorBaseUrls));
  const audit = new AuditRepo(now);
  const access = new AccessPolicy(db);
  const departments = new DepartmentsService(db, access, audit, now);
  const events = new DomainEvents();
  const metrics = deps.metrics ?? createMetrics();
  const identities = new IdentitiesService(db, access, audit, events, now);
  // Producers append domain events inside their transactions; consumers register on it.
  const outbox = new Outbox(db, deps.database.dialect, now);
  outbox.attachQueue(deps.queue);
  // A recompute writes each chunk's day changes as one row; consumers see one event per day.
  outbox.expandWith(dayChangesExpander);
  const checkins = new CheckinsService(
    db,
    deps.database.raw,
    access,
    audit,
    identities,
    events,
    now,
    (source, outcome, n) => metrics.checkinsIngested.inc({ source, outcome }, n),
    deps.config.clockSkewMs,
    outbox,
  );
  const auth = new AuthService(
    db,
    audit,
    access,
    {
      sessionTtlMs: deps.config.sessionTtlHours * 3_600_000,
      maxFailures: deps.config.loginMaxFailures,
      lockMs: deps.config.loginLockMinutes * 60_000,
      loginPerAddressPerMinute: deps.config.loginPerAddressPerMinute,
    },
    now,
  );
  const groups = new GroupsService(db, access, audit, events, now);
  const devicesModule = createDevicesModule({ db, dialect: deps.database.dialect, access, audit, checkins, secrets: deps.secrets, now, outbox, clockSkewMs: deps.config.clockSkewMs, limits: deps.config.deviceLimits });
  const recomputer = new RecomputeService(db, deps.database.raw, now, outbox);
  const reports = new ReportsService(db, access, audit, now, deps.database.raw);
  const webhooksModule = createWebhooksModule({ db, raw: deps.database.raw, payrollDropDir: deps.config.payrollDropDir, outbox, access, audit, secrets: deps.secrets, now });
  webhooksModule.payrollConsumer.reports = reports;
  const leaveBalances = new LeaveBalancesService(db, access, audit, recomputer, now);
  const leavers = new LeaverPostingConsumer(leaveBalances);
  outbox.register(leavers);
  void leavers.refresh().catch(() => {});
  leavers.startRefreshing();
  const leaveHooks = new LeaveRequestHooks(leaveBalances, new LateChangeRecorder(db, outbox, now));
  const connectorsModule = createConnectorsModule({ db, access, audit, queue: deps.queue, secrets: deps.secrets, events, checkins, identities, departments, outbox, leaveHooks, now });
  // Approved leave into WeCom calendars, through each connector's own client (egress, limiter).
  outbox.register(new LeaveSchedulesConsumer(new LeaveSchedulesRepo(db), async (connectorId) => (await connectorsModule.connectors.channels(connectorId)).calendar, now));
  const notifications = createNotifications({ db, raw: deps.database.raw, secrets: deps.secrets, access, audit, outbox, channels: connectorsModule.connectors, publicUrl: deps.config.publicUrl, now, webhooks: webhooksModule.webhookConsumer });
  return {
    ...devicesModule,
    ...connectorsModule,
    ...webhooksModule,
    shiftTypes: new ShiftTypesService(db, access, audit, events, now),
    groups,
    members: new MembersService(db, groups, audit, events, now),
    rosters: new RostersService(db, access, audit, events, now),
    calendars: new CalendarsService(db, access, audit, events, now),
    leaveTypes: new LeaveTypesService(db, access, audit),
    requests: new RequestsService(db, access, audit, events, now, leaveHooks, outbox),
    leaveBalances,
    leaveQuotas: new LeaveQuotaReconciliation(connectorsModule.connectors, leaveBalances),
    monthClose: new MonthCloseService(db, access, audit, outbox, now),
    payrollAdjustments: new PayrollAdjustmentsService(db, access),
    db,
    now,
    audit,
    access,
    auth,
    events,
    outbox,
    notifications,
    metrics,
    queue: deps.queue,
    secrets: deps.secrets,
    config: deps.config,
    identities,
    checkins,
    webPunch: new WebPunchService(db, checkins, now),
    companies: new CompaniesService(db, access, audit, now),
    departments,
    employees: new EmployeesService(db, access, audit, now, events, outbox),
    employeeImport: new EmployeeImportService(db, access, audit, departments, now, events, outbox),
    sites: new SitesService(db, access, audit, now),
    users: new UsersService(db, access, audit, now),
    reports,
    attendance: new AttendanceService(db, access, recomputer, deps.queue, now, audit),
    calendarFeeds: new CalendarFeedsService(db, new CalendarFeedsRepo(db), recomputer, access, audit, now, deps.config.publicUrl),
  };
}

export type Services = ReturnType<typeof createServices>;
