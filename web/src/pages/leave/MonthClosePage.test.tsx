// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeServer, renderInApp } from '../../test/harness';
import MonthClosePage from './MonthClosePage';

const close = (id: number, scope: 'company' | 'department' | 'all', departmentId: number | null) => ({
  id, companyId: 7, month: '2026-10', scope, departmentId, status: 'closed', closedAtMs: Date.UTC(2026, 10, 3, 2), closedByUserId: 1, employeeCount: 12,
  reopenedAtMs: null, reopenedByUserId: null, reopenReason: null,
});
const fields = (status: string) => ({
  status, dayType: 'workday', late: false, lateMinutes: 0, lateLevel: 'none', early: false, earlyMinutes: 0, missingIn: false, missingOut: status === 'missing_punch',
  workedMinutes: 480, overtimeMinutes: 0, leaveType: null, leaveMinutes: 0, inTime: '09:00', outTime: null, reasons: [],
});
const adjustment = {
  id: 3, employeeId: 21, jobNumber: 'YS0021', name: '李晓明', date: '2026-10-30', closedMonth: '2026-10', carriedIntoMonth: '2026-11', kind: 'result', source: 'correction',
  sourceRef: 'request:9', requestId: 9, before: fields('missing_punch'), after: fields('present'), leaveType: null, leaveUnitsBefore: null, leaveUnitsAfter: null, createdAtMs: Date.UTC(2026, 10, 5),
};

describe('月度锁定', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows each close with its scope, and the adjustments carried into a payroll month in Chinese', async () => {
    const server = fakeServer({
      'GET /month-closes': { items: [close(1, 'department', 11), close(2, 'company', null)] },
      'GET /departments': { items: [{ id: 11, companyId: 7, name: '研发中心', code: 'RD', parentId: null, managerEmployeeId: null, active: true }], total: 1 },
      'GET /payroll-adjustments': { items: [adjustment], total: 1, page: 1, pageSize: 50 },
    });
    await renderInApp(<MonthClosePage />);
    await screen.findByText('研发中心');
    expect(screen.getAllByText('本公司').length).toBeGreaterThan(0);
    expect(await screen.findByText('调整明细')).toBeTruthy();
    await screen.findByText('YS0021');
    expect(screen.getByText('补卡')).toBeTruthy();
    expect(screen.getByText('缺卡 → 正常')).toBeTruthy();
    const asked = server.calls.find((c) => c.path === '/payroll-adjustments')!;
    expect(asked.query.get('companyId')).toBe('7');
    expect(asked.query.get('month')).toMatch(/^\d{4}-\d{2}$/);
  });

  it('closes a month for every company when 全部公司 is chosen', async () => {
    const server = fakeServer({
      'GET /month-closes': { items: [] },
      'GET /departments': { items: [], total: 0 },
      'GET /payroll-adjustments': { items: [], total: 0, page: 1, pageSize: 50 },
      'POST /month-closes': { items: [close(5, 'all', null), { ...close(6, 'all', null), companyId: 8 }] },
    });
    await renderInApp(<MonthClosePage />);
    fireEvent.click(await screen.findByText('全部公司'));
    const input = document.querySelector('.ant-space .ant-picker input') as HTMLInputElement;
    fireEvent.mouseDown(input);
    fireEvent.change(input, { target: { value: '2026-10' } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    const button = screen.getByRole('button', { name: '锁定该月' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    await waitFor(() => expect(server.writes()).toMatchObject([{ method: 'POST', path: '/month-closes', body: { scope: 'all', month: '2026-10' } }]));
    expect((server.writes()[0].body as Record<string, unknown>).companyId).toBeUndefined();
    await screen.findByText('2026-10 已锁定：2 个公司');
  });
});
