// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { apiError, fakeServer, renderInApp } from '../../test/harness';
import { DayDetailDrawer } from './DayDetailDrawer';
import type { DayDetail, DayFigures, DayPunch, LeaveRequest, StoredDay } from './types';

const DATE = '2026-03-10';
const FIGURES: DayFigures = {
  status: 'present', late: true, lateMinutes: 12, lateLevel: 'late', early: false, earlyMinutes: 0, missingIn: false, missingOut: false,
  workedMinutes: 518, overtimeMinutes: 0, overtimeCategory: 'workday', overtimePayMultiplier: 1,
  inTime: `${DATE}T09:12:00+08:00`, outTime: '2026-03-11T01:10:00+08:00', ignoredPunchCount: 0, duplicatePunchCount: 0, leaveMinutes: 0,
};
const STORED: StoredDay = { ...FIGURES, date: DATE, dayType: 'workday', groupId: 3, shiftTypeId: 4, leaveType: 'personal', leaveHalf: 'pm', correctionsUsed: 1, computedAtMs: Date.parse('2026-03-11T02:00:00Z'), unapprovedOvertimeMinutes: null, flags: [], inProgress: false };
const punch = (id: number, time: string, extra: Partial<DayPunch> = {}): DayPunch => ({
  id, atMs: Date.parse(time), time, source: 'zkteco', deviceSn: 'ZK01', verifyMethod: 'fingerprint', location: null, counted: true, holdReason: null, named: false, ...extra,
});
const detail = (over: Partial<DayDetail> = {}): DayDetail => ({
  employee: { id: 21, name: '李员工', jobNumber: 'E001', departmentId: 1 },
  date: DATE,
  day: STORED,
  live: null,
  stale: false,
  explanation: [{ field: 'lateMinutes', rule: 'R5', code: 'late', params: { minutes: 12, in: '09:12', start: '09:00', grace: 0 } }],
  explanationSource: 'stored',
  punches: [
    punch(1, `${DATE}T09:12:07+08:00`, { named: true }),
    punch(2, `${DATE}T12:01:00+08:00`, { counted: false, holdReason: 'device pending', source: 'dingtalk', deviceSn: null }),
    punch(3, '2026-03-11T01:10:00+08:00', { named: true, source: 'web', location: { address: '上海总部', wifiSsid: 'acme-office' } }),
  ],
  ...over,
});
const request = (id: number, from: string, to: string, extra: Partial<LeaveRequest> = {}): LeaveRequest => ({
  id, companyId: 7, employeeId: 21, kind: 'leave', status: 'approved', leaveType: 'personal', fromDate: from, toDate: to, half: 'pm', hours: null,
  fromMs: null, toMs: null, correctionAtMs: null, reason: null, source: 'web', decidedByUserId: 1, decidedAtMs: 1, decisionNote: null, createdAtMs: 1, createdByUserId: null, updatedAtMs: 1, externalId: null, ...extra,
});
const LOOKUPS = {
  'GET /leave-types': { items: [{ id: 1, code: 'personal', name: '事假', paid: false, unit: 'hour', active: true }], total: 1 },
  'GET /shift-types/4': { id: 4, code: 'D', name: '白班' },
  'GET /attendance-groups/3': { id: 3, name: '总部' },
};

/** The text of the bordered description cell labelled `label`. */
function cell(label: string): string {
  const th = screen.getAllByText(label).find((el) => el.closest('th'))!;
  return th.closest('th')!.nextElementSibling!.textContent ?? '';
}

describe('day detail drawer', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the stored figures, the inputs they came from, and the requests of that date only', async () => {
    const server = fakeServer({
      ...LOOKUPS,
      [`GET /attendance/days/21/${DATE}`]: detail(),
      'GET /requests': { items: [request(8, DATE, DATE), request(9, '2026-03-12', '2026-03-13', { status: 'pending' })], total: 2 },
    });
    await renderInApp(<DayDetailDrawer target={{ employeeId: 21, date: DATE }} onClose={() => {}} />);

    await screen.findByText(`李员工（E001） · ${DATE}`);
    expect(screen.getByText('迟到 12 分钟')).toBeTruthy();
    expect(cell('上班打卡')).toBe('09:12');
    // The out punch is after midnight: it carries its own date.
    expect(cell('下班打卡')).toBe('03-11 01:10');
    expect(cell('工作时长')).toBe('8 小时 38 分钟');
    expect(cell('加班')).toBe('—');
    expect(cell('日期类型')).toBe('工作日');
    expect(await screen.findByText('白班')).toBeTruthy();
    expect(await screen.findByText('总部')).toBeTruthy();
    expect(await screen.findByText('事假 · 下午')).toBeTruthy();
    expect(cell('补卡')).toBe('已用 1 次补卡');
    // Only the request that covers the date; the one of 03-12 is someone else's business here.
    const requests = cell('相关申请');
    expect(requests).toContain('已通过');
    expect(requests).not.toContain('审批中');
    expect(server.calls.find((c) => c.path === '/requests')!.query.get('employeeId')).toBe('21');
    expect(screen.queryByText('排班、假期或打卡已变化，结果尚未重新计算；下方说明按当前数据给出。')).toBeNull();
  });

  it('lists the punches with the ones the rules used, the held ones and the next day’s', async () => {
    fakeServer({ ...LOOKUPS, [`GET /attendance/days/21/${DATE}`]: detail(), 'GET /requests': { items: [], total: 0 } });
    await renderInApp(<DayDetailDrawer target={{ employeeId: 21, date: DATE }} onClose={() => {}} />);
    const first = (await screen.findByText('09:12:07')).closest('tr')!;
    expect(within(first).getByText('已采用')).toBeTruthy();
    expect(within(first).getByText('中控考勤机')).toBeTruthy();
    expect(within(first).getByText('指纹')).toBeTruthy();
    const held = screen.getByText('12:01:00').closest('tr')!;
    expect(within(held).getByText('已搁置')).toBeTruthy();
    expect(within(held).queryByText('已采用')).toBeNull();
    const late = screen.getByText('03-11 01:10:00').closest('tr')!;
    expect(late.textContent).toContain('上海总部');
    expect(late.textContent).toContain('acme-office');
    // The engine's reason code, rendered in the page's language (zh-CN here).
    expect(screen.getByText('迟到 12 分钟：上班 09:12 晚于 09:00 + 宽限 0 分钟', { exact: false })).toBeTruthy();
  });

  it('names every late level, and warns when the stored result is out of date', async () => {
    fakeServer({
      ...LOOKUPS,
      [`GET /attendance/days/21/${DATE}`]: detail({ stale: true, day: { ...STORED, lateMinutes: 45, lateLevel: 'serious' } }),
      'GET /requests': { items: [], total: 0 },
    });
    await renderInApp(<DayDetailDrawer target={{ employeeId: 21, date: DATE }} onClose={() => {}} />);
    expect(await screen.findByText('严重迟到 45 分钟')).toBeTruthy();
    expect(screen.getByText('排班、假期或打卡已变化，结果尚未重新计算；下方说明按当前数据给出。')).toBeTruthy();
  });

  it('computes a day that has no stored result live, and says so', async () => {
    fakeServer({
      ...LOOKUPS,
      [`GET /attendance/days/21/${DATE}`]: detail({ day: null, stale: true, live: { ...FIGURES, late: false, lateMinutes: 0, lateLevel: 'none', dayType: 'rest_day' }, explanationSource: 'live' }),
      'GET /requests': { items: [], total: 0 },
    });
    await renderInApp(<DayDetailDrawer target={{ employeeId: 21, date: DATE }} onClose={() => {}} />);
    expect(await screen.findByText('这一天还没有计算结果，下方按当前数据即时计算。')).toBeTruthy();
    expect(cell('日期类型')).toBe('休息日');
    expect(cell('班次')).toBe('无班次（休息）');
    expect(screen.getByText('（按当前数据即时计算）')).toBeTruthy();
    expect(screen.queryByText(/^迟到 \d+ 分钟$/)).toBeNull();
  });

  it('says why a day cannot be shown', async () => {
    fakeServer({ ...LOOKUPS, [`GET /attendance/days/21/${DATE}`]: apiError(404, 'NOT_FOUND'), 'GET /requests': { items: [], total: 0 } });
    await renderInApp(<DayDetailDrawer target={{ employeeId: 21, date: DATE }} onClose={() => {}} />);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByText('打卡记录')).toBeNull();
  });
});
