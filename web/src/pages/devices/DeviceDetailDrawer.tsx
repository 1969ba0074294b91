import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Empty, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { errorText } from '../../api/errors';
import type { Id } from '../../api/types';
import { formatInstant } from '../../components/format';
import { durationMs } from '../../components/setup/timeText';
import { DeviceStatusCell, RelativeTime } from './DeviceStatus';
import { DeviceUsersTab } from './DeviceUsersTab';
import { DeviceOplogTab } from './DeviceOplogTab';
import type { DeviceCommand, DeviceDetail, DeviceEvent } from './types';

const COMMAND_COLORS: Record<string, string> = { queued: 'default', sent: 'processing', done: 'success', failed: 'error' };
const EVENT_COLORS: Record<string, string> = { offline: 'red', online: 'green', gap: 'orange', reset: 'orange', command_failed: 'red', clock_skew: 'red', approved: 'blue', registered: 'gray' };

function EventText({ e }: { e: DeviceEvent }) {
  const { t } = useTranslation();
  const d = (e.details ?? {}) as Record<string, unknown>;
  let text = '';
  // A gap shows its automatic fill: the window the device was asked to re-send, and whether it did.
  const fill = e.kind === 'gap' && d.fill && typeof d.fill === 'object' ? (d.fill as { status?: unknown; from?: unknown; to?: unknown }) : null;
  if (e.kind === 'gap' && typeof d.fromMs === 'number' && typeof d.toMs === 'number') {
    text = t('devices.eventGapText', { from: formatInstant(d.fromMs), to: formatInstant(d.toMs), duration: durationMs(d.toMs - d.fromMs, t) });
  } else if (e.kind === 'offline' && typeof d.silentMin === 'number') {
    text = t('devices.eventOfflineText', { minutes: d.silentMin });
  } else if (e.kind === 'reset') {
    text = t('devices.eventResetText', { reason: String(d.reason ?? '') });
  } else if (e.kind === 'command_failed') {
    text = t('devices.eventCommandFailedText', { kind: String(d.kind ?? ''), code: String(d.returnCode ?? '') });
  } else if (e.kind === 'clock_skew' && typeof d.skewMs === 'number') {
    text = t(d.skewMs > 0 ? 'devices.clockAheadText' : 'devices.clockBehindText', { duration: durationMs(Math.abs(d.skewMs), t) });
  } else if (e.kind === 'approved') {
    text = t('devices.eventApprovedText', { moved: Number(d.moved ?? 0) });
  } else if (e.kind === 'registered' && d.ip) {
    text = t('devices.eventRegisteredText', { ip: String(d.ip) });
  }
  return (
    <div>
      <Space size={8}>
        <Typography.Text strong>{t(`devices.events.${e.kind}`, { defaultValue: e.kind })}</Typography.Text>
        <Typography.Text type="secondary">{formatInstant(e.atMs)}</Typography.Text>
      </Space>
      {text && <div>{text}</div>}
      {fill && typeof fill.status === 'string' && (
        <Tag color={fill.status === 'filled' ? 'success' : fill.status === 'failed' ? 'error' : 'processing'} style={{ marginTop: 4, whiteSpace: 'normal' }}>
          {t(`devices.gapFill.${fill.status}`, { from: String(fill.from ?? ''), to: String(fill.to ?? ''), defaultValue: fill.status })}
        </Tag>
      )}
    </div>
  );
}

export function DeviceDetailDrawer({ deviceId, siteName, onClose }: { deviceId: Id | null; siteName(id: Id | null): string; onClose(): void }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<DeviceDetail | null>(null);
  const [commands, setCommands] = useState<DeviceCommand[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [usersTotal, setUsersTotal] = useState<number | null>(null);

  const load = useCallback(async () => {
    if (deviceId === null) return;
    setLoading(true);
    setError(null);
    try {
      const [d, c] = await Promise.all([
        unwrap(apiClient.GET('/api/v1/devices/{id}', { params: { path: { id: deviceId } } })),
        unwrap(apiClient.GET('/api/v1/devices/{id}/commands', { params: { path: { id: deviceId }, query: { pageSize: 100 } } })),
      ]);
      setDetail(d);
      setCommands(c.items);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [deviceId]);

  useEffect(() => {
    setDetail(null);
    setCommands([]);
    setUsersTotal(null);
    void load();
  }, [load]);

  const pending = commands.filter((c) => c.status === 'queued' || c.status === 'sent');
  const commandTable = (rows: DeviceCommand[]) => (
    <Table<DeviceCommand>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('devices.commandKind'), dataIndex: 'kind', render: (k: string) => t(`devices.commands.${k}`, { defaultValue: k }) },
        { title: t('common.status'), dataIndex: 'status', render: (s: string) => <Tag color={COMMAND_COLORS[s]}>{t(`devices.commandStatus.${s}`, { defaultValue: s })}</Tag> },
        { title: t('devices.createdAt'), dataIndex: 'createdAtMs', render: (v: number) => formatInstant(v) },
        { title: t('devices.sentAt'), dataIndex: 'sentAtMs', render: (v: number | null) => formatInstant(v) },
        { title: t('devices.finishedAt'), dataIndex: 'finishedAtMs', render: (v: number | null) => formatInstant(v) },
        { title: t('devices.returnCode'), dataIndex: 'returnCode' },
        {
          title: t('devices.commandText'),
          dataIndex: 'command',
          render: (c: string) => (
            <Typography.Text code ellipsis={{ tooltip: c }} style={{ maxWidth: 220 }}>
              {c}
            </Typography.Text>
          ),
        },
      ]}
    />
  );

  const d = detail;
  const count = (v: number | null) => (v === null ? '—' : v.toLocaleString());
  return (
    <Drawer
      open={deviceId !== null}
      // Full width on a phone: the drawer must not push the page sideways.
      size={typeof window !== 'undefined' && window.innerWidth < 860 ? '100%' : 860}
      title={d ? `${d.name}（${d.serialNumber}）` : t('devices.detail')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button icon={<ReloadOutlined />} loading={loading} onClick={() => void load()}>
          {t('setupCommon.refresh')}
        </Button>
      }
    >
      {error != null && <Alert type="error" showIcon title={errorText(t, error)} style={{ marginBottom: 12 }} />}
      {d && (
        <>
          {d.heldPunches > 0 && <Alert type="warning" showIcon title={t('devices.heldPunches', { n: d.heldPunches })} style={{ marginBottom: 12 }} />}
          <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('common.status')}>
              <DeviceStatusCell device={d} />
            </Descriptions.Item>
            <Descriptions.Item label={t('devices.vendor')}>
              {t(`devices.vendors.${d.vendor}`)} {d.model ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('devices.serialNumber')}>{d.serialNumber}</Descriptions.Item>
            <Descriptions.Item label={t('devices.site')}>{siteName(d.siteId) || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('devices.lastSeen')}>
              <RelativeTime atMs={d.lastSeenAtMs} />
            </Descriptions.Item>
            <Descriptions.Item label={t('devices.lastIp')}>{d.lastIp ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('devices.allowedIps')}>{d.allowedIps?.join(', ') || t('devices.anyAddress')}</Descriptions.Item>
            {d.vendor === 'hikvision' && <Descriptions.Item label={t('devices.pullUrl')}>{d.pullUrl ?? '—'}</Descriptions.Item>}
            {d.limitHit && <Descriptions.Item label={t('devices.limitHitLabel')}>{t(`devices.limitHitHint.${d.limitHit}`)}</Descriptions.Item>}
            <Descriptions.Item label={t('devices.lastUpload')}>
              <RelativeTime atMs={d.lastUploadAtMs} />
            </Descriptions.Item>
            <Descriptions.Item label={t('devices.lastPunch')}>{formatInstant(d.lastPunchAtMs, d.timeZone) || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('devices.lag')}>{d.lagMs === null ? '—' : durationMs(d.lagMs, t)}</Descriptions.Item>
            <Descriptions.Item label={t('devices.clockAhead')}>
              {d.clockSkewMs === null ? (
                '—'
              ) : Math.abs(d.clockSkewMs) >= 60_000 ? (
                <Typography.Text type="danger">{t(d.clockSkewMs > 0 ? 'devices.clockAheadText' : 'devices.clockBehindText', { duration: durationMs(Math.abs(d.clockSkewMs), t) })}</Typography.Text>
              ) : (
                t('devices.clockInTime')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('devices.offlineAfter')}>{t('devices.offlineAfterText', { n: d.offlineAfterMin })}</Descriptions.Item>
            <Descriptions.Item label={t('devices.firmware')}>{d.firmware ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('devices.pushVersion')}>{d.pushVersion ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('common.timeZone')}>
              {d.timeZone}
              {d.timeZoneSetting === null && <Typography.Text type="secondary">（{t('devices.inherited')}）</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('devices.counts')}>
              {t('devices.countsText', { users: count(d.userCount), fp: count(d.fpCount), face: count(d.faceCount), logs: count(d.attlogCount) })}
            </Descriptions.Item>
          </Descriptions>
          <Tabs
            items={[
              {
                key: 'pending',
                label: t('devices.pendingCommands', { n: d.pendingCommands }),
                children: pending.length ? commandTable(pending) : <Empty description={t('devices.noPendingCommands')} />,
              },
              { key: 'history', label: t('devices.commandHistory'), children: commands.length ? commandTable(commands) : <Empty description={t('devices.noCommands')} /> },
              ...(d.vendor === 'zkteco'
                ? [
                    { key: 'users', label: t('devices.usersTab', { n: usersTotal ?? d.userCount ?? 0 }), children: <DeviceUsersTab deviceId={d.id} onTotal={setUsersTotal} /> },
                    { key: 'oplog', label: t('devices.oplogTab'), children: <DeviceOplogTab deviceId={d.id} /> },
                  ]
                : []),
              {
                key: 'events',
                label: t('devices.eventsTab', { n: d.gaps.length }),
                children: (
                  <>
                    {d.gaps.length > 0 && (
                      <Alert
                        type="warning"
                        showIcon
                        style={{ marginBottom: 12 }}
                        title={t('devices.gapsTitle', { n: d.gaps.length })}
                        description={
                          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                            {d.gaps.slice(0, 5).map((g) => (
                              <li key={String(g.id)}>
                                <EventText e={g} />
                              </li>
                            ))}
                          </ul>
                        }
                      />
                    )}
                    {d.recentEvents.length ? (
                      <Timeline items={d.recentEvents.map((e) => ({ key: String(e.id), color: EVENT_COLORS[e.kind] ?? 'gray', content: <EventText e={e} /> }))} />
                    ) : (
                      <Empty description={t('devices.noEvents')} />
                    )}
                  </>
                ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
