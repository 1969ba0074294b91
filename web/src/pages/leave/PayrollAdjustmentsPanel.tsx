import { useCallback, useEffect, useState } from 'react';
import { App, Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap, type ListItem } from '../../api/typed';
import { ruleErrorText } from '../../components/attendance/errors';

type Adjustment = ListItem<'/api/v1/payroll-adjustments'>;

/**
 * 调整明细: the late changes to closed months carried into one payroll month, as the payroll
 * export's 调整明细 section lists them (HR sees what the next payroll must correct, and why).
 */
export function PayrollAdjustmentsPanel({ companyId, reloadKey }: { companyId: number; reloadKey: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [items, setItems] = useState<Adjustment[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const res = await unwrap(apiClient.GET('/api/v1/payroll-adjustments', { params: { query: { companyId, month: month.format('YYYY-MM'), page, pageSize: 50 } } }));
      setItems(res.items);
      setTotal(res.total);
    } catch (err) {
      message.error(ruleErrorText(t, err));
    } finally {
      setLoading(false);
    }
  }, [companyId, month, page, message, t]);
  useEffect(() => void load(), [load, reloadKey]);

  const statusText = (s: string | undefined) => (s ? t(`attendance.status.${s}`, { defaultValue: s }) : '—');
  const change = (a: Adjustment) =>
    a.kind === 'leave'
      ? `${a.leaveType ?? ''} ${a.leaveUnitsBefore ?? 0} → ${a.leaveUnitsAfter ?? 0}`
      : `${statusText(a.before?.status)} → ${statusText(a.after?.status)}`;

  return (
    <Card
      size="small"
      style={{ marginTop: 24 }}
      title={t('monthClose.adjustments.title')}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('monthClose.adjustments.carriedInto')}</Typography.Text>
        <DatePicker
          picker="month"
          allowClear={false}
          value={month}
          onChange={(m) => {
            if (m) setMonth(m);
            setPage(1);
          }}
        />
      </Space>
      <Typography.Paragraph type="secondary">{t('monthClose.adjustments.hint')}</Typography.Paragraph>
      <Table<Adjustment>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 50, total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('monthClose.adjustments.jobNumber'), dataIndex: 'jobNumber', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
          { title: t('monthClose.adjustments.name'), dataIndex: 'name' },
          { title: t('monthClose.adjustments.date'), dataIndex: 'date' },
          { title: t('monthClose.adjustments.closedMonth'), dataIndex: 'closedMonth' },
          { title: t('monthClose.adjustments.kind'), dataIndex: 'kind', render: (k: Adjustment['kind']) => <Tag>{t(`monthClose.adjustments.kinds.${k}`)}</Tag> },
          { title: t('monthClose.adjustments.source'), dataIndex: 'source', render: (s: Adjustment['source']) => t(`monthClose.adjustments.sources.${s}`) },
          { title: t('monthClose.adjustments.change'), key: 'change', render: (_: unknown, a: Adjustment) => change(a) },
        ]}
      />
    </Card>
  );
}
