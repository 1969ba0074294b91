import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Dropdown, Form, Modal, Radio, Result, Space, Table, Tag, Typography } from 'antd';
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import { apiClient, unwrap } from '../../api/typed';
import type { Id } from '../../api/types';
import { useCompany } from '../../app/CompanyContext';
import { FormDrawer } from '../../components/FormDrawer';
import { PageContainer } from '../../components/PageContainer';
import { useAll } from '../../components/setup/data';
import { RelativeTime } from '../../components/setup/RelativeTime';
import { ConnectorStatusTag, RunStatusTag, UsageBar } from './ConnectorBits';
import { ConnectorDetailDrawer } from './ConnectorDetailDrawer';
import { ConnectorFields, toCreateBody, toFormValues, toUpdateBody, type ConnectorFormValues } from './ConnectorForm';
import { SYNC_KINDS, type Connector, type ConnectorDetail, type SyncKind } from './types';
import { RunFooter } from '../../components/RunFooter';

export default function ConnectorsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { companyId } = useCompany();
  const list = useAll('/api/v1/connectors', { query: { companyId } }, !!companyId, true);
  const [details, setDetails] = useState<Map<string, ConnectorDetail>>(new Map());
  const [editing, setEditing] = useState<Connector | 'new' | null>(null);
  const [detail, setDetail] = useState<{ id: Id; tab?: string } | null>(null);
  const [syncing, setSyncing] = useState<Connector | null>(null);
  const [testing, setTesting] = useState<Id | null>(null);

  // Usage and the last run come with each connector's detail.
  useEffect(() => {
    const c = new AbortController();
    void Promise.all(list.items.map((x) => unwrap(apiClient.GET('/api/v1/connectors/{id}', { params: { path: { id: x.id } }, signal: c.signal })).catch(() => null))).then((all) => {
      if (c.signal.aborted) return;
      setDetails(new Map(all.filter((d): d is ConnectorDetail => !!d).map((d) => [String(d.id), d])));
    });
    return () => c.abort();
  }, [list.items]);

  const save = async (v: ConnectorFormValues) => {
    if (editing === 'new') {
      if (companyId) await unwrap(apiClient.POST('/api/v1/connectors', { body: toCreateBody(v, companyId) }));
    } else if (editing) await unwrap(apiClient.PATCH('/api/v1/connectors/{id}', { params: { path: { id: editing.id } }, body: toUpdateBody(v) }));
    list.reload();
  };

  const test = async (c: Connector) => {
    setTesting(c.id);
    try {
      const r = await unwrap(apiClient.POST('/api/v1/connectors/{id}/test', { params: { path: { id: c.id } } }));
      if (r.ok) modal.success({ title: t('connectors.testOk', { name: c.name }), content: r.message });
      else
        modal.error({
          title: t('connectors.testFailed', { name: c.name }),
          content: (
            <>
              <p style={{ marginBottom: 4 }}>{r.code ? t(`errors.${r.code}`, { defaultValue: r.message }) : r.message}</p>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.code ? `${r.code}: ${r.message}` : ''}
              </Typography.Text>
            </>
          ),
        });
      list.reload();
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setTesting(null);
    }
  };

  const setPaused = async (c: Connector, paused: boolean) => {
    try {
      const path = { path: { id: c.id } };
      await unwrap(paused ? apiClient.POST('/api/v1/connectors/{id}/pause', { params: path }) : apiClient.POST('/api/v1/connectors/{id}/resume', { params: path }));
      message.success(paused ? t('connectors.paused', { name: c.name }) : t('connectors.resumed', { name: c.name }));
      list.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  return (
    <PageContainer
      title={t('menu.connectors')}
      needsCompany
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('connectors.create')}
        </Button>
      }
    >
      {list.error != null && <Alert type="error" showIcon title={errorText(t, list.error)} style={{ marginBottom: 12 }} />}
      <Table<Connector>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('connectors.empty') }}
        columns={[
          {
            title: t('connectors.name'),
            dataIndex: 'name',
            fixed: 'left',
            render: (name: string, c) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setDetail({ id: c.id })}>
                {name}
              </Button>
            ),
          },
          { title: t('connectors.platform'), dataIndex: 'platform', render: (p: Connector['platform']) => <Tag color={p === 'dingtalk' ? 'blue' : 'green'}>{t(`connectors.platforms.${p}`)}</Tag> },
          { title: t('connectors.corpIdShort'), dataIndex: 'corpId' },
          { title: t('common.status'), dataIndex: 'status', render: (_, c) => <ConnectorStatusTag connector={c} /> },
          {
            title: t('connectors.lastRun'),
            key: 'lastRun',
            render: (_, c) => {
              const run = details.get(String(c.id))?.lastRuns[0];
              if (!run) return <Typography.Text type="secondary">{t('connectors.noRuns')}</Typography.Text>;
              return (
                <Space size={4}>
                  <span>{t(`connectors.syncKinds.${run.kind}`, { defaultValue: run.kind })}</span>
                  <RunStatusTag status={run.status} />
                  <RelativeTime atMs={run.finishedAtMs ?? run.startedAtMs} />
                </Space>
              );
            },
          },
          {
            title: t('connectors.usageColumn'),
            key: 'usage',
            render: (_, c) => {
              const u = details.get(String(c.id))?.usage;
              return u ? <UsageBar usage={u} /> : null;
            },
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, c) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(c)}>
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" loading={testing === c.id} onClick={() => void test(c)}>
                  {t('connectors.test')}
                </Button>
                <Button type="link" size="small" disabled={c.status === 'paused'} onClick={() => setSyncing(c)}>
                  {t('connectors.syncNow')}
                </Button>
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: [
                      { key: 'runs', label: t('connectors.runs') },
                      { key: 'diffs', label: t('connectors.reconciliation') },
                      { type: 'divider' as const },
                      c.status === 'paused' ? { key: 'resume', label: t('connectors.resume') } : { key: 'pause', label: t('connectors.pause'), danger: true },
                    ],
                    onClick: ({ key }) => {
                      if (key === 'runs' || key === 'diffs') setDetail({ id: c.id, tab: key });
                      else void setPaused(c, key === 'pause');
                    },
                  }}
                >
                  <Button type="link" size="small">
                    {t('setupCommon.more')} <DownOutlined />
                  </Button>
                </Dropdown>
              </Space>
            ),
          },
        ]}
      />
      <FormDrawer<ConnectorFormValues>
        open={editing !== null}
        title={editing === 'new' ? t('connectors.create') : t('connectors.edit')}
        initialValues={toFormValues(editing && editing !== 'new' ? editing : null)}
        onClose={() => setEditing(null)}
        onSubmit={save}
        size={760}
      >
        <ConnectorFields editing={editing && editing !== 'new' ? editing : null} />
      </FormDrawer>
      <ConnectorDetailDrawer connectorId={detail?.id ?? null} tab={detail?.tab} onClose={() => setDetail(null)} />
      <SyncModal connector={syncing} onClose={() => setSyncing(null)} onQueued={() => list.reload()} />
    </PageContainer>
  );
}

function SyncModal({ connector, onClose, onQueued }: { connector: Connector | null; onClose(): void; onQueued(): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<SyncKind>('punches');
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [queued, setQueued] = useState<{ queued: boolean; kind: string; from: string | null; to: string | null } | null>(null);

  useEffect(() => {
    if (connector) {
      setKind('punches');
      setRange(null);
      setError(null);
      setQueued(null);
    }
  }, [connector]);

  const run = async () => {
    if (!connector) return;
    setBusy(true);
    setError(null);
    try {
      const body = { kind, ...(kind !== 'directory' && range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {}) };
      const r = await unwrap(apiClient.POST('/api/v1/connectors/{id}/sync', { params: { path: { id: connector.id } }, body }));
      setQueued(r);
      onQueued();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={connector !== null}
      title={t('connectors.syncTitle', { name: connector?.name ?? '' })}
      onCancel={onClose}
      destroyOnHidden
      footer={<RunFooter done={!!queued} busy={busy} runLabel={t('connectors.syncRun')} onRun={() => void run()} onClose={onClose} />}
    >
      {queued ? (
        <Result
          status={queued.queued ? 'success' : 'info'}
          title={queued.queued ? t('connectors.syncQueued') : t('connectors.syncAlreadyQueued')}
          subTitle={`${t(`connectors.syncKinds.${queued.kind}`, { defaultValue: queued.kind })}${queued.from ? ` · ${queued.from} ~ ${queued.to ?? ''}` : ''}`}
        />
      ) : (
        <>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form layout="vertical">
            <Form.Item label={t('connectors.syncKind')}>
              <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as SyncKind)}>
                <Space orientation="vertical">
                  {SYNC_KINDS.map((k) => (
                    <Radio key={k} value={k}>
                      {t(`connectors.syncKinds.${k}`)}
                      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                        {t(`connectors.syncKindHints.${k}`)}
                      </Typography.Text>
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            {kind !== 'directory' && (
              <Form.Item label={t('connectors.backfillRange')} extra={t('connectors.backfillHint')}>
                <DatePicker.RangePicker value={range} onChange={(r) => setRange(r && r[0] && r[1] ? [r[0], r[1]] : null)} />
              </Form.Item>
            )}
          </Form>
        </>
      )}
    </Modal>
  );
}
