import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Form, Select, Space, Statistic, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ListItem, ResponseJson } from '../../api/typed';
import { useCompany } from '../../app/CompanyContext';
import { useMe } from '../../auth/AuthContext';
import { PageContainer } from '../../components/PageContainer';
import { ruleErrorText } from '../../components/attendance/errors';

type Balances = ResponseJson<'/api/v1/leave-balances'>;
type TypeBalance = ListItem<'/api/v1/leave-balances'>['balances'][number];
type Price = ResponseJson<'/api/v1/leave-balances/price', 'post'>;

/** 我的假期: each tracked leave type's balance, and what a request would cost before it is filed. Phone first. */
export default function MyBalancesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { companyId } = useCompany();
  const [balances, setBalances] = useState<TypeBalance[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [price, setPrice] = useState<Price | null>(null);
  const [pricing, setPricing] = useState(false);
  const [form] = Form.useForm<{ leaveType: string; range: [Dayjs, Dayjs] }>();

  useEffect(() => {
    if (!companyId || me.employeeId === null) return;
    let live = true;
    api
      .get<Balances>('/leave-balances', { companyId, employeeId: me.employeeId })
      .then((r) => live && setBalances(r.items[0]?.balances ?? []))
      .catch((err) => live && setError(ruleErrorText(t, err)));
    return () => {
      live = false;
    };
  }, [companyId, me.employeeId, t]);

  const unit = (u: string) => t(`leaveBalances.units.${u}`);
  const estimate = async () => {
    const v = await form.validateFields();
    setPricing(true);
    try {
      setPrice(await api.post<Price>('/leave-balances/price', { leaveType: v.leaveType, fromDate: v.range[0].format('YYYY-MM-DD'), toDate: v.range[1].format('YYYY-MM-DD') }));
    } catch (err) {
      setError(ruleErrorText(t, err));
    } finally {
      setPricing(false);
    }
  };

  return (
    <PageContainer title={t('menu.myBalances')} needsCompany>
      {me.employeeId === null && <Typography.Paragraph type="secondary">{t('checkins.noEmployeeLink')}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {balances && balances.length === 0 && <Empty description={t('leaveBalances.noneTracked')} />}
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {balances?.map((b) => (
          <Card key={b.leaveType} size="small" title={b.name} variant="borderless">
            <div className="daka-balance-grid">
              <Statistic title={t('leaveBalances.available')} value={b.available} suffix={unit(b.unit)} />
              <Statistic title={t('leaveBalances.granted')} value={b.granted} />
              <Statistic title={t('leaveBalances.used')} value={b.used} />
              <Statistic title={t('leaveBalances.pending')} value={b.pending} />
            </div>
            {b.expiringSoon > 0 && <Typography.Text type="warning">{t('leaveBalances.expiringSoon', { amount: b.expiringSoon, unit: unit(b.unit) })}</Typography.Text>}
          </Card>
        ))}
        {balances && balances.length > 0 && (
          <Card size="small" title={t('leaveBalances.estimate')} variant="borderless">
            <Form form={form} layout="vertical">
              <Form.Item name="leaveType" label={t('leaveBalances.type')} rules={[{ required: true }]}>
                <Select options={balances.map((b) => ({ value: b.leaveType, label: b.name }))} />
              </Form.Item>
              <Form.Item name="range" label={t('leaveBalances.dates')} rules={[{ required: true }]}>
                <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly />
              </Form.Item>
              <Button type="primary" block loading={pricing} onClick={estimate}>
                {t('leaveBalances.estimateButton')}
              </Button>
            </Form>
            {price && (
              <Alert
                style={{ marginTop: 12 }}
                type={price.fits ? 'success' : 'warning'}
                showIcon
                message={t('leaveBalances.costs', { amount: price.amount, unit: unit(price.unit) })}
                description={
                  <>
                    {price.freeDates.length > 0 && <div>{t('leaveBalances.freeDays', { count: price.freeDates.length })}</div>}
                    {price.available !== null && <div>{price.fits ? t('leaveBalances.fits', { available: price.available }) : t('leaveBalances.exceeds', { available: price.available })}</div>}
                  </>
                }
              />
            )}
          </Card>
        )}
      </Space>
    </PageContainer>
  );
}
