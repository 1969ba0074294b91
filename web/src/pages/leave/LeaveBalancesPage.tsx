import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Table, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap, type ListItem, type ResponseJson } from '../../api/typed';
import { useCompany } from '../../app/CompanyContext';
import { useMe } from '../../auth/AuthContext';
import { PageContainer } from '../../components/PageContainer';
import { ruleErrorText } from '../../components/attendance/errors';
import { GrantRunPanel } from './GrantRunPanel';
import { LeaveRulesPanel } from './LeaveRulesPanel';
import { OvertimePolicyPanel } from './OvertimePolicyPanel';
import { QuotaReconciliationPanel } from './QuotaReconciliationPanel';

type Balances = ResponseJson<'/api/v1/leave-balances'>;
type Row = ListItem<'/api/v1/leave-balances'>;
const PAGE = 50;

/**
 * 假期 (HR): balances by type with manual adjustments and the yearly grant run, the rules of each
 * type, the 调休 policy of each attendance group, and the reconciliation with WeCom's quotas.
 * A manager sees the balances of the team only, read-only.
 */
export default function LeaveBalancesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const hr = me.role === 'admin' || me.role === 'hr';
  const { companyId: selected } = useCompany();
  const companyId = selected === null ? null : Number(selected);
  const [data, setData] = useState<Balances | null>(null);
  const [loading, setLoading] = useState(false);
  const [page, setPage] = useState(1);
  const [adjusting, setAdjusting] = useState<Row | null>(null);
  const [form] = Form.useForm<{ leaveType: string; amount: number; effectiveDate: dayjs.Dayjs; reason: string }>();

  const load = useCallback(async () => {
    if (!companyId) return;
    setLoading(true);
    try {
      setData(await unwrap(apiClient.GET('/api/v1/leave-balances', { params: { query: { companyId, limit: PAGE, offset: (page - 1) * PAGE } } })));
    } catch (err) {
      message.error(ruleErrorText(t, err));
    } finally {
      setLoading(false);
    }
  }, [companyId, page, message, t]);
  useEffect(() => void load(), [load]);

  const types = data?.items[0]?.balances ?? [];
  const typeName = (code: string) => types.find((b) => b.leaveType === code)?.name ?? code;
  const adjust = async () => {
    const v = await form.validateFields();
    try {
      await unwrap(
        apiClient.POST('/api/v1/leave-balances/adjustments', {
          body: { employeeId: adjusting!.employeeId, leaveType: v.leaveType, amount: v.amount, effectiveDate: v.effectiveDate.format('YYYY-MM-DD'), reason: v.reason },
        }),
      );
      message.success(t('common.saved'));
      setAdjusting(null);
      void load();
    } catch (err) {
      message.error(ruleErrorText(t, err));
    }
  };

  const balances = (
    <>
      {hr && companyId && <GrantRunPanel companyId={companyId} typeName={typeName} onPosted={() => void load()} />}
      <Table<Row>
        rowKey="employeeId"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: PAGE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('employees.jobNumber'), dataIndex: 'jobNumber', fixed: 'left' },
          { title: t('employees.name'), dataIndex: 'name' },
          ...types.map((ty, i) => ({
            title: ty.name,
            key: ty.leaveType,
            render: (_: unknown, r: Row) => {
              const b = r.balances[i];
              return (
                <span title={t('leaveBalances.cellTitle', { granted: b.granted, used: b.used, pending: b.pending })}>
                  {b.available} {t(`leaveBalances.units.${b.unit}`)}
                </span>
              );
            },
          })),
          ...(hr
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, r: Row) => (
                    <Button size="small" onClick={() => (form.resetFields(), setAdjusting(r))}>
                      {t('leaveBalances.adjust')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );

  return (
    <PageContainer title={t(hr ? 'menu.leaveBalances' : 'leaveBalances.teamTitle')} needsCompany>
      {companyId &&
        (hr ? (
          <Tabs
            destroyOnHidden
            items={[
              { key: 'balances', label: t('leaveBalances.tabs.balances'), children: balances },
              { key: 'rules', label: t('leaveBalances.tabs.rules'), children: <LeaveRulesPanel companyId={companyId} onSaved={() => void load()} /> },
              { key: 'overtime', label: t('leaveBalances.tabs.overtime'), children: <OvertimePolicyPanel companyId={companyId} /> },
              { key: 'wecom', label: t('leaveBalances.tabs.wecom'), children: <QuotaReconciliationPanel companyId={companyId} onImported={() => void load()} /> },
            ]}
          />
        ) : (
          balances
        ))}
      <Modal open={!!adjusting} title={t('leaveBalances.adjustTitle', { name: adjusting?.name ?? '' })} onOk={adjust} onCancel={() => setAdjusting(null)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ effectiveDate: dayjs() }}>
          <Form.Item name="leaveType" label={t('leaveBalances.type')} rules={[{ required: true }]}>
            <Select options={types.map((b) => ({ value: b.leaveType, label: b.name }))} />
          </Form.Item>
          <Form.Item name="amount" label={t('leaveBalances.amount')} rules={[{ required: true }]} extra={t('leaveBalances.amountHint')}>
            <InputNumber step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="effectiveDate" label={t('leaveBalances.effectiveDate')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('leaveBalances.reason')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
