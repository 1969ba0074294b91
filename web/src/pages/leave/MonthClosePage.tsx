import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap, type ListItem } from '../../api/typed';
import { useDepartments } from '../../api/useDepartments';
import { useCompany } from '../../app/CompanyContext';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { PageContainer } from '../../components/PageContainer';
import { formatInstant } from '../../components/format';
import { ruleErrorText } from '../../components/attendance/errors';
import { PayrollAdjustmentsPanel } from './PayrollAdjustmentsPanel';

type Close = ListItem<'/api/v1/month-closes'>;
type Scope = Close['scope'];

/**
 * 月度锁定 (HR): close a month for payroll for the company, a department (with its sub-departments)
 * or every company, see which are closed, reopen one with a reason, and read the adjustments that
 * late changes to closed days carry into a payroll month.
 */
export default function MonthClosePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { companyId } = useCompany();
  const [items, setItems] = useState<Close[]>([]);
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [reopening, setReopening] = useState<Close | null>(null);
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<Scope>('company');
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const departments = useDepartments(companyId ?? null);

  const load = useCallback(async () => {
    if (!companyId) return;
    try {
      setItems((await unwrap(apiClient.GET('/api/v1/month-closes', { params: { query: { companyId: Number(companyId) } } }))).items);
    } catch (err) {
      message.error(ruleErrorText(t, err));
    }
  }, [companyId, message, t]);
  useEffect(() => void load(), [load]);

  const close = async () => {
    if (!month || !companyId) return;
    const m = month.format('YYYY-MM');
    const body =
      scope === 'all' ? { scope, month: m } : scope === 'department' ? { scope, departmentId: departmentId ?? undefined, month: m } : { scope, companyId: Number(companyId), month: m };
    try {
      const res = await unwrap(apiClient.POST('/api/v1/month-closes', { body }));
      message.success(scope === 'all' ? t('monthClose.scopeClosed', { month: m, count: res.items.length }) : t('monthClose.closed', { month: m }));
      setMonth(null);
      void load();
    } catch (err) {
      message.error(ruleErrorText(t, err));
    }
  };
  const reopen = async () => {
    try {
      await unwrap(apiClient.POST('/api/v1/month-closes/{id}/reopen', { params: { path: { id: reopening!.id } }, body: { reason } }));
      setReopening(null);
      setReason('');
      setReloadKey((k) => k + 1);
      void load();
    } catch (err) {
      message.error(ruleErrorText(t, err));
    }
  };

  return (
    <PageContainer title={t('menu.monthClose')} needsCompany>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<Scope> value={scope} onChange={setScope} options={(['company', 'department', 'all'] as const).map((v) => ({ value: v, label: t(`monthClose.scopes.${v}`) }))} />
        {scope === 'department' && (
          <DepartmentSelect tree={departments.tree} value={departmentId ?? undefined} onChange={(v) => setDepartmentId(v ?? null)} placeholder={t('monthClose.pickDepartment')} style={{ minWidth: 220 }} />
        )}
        <DatePicker picker="month" value={month} onChange={setMonth} />
        <Button type="primary" disabled={!month || (scope === 'department' && departmentId === null)} onClick={close}>
          {t('monthClose.close')}
        </Button>
      </Space>
      <Table<Close>
        rowKey="id"
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('monthClose.month'), dataIndex: 'month' },
          {
            title: t('monthClose.scope'),
            key: 'scope',
            render: (_: unknown, r: Close) => (r.scope === 'department' ? departments.byId.get(String(r.departmentId))?.name ?? t('monthClose.scopes.department') : t(`monthClose.scopes.${r.scope}`)),
          },
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
      {companyId && <PayrollAdjustmentsPanel companyId={Number(companyId)} reloadKey={reloadKey} />}
    </PageContainer>
  );
}
