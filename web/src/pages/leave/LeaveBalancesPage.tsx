import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ListItem, ResponseJson } from '../../api/typed';
import { useCompany } from '../../app/CompanyContext';
import { PageContainer } from '../../components/PageContainer';
import { ruleErrorText } from '../../components/attendance/errors';

type Balances = ResponseJson<'/api/v1/leave-balances'>;
type Row = ListItem<'/api/v1/leave-balances'>;
type Run = ResponseJson<'/api/v1/leave-balances/runs', 'post'>;

/** 假期余额 (HR): every employee's balances by type, manual adjustments, and the grant run with its preview. */
export default function LeaveBalancesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { companyId } = useCompany();
  const [data, setData] = useState<Balances | null>(null);
  const [loading, setLoading] = useState(false);
  const [page, setPage] = useState(1);
  const [adjusting, setAdjusting] = useState<Row | null>(null);
  const [preview, setPreview] = useState<Run | null>(null);
  const [form] = Form.useForm<{ leaveType: string; amount: number; effectiveDate: dayjs.Dayjs; reason: string }>();

  const load = useCallback(async () => {
    if (!companyId) return;
    setLoading(true);
    try {
      setData(await api.get<Balances>('/leave-balances', { companyId, limit: 50, offset: (page - 1) * 50 }));
    } catch (err) {
      message.error(ruleErrorText(t, err));
    } finally {
      setLoading(false);
    }
  }, [companyId, page, message, t]);
  useEffect(() => void load(), [load]);

  const types = data?.items[0]?.balances ?? [];
  const run = async (dryRun: boolean) => {
    try {
      const r = await api.post<Run>('/leave-balances/runs', { companyId, dryRun });
      if (dryRun) setPreview(r);
      else {
        setPreview(null);
        message.success(t('leaveBalances.posted', { count: r.entries }));
        void load();
      }
    } catch (err) {
      message.error(ruleErrorText(t, err));
    }
  };
  const adjust = async () => {
    const v = await form.validateFields();
    try {
      await api.post('/leave-balances/adjustments', { employeeId: adjusting!.employeeId, leaveType: v.leaveType, amount: v.amount, effectiveDate: v.effectiveDate.format('YYYY-MM-DD'), reason: v.reason });
      message.success(t('common.saved'));
      setAdjusting(null);
      void load();
    } catch (err) {
      message.error(ruleErrorText(t, err));
    }
  };

  return (
    <PageContainer
      title={t('menu.leaveBalances')}
      needsCompany
      extra={
        <Space wrap>
          <Button onClick={() => run(true)}>{t('leaveBalances.previewRun')}</Button>
        </Space>
      }
    >
      {preview && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
          <Typography.Text>{t('leaveBalances.previewSummary', { entries: preview.entries, employees: preview.employees })}</Typography.Text>
          <Table
            size="small"
            rowKey={(r) => `${r.employeeId}:${r.leaveType}:${r.ref}`}
            pagination={false}
            scroll={{ x: true, y: 240 }}
            dataSource={preview.preview}
            columns={[
              { title: t('leaveBalances.employee'), dataIndex: 'employeeId' },
              { title: t('leaveBalances.type'), dataIndex: 'leaveType' },
              { title: t('leaveBalances.kind'), dataIndex: 'kind', render: (k: string) => t(`leaveBalances.kinds.${k}`) },
              { title: t('leaveBalances.amount'), dataIndex: 'amount' },
              { title: t('leaveBalances.effectiveDate'), dataIndex: 'effectiveDate' },
            ]}
          />
          <Space>
            <Button type="primary" disabled={preview.entries === 0} onClick={() => run(false)}>
              {t('leaveBalances.postRun')}
            </Button>
            <Button onClick={() => setPreview(null)}>{t('common.cancel')}</Button>
          </Space>
        </Space>
      )}
      <Table<Row>
        rowKey="employeeId"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: 50, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
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
          {
            title: '',
            key: 'actions',
            render: (_: unknown, r: Row) => (
              <Button size="small" onClick={() => (form.resetFields(), setAdjusting(r))}>
                {t('leaveBalances.adjust')}
              </Button>
            ),
          },
        ]}
      />
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
