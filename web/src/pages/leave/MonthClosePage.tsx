import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Input, Modal, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ListItem } from '../../api/typed';
import { useCompany } from '../../app/CompanyContext';
import { PageContainer } from '../../components/PageContainer';
import { formatInstant } from '../../components/format';
import { ruleErrorText } from '../../components/attendance/errors';

type Close = ListItem<'/api/v1/month-closes'>;

/** 月度锁定 (HR): close a month for payroll, see which are closed, reopen one with a reason. */
export default function MonthClosePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { companyId } = useCompany();
  const [items, setItems] = useState<Close[]>([]);
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [reopening, setReopening] = useState<Close | null>(null);
  const [reason, setReason] = useState('');

  const load = useCallback(async () => {
    if (!companyId) return;
    try {
      setItems((await api.get<{ items: Close[] }>('/month-closes', { companyId })).items);
    } catch (err) {
      message.error(ruleErrorText(t, err));
    }
  }, [companyId, message, t]);
  useEffect(() => void load(), [load]);

  const close = async () => {
    if (!month) return;
    try {
      await api.post('/month-closes', { companyId, month: month.format('YYYY-MM') });
      message.success(t('monthClose.closed', { month: month.format('YYYY-MM') }));
      setMonth(null);
      void load();
    } catch (err) {
      message.error(ruleErrorText(t, err));
    }
  };
  const reopen = async () => {
    try {
      await api.post(`/month-closes/${reopening!.id}/reopen`, { reason });
      setReopening(null);
      setReason('');
      void load();
    } catch (err) {
      message.error(ruleErrorText(t, err));
    }
  };

  return (
    <PageContainer title={t('menu.monthClose')} needsCompany>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker picker="month" value={month} onChange={setMonth} />
        <Button type="primary" disabled={!month} onClick={close}>
          {t('monthClose.close')}
        </Button>
      </Space>
      <Table<Close>
        rowKey="id"
        dataSource={items}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('monthClose.month'), dataIndex: 'month' },
          { title: t('monthClose.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'closed' ? 'red' : 'default'}>{t(`monthClose.statuses.${s}`)}</Tag> },
          { title: t('monthClose.employees'), dataIndex: 'employeeCount' },
          { title: t('monthClose.closedAt'), dataIndex: 'closedAtMs', render: (ms: number) => formatInstant(ms) },
          { title: t('monthClose.reopenReason'), dataIndex: 'reopenReason', render: (r: string | null) => r ?? '' },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, r: Close) =>
              r.status === 'closed' && (
                <Button size="small" onClick={() => setReopening(r)}>
                  {t('monthClose.reopen')}
                </Button>
              ),
          },
        ]}
      />
      <Modal open={!!reopening} title={t('monthClose.reopenTitle', { month: reopening?.month ?? '' })} onOk={reopen} okButtonProps={{ disabled: reason.trim() === '' }} onCancel={() => setReopening(null)}>
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('monthClose.reasonPlaceholder')} />
      </Modal>
    </PageContainer>
  );
}
