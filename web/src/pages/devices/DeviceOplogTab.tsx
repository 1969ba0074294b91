import { useCallback, useEffect, useState } from 'react';
import { Alert, Empty, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap, type ListItem } from '../../api/typed';
import { errorText } from '../../api/errors';
import type { Id } from '../../api/types';

type OplogRow = ListItem<'/api/v1/devices/{id}/oplog'>;
const PAGE_SIZE = 20;
/** OpTypes worth naming (devices.md §2.6); others show their number. */
const KNOWN_TYPES = [0, 1, 2, 3, 4, 5, 6, 7, 9, 13, 21, 22, 23, 30, 70, 101, 106];
/** Clock set and deleted records change what attendance can trust. */
const ALERTING = new Set([21, 22, 23]);

export function DeviceOplogTab({ deviceId }: { deviceId: Id }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<OplogRow[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [opType, setOpType] = useState<number | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const data = await unwrap(
        apiClient.GET('/api/v1/devices/{id}/oplog', { params: { path: { id: Number(deviceId) }, query: { page, pageSize: PAGE_SIZE, ...(opType !== undefined ? { opType } : {}) } } }),
      );
      setRows(data.items);
      setTotal(data.total);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [deviceId, page, opType]);

  useEffect(() => {
    void load();
  }, [load]);

  const typeName = (v: number | null) => (v === null ? '—' : t(`devices.opTypes.${v}`, { defaultValue: String(v) }));
  return (
    <>
      {error != null && <Alert type="error" showIcon title={errorText(t, error)} style={{ marginBottom: 12 }} />}
      <Select<number>
        allowClear
        placeholder={t('devices.oplogTypeFilter')}
        style={{ width: 200, maxWidth: '100%', marginBottom: 12 }}
        value={opType}
        options={KNOWN_TYPES.map((v) => ({ value: v, label: typeName(v) }))}
        onChange={(v) => {
          setPage(1);
          setOpType(v ?? undefined);
        }}
      />
      <Table<OplogRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: <Empty description={t('devices.noOplog')} /> }}
        pagination={total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total, size: 'small', showSizeChanger: false, onChange: setPage } : false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('devices.oplogTime'), dataIndex: 'time', render: (v: string | null) => v ?? '—' },
          {
            title: t('devices.oplogType'),
            dataIndex: 'opType',
            render: (v: number | null) => (v !== null && ALERTING.has(v) ? <Typography.Text type="danger">{typeName(v)}</Typography.Text> : typeName(v)),
          },
          { title: t('devices.oplogOperator'), dataIndex: 'operator', render: (v: string | null) => v ?? '—' },
          { title: t('devices.oplogWho'), dataIndex: 'who', render: (v: string | null) => v ?? '—' },
          { title: t('devices.oplogValues'), dataIndex: 'values', render: (v: string[]) => v.join(' · ') || '—' },
        ]}
      />
    </>
  );
}
