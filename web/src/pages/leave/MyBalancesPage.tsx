import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Space, Statistic, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap, type ListItem } from '../../api/typed';
import { useCompany } from '../../app/CompanyContext';
import { useMe } from '../../auth/AuthContext';
import { PageContainer } from '../../components/PageContainer';
import { RequestFormDrawer, type RequestPreset } from '../../components/attendance/RequestFormDrawer';
import { ruleErrorText } from '../../components/attendance/errors';

type TypeBalance = ListItem<'/api/v1/leave-balances'>['balances'][number];

/**
 * 我的假期: each tracked leave type's balance. What a leave would cost is shown in the request form
 * (one place prices a request), opened here with the type already chosen. Phone first.
 */
export default function MyBalancesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { companyId } = useCompany();
  const [balances, setBalances] = useState<TypeBalance[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preset, setPreset] = useState<RequestPreset | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!companyId || me.employeeId === null) return;
    let live = true;
    unwrap(apiClient.GET('/api/v1/leave-balances', { params: { query: { companyId: Number(companyId), employeeId: Number(me.employeeId) } } }))
      .then((r) => live && setBalances(r.items[0]?.balances ?? []))
      .catch((err) => live && setError(ruleErrorText(t, err)));
    return () => {
      live = false;
    };
  }, [companyId, me.employeeId, t, version]);

  const unit = (u: string) => t(`leaveBalances.units.${u}`);

  return (
    <PageContainer title={t('menu.myBalances')} needsCompany>
      {me.employeeId === null && <Typography.Paragraph type="secondary">{t('checkins.noEmployeeLink')}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {balances && balances.length === 0 && <Empty description={t('leaveBalances.noneTracked')} />}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {balances?.map((b) => (
          <Card
            key={b.leaveType}
            size="small"
            title={b.name}
            variant="borderless"
            extra={
              <Button size="small" icon={<PlusOutlined />} onClick={() => setPreset({ kind: 'leave', leaveType: b.leaveType })}>
                {t('leaveBalances.requestLeave')}
              </Button>
            }
          >
            <div className="daka-balance-grid">
              <Statistic title={t('leaveBalances.available')} value={b.available} suffix={unit(b.unit)} />
              <Statistic title={t('leaveBalances.granted')} value={b.granted} />
              <Statistic title={t('leaveBalances.used')} value={b.used} />
              <Statistic title={t('leaveBalances.pending')} value={b.pending} />
            </div>
            {b.expiringSoon > 0 && <Typography.Text type="warning">{t('leaveBalances.expiringSoon', { amount: b.expiringSoon, unit: unit(b.unit) })}</Typography.Text>}
          </Card>
        ))}
      </Space>
      {/* A filed leave counts as pending at once: the balances are read again. */}
      <RequestFormDrawer preset={preset} onClose={() => setPreset(null)} onFiled={() => setVersion((v) => v + 1)} />
    </PageContainer>
  );
}
