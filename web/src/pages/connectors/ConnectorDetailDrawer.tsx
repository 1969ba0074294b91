import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Drawer, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import { apiClient, unwrap, type QueryOf } from '../../api/typed';
import type { Id } from '../../api/types';
import { useEmployees } from '../../api/employeeNames';
import { useResourceList } from '../../api/useResourceList';
import { employeeLabel } from '../../components/EmployeeSelect';
import { ResourceTable } from '../../components/ResourceTable';
import { formatInstant } from '../../components/format';
import { durationMs } from '../../components/setup/timeText';
import { usePhone } from '../../app/usePhone';
import { BudgetPlanView, ConnectorStatusTag, DailyCapBar, RunStatusTag, ThrottleNotice, UsageBar } from './ConnectorBits';
import type { ConnectorDetail, Diff, Run } from './types';

/** Counts of a run as short "key: n" tags (errors listed separately). */
export function RunCounts({ counts }: { counts: unknown }) {
  const { t, i18n } = useTranslation();
  if (!counts || typeof counts !== 'object') return null;
  // Only figures with a label in the reader's language: internal bookkeeping keys stay out of sight.
  const entries = Object.entries(counts as Record<string, unknown>).filter(([k, v]) => typeof v === 'number' && i18n.exists(`connectors.counts.${k}`));
  return (
    <Space size={[4, 4]} wrap>
      {entries.map(([k, v]) => (
        <Tag key={k} color={k === 'errorCount' && Number(v) > 0 ? 'error' : undefined}>
          {t(`connectors.counts.${k}`)}: {String(v)}
        </Tag>
      ))}
    </Space>
  );
}

function RunErrors({ run }: { run: Run }) {
  const { t } = useTranslation();
  const errors = ((run.counts as { errors?: { code?: string; message?: string; userExternalId?: string }[] } | null)?.errors ?? []).slice(0, 200);
  return (
    <div>
      {run.error && <Alert type="error" showIcon title={run.error} style={{ marginBottom: 8 }} />}
      {errors.length > 0 ? (
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          dataSource={errors}
          pagination={errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
          columns={[
            { title: t('connectors.errorCode'), dataIndex: 'code', width: 180 },
            { title: t('connectors.externalUser'), dataIndex: 'userExternalId', width: 160 },
            { title: t('connectors.errorMessage'), dataIndex: 'message' },
          ]}
        />
      ) : (
        !run.error && <Typography.Text type="secondary">{t('connectors.noRunErrors')}</Typography.Text>
      )}
    </div>
  );
}

function RunsTab({ connectorId }: { connectorId: Id }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string | undefined>();
  const list = useResourceList('/api/v1/connectors/{id}/runs', { path: { id: connectorId }, query: { kind } }, { pageSize: 20 });
  return (
    <>
      <Space className="daka-filters" wrap>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('connectors.allRunKinds')}
          value={kind}
          onChange={setKind}
          options={['directory', 'punches', 'approvals', 'reconcile'].map((k) => ({ value: k, label: t(`connectors.syncKinds.${k}`) }))}
        />
        <Button icon={<ReloadOutlined />} onClick={list.reload}>
          {t('setupCommon.refresh')}
        </Button>
      </Space>
      <ResourceTable<Run>
        list={list}
        size="small"
        expandable={{ expandedRowRender: (r) => <RunErrors run={r} />, rowExpandable: (r) => !!r.error || ((r.counts as { errors?: unknown[] } | null)?.errors?.length ?? 0) > 0 }}
        columns={[
          { title: t('connectors.runKind'), dataIndex: 'kind', render: (k: string) => t(`connectors.syncKinds.${k}`, { defaultValue: k }) },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <RunStatusTag status={s} /> },
          { title: t('connectors.startedAt'), dataIndex: 'startedAtMs', render: (v: number) => formatInstant(v) },
          { title: t('connectors.duration'), key: 'dur', render: (_, r) => (r.finishedAtMs ? durationMs(r.finishedAtMs - r.startedAtMs, t) : '—') },
          { title: t('connectors.runRange'), dataIndex: 'params', render: (p: { from?: string; to?: string } | null) => (p?.from || p?.to ? `${p.from ?? ''} ~ ${p.to ?? ''}` : '—') },
          { title: t('connectors.runCounts'), dataIndex: 'counts', render: (c: unknown) => <RunCounts counts={c} /> },
        ]}
      />
    </>
  );
}

function View({ v }: { v: unknown }) {
  const { t } = useTranslation();
  if (v === null || v === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const o = v as { punches?: unknown[]; results?: string[]; status?: string; late?: boolean; early?: boolean; inTime?: string | null; outTime?: string | null };
  const parts: string[] = [];
  if (o.status) parts.push(t(`connectors.dakaStatus.${o.status}`, { defaultValue: o.status }));
  if (o.inTime !== undefined || o.outTime !== undefined) parts.push(`${o.inTime ?? '--'} ~ ${o.outTime ?? '--'}`);
  if (Array.isArray(o.punches)) parts.push(t('connectors.punchCount', { n: o.punches.length }));
  if (Array.isArray(o.results) && o.results.length) parts.push(o.results.join('、'));
  return (
    <Space size={4} wrap>
      <span>{parts.join(' · ')}</span>
      {o.late && <Tag color="orange">{t('connectors.late')}</Tag>}
      {o.early && <Tag color="orange">{t('connectors.early')}</Tag>}
    </Space>
  );
}

function DiffsTab({ connectorId }: { connectorId: Id }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<QueryOf<'/api/v1/connectors/{id}/reconciliation'>['kind']>();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const list = useResourceList(
    '/api/v1/connectors/{id}/reconciliation',
    { path: { id: connectorId }, query: { kind, from: range?.[0].format('YYYY-MM-DD'), to: range?.[1].format('YYYY-MM-DD') } },
    { pageSize: 20 },
  );
  const employees = useEmployees(list.items.map((d) => d.employeeId));
  return (
    <>
      <Typography.Paragraph type="secondary">{t('connectors.diffsHint')}</Typography.Paragraph>
      <Space className="daka-filters" wrap>
        <DatePicker.RangePicker value={range} onChange={(r) => setRange(r && r[0] && r[1] ? [r[0], r[1]] : null)} />
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('connectors.allDiffKinds')}
          value={kind}
          onChange={setKind}
          options={(['missing_in_daka', 'missing_on_platform', 'different_result'] as const).map((k) => ({ value: k, label: t(`connectors.diffKinds.${k}`) }))}
        />
      </Space>
      <ResourceTable<Diff>
        list={list}
        size="small"
        columns={[
          { title: t('connectors.diffDate'), dataIndex: 'date' },
          {
            title: t('connectors.employee'),
            key: 'employee',
            render: (_, d) => {
              const e = d.employeeId != null ? employees.get(String(d.employeeId)) : undefined;
              return (
                <div>
                  {e ? employeeLabel(e) : <Typography.Text type="secondary">{t('connectors.unlinked')}</Typography.Text>}
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {d.externalUserId}
                    </Typography.Text>
                  </div>
                </div>
              );
            },
          },
          {
            title: t('connectors.diffKind'),
            dataIndex: 'kind',
            render: (k: string) => <Tag color={k === 'different_result' ? 'orange' : 'red'}>{t(`connectors.diffKinds.${k}`, { defaultValue: k })}</Tag>,
          },
          { title: t('connectors.platformView'), dataIndex: 'platform', render: (v: unknown) => <View v={v} /> },
          { title: t('connectors.dakaView'), dataIndex: 'daka', render: (v: unknown) => <View v={v} /> },
        ]}
      />
    </>
  );
}

export function ConnectorDetailDrawer({ connectorId, tab, onClose }: { connectorId: Id | null; tab?: string; onClose(): void }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<ConnectorDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [active, setActive] = useState(tab ?? 'overview');

  const load = useCallback(async () => {
    if (connectorId === null) return;
    setError(null);
    try {
      setDetail(await unwrap(apiClient.GET('/api/v1/connectors/{id}', { params: { path: { id: connectorId } } })));
    } catch (err) {
      setError(err);
    }
  }, [connectorId]);

  useEffect(() => {
    setDetail(null);
    setActive(tab ?? 'overview');
    void load();
  }, [load, tab]);

  const d = detail;
  // One label and value a row on a phone: two pairs side by side leave each value a few characters wide.
  const phone = usePhone();
  return (
    <Drawer open={connectorId !== null} size={960} title={d ? d.name : t('connectors.detail')} onClose={onClose} destroyOnHidden>
      {error != null && <Alert type="error" showIcon title={errorText(t, error)} style={{ marginBottom: 12 }} />}
      {d && (
        <Tabs
          activeKey={active}
          onChange={setActive}
          items={[
            {
              key: 'overview',
              label: t('connectors.overview'),
              children: (
                <>
                  {d.status === 'error' && d.lastError && <Alert type="error" showIcon title={t('connectors.lastError')} description={d.lastError} style={{ marginBottom: 12 }} />}
                  <Descriptions size="small" bordered column={phone ? 1 : 2}>
                    <Descriptions.Item label={t('connectors.platform')}>{t(`connectors.platforms.${d.platform}`)}</Descriptions.Item>
                    <Descriptions.Item label={t('common.status')}>
                      <ConnectorStatusTag connector={d} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t(`connectors.corpId.${d.platform}`)}>{d.corpId}</Descriptions.Item>
                    <Descriptions.Item label={t(`connectors.appKey.${d.platform}`)}>{d.appKey}</Descriptions.Item>
                    <Descriptions.Item label={t('connectors.agentId')}>{d.agentId ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t(`connectors.appSecret.${d.platform}`)}>
                      {d.hasSecret ? (d.appSecretLast4 ? t('connectors.secretSetLast4', { last4: d.appSecretLast4 }) : t('connectors.secretSet')) : t('connectors.secretNotSet')}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('connectors.callbackToken')}>{d.hasCallbackToken ? t('connectors.secretSet') : t('connectors.secretNotSet')}</Descriptions.Item>
                    <Descriptions.Item label={t('connectors.encodingAesKey')}>{d.hasEncodingAesKey ? t('connectors.secretSet') : t('connectors.secretNotSet')}</Descriptions.Item>
                    <Descriptions.Item label={t('connectors.callbackUrl')} span="filled">
                      <Typography.Text copyable>{`${window.location.origin}${d.callbackPath}`}</Typography.Text>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('connectors.usage', { month: d.usage.month })} span="filled">
                      <UsageBar usage={d.usage} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('connectors.budget.title')} span="filled">
                      <BudgetPlanView usage={d.usage} />
                    </Descriptions.Item>
                    {d.dailyCaps.map((cap) => (
                      <Descriptions.Item key={cap.api} label={t('connectors.dailyCap', { api: cap.api.replace('/cgi-bin/oa/', '') })} span="filled">
                        <DailyCapBar cap={cap} />
                      </Descriptions.Item>
                    ))}
                    {d.throttle && (
                      <Descriptions.Item label={t('connectors.throttle')} span="filled">
                        <ThrottleNotice throttle={d.throttle} />
                      </Descriptions.Item>
                    )}
                  </Descriptions>
                  <Typography.Title level={5} style={{ marginTop: 16 }}>
                    {t('connectors.lastRuns')}
                  </Typography.Title>
                  <Table<Run>
                    rowKey="id"
                    size="small"
                    dataSource={d.lastRuns}
                    pagination={false}
                    columns={[
                      { title: t('connectors.runKind'), dataIndex: 'kind', render: (k: string) => t(`connectors.syncKinds.${k}`, { defaultValue: k }) },
                      { title: t('common.status'), dataIndex: 'status', render: (s: string, r) => (r.error ? <Tooltip title={r.error}><span><RunStatusTag status={s} /></span></Tooltip> : <RunStatusTag status={s} />) },
                      { title: t('connectors.startedAt'), dataIndex: 'startedAtMs', render: (v: number) => formatInstant(v) },
                      { title: t('connectors.runCounts'), dataIndex: 'counts', render: (c: unknown) => <RunCounts counts={c} /> },
                    ]}
                  />
                </>
              ),
            },
            { key: 'runs', label: t('connectors.runs'), children: <RunsTab connectorId={d.id} /> },
            { key: 'diffs', label: t('connectors.reconciliation'), children: <DiffsTab connectorId={d.id} /> },
          ]}
        />
      )}
    </Drawer>
  );
}
