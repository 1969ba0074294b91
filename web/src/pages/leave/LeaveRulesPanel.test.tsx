// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, fakeServer, renderInApp, type ApiCall } from '../../test/harness';
import { formValuesOf, LeaveRulesPanel, rulesOf, type BalanceRules } from './LeaveRulesPanel';

const STATUTORY: BalanceRules = { accrual: 'statutory_annual', amount: 0, bands: [], welfareDays: 2, expiresAtYearEnd: true, carryOver: { cap: 5, expiresOn: '03-31' }, allowNegative: false, calendarDays: false, creditExpiryDays: 0 };
const RULES = {
  items: [
    { leaveType: 'annual', name: '年假', unit: 'half_day', rules: STATUTORY },
    { leaveType: 'sick', name: '病假', unit: 'half_day', rules: null },
  ],
};

async function open(put: unknown = (c: ApiCall) => ({ leaveType: 'sick', rules: (c.body as { rules: unknown }).rules })) {
  const server = fakeServer({ 'GET /leave-balances/rules': RULES, 'PUT /leave-types/sick/balance-rules': put, 'PUT /leave-types/annual/balance-rules': put });
  await renderInApp(<LeaveRulesPanel companyId={7} />);
  await screen.findByText('年假');
  return server;
}
const puts = (server: { calls: ApiCall[] }) => server.calls.filter((c) => c.method === 'PUT');
const editRow = async (name: string) => {
  const row = screen.getByText(name).closest('tr')!;
  await userEvent.click(within(row as HTMLElement).getByRole('button', { name: '编辑规则' }));
  await screen.findByText(`${name}：余额规则`);
};

// Antd renders slowly on a busy machine: wait for answers longer than the default second.
configure({ asyncUtilTimeout: 10_000 });

describe('leave rules editor', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('says in one line what each type’s rules do', async () => {
    await open();
    expect(screen.getByText('法定年休假；另加福利年假 2 天；最多结转 5 天，次年 03-31 前有效；不可透支')).toBeTruthy();
    expect(screen.getByText('不记余额')).toBeTruthy();
  });

  it('starts tracking a type with a yearly grant by seniority band and sends the rules the server takes', async () => {
    const server = await open();
    await editRow('病假');
    await userEvent.click(screen.getByRole('switch', { name: '记余额' }));
    await userEvent.click(await screen.findByRole('combobox'));
    await userEvent.click(await screen.findByText('每年 1 月 1 日固定发放'));
    const amount = await screen.findByLabelText('每年发放（天）');
    fireEvent.change(amount, { target: { value: '5' } });
    await userEvent.click(screen.getByRole('button', { name: /添加一档/ }));
    const [years, days] = screen.getAllByRole('spinbutton').slice(1, 3);
    fireEvent.change(years, { target: { value: '3' } });
    fireEvent.change(days, { target: { value: '7' } });
    await userEvent.click(screen.getByRole('button', { name: '保 存' }));
    await waitFor(() => expect(puts(server)).toHaveLength(1));
    expect(puts(server)[0].body).toEqual({
      companyId: 7,
      rules: { accrual: 'yearly', amount: 5, bands: [{ fromYears: 3, amount: 7 }], welfareDays: 0, expiresAtYearEnd: false, carryOver: null, allowNegative: false, calendarDays: false, creditExpiryDays: 0 },
    });
  }, 90_000);

  it('checks the carry-over date before sending and shows the server’s code in words', async () => {
    const server = await open(apiError(400, 'CARRY_OVER_NEEDS_YEAR_END', { field: 'body.rules.carryOver' }));
    await editRow('年假');
    const date = screen.getByLabelText('结转额度有效至次年（月-日）');
    await userEvent.clear(date);
    await userEvent.type(date, '3-31');
    await userEvent.click(screen.getByRole('button', { name: '保 存' }));
    expect(await screen.findByText('请按“月-日”填写，如 03-31')).toBeTruthy();
    expect(puts(server)).toHaveLength(0);
    await userEvent.clear(date);
    await userEvent.type(date, '04-30');
    await userEvent.click(screen.getByRole('button', { name: '保 存' }));
    expect(await screen.findByText('结转只适用于年底清零的额度，请先打开“年底清零”')).toBeTruthy();
    expect(puts(server)).toHaveLength(1);
  }, 90_000);

  it('keeps the parts that are switched off out of the rules', () => {
    const v = formValuesOf(STATUTORY);
    expect(rulesOf(v)).toEqual(STATUTORY);
    expect(rulesOf({ ...v, carryOverOn: false })).toMatchObject({ carryOver: null });
    expect(rulesOf({ ...v, rules: { ...v.rules, expiresAtYearEnd: false } })).toMatchObject({ carryOver: null, expiresAtYearEnd: false });
    expect(rulesOf({ ...v, tracked: false })).toBeNull();
    expect(rulesOf({ ...v, rules: { ...v.rules, accrual: 'monthly', amount: 1 } })).toMatchObject({ accrual: 'monthly', amount: 1, welfareDays: 0 });
  });
});
