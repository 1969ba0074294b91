import type { ReactNode } from 'react';
import { AimOutlined, AuditOutlined, CalendarOutlined, DashboardOutlined, FormOutlined, UserOutlined } from '@ant-design/icons';
import type { Role } from '../api/types';

export interface PhoneTab {
  path: string;
  titleKey: string;
  icon: ReactNode;
}

const ME: PhoneTab = { path: 'me/profile', titleKey: 'menu.me', icon: <UserOutlined /> };
const CLOCK: PhoneTab = { path: 'me/clock', titleKey: 'menu.clock', icon: <AimOutlined /> };

/**
 * The bottom tab bar on a phone: what each role does most from a phone. Everything else stays
 * reachable from 我的, which lists every page of the role.
 */
export function phoneTabsFor(role: Role): PhoneTab[] {
  switch (role) {
    case 'employee':
      return [{ path: 'me/month', titleKey: 'menu.myMonth', icon: <CalendarOutlined /> }, CLOCK, { path: 'requests/mine', titleKey: 'menu.myRequestsShort', icon: <FormOutlined /> }, ME];
    case 'manager':
      return [{ path: 'dashboard', titleKey: 'menu.dashboard', icon: <DashboardOutlined /> }, CLOCK, { path: 'requests/approvals', titleKey: 'menu.approvals', icon: <AuditOutlined /> }, ME];
    default:
      return [
        { path: 'dashboard', titleKey: 'menu.dashboard', icon: <DashboardOutlined /> },
        { path: 'attendance/daily', titleKey: 'menu.dailyResults', icon: <CalendarOutlined /> },
        { path: 'requests/approvals', titleKey: 'menu.approvals', icon: <AuditOutlined /> },
        ME,
      ];
  }
}
