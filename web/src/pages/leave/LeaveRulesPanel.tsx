import { useCallback, useEffect, useState } from 'react';
import { App, Button, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { apiClient, unwrap, type ResponseJson } from '../../api/typed';
import { FormDrawer } from '../../components/FormDrawer';
import { ruleErrorText } from '../../components/attendance/errors';

type TypeRules = ResponseJson<'/api/v1/leave-balances/rules'>['items'][number];
export type BalanceRules = NonNullable<TypeRules['rules']>;
type Accrual = BalanceRules['accrual'];

/** The form's values: the rules as the server takes them, plus the switches that make parts of them null. */
export interface RulesFormValues {
  tracked: boolean;
  carryOverOn: boolean;
  rules: Omit<BalanceRules, 'carryOver'> & { carryOver?: { cap: number; expiresOn: string } };
}

const ACCRUALS: Accrual[] = ['none', 'statutory_annual', 'yearly', 'monthly'];
/** 年假's usual setup, offered when a type starts keeping a balance. */
const FRESH: BalanceRules = { accrual: 'none', amount: 0, bands: [], welfareDays: 0, expiresAtYearEnd: false, carryOver: null, allowNegative: false, calendarDays: false, creditExpiryDays: 0 };
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function formValuesOf(rules: BalanceRules | null): RulesFormValues {
  const r = rules ?? FRESH;
  return { tracked: rules !== null, carryOverOn: r.carryOver !== null, rules: { ...r, carryOver: r.carryOver ?? { cap: 5, expiresOn: '03-31' } } };
}

/** The body's `rules`: null stops tracking; parts switched off are left out as the server expects. */
export function rulesOf(v: RulesFormValues): BalanceRules | null {
  if (!v.tracked) return null;
  const r = v.rules;
  const grants = r.accrual === 'yearly' || r.accrual === 'monthly';
  return {
    accrual: r.accrual,
    amount: grants ? (r.amount ?? 0) : 0,
    bands: grants ? (r.bands ?? []).filter((b) => b && b.fromYears !== undefined && b.amount !== undefined) : [],
    welfareDays: r.accrual === 'statutory_annual' ? (r.welfareDays ?? 0) : 0,
    expiresAtYearEnd: !!r.expiresAtYearEnd,
    carryOver: r.expiresAtYearEnd && v.carryOverOn && r.carryOver ? { cap: r.carryOver.cap, expiresOn: r.carryOver.expiresOn } : null,
    allowNegative: !!r.allowNegative,
    calendarDays: !!r.calendarDays,
    creditExpiryDays: r.creditExpiryDays ?? 0,
  };
}

/** One line that says what a type's rules do. */
export function rulesSummary(t: TFunction, x: TypeRules): string {
  const r = x.rules;
  if (!r) return t('leaveRules.notTracked');
  const unit = t(`leaveBalances.units.${x.unit}`);
  const parts = [t(`leaveRules.accruals.${r.accrual}`, { amount: r.amount, unit })];
  if (r.bands.length) parts.push(t('leaveRules.bandsSummary', { count: r.bands.length }));
  if (r.welfareDays > 0) parts.push(t('leaveRules.welfareSummary', { days: r.welfareDays }));
  if (r.carryOver) parts.push(t('leaveRules.carryOverSummary', { cap: r.carryOver.cap, unit, date: r.carryOver.expiresOn }));
  else if (r.expiresAtYearEnd) parts.push(t('leaveRules.lapsesSummary'));
  if (r.creditExpiryDays > 0) parts.push(t('leaveRules.creditExpirySummary', { days: r.creditExpiryDays }));
  parts.push(r.allowNegative ? t('leaveRules.negativeAllowed') : t('leaveRules.negativeRefused'));
  return parts.join('；');
}

/** 假期规则 (HR): per leave type, whether it keeps a balance and how it is granted, carried over and spent. */
export function LeaveRulesPanel({ companyId, onSaved }: { companyId: number; onSaved?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<TypeRules[] | null>(null);
  const [editing, setEditing] = useState<TypeRules | null>(null);

  const load = useCallback(async () => {
    try {
      setItems((await unwrap(apiClient.GET('/api/v1/leave-balances/rules', { params: { query: { companyId } } }))).items);
    } catch (err) {
      message.error(ruleErrorText(t, err));
    }
  }, [companyId, message, t]);
  useEffect(() => void load(), [load]);

  const save = async (v: RulesFormValues) => {
    await unwrap(apiClient.PUT('/api/v1/leave-types/{code}/balance-rules', { params: { path: { code: editing!.leaveType } }, body: { companyId, rules: rulesOf(v) } }));
    void load();
    onSaved?.();
  };

  return (
    <>
      <Table<TypeRules>
        rowKey="leaveType"
        size="small"
        loading={items === null}
        dataSource={items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('leaveBalances.type'), dataIndex: 'name', render: (name: string, x) => <Space>{name}{x.rules ? <Tag color="blue">{t('leaveRules.tracked')}</Tag> : null}</Space> },
          { title: t('leaveRules.unit'), dataIndex: 'unit', render: (u: string) => t(`requests.unit.${u}`) },
          { title: t('leaveRules.rules'), key: 'summary', render: (_: unknown, x) => <Typography.Text type={x.rules ? undefined : 'secondary'}>{rulesSummary(t, x)}</Typography.Text> },
          { title: '', key: 'edit', render: (_: unknown, x) => <Button size="small" onClick={() => setEditing(x)}>{t('leaveRules.edit')}</Button> },
        ]}
      />
      <FormDrawer<RulesFormValues>
        open={editing !== null}
        title={t('leaveRules.editTitle', { name: editing?.name ?? '' })}
        initialValues={editing ? formValuesOf(editing.rules) : undefined}
        onClose={() => setEditing(null)}
        onSubmit={save}
      >
        {editing && <RulesFields code={editing.leaveType} unit={editing.unit} />}
      </FormDrawer>
    </>
  );
}

function RulesFields({ code, unit }: { code: string; unit: TypeRules['unit'] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<RulesFormValues>();
  const tracked = Form.useWatch('tracked', form);
  const accrual = Form.useWatch(['rules', 'accrual'], form) as Accrual | undefined;
  const yearEnd = Form.useWatch(['rules', 'expiresAtYearEnd'], form);
  const carryOverOn = Form.useWatch('carryOverOn', form);
  const unitText = t(`leaveBalances.units.${unit}`);
  const grants = accrual === 'yearly' || accrual === 'monthly';
  return (
    <>
      <Form.Item name="tracked" label={t('leaveRules.trackedLabel')} valuePropName="checked" extra={t('leaveRules.trackedHint')}>
        <Switch />
      </Form.Item>
      {tracked && (
        <>
          <Form.Item name={['rules', 'accrual']} label={t('leaveRules.accrual')} extra={accrual === 'statutory_annual' ? t('leaveRules.statutoryHint') : undefined}>
            <Select options={ACCRUALS.map((a) => ({ value: a, label: t(`leaveRules.accrualOptions.${a}`) }))} />
          </Form.Item>
          {grants && (
            <>
              <Form.Item name={['rules', 'amount']} label={t(accrual === 'yearly' ? 'leaveRules.yearlyAmount' : 'leaveRules.monthlyAmount', { unit: unitText })} rules={[{ required: true, message: t('leaveRules.amountRequired') }]}>
                <InputNumber min={0} max={1000} step={0.5} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item label={t('leaveRules.bands')} extra={t('leaveRules.bandsHint')}>
                <Form.List
                  name={['rules', 'bands']}
                  rules={[
                    {
                      validator: async (_, bands: { fromYears?: number }[] | undefined) => {
                        const years = (bands ?? []).map((b) => b?.fromYears).filter((y) => y !== undefined);
                        if (new Set(years).size !== years.length) throw new Error(t('errors.DUPLICATE_BAND'));
                      },
                    },
                  ]}
                >
                  {(fields, { add, remove }, { errors }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} align="baseline" wrap>
                          <Form.Item name={[f.name, 'fromYears']} rules={[{ required: true, message: t('leaveRules.bandYearsRequired') }]}>
                            <InputNumber min={0} max={80} precision={0} suffix={t('leaveRules.yearsFrom')} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'amount']} rules={[{ required: true, message: t('leaveRules.amountRequired') }]}>
                            <InputNumber min={0} max={1000} step={0.5} suffix={unitText} />
                          </Form.Item>
                          <MinusCircleOutlined aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                        </Space>
                      ))}
                      <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ fromYears: undefined, amount: undefined })} disabled={fields.length >= 20}>
                        {t('leaveRules.addBand')}
                      </Button>
                      <Form.ErrorList errors={errors} />
                    </>
                  )}
                </Form.List>
              </Form.Item>
            </>
          )}
          {accrual === 'statutory_annual' && (
            <Form.Item name={['rules', 'welfareDays']} label={t('leaveRules.welfareDays')} extra={t('leaveRules.welfareHint')}>
              <InputNumber min={0} max={365} step={0.5} style={{ width: '100%' }} suffix={t('leaveBalances.units.day')} />
            </Form.Item>
          )}
          <Form.Item name={['rules', 'expiresAtYearEnd']} label={t('leaveRules.expiresAtYearEnd')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {yearEnd && (
            <Form.Item name="carryOverOn" label={t('leaveRules.carryOver')} valuePropName="checked" extra={t('leaveRules.carryOverHint')}>
              <Switch />
            </Form.Item>
          )}
          {yearEnd && carryOverOn && (
            <Space wrap>
              <Form.Item name={['rules', 'carryOver', 'cap']} label={t('leaveRules.carryOverCap', { unit: unitText })} rules={[{ required: true, message: t('leaveRules.amountRequired') }]}>
                <InputNumber min={0} max={1000} step={0.5} />
              </Form.Item>
              <Form.Item
                name={['rules', 'carryOver', 'expiresOn']}
                label={t('leaveRules.carryOverExpires')}
                rules={[{ required: true, pattern: MONTH_DAY, message: t('errors.INVALID_MONTH_DAY') }]}
              >
                <Input placeholder="03-31" maxLength={5} style={{ width: 120 }} />
              </Form.Item>
            </Space>
          )}
          <Form.Item name={['rules', 'allowNegative']} label={t('leaveRules.allowNegative')} valuePropName="checked" extra={t('leaveRules.allowNegativeHint')}>
            <Switch />
          </Form.Item>
          <Form.Item name={['rules', 'calendarDays']} label={t('leaveRules.calendarDays')} valuePropName="checked" extra={t('leaveRules.calendarDaysHint')}>
            <Switch />
          </Form.Item>
          {code === 'compensatory' && (
            <Form.Item name={['rules', 'creditExpiryDays']} label={t('leaveRules.creditExpiryDays')} extra={t('leaveRules.creditExpiryHint')}>
              <InputNumber min={0} max={3660} precision={0} style={{ width: '100%' }} suffix={t('leaveBalances.units.day')} />
            </Form.Item>
          )}
        </>
      )}
    </>
  );
}
