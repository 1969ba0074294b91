import { useEffect, useState } from 'react';
import { App, Button, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import { apiClient, unwrap, type ListItem, type RequestJson, type ResponseJson } from '../../api/typed';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { FormDrawer } from '../../components/FormDrawer';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { EVENT_TYPES, type EventType } from '../../../../src/shared/enums';

type Endpoint = ListItem<'/api/v1/webhooks'>;
type Delivery = ResponseJson<'/api/v1/webhooks/{id}/deliveries'>['items'][number];


interface EndpointForm {
  url?: string;
  eventTypes: EventType[];
  purpose: 'events' | 'payroll' | 'notifications';
  /** Payroll only: POST to url, or write into a folder under the operator's drop directory. */
  target?: 'https' | 'folder';
  folder?: string;
  description?: string;
}
type EventTypeName = RequestJson<'/api/v1/webhooks', 'post'>['eventTypes'][number];

/** The delivery log of one endpoint, newest first, with a redeliver button per finished delivery. */
function Deliveries({ endpoint, onClose }: { endpoint: Endpoint | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<Delivery[]>([]);
  const [loading, setLoading] = useState(false);
  const load = async () => {
    if (!endpoint) return;
    setLoading(true);
    try {
      setItems((await unwrap(apiClient.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id: endpoint.id }, query: { limit: 100 } } }))).items);
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [endpoint?.id]);
  const redeliver = async (d: Delivery) => {
    try {
      await unwrap(apiClient.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', { params: { path: { id: endpoint!.id, deliveryId: d.id } } }));
      message.success(t('webhooks.redelivered'));
      void load();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };
  return (
    <Drawer open={!!endpoint} title={t('webhooks.deliveries')} width={760} onClose={onClose}>
      <Table<Delivery>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        scroll={{ x: true }}
        columns={[
          { title: t('webhooks.event'), dataIndex: 'eventType' },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'delivered' ? 'green' : s === 'pending' ? 'blue' : 'red'}>{t(`webhooks.status.${s}`)}</Tag> },
          { title: t('webhooks.attempts'), dataIndex: 'attempts' },
          // A drop folder has no response code: the file it was written as is what HR looks for.
          endpoint?.folder
            ? { title: t('webhooks.fileName'), dataIndex: 'fileName', render: (f: string | null) => (f ? <Typography.Text copyable style={{ wordBreak: 'break-all' }}>{f}</Typography.Text> : '—') }
            : { title: t('webhooks.responseStatus'), dataIndex: 'lastResponseStatus', render: (s: number | null) => s ?? '—' },
          { title: t('webhooks.duration'), key: 'duration', render: (_, d) => (d.log.length ? `${d.log[d.log.length - 1].durationMs} ms` : '—') },
          { title: t('webhooks.createdAt'), dataIndex: 'createdAt', render: (s: string) => new Date(s).toLocaleString() },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, d) =>
              d.status !== 'pending' && (
                <Button type="link" size="small" onClick={() => redeliver(d)}>
                  {t('webhooks.redeliver')}
                </Button>
              ),
          },
        ]}
      />
    </Drawer>
  );
}

export default function WebhooksPage() {
  const { t } = useTranslation();
  const { companyId } = useCompany();
  const { message } = App.useApp();
  const list = useResourceList('/api/v1/webhooks', { query: { companyId } }, { enabled: !!companyId });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [viewing, setViewing] = useState<Endpoint | null>(null);

  const save = async (v: EndpointForm) => {
    if (!companyId) return;
    const toFolder = v.purpose === 'payroll' && v.target === 'folder';
    const body = {
      companyId: Number(companyId),
      ...(toFolder ? { folder: (v.folder ?? '').trim() } : { url: (v.url ?? '').trim() }),
      eventTypes: (v.purpose === 'events' ? v.eventTypes : ['month.closed']) as EventTypeName[],
      purpose: v.purpose,
      description: v.description?.trim() || null,
    };
    const created = await unwrap(apiClient.POST('/api/v1/webhooks', { body }));
    setSecret(created.secret);
    list.reload();
  };
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      const r = await fn();
      if (r && typeof r === 'object' && 'secret' in r) setSecret(String((r as { secret: string }).secret));
      message.success(done);
      list.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  return (
    <PageContainer
      title={t('menu.webhooks')}
      needsCompany
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('webhooks.create')}
        </Button>
      }
    >
      <ResourceTable<Endpoint>
        list={list}
        columns={[
          { title: t('webhooks.url'), dataIndex: 'url', render: (u: string | null, ep: Endpoint) => <Typography.Text style={{ wordBreak: 'break-all' }}>{u ?? `${t('webhooks.targets.folder')}: ${ep.folder ?? ''}`}</Typography.Text> },
          { title: t('webhooks.purpose'), dataIndex: 'purpose', render: (p: string) => t(`webhooks.purposes.${p}`) },
          { title: t('webhooks.events'), dataIndex: 'eventTypes', render: (ts: string[]) => ts.join(', ') },
          { title: t('common.status'), dataIndex: 'enabled', render: (on: boolean, r) => (on ? <Tag color="green">{t('webhooks.enabled')}</Tag> : <Tag color="red" title={r.disabledReason ?? ''}>{t('webhooks.disabled')}</Tag>) },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, row) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setViewing(row)}>
                  {t('webhooks.deliveries')}
                </Button>
                <Button type="link" size="small" onClick={() => act(() => unwrap(apiClient.PATCH('/api/v1/webhooks/{id}', { params: { path: { id: row.id } }, body: { enabled: !row.enabled } })), t('webhooks.saved'))}>
                  {row.enabled ? t('webhooks.disable') : t('webhooks.enable')}
                </Button>
                <Popconfirm title={t('webhooks.rotateConfirm')} onConfirm={() => act(() => unwrap(apiClient.POST('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id: row.id } }, body: { overlapHours: 24 } })), t('webhooks.rotated'))}>
                  <Button type="link" size="small">
                    {t('webhooks.rotate')}
                  </Button>
                </Popconfirm>
                <Popconfirm title={t('webhooks.deleteConfirm')} onConfirm={() => act(() => unwrap(apiClient.DELETE('/api/v1/webhooks/{id}', { params: { path: { id: row.id } } })), t('webhooks.deleted'))}>
                  <Button type="link" size="small" danger>
                    {t('webhooks.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <FormDrawer<EndpointForm> open={creating} title={t('webhooks.create')} initialValues={{ purpose: 'events', target: 'https', eventTypes: ['attendance_day.changed'] }} onClose={() => setCreating(false)} onSubmit={save}>
        <Form.Item name="purpose" label={t('webhooks.purpose')}>
          <Select options={(['events', 'payroll', 'notifications'] as const).map((p) => ({ value: p, label: t(`webhooks.purposes.${p}`) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['purpose', 'target']}>
          {({ getFieldValue }) => {
            const payroll = getFieldValue('purpose') === 'payroll';
            const folder = payroll && getFieldValue('target') === 'folder';
            return (
              <>
                {payroll && (
                  <Form.Item name="target" label={t('webhooks.target')}>
                    <Select options={(['https', 'folder'] as const).map((x) => ({ value: x, label: t(`webhooks.targets.${x}`) }))} />
                  </Form.Item>
                )}
                {folder ? (
                  <Form.Item name="folder" label={t('webhooks.folder')} extra={t('webhooks.folderHint')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={200} placeholder="acme/payroll" />
                  </Form.Item>
                ) : (
                  <Form.Item name="url" label={t('webhooks.url')} extra={t('webhooks.urlHint')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={2000} placeholder="https://" />
                  </Form.Item>
                )}
              </>
            );
          }}
        </Form.Item>
        <Form.Item name="eventTypes" label={t('webhooks.events')} rules={[{ required: true }]}>
          <Select mode="multiple" options={EVENT_TYPES.map((e) => ({ value: e, label: e }))} />
        </Form.Item>
        <Form.Item name="description" label={t('webhooks.description')}>
          <Input maxLength={200} />
        </Form.Item>
      </FormDrawer>
      <Modal open={secret !== null} title={t('webhooks.secretTitle')} onOk={() => setSecret(null)} onCancel={() => setSecret(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        <Typography.Paragraph>{t('webhooks.secretOnce')}</Typography.Paragraph>
        <Typography.Paragraph copyable code style={{ wordBreak: 'break-all' }}>
          {secret}
        </Typography.Paragraph>
      </Modal>
      <Deliveries endpoint={viewing} onClose={() => setViewing(null)} />
    </PageContainer>
  );
}
