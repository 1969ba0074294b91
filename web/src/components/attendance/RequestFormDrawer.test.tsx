// @vitest-environment happy-dom
import dayjs from 'dayjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, COMPANY, fakeServer, renderInApp, type ApiCall } from '../../test/harness';
import { RequestFormDrawer, type RequestPreset } from './RequestFormDrawer';
import { requestBody } from './request-body';
import { priceBody, windowHours } from './LeaveCostPreview';

const LEAVE_TYPES = {
  items: [
    { id: 1, code: 'annual', name: '年假', paid: true, unit: 'half_day', active: true },
    { id: 2, code: 'personal', name: '事假', paid: false, unit: 'hour', active: true },
    { id: 3, code: 'marriage', name: '婚假', paid: true, unit: 'day', active: true },
    { id: 4, code: 'old', name: '停用假', paid: true, unit: 'day', active: false },
  ],
  total: 4,
};
const FILED = { id: 50, kind: 'leave', status: 'pending' };

async function open(preset: RequestPreset, routes: Record<string, unknown> = {}, zone = 'Asia/Shanghai') {
  const onFiled = vi.fn();
  const server = fakeServer({ 'GET /leave-types': LEAVE_TYPES, 'POST /requests': FILED, ...routes }, { companies: [{ ...COMPANY, timeZone: zone }] });
  await renderInApp(<RequestFormDrawer preset={preset} onClose={() => {}} onFiled={onFiled} />);
  await screen.findByText('发起申请');
  return { server, onFiled, posts: () => server.calls.filter((c: ApiCall) => c.method === 'POST' && c.path === '/requests') };
}

async function pickLeaveType(label: string) {
  await userEvent.click(screen.getByRole('combobox'));
  await userEvent.click(await screen.findByText(label));
}

const submit = () => userEvent.click(screen.getByRole('button', { name: '提交申请' }));

describe('request form', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('offers active leave types only, with their unit', async () => {
    await open({ kind: 'leave', date: '2026-03-10' });
    await userEvent.click(screen.getByRole('combobox'));
    expect(await screen.findByText('年假（按半天）')).toBeTruthy();
    expect(screen.getByText('事假（按小时）')).toBeTruthy();
    expect(screen.getByText('婚假（按天）')).toBeTruthy();
    expect(screen.queryByText(/停用假/)).toBeNull();
  });

  it('offers a time window for an hourly leave type, and builds its body in the company’s zone', async () => {
    await open({ kind: 'leave', date: '2026-03-10' });
    await pickLeaveType('事假（按小时）');
    expect(await screen.findByText('请假时段')).toBeTruthy();
    // What the form sends for a window (the picker itself is antd's): the instants R1 gives the wall times.
    const day = dayjs('2026-03-10');
    const body = requestBody({ kind: 'leave', leaveType: 'personal', fromDate: [day, day], half: 'none', leaveWindow: [dayjs('2026-03-10T16:00'), dayjs('2026-03-10T18:00')] }, 'Asia/Shanghai');
    expect(body).toEqual({ kind: 'leave', leaveType: 'personal', fromDate: '2026-03-10', toDate: '2026-03-10', half: null, from: '2026-03-10T16:00:00+08:00', to: '2026-03-10T18:00:00+08:00' });
    const night = requestBody({ kind: 'leave', leaveType: 'personal', fromDate: [day, day], leaveWindow: [dayjs('2026-03-10T23:00'), dayjs('2026-03-10T01:00')] }, 'Asia/Shanghai');
    expect(night).toMatchObject({ from: '2026-03-10T23:00:00+08:00', to: '2026-03-11T01:00:00+08:00' });
  });

  it('offers half days but no hours for a half-day type, and neither for a whole-day type', async () => {
    const { posts } = await open({ kind: 'leave', date: '2026-03-10' });
    await pickLeaveType('年假（按半天）');
    expect(screen.queryByRole('spinbutton')).toBeNull();
    await userEvent.click(screen.getByText('上午'));
    await submit();
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0].body).toEqual({ kind: 'leave', leaveType: 'annual', fromDate: '2026-03-10', toDate: '2026-03-10', half: 'am' });

    await pickLeaveType('婚假（按天）');
    expect(screen.queryByText('时段')).toBeNull();
    expect(screen.queryByRole('spinbutton')).toBeNull();
  });

  it('sends nothing until the required fields are filled', async () => {
    const { posts } = await open({ kind: 'leave', date: '2026-03-10' });
    await submit();
    expect(await screen.findByText('请选择假期类型')).toBeTruthy();
    expect(posts()).toHaveLength(0);
  });

  it('files a 补卡 at the wall time in the company’s zone, and needs a reason', async () => {
    // 2026-03-09 is the day after New York moved to summer time (−04:00).
    const { posts, onFiled } = await open({ kind: 'correction', date: '2026-03-09', time: '09:05' }, {}, 'America/New_York');
    await submit();
    expect(await screen.findByText('请填写补卡事由')).toBeTruthy();
    expect(posts()).toHaveLength(0);
    await userEvent.type(screen.getByLabelText('事由'), '  忘记打卡  ');
    await submit();
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0].body).toEqual({ kind: 'correction', time: '2026-03-09T09:05:00-04:00', reason: '忘记打卡' });
    await waitFor(() => expect(onFiled).toHaveBeenCalledTimes(1));
  });

  it('says the server’s rule in words and keeps the form open when a request is refused', async () => {
    const { posts, onFiled } = await open(
      { kind: 'correction', date: '2026-01-05', time: '09:00' },
      { 'POST /requests': apiError(400, 'CORRECTION_DEADLINE_PASSED', { field: 'body.time', deadlineDays: 30, ageDays: 61 }) },
    );
    await userEvent.type(screen.getByLabelText('事由'), '补打卡');
    await submit();
    expect(await screen.findByText('已超过补卡期限：补卡须在 30 天内提交，这一天已过去 61 天')).toBeTruthy();
    expect(posts()).toHaveLength(1);
    expect(onFiled).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: '提交申请' })).toBeTruthy();
  });

  describe('cost preview', () => {
    // The preview waits for the typing to stop, then for the server: longer than findBy's default second.
    const SLOW = { timeout: 10_000 };
    const price = (over: Record<string, unknown> = {}) => ({
      leaveType: 'annual', unit: 'half_day', amount: 2, days: [{ date: '2026-03-10', amount: 1 }, { date: '2026-03-13', amount: 1 }], freeDates: ['2026-03-11', '2026-03-12'], tracked: true, available: 5, fits: true, ...over,
    });
    const priceCalls = (server: { calls: ApiCall[] }) => server.calls.filter((c) => c.method === 'POST' && c.path === '/leave-balances/price');

    it('asks the server once the type and dates are chosen, and shows each day, the free days and the balance after', async () => {
      const { server } = await open({ kind: 'leave', date: '2026-03-10' }, { 'POST /leave-balances/price': price() });
      expect(priceCalls(server)).toHaveLength(0);
      await pickLeaveType('年假（按半天）');
      expect(await screen.findByText('本次请假扣减 2 天', {}, SLOW)).toBeTruthy();
      expect(priceCalls(server)).toHaveLength(1);
      expect(priceCalls(server)[0].body).toEqual({ leaveType: 'annual', fromDate: '2026-03-10', toDate: '2026-03-10', half: null, hours: null });
      expect(screen.getByText('2026-03-13')).toBeTruthy();
      expect(screen.getByText('03-11、03-12 为休息日或节假日，不扣减（共 2 天）')).toBeTruthy();
      expect(screen.getByText('当前可用 5 天，提交后剩余 3 天')).toBeTruthy();
      expect(screen.queryByText(/余额不足/)).toBeNull();
    });

    it('prices a half day again after the change, once, and says plainly when the balance does not cover it', async () => {
      const { server } = await open({ kind: 'leave', date: '2026-03-10' }, {
        'POST /leave-balances/price': (c: ApiCall) => {
          const half = (c.body as { half: string | null }).half;
          return half ? price({ amount: 0.5, days: [{ date: '2026-03-10', amount: 0.5 }], freeDates: [], available: 0, fits: false }) : price();
        },
      });
      await pickLeaveType('年假（按半天）');
      await screen.findByText('本次请假扣减 2 天', {}, SLOW);
      await userEvent.click(screen.getByText('上午'));
      expect(await screen.findByText('余额不足：本次需 0.5 天，可用 0 天，提交会被拒绝', {}, SLOW)).toBeTruthy();
      await waitFor(() => expect(priceCalls(server)).toHaveLength(2));
      expect(priceCalls(server)[1].body).toMatchObject({ half: 'am' });
    });

    it('says when a type keeps no balance, and when going negative is allowed', async () => {
      await open({ kind: 'leave', date: '2026-03-10' }, { 'POST /leave-balances/price': price({ leaveType: 'marriage', unit: 'day', tracked: false, available: null, amount: 1, days: [{ date: '2026-03-10', amount: 1 }], freeDates: [] }) });
      await pickLeaveType('婚假（按天）');
      expect(await screen.findByText('该假期类型不记余额', {}, SLOW)).toBeTruthy();
      cleanup();
      await open({ kind: 'leave', date: '2026-03-10' }, { 'POST /leave-balances/price': price({ available: 1, fits: true }) });
      await pickLeaveType('年假（按半天）');
      expect(await screen.findByText('该假期允许透支，提交后余额为负', {}, SLOW)).toBeTruthy();
    });

    it('shows the server’s refusal of the request in words', async () => {
      await open({ kind: 'leave', date: '2026-03-10' }, { 'POST /leave-balances/price': apiError(409, 'MONTH_CLOSED', { month: '2026-03' }) });
      await pickLeaveType('年假（按半天）');
      expect(await screen.findByText('2026-03 已锁定用于核算工资，不能再修改；请先解锁或改在未锁定的月份', {}, SLOW)).toBeTruthy();
    });

    it('builds the price body from the form: hours of a window, a half only on one day', () => {
      const d = dayjs('2026-03-10');
      expect(priceBody({ leaveType: 'personal', fromDate: [d, d], leaveWindow: [dayjs('2026-03-10T14:00'), dayjs('2026-03-10T17:30')] })).toEqual({ leaveType: 'personal', fromDate: '2026-03-10', toDate: '2026-03-10', half: null, hours: 3.5 });
      expect(windowHours([dayjs('2026-03-10T22:00'), dayjs('2026-03-10T02:00')])).toBe(4);
      expect(priceBody({ leaveType: 'annual', fromDate: [d, d.add(2, 'day')], half: 'pm' })).toMatchObject({ toDate: '2026-03-12', half: null });
      expect(priceBody({ leaveType: 'annual', fromDate: [d, d], half: 'pm' })).toMatchObject({ half: 'pm' });
      expect(priceBody({ fromDate: [d, d] })).toBeNull();
    });
  });
});
