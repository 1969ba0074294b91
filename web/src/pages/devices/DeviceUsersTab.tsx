import { useCallback, useEffect, useState } from 'react';
import { Alert, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap, type ListItem } from '../../api/typed';
import { errorText } from '../../api/errors';
import type { Id } from '../../api/types';

type DeviceUserRow = ListItem<'/api/v1/devices/{id}/users'>;
const PUSH_COLORS: Record<string, string> = { pending: 'processing', acked: 'success', failed: 'error' };
const PAGE_SIZE = 20;

/** The users a terminal reported: which template kinds it holds (never a template), the matched employee, and what Daka sent it. */
export function DeviceUsersTab({ deviceId, onTotal }: { deviceId: Id; onTotal?(n: number): void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<DeviceUserRow[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const data = await unwrap(
        apiClient.GET('/api/v1/devices/{id}/users', { params: { path: { id: Number(deviceId) }, query: { page, pageSize: PAGE_SIZE, ...(search ? { q: search } : {}) } } }),
      );
      setRows(data.items);
      setTotal(data.total);
      if (!search) onTotal?.(data.total);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [deviceId, page, search, onTotal]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      {error != null && <Alert type="error" showIcon title={errorText(t, error)} style={{ marginBottom: 12 }} />}
      <Input.Search
        allowClear
        maxLength={64}
        placeholder={t('devices.userSearch')}
        style={{ maxWidth: 260, marginBottom: 12 }}
        onSearch={(v) => {
          setPage(1);
          setSearch(v.trim());
        }}
      />
      <Table<DeviceUserRow>
        rowKey="pin"
        size="small"
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: <Empty description={t('devices.noUsers')} /> }}
        pagination={total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total, size: 'small', showSizeChanger: false, onChange: setPage } : false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('devices.userPin'), dataIndex: 'pin', fixed: 'left' },
          { title: t('devices.userName'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
          {
            title: t('devices.userEmployee'),
            dataIndex: 'employee',
            render: (e: DeviceUserRow['employee']) => (e ? e.name : <Typography.Text type="secondary">{t('devices.unmatched')}</Typography.Text>),
          },
          {
            title: t('devices.userTemplates'),
            dataIndex: 'templates',
            render: (list: DeviceUserRow['templates']) =>
              list.length ? (
                <Space size={4} wrap>
                  {list.map((x) => (
                    <Tag key={x.kind}>
                      {t(`devices.templateKinds.${x.kind}`, { defaultValue: x.kind })}
                      {x.count > 1 ? ` ×${x.count}` : ''}
                    </Tag>
                  ))}
                </Space>
              ) : (
                t('devices.noTemplates')
              ),
          },
          { title: t('devices.userCard'), dataIndex: 'cardMasked', render: (v: string | null) => v ?? '—' },
          { title: t('devices.userPrivilege'), dataIndex: 'privilege', render: (v: number | null) => (v === null ? '—' : t(`devices.privileges.${v}`, { defaultValue: String(v) })) },
          {
            title: t('devices.userPush'),
            dataIndex: 'push',
            render: (p: DeviceUserRow['push']) =>
              p ? (
                <Tag color={PUSH_COLORS[p.status]}>
                  {t(`devices.pushActions.${p.action}`)} · {t(`devices.pushStatus.${p.status}`)}
                  {p.returnCode !== null && p.status === 'failed' ? ` (${p.returnCode})` : ''}
                </Tag>
              ) : (
                '—'
              ),
          },
          {
            title: t('devices.userCopies'),
            dataIndex: 'copies',
            render: (c: DeviceUserRow['copies']) => (c.pending + c.acked + c.failed === 0 ? '—' : t('devices.copiesText', c)),
          },
        ]}
      />
    </>
  );
}
