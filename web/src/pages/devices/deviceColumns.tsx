import { Button, Dropdown, Space, Tag, Typography, type MenuProps, type TableColumnsType } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import type { Company, Id } from '../../api/types';
import { sameId } from '../../api/types';
import { durationMs } from '../../components/setup/timeText';
import { DeviceStatusCell, RelativeTime } from './DeviceStatus';
import { COMMAND_KINDS, type Device, type Vendor } from './types';

/** Lag worth a warning: uploads running more than 30 minutes behind the newest punch. */
const LAG_WARN_MS = 30 * 60_000;

interface ColumnContext {
  t: TFunction;
  companyId: Id | null;
  companies: Company[];
  siteName(id: Id | null): string;
  onDetail(d: Device): void;
  onApprove(d: Device): void;
  /** A pick in a row's "more" menu: a command kind, 'import', 'edit', 'disable' or 'enable'. */
  onMenu(d: Device, key: string): void;
}

/** The devices table's columns, its row actions last. */
export function deviceColumns({ t, companyId, companies, siteName, onDetail, onApprove, onMenu }: ColumnContext): TableColumnsType<Device> {
  const count = (v: number | null) => (v === null ? '—' : v.toLocaleString());
  return [
    {
      title: t('devices.device'),
      key: 'device',
      fixed: 'left',
      render: (_, d) => (
        <div>
          <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onDetail(d)}>
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
          <Button type="link" size="small" onClick={() => onDetail(d)}>
            {t('devices.detail')}
          </Button>
          {d.status === 'pending' && (
            <Button type="link" size="small" onClick={() => onApprove(d)}>
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
              onClick: ({ key }) => onMenu(d, key),
            }}
          >
            <Button type="link" size="small">
              {t('setupCommon.more')} <DownOutlined />
            </Button>
          </Dropdown>
        </Space>
      ),
    },
  ];
}
