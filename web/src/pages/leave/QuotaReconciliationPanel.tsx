import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap, type ResponseJson } from '../../api/typed';
import { ruleErrorText } from '../../components/attendance/errors';

type Quotas = ResponseJson<'/api/v1/connectors/{id}/leave-quotas'>;
type Employee = Quotas['items'][number];
type Imported = ResponseJson<'/api/v1/connectors/{id}/leave-quotas/import', 'post'>;

/** One line per employee and leave type. */
interface Line {
  key: string;
  employee: Employee;
  row: Employee['rows'][number] | null;
}

const PAGE = 50;

export function linesOf(items: Employee[]): Line[] {
  return items.flatMap<Line>((e) => (e.rows.length ? e.rows.map((row) => ({ key: `${e.employeeId}:${row.leaveType}`, employee: e, row })) : [{ key: `${e.employeeId}:`, employee: e, row: null }]));
}

/**
 * 企业微信假期对账 (HR): per employee and leave type, Daka's balance against the quota WeCom's
 * 假期管理 holds; differences stand out. Selected differences can be taken over as balance
 * adjustments: a dry run shows what would be posted, then HR confirms.
 */
export function QuotaReconciliationPanel({ companyId, onImported }: { companyId: number; onImported?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [connectors, setConnectors] = useState<{ id: number; name: string }[] | null>(null);
  const [connectorId, setConnectorId] = useState<number | null>(null);
  const [onlyDifferent, setOnlyDifferent] = useState(true);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Quotas | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [plan, setPlan] = useState<Imported | null>(null);
  const [posting, setPosting] = useState(false);

  useEffect(() => {
    let live = true;
    unwrap(apiClient.GET('/api/v1/connectors', { params: { query: { companyId } } }))
      .then((r) => {
        if (!live) return;
        const wecom = r.items.filter((c) => c.platform === 'wecom').map((c) => ({ id: c.id, name: c.name }));
        setConnectors(wecom);
        setConnectorId((id) => id ?? wecom[0]?.id ?? null);
      })
      .catch((err: unknown) => live && setError(ruleErrorText(t, err)));
    return () => {
      live = false;
    };
  }, [companyId, t]);

  const load = useCallback(async () => {
    if (connectorId === null) return;
    setLoading(true);
    setError(null);
    setSelected([]);
    try {
      setData(await unwrap(apiClient.GET('/api/v1/connectors/{id}/leave-quotas', { params: { path: { id: connectorId }, query: { limit: PAGE, offset: (page - 1) * PAGE, onlyDifferent } } })));
    } catch (err) {
      setData(null);
      setError(ruleErrorText(t, err));
    } finally {
      setLoading(false);
    }
  }, [connectorId, page, onlyDifferent, t]);

  const lines = useMemo(() => linesOf(data?.items ?? []), [data]);
  const items = () =>
    lines.filter((l) => selected.includes(l.key) && l.row).map((l) => ({ employeeId: l.employee.employeeId, leaveType: l.row!.leaveType }));

  const importSelected = async (dryRun: boolean) => {
    setPosting(true);
    try {
      const r = await unwrap(apiClient.POST('/api/v1/connectors/{id}/leave-quotas/import', { params: { path: { id: connectorId! } }, body: { items: items(), effectiveDate: data?.asOf, dryRun } }));
      if (dryRun) setPlan(r);
      else {
        setPlan(null);
        message.success(t('leaveQuotas.posted', { count: r.posted }));
        onImported?.();
        void load();
      }
    } catch (err) {
      message.error(ruleErrorText(t, err));
    } finally {
      setPosting(false);
    }
  };

  if (connectors !== null && connectors.length === 0) return <Empty description={t('leaveQuotas.noConnector')} />;
  const unit = (u: string) => t(`leaveBalances.units.${u}`);
  const nameOf = (employeeId: number) => data?.items.find((e) => e.employeeId === employeeId)?.name ?? String(employeeId);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('leaveQuotas.intro')}</Typography.Paragraph>
      <Space wrap>
        <Select aria-label={t('leaveQuotas.connector')} style={{ minWidth: 180 }} value={connectorId ?? undefined} options={(connectors ?? []).map((c) => ({ value: c.id, label: c.name }))} onChange={(id) => (setConnectorId(id), setData(null))} />
        <Space>
          <Switch checked={onlyDifferent} onChange={(v) => (setOnlyDifferent(v), setPage(1))} />
          {t('leaveQuotas.onlyDifferent')}
        </Space>
        <Button type="primary" loading={loading} disabled={connectorId === null} onClick={() => void load()}>
          {t('leaveQuotas.compare')}
        </Button>
        <Button disabled={selected.length === 0} loading={posting} onClick={() => void importSelected(true)}>
          {t('leaveQuotas.importSelected', { count: selected.length })}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {data && data.unmappedLeaveTypes.length > 0 && <Alert type="warning" showIcon title={t('leaveQuotas.unmapped', { types: data.unmappedLeaveTypes.join('、') })} />}
      {data && (
        <Table<Line>
          rowKey="key"
          size="small"
          loading={loading}
          dataSource={lines}
          scroll={{ x: true }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), getCheckboxProps: (l) => ({ disabled: l.row?.status !== 'different' }) }}
          rowClassName={(l) => (l.row?.status === 'different' ? 'daka-row-different' : '')}
          pagination={{ current: page, pageSize: PAGE, total: data.total, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('employees.jobNumber'), key: 'job', render: (_: unknown, l) => l.employee.jobNumber },
            { title: t('employees.name'), key: 'name', render: (_: unknown, l) => l.employee.name },
            { title: t('leaveBalances.type'), key: 'type', render: (_: unknown, l) => l.row?.name ?? '' },
            { title: t('leaveQuotas.daka'), key: 'daka', render: (_: unknown, l) => (l.row ? `${l.row.daka} ${unit(l.row.unit)}` : '') },
            { title: t('leaveQuotas.platform'), key: 'platform', render: (_: unknown, l) => (l.row && l.row.platform !== null ? `${l.row.platform} ${unit(l.row.unit)}` : '—') },
            {
              title: t('leaveQuotas.difference'),
              key: 'difference',
              render: (_: unknown, l) => {
                if (l.employee.status === 'not_linked') return <Tag>{t('leaveQuotas.status.not_linked')}</Tag>;
                if (l.employee.status === 'error') return <Tag color="red">{t('leaveQuotas.status.error', { code: l.employee.error })}</Tag>;
                if (!l.row) return null;
                if (l.row.status === 'missing_on_platform') return <Tag>{t('leaveQuotas.status.missing_on_platform')}</Tag>;
                if (l.row.status === 'match') return <Tag color="green">{t('leaveQuotas.status.match')}</Tag>;
                return <Tag color="red">{`${l.row.difference! > 0 ? '+' : ''}${l.row.difference} ${unit(l.row.unit)}`}</Tag>;
              },
            },
          ]}
        />
      )}
      <Modal
        open={plan !== null}
        title={t('leaveQuotas.planTitle', { date: plan?.effectiveDate ?? '' })}
        okText={t('leaveQuotas.confirmImport')}
        okButtonProps={{ disabled: !plan?.items.some((i) => i.status === 'would_post'), loading: posting }}
        onOk={() => void importSelected(false)}
        onCancel={() => setPlan(null)}
        destroyOnHidden
      >
        <Table
          size="small"
          rowKey={(i) => `${i.employeeId}:${i.leaveType}`}
          pagination={false}
          scroll={{ x: true, y: 320 }}
          dataSource={plan?.items ?? []}
          columns={[
            { title: t('leaveBalances.employee'), key: 'employee', render: (_: unknown, i) => nameOf(i.employeeId) },
            { title: t('leaveBalances.type'), dataIndex: 'leaveType' },
            { title: t('leaveBalances.amount'), key: 'amount', render: (_: unknown, i) => `${i.amount > 0 ? '+' : ''}${i.amount} ${unit(i.unit)}` },
            { title: '', key: 'status', render: (_: unknown, i) => <Tag>{t(`leaveQuotas.importStatus.${i.status}`, { residual: i.residual })}</Tag> },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('leaveQuotas.planHint')}
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
}
