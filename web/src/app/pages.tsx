import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { ClockCircleOutlined, FieldTimeOutlined, FormOutlined, SettingOutlined } from '@ant-design/icons';
import { AimOutlined, CalendarOutlined, DashboardOutlined } from '@ant-design/icons';
import type { Role } from '../api/types';

/**
 * Every page of the app, in menu order. Adding a page is one entry here: the router, the menu,
 * the role check and the landing page all read this list. Entries with a `group` appear in that
 * group's sub-menu; the others are top-level items.
 */
export interface PageDef {
  /** URL path without the leading slash; also the menu key. */
  path: string;
  titleKey: string;
  roles: readonly Role[];
  group?: MenuGroup;
  /** Top-level items show an icon; grouped items use their group's. */
  icon?: ReactNode;
  component: LazyExoticComponent<ComponentType>;
  /** Reached another way (the phone's 我的 tab, the user menu): not listed in the sidebar. */
  hideInMenu?: boolean;
}

export type MenuGroup = 'attendance' | 'requests' | 'setup';

export const MENU_GROUPS: Record<MenuGroup, { titleKey: string; icon: ReactNode }> = {
  attendance: { titleKey: 'menu.attendance', icon: <ClockCircleOutlined /> },
  requests: { titleKey: 'menu.requests', icon: <FormOutlined /> },
  setup: { titleKey: 'menu.setup', icon: <SettingOutlined /> },
};

const ADMIN: Role[] = ['admin'];
const HR: Role[] = ['admin', 'hr'];

export const PAGES: PageDef[] = [
  { path: 'dashboard', titleKey: 'menu.dashboard', roles: ['admin', 'hr', 'manager'], icon: <DashboardOutlined />, component: lazy(() => import('../pages/dashboard/DashboardPage')) },
  { path: 'attendance/daily', titleKey: 'menu.dailyResults', group: 'attendance', roles: ['admin', 'hr', 'manager'], component: lazy(() => import('../pages/attendance/DailyResultsPage')) },
  { path: 'attendance/monthly', titleKey: 'menu.monthly', group: 'attendance', roles: ['admin', 'hr', 'manager'], component: lazy(() => import('../pages/attendance/MonthlyPage')) },
  { path: 'attendance/recompute', titleKey: 'menu.recompute', group: 'attendance', roles: HR, component: lazy(() => import('../pages/attendance/RecomputePage')) },
  { path: 'attendance/what-if', titleKey: 'menu.whatIf', group: 'attendance', roles: HR, component: lazy(() => import('../pages/attendance/WhatIfPage')) },
  { path: 'me/month', titleKey: 'menu.myMonth', roles: ['employee'], icon: <CalendarOutlined />, component: lazy(() => import('../pages/me/MyMonthPage')) },
  { path: 'attendance/punches', titleKey: 'menu.punches', group: 'attendance', roles: ['admin', 'hr', 'manager'], component: lazy(() => import('../pages/checkins/CheckinsPage')) },
  { path: 'me/clock', titleKey: 'menu.clock', roles: ['employee', 'manager'], icon: <AimOutlined />, component: lazy(() => import('../pages/me/ClockPage')) },
  { path: 'me/profile', titleKey: 'menu.me', roles: ['admin', 'hr', 'manager', 'employee'], hideInMenu: true, component: lazy(() => import('../pages/me/MePage')) },
  { path: 'me/punches', titleKey: 'menu.myPunches', roles: ['employee'], icon: <FieldTimeOutlined />, component: lazy(() => import('../pages/checkins/MyPunchesPage')) },
  { path: 'me/leave', titleKey: 'menu.myBalances', group: 'requests', roles: ['admin', 'hr', 'manager', 'employee'], component: lazy(() => import('../pages/leave/MyBalancesPage')) },
  { path: 'leave/balances', titleKey: 'menu.leaveBalances', group: 'requests', roles: ['admin', 'hr', 'manager'], component: lazy(() => import('../pages/leave/LeaveBalancesPage')) },
  { path: 'attendance/month-close', titleKey: 'menu.monthClose', group: 'attendance', roles: HR, component: lazy(() => import('../pages/leave/MonthClosePage')) },
  { path: 'requests/approvals', titleKey: 'menu.approvals', group: 'requests', roles: ['admin', 'hr', 'manager'], component: lazy(() => import('../pages/requests/ApprovalsPage')) },
  { path: 'requests/mine', titleKey: 'menu.myRequests', group: 'requests', roles: ['admin', 'hr', 'manager', 'employee'], component: lazy(() => import('../pages/requests/MyRequestsPage')) },
  { path: 'setup/companies', titleKey: 'menu.companies', group: 'setup', roles: ADMIN, component: lazy(() => import('../pages/companies/CompaniesPage')) },
  { path: 'setup/departments', titleKey: 'menu.departments', group: 'setup', roles: HR, component: lazy(() => import('../pages/departments/DepartmentsPage')) },
  { path: 'setup/employees', titleKey: 'menu.employees', group: 'setup', roles: HR, component: lazy(() => import('../pages/employees/EmployeesPage')) },
  { path: 'setup/identities', titleKey: 'menu.identities', group: 'setup', roles: HR, component: lazy(() => import('../pages/identities/IdentitiesPage')) },
  { path: 'setup/sites', titleKey: 'menu.sites', group: 'setup', roles: HR, component: lazy(() => import('../pages/sites/SitesPage')) },
  { path: 'setup/shift-types', titleKey: 'menu.shiftTypes', group: 'setup', roles: HR, component: lazy(() => import('../pages/shifts/ShiftTypesPage')) },
  { path: 'setup/attendance-groups', titleKey: 'menu.attendanceGroups', group: 'setup', roles: HR, component: lazy(() => import('../pages/groups/GroupsPage')) },
  { path: 'setup/rosters', titleKey: 'menu.rosters', group: 'setup', roles: HR, component: lazy(() => import('../pages/rosters/RostersPage')) },
  { path: 'setup/holiday-calendars', titleKey: 'menu.holidayCalendars', group: 'setup', roles: HR, component: lazy(() => import('../pages/calendars/CalendarsPage')) },
  { path: 'setup/devices', titleKey: 'menu.devices', group: 'setup', roles: HR, component: lazy(() => import('../pages/devices/DevicesPage')) },
  { path: 'setup/connectors', titleKey: 'menu.connectors', group: 'setup', roles: HR, component: lazy(() => import('../pages/connectors/ConnectorsPage')) },
  { path: 'setup/notifications', titleKey: 'menu.notifications', group: 'setup', roles: HR, component: lazy(() => import('../pages/notifications/NotificationsPage')) },
  { path: 'setup/webhooks', titleKey: 'menu.webhooks', group: 'setup', roles: HR, component: lazy(() => import('../pages/webhooks/WebhooksPage')) },
  { path: 'setup/users', titleKey: 'menu.users', group: 'setup', roles: ADMIN, component: lazy(() => import('../pages/users/UsersPage')) },
  { path: 'setup/audit', titleKey: 'menu.audit', group: 'setup', roles: ADMIN, component: lazy(() => import('../pages/audit/AuditPage')) },
];

export function pagesFor(role: Role): PageDef[] {
  return PAGES.filter((p) => p.roles.includes(role));
}
