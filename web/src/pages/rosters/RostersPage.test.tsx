// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeServer, renderInApp, type ApiCall } from '../../test/harness';
import RostersPage from './RostersPage';

const DATES = ['2026-05-01', '2026-05-02', '2026-05-03'];
const EARLY = { id: 11, code: 'A', name: '早班', color: '#1677ff' };
const NIGHT = { id: 12, code: 'N', name: '夜班', color: '#722ed1' };
const GRID = {
  companyId: 7,
  dates: DATES,
  shiftTypes: [EARLY, NIGHT],
  rows: [
    {
      employeeId: 31, jobNumber: 'E031', name: '王五', departmentId: 1,
      cells: [
        { shiftTypeId: 11, source: 'entry', groupId: 5 },
        { shiftTypeId: 12, source: 'cycle', groupId: 5 },
        { shiftTypeId: null, source: 'entry', groupId: 5 },
      ],
    },
    {
      employeeId: 32, jobNumber: 'E032', name: '赵六', departmentId: 1,
      cells: [null, { shiftTypeId: null, source: 'none', groupId: 6 }, { shiftTypeId: 11, source: 'entry', groupId: 6 }],
    },
  ],
};
const ROUTES = {
  'GET /departments': { items: [{ id: 1, companyId: 7, parentId: null, name: '护理部', code: 'N', managerEmployeeId: null, active: true }], total: 1 },
  'GET /attendance-groups': { items: [{ id: 5, name: '一病区', kind: 'roster', holidayCalendarId: 9 }, { id: 6, name: '二病区', kind: 'roster', holidayCalendarId: 9 }], total: 2 },
  'GET /shift-types': { items: [EARLY, NIGHT], total: 2 },
  'GET /rosters': GRID,
  'GET /holiday-calendars/9/days': { items: [{ date: '2026-05-01', dayType: 'statutory_holiday', name: '劳动节' }], total: 1 },
  'PUT /rosters': { saved: 1, employees: 1, fromDate: '2026-05-01', toDate: '2026-05-03' },
};

/** The cell of an employee on a date: every cell says its date (and what it holds) in its label. */
function cellOf(name: string, date: string): HTMLElement {
  const row = screen.getByText(name).closest('tr')!;
  const cells = row.querySelectorAll('td');
  return cells[DATES.indexOf(date) + 1].firstElementChild as HTMLElement;
}
const puts = (calls: ApiCall[]) => calls.filter((c) => c.method === 'PUT' && c.path === '/rosters');

async function openPage(routes: Record<string, unknown> = {}) {
  const server = fakeServer({ ...ROUTES, ...routes });
  await renderInApp(<RostersPage />);
  await screen.findByText('王五');
  return server;
}

describe('roster grid', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows entries, cycle days, rest days and days outside any roster group', async () => {
    const server = await openPage();
    expect(cellOf('王五', '2026-05-01').textContent).toBe('A');
    expect(cellOf('王五', '2026-05-01').getAttribute('aria-label')).toBe('2026-05-01 · 早班');
    expect(cellOf('王五', '2026-05-02').textContent).toBe('N');
    expect(cellOf('王五', '2026-05-02').getAttribute('aria-label')).toBe('2026-05-02 · 夜班 · 按循环');
    expect(cellOf('王五', '2026-05-03').textContent).toBe('休');
    expect(cellOf('赵六', '2026-05-01').getAttribute('aria-label')).toBe('当天不在排班制考勤组');
    expect(cellOf('赵六', '2026-05-01').getAttribute('role')).toBeNull();
    expect(cellOf('赵六', '2026-05-02').getAttribute('aria-label')).toBe('2026-05-02 · 未排班');
    // The month asked for is the one shown, and the shared holiday calendar marks 05-01.
    const grid = server.calls.find((c) => c.path === '/rosters')!;
    expect(grid.query.get('companyId')).toBe('7');
    expect(grid.query.get('from')!.slice(8)).toBe('01');
    await waitFor(() => expect(screen.getByText('王五').closest('table')!.querySelector('th[title="法定节假日 · 劳动节"]')).not.toBeNull());
    expect((screen.getByRole('button', { name: /保存/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('fills a cell and a whole row with a brush, and saves exactly the edited cells', async () => {
    const server = await openPage();
    await userEvent.click(screen.getByText('A 早班'));
    await userEvent.click(cellOf('赵六', '2026-05-02'));
    expect(cellOf('赵六', '2026-05-02').getAttribute('aria-label')).toBe('2026-05-02 · 早班 · 未保存');
    // The name fills the row: every cell of it that can be rostered.
    await userEvent.click(screen.getByText('王五'));
    await userEvent.click(screen.getByRole('button', { name: /保存（4）/ }));
    await waitFor(() => expect(puts(server.calls)).toHaveLength(1));
    expect(puts(server.calls)[0].body).toEqual({
      companyId: 7,
      entries: [
        { employeeId: 32, date: '2026-05-02', shiftTypeId: 11 },
        { employeeId: 31, date: '2026-05-01', shiftTypeId: 11 },
        { employeeId: 31, date: '2026-05-02', shiftTypeId: 11 },
        { employeeId: 31, date: '2026-05-03', shiftTypeId: 11 },
      ],
    });
    // Saved: the grid is read again and nothing is left unsaved.
    await waitFor(() => expect(server.calls.filter((c) => c.method === 'GET' && c.path === '/rosters')).toHaveLength(2));
    expect((screen.getByRole('button', { name: /保存/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('picks a shift or a rest day for one cell, and undoes a cell', async () => {
    const server = await openPage();
    await userEvent.click(cellOf('王五', '2026-05-01'));
    await userEvent.click(await screen.findByRole('button', { name: 'N · 夜班' }));
    expect(cellOf('王五', '2026-05-01').textContent).toBe('N');
    await userEvent.click(cellOf('王五', '2026-05-02'));
    const popover = await screen.findByText('王五 · 2026-05-02');
    // antd spaces out a two-character Chinese button label: 休 息.
    await userEvent.click(within(popover.closest('.ant-popover') as HTMLElement).getByRole('button', { name: /^休\s?息$/ }));
    expect(cellOf('王五', '2026-05-02').textContent).toBe('休');
    await userEvent.click(cellOf('王五', '2026-05-01'));
    await userEvent.click(await screen.findByRole('button', { name: /撤销本格修改/ }));
    expect(cellOf('王五', '2026-05-01').textContent).toBe('A');
    await userEvent.click(screen.getByRole('button', { name: /保存（1）/ }));
    await waitFor(() => expect(puts(server.calls)).toHaveLength(1));
    expect(puts(server.calls)[0].body).toEqual({ companyId: 7, entries: [{ employeeId: 31, date: '2026-05-02', shiftTypeId: null }] });
  });

  it('marks the cells the server refused and keeps the edits', async () => {
    await openPage({ 'PUT /rosters': apiError(400, 'VALIDATION_FAILED', { problems: [{ path: 'body.entries[1].shiftTypeId', code: 'UNKNOWN_SHIFT_TYPE', message: 'shift type 12 is not active' }] }) });
    await userEvent.click(screen.getByText('N 夜班'));
    await userEvent.click(cellOf('王五', '2026-05-01'));
    await userEvent.click(cellOf('赵六', '2026-05-03'));
    await userEvent.click(screen.getByRole('button', { name: /保存（2）/ }));
    expect(await screen.findByText('1 个单元格未能保存，已用红框标出，鼠标移上可查看原因。')).toBeTruthy();
    expect(cellOf('赵六', '2026-05-03').getAttribute('aria-label')).toBe('2026-05-03 · 夜班 · 未保存 · 班次不存在或已停用。');
    expect(cellOf('王五', '2026-05-01').getAttribute('aria-label')).toBe('2026-05-01 · 夜班 · 未保存');
    expect((screen.getByRole('button', { name: /保存（2）/ }) as HTMLButtonElement).disabled).toBe(false);
  });
});
