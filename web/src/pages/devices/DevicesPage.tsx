import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, Dropdown, Form, Input, Row, Select, Space, Tag, Typography, type MenuProps } from 'antd';
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import type { Id, Site } from '../../api/types';
import { sameId } from '../../api/types';
import { apiClient, fetchAllOf, unwrap } from '../../api/typed';
import { useResourceList } from '../../api/useResourceList';
import { useMe } from '../../auth/AuthContext';
import { useCompany } from '../../app/CompanyContext';
import { FormDrawer } from '../../components/FormDrawer';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { durationMs } from '../../components/setup/timeText';
import { MinutesInput } from '../../components/setup/TimeInputs';
import { ApproveModal, CommandModal, ImportModal } from './DeviceActions';
import { DeviceDetailDrawer } from './DeviceDetailDrawer';
import { DeviceStatusCell, RelativeTime } from './DeviceStatus';
import { COMMAND_KINDS, type CommandKind, type Device, type DeviceLimitsStatus, type DeviceStatus, type Vendor } from './types';
import { DEVICE_VENDORS } from '../../../../src/shared/enums';

interface DeviceForm {
  vendor: Vendor;
  serialNumber: string;
  name: string;
  model?: string | null;
  siteId?: Id | null;
  timeZone?: string | null;
  offlineAfterMin: number;
  pullUrl?: string | null;
}

/** Lag worth a warning: uploads running more than 30 minutes behind the newest punch. */
const LAG_WARN_MS = 30 * 60_000;

export default function DevicesPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe();
  const { companyId, company, companies } = useCompany();
  const [filters, setFilters] = useState<{ status?: DeviceStatus; online?: boolean; siteId?: Id }>({});
  // Pending devices belong to no company yet: they are listed across companies (admins only).
  const list = useResourceList('/api/v1/devices', { query: { ...filters, companyId: filters.status === 'pending' ? undefined : companyId } }, { enabled: !!companyId });
  const [pendingCount, setPendingCount] = useState(0);
  const [limits, setLimits] = useState<DeviceLimitsStatus | null>(null);
  const [sites, setSites] = useState<Site[]>([]);
  const [detailId, setDetailId] = useState<Id | null>(null);
  const [approving, setApproving] = useState<Device | null>(null);
  const [command, setCommand] = useState<{ device: Device; kind: CommandKind } | null>(null);
  const [importing, setImporting] = useState<Device | null>(null);
  const [editing, setEditing] = useState<Device | 'new' | null>(null);

  useEffect(() => {
    if (!companyId) return;
    const c = new AbortController();
    fetchAllOf('/api/v1/sites', { query: { companyId } }, c.signal).then(setSites, () => setSites([]));
    return () => c.abort();
  }, [companyId]);
  useEffect(() => {
    if (me.role !== 'admin') return;
    const c = new AbortController();
    unwrap(apiClient.GET('/api/v1/devices', { params: { query: { status: 'pending', pageSize: 1 } }, signal: c.signal })).then((r) => setPendingCount(r.total), () => setPendingCount(0));
    unwrap(apiClient.GET('/api/v1/devices/limits', { signal: c.signal })).then(setLimits, () => setLimits(null));
    return () => c.abort();
  }, [me.role, list.items]);

  const siteName = useMemo(() => {
    const byId = new Map(sites.map((s) => [String(s.id), s.name]));
    return (id: Id | null) => (id != null ? (byId.get(String(id)) ?? '') : '');
  }, [sites]);

  const setStatus = (d: Device, enable: boolean) => {
    modal.confirm({
      title: enable ? t('devices.enableConfirm', { name: d.name }) : t('devices.disableConfirm', { name: d.name }),
      content: enable ? undefined : t('devices.disableHint'),
      okButtonProps: { danger: !enable },
      onOk: async () => {
        try {
          const path = { path: { id: d.id } };
          await unwrap(enable ? apiClient.POST('/api/v1/devices/{id}/enable', { params: path }) : apiClient.POST('/api/v1/devices/{id}/disable', { params: path }));
          message.success(enable ? t('devices.enabled', { name: d.name }) : t('devices.disabled', { name: d.name }));
          list.reload();
        } catch (err) {
          message.error(errorText(t, err));
        }
      },
    });
  };

  const sendSimple = (d: Device, kind: CommandKind) => {
    modal.confirm({
      title: t(`devices.commands.${kind}`),
      content: t(`devices.commandHints.${kind}`, { zone: d.timeZone }),
      okText: t('devices.sendCommand'),
      onOk: async () => {
        try {
          const r = await unwrap(apiClient.POST('/api/v1/devices/{id}/commands', { params: { path: { id: d.id } }, body: { kind } }));
          message.success(t('devices.commandQueued', { n: r.items.length }));
        } catch (err) {
          message.error(errorText(t, err));
        }
      },
    });
  };

  const save = async (v: DeviceForm) => {
    const body = {
      name: v.name.trim(),
      model: v.model?.trim() || null,
      siteId: v.siteId ?? null,
      timeZone: v.timeZone || null,
      offlineAfterMin: v.offlineAfterMin,
      // Only admins register where a device is pulled from; the field is not sent otherwise.
      ...(me.role === 'admin' && editing !== 'new' && editing?.vendor === 'hikvision' ? { pullUrl: v.pullUrl?.trim() || null } : {}),
    };
    if (editing === 'new') {
      if (companyId) await unwrap(apiClient.POST('/api/v1/devices', { body: { ...body, companyId, vendor: v.vendor, serialNumber: v.serialNumber.trim() } }));
    } else if (editing) {
      await unwrap(apiClient.PATCH('/api/v1/devices/{id}', { params: { path: { id: editing.id } }, body: editing.companyId === null ? { ...body, siteId: undefined } : body }));
    }
    list.reload();
  };

  const initial: Partial<DeviceForm> =
    editing && editing !== 'new'
      ? { ...editing, timeZone: editing.timeZoneSetting }
      : { vendor: 'zkteco', offlineAfterMin: 10, timeZone: null };

  const count = (v: number | null) => (v === null ? '—' : v.toLocaleString());

  return (
    <PageContainer
      title={t('menu.devices')}
      needsCompany
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('devices.create')}
        </Button>
      }
    >
      {pendingCount > 0 && filters.status !== 'pending' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('devices.pendingBanner', { n: pendingCount })}
          action={
            <Button size="small" onClick={() => setFilters({ status: 'pending' })}>
              {t('devices.showPending')}
            </Button>
          }
        />
      )}
      {limits && (limits.pendingDevices >= limits.limits.maxPendingDevices || limits.refusals.new_serials + limits.refusals.pending_devices > 0) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('devices.limitsBanner', {
            pending: limits.pendingDevices,
            max: limits.limits.maxPendingDevices,
            refused: limits.refusals.new_serials + limits.refusals.pending_devices,
          })}
          description={t('devices.limitsBannerHint', { perHour: limits.limits.newSerialsPerAddressPerHour })}
        />
      )}
      <Space wrap className="daka-filters">
        <Select<DeviceStatus>
          allowClear
          style={{ width: 140 }}
          placeholder={t('devices.allStatuses')}
          value={filters.status}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          options={(['active', 'pending', 'disabled'] as const).map((s) => ({ value: s, label: t(`devices.status.${s}`) }))}
        />
        <Select<string>
          allowClear
          style={{ width: 140 }}
          placeholder={t('devices.allConnections')}
          value={filters.online === undefined ? undefined : filters.online ? 'on' : 'off'}
          onChange={(v) => setFilters((f) => ({ ...f, online: v === undefined ? undefined : v === 'on' }))}
          options={[
            { value: 'on', label: t('devices.online') },
            { value: 'off', label: t('devices.offline') },
          ]}
        />
        <Select<Id>
          allowClear
          style={{ width: 180 }}
          placeholder={t('devices.allSites')}
          value={filters.siteId}
          disabled={filters.status === 'pending'}
          onChange={(siteId) => setFilters((f) => ({ ...f, siteId }))}
          options={sites.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Space>
      <ResourceTable<Device>
        list={list}
        columns={[
          {
            title: t('devices.device'),
            key: 'device',
            fixed: 'left',
            render: (_, d) => (
              <div>
                <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => setDetailId(d.id)}>
                  {d.name}
                </Button>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {d.serialNumber}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          { title: t('devices.vendor'), dataIndex: 'vendor', render: (v: Vendor, d) => `${t(`devices.vendors.${v}`)}${d.model ? ` ${d.model}` : ''}` },
          { title: t('common.status'), key: 'status', render: (_, d) => <DeviceStatusCell device={d} /> },
          {
            title: t('devices.siteOrCompany'),
            key: 'site',
            render: (_, d) =>
              d.companyId === null ? (
                <Typography.Text type="secondary">{t('devices.unassigned')}</Typography.Text>
              ) : !sameId(d.companyId, companyId) ? (
                (companies.find((c) => sameId(c.id, d.companyId))?.name ?? `#${d.companyId}`)
              ) : (
                siteName(d.siteId) || '—'
              ),
          },
          { title: t('devices.lastSeen'), dataIndex: 'lastSeenAtMs', render: (v: number | null) => <RelativeTime atMs={v} /> },
          { title: t('devices.firmware'), dataIndex: 'firmware', render: (v: string | null) => v ?? '—' },
          { title: t('devices.users'), dataIndex: 'userCount', align: 'right', render: count },
          { title: t('devices.fingerprints'), dataIndex: 'fpCount', align: 'right', render: count },
          { title: t('devices.faces'), dataIndex: 'faceCount', align: 'right', render: count },
          { title: t('devices.records'), dataIndex: 'attlogCount', align: 'right', render: count },
          {
            title: t('devices.lag'),
            dataIndex: 'lagMs',
            render: (v: number | null) => (v === null ? '—' : v > LAG_WARN_MS ? <Tag color="warning">{durationMs(v, t)}</Tag> : durationMs(v, t)),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, d) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setDetailId(d.id)}>
                  {t('devices.detail')}
                </Button>
                {d.status === 'pending' && (
                  <Button type="link" size="small" onClick={() => setApproving(d)}>
                    {t('devices.approve')}
                  </Button>
                )}
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: ([
                      {
                        key: 'commands',
                        type: 'group' as const,
                        label: t('devices.sendCommand'),
                        children: COMMAND_KINDS.map((k) => ({
                          key: k,
                          label: t(`devices.commands.${k}`),
                          disabled: d.vendor !== 'zkteco' || d.status === 'disabled' || (k === 'sync_users' && d.companyId === null),
                        })),
                      },
                      { type: 'divider' as const },
                      { key: 'import', label: t('devices.importFileAction') },
                      { key: 'edit', label: t('common.edit') },
                      d.status === 'active'
                        ? { key: 'disable', label: t('devices.disable'), danger: true }
                        : d.status === 'disabled'
                          ? { key: 'enable', label: t('devices.enable') }
                          : null,
                    ] as MenuProps['items'])!.filter((x) => x !== null),
                    onClick: ({ key }) => {
                      if (key === 'import') setImporting(d);
                      else if (key === 'edit') setEditing(d);
                      else if (key === 'disable') setStatus(d, false);
                      else if (key === 'enable') setStatus(d, true);
                      else if (key === 'reboot' || key === 'sync_clock' || key === 'info') sendSimple(d, key);
                      else setCommand({ device: d, kind: key as CommandKind });
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
      <DeviceDetailDrawer deviceId={detailId} siteName={siteName} onClose={() => setDetailId(null)} />
      <ApproveModal device={approving} companies={companies} defaultCompanyId={companyId} onClose={() => setApproving(null)} onDone={() => list.reload()} />
      <CommandModal device={command?.device ?? null} kind={command?.kind ?? null} onClose={() => setCommand(null)} onQueued={() => list.reload()} />
      <ImportModal device={importing} onClose={() => setImporting(null)} onImported={() => list.reload()} />
      <FormDrawer<DeviceForm>
        open={editing !== null}
        title={editing === 'new' ? t('devices.create') : t('devices.edit')}
        initialValues={initial}
        onClose={() => setEditing(null)}
        onSubmit={save}
      >
        {editing === 'new' && <Typography.Paragraph type="secondary">{t('devices.createHint')}</Typography.Paragraph>}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="vendor" label={t('devices.vendor')} rules={[{ required: true }]}>
              <Select disabled={editing !== 'new'} options={DEVICE_VENDORS.map((v) => ({ value: v, label: t(`devices.vendors.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="serialNumber" label={t('devices.serialNumber')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={64} disabled={editing !== 'new'} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t('devices.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="model" label={t('devices.model')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="siteId" label={t('devices.site')}>
          <Select allowClear disabled={editing !== 'new' && editing?.companyId === null} options={sites.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="timeZone" label={t('common.timeZone')} extra={t('devices.timeZoneInheritHint')}>
          <TimeZoneSelect placeholder={company?.timeZone} />
        </Form.Item>
        <Form.Item name="offlineAfterMin" label={t('devices.offlineAfter')} extra={t('devices.offlineAfterHint')} rules={[{ required: true }]}>
          <MinutesInput min={1} max={10080} />
        </Form.Item>
        {me.role === 'admin' && editing !== 'new' && editing?.vendor === 'hikvision' && (
          <Form.Item name="pullUrl" label={t('devices.pullUrl')} extra={t('devices.pullUrlHint')} rules={[{ pattern: /^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/, message: t('devices.pullUrlInvalid') }]}>
            <Input maxLength={300} placeholder="http://192.168.1.64" />
          </Form.Item>
        )}
      </FormDrawer>
    </PageContainer>
  );
}
