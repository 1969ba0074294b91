// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { fakeServer, ME, renderInApp } from '../../test/harness';
import MyMonthPage from './MyMonthPage';

// Noon in Shanghai on 2026-12-07.
const NOW = Date.parse('2026-12-07T12:00:00+08:00');

const day = (date: string, status: string, extra: Record<string, unknown> = {}) => ({
  employee: { id: 3, name: '李员工', jobNumber: 'E001', departmentId: 1, departmentName: '研发部' },
  date, dayType: 'workday', groupId: 5, shiftTypeId: 11, status, late: false, lateMinutes: 0, lateLevel: 'none', early: false, earlyMinutes: 0,
  missingIn: false, missingOut: false, workedMinutes: 0, overtimeMinutes: 0, overtimeCategory: 'workday', overtimePayMultiplier: 1, inTime: null, outTime: null,
  ignoredPunchCount: 0, duplicatePunchCount: 0, leaveMinutes: 0, unapprovedOvertimeMinutes: null, leaveType: null, leaveHalf: null, flags: [], correctionsUsed: 0,
  computedAtMs: NOW, inProgress: false, ...extra,
});

describe('my month', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('shows today in progress as 待打卡, not 旷工, and future approved leave as 计划请假', async () => {
    fakeServer(
      {
        'GET /attendance/days': {
          items: [
            day('2026-12-04', 'absent', { missingIn: true, missingOut: true }),
            day('2026-12-07', 'absent', { missingIn: true, missingOut: true, inProgress: true }),
            day('2026-12-09', 'on_leave', { leaveType: 'annual' }),
          ],
          total: 3,
        },
      },
      { user: { ...ME, role: 'employee', employeeId: 3 } },
    );
    await renderInApp(<MyMonthPage />);
    const cell = (date: string) => document.querySelector(`.daka-day[data-date="${date}"]`);
    await waitFor(() => expect(cell('2026-12-07')).not.toBeNull());
    expect(cell('2026-12-07')!.getAttribute('data-status')).toBe('in_progress');
    expect(cell('2026-12-07')!.textContent).toContain('待打卡');
    expect(cell('2026-12-07')!.textContent).not.toContain('旷工');
    expect(cell('2026-12-07')!.textContent).not.toContain('缺卡');
    expect(cell('2026-12-04')!.getAttribute('data-status')).toBe('absent');
    expect(cell('2026-12-09')!.getAttribute('data-status')).toBe('planned_leave');
    expect(cell('2026-12-09')!.textContent).toContain('计划请假');
    // Only the closed day counts as 旷工 in the month's figures.
    const figure = (title: string) => screen.getByText(title).closest('.ant-statistic')!.querySelector('.ant-statistic-content')!.textContent;
    expect(figure('旷工（天）')).toBe('1');
    expect(figure('缺卡（次）')).toBe('0');
  });

  it("opens the linked day's detail from a notification link (?month=…&date=…)", async () => {
    const server = fakeServer(
      { 'GET /attendance/days': { items: [day('2026-03-02', 'late')], total: 1 } },
      { user: { ...ME, role: 'employee', employeeId: 3 } },
    );
    await renderInApp(<MyMonthPage />, { route: '/me/month?month=2026-03&date=2026-03-02' });
    await waitFor(() => expect(server.calls.some((c) => c.path === '/attendance/days/3/2026-03-02')).toBe(true), { timeout: 8000 });
    const list = server.calls.find((c) => c.path === '/attendance/days')!;
    expect(list.query.get('from')).toBe('2026-03-01');
    expect(document.querySelector('.ant-drawer')).not.toBeNull();
  });
});
