import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import type { Id, Site } from '../../api/types';
import { apiClient, fetchAllOf, unwrap } from '../../api/typed';
import { useResourceList } from '../../api/useResourceList';
import { useMe } from '../../auth/AuthContext';
import { useCompany } from '../../app/CompanyContext';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { ApproveModal } from './ApproveModal';
import { CommandModal } from './CommandModal';
import { deviceColumns } from './deviceColumns';
import { DeviceDetailDrawer } from './DeviceDetailDrawer';
import { DeviceFormDrawer } from './DeviceFormDrawer';
import { ImportModal } from './ImportModal';
import type { CommandKind, Device, DeviceLimitsStatus, DeviceStatus } from './types';

export default function DevicesPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe();
  const { companyId, companies } = useCompany();
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

  const onMenu = (d: Device, key: string) => {
    if (key === 'import') setImporting(d);
    else if (key === 'edit') setEditing(d);
    else if (key === 'disable') setStatus(d, false);
    else if (key === 'enable') setStatus(d, true);
    else if (key === 'reboot' || key === 'sync_clock' || key === 'info') sendSimple(d, key);
    else setCommand({ device: d, kind: key as CommandKind });
  };

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
        columns={deviceColumns({ t, companyId, companies, siteName, onDetail: (d) => setDetailId(d.id), onApprove: setApproving, onMenu })}
      />
      <DeviceDetailDrawer deviceId={detailId} siteName={siteName} onClose={() => setDetailId(null)} />
      <ApproveModal device={approving} companies={companies} defaultCompanyId={companyId} onClose={() => setApproving(null)} onDone={() => list.reload()} />
      <CommandModal device={command?.device ?? null} kind={command?.kind ?? null} onClose={() => setCommand(null)} onQueued={() => list.reload()} />
      <ImportModal device={importing} onClose={() => setImporting(null)} onImported={() => list.reload()} />
      <DeviceFormDrawer editing={editing} sites={sites} onClose={() => setEditing(null)} onSaved={() => list.reload()} />
    </PageContainer>
  );
}
