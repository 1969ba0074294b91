import { Button, Popconfirm, Space, Tag, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { ActiveTag } from '../../components/StatusTag';
import type { ShiftType } from '../../components/setup/data';
import { formatDuration } from '../../components/setup/TimeInputs';
import { workMinutes } from './workMinutes';

/** Columns of short values that read wrong when wrapped (times, durations, actions). */
const NOWRAP = 'daka-nowrap';

/** The shift types table's columns, editing and (de)activating last. */
export function shiftTypeColumns({ t, onEdit, onSetActive }: { t: TFunction; onEdit(s: ShiftType): void; onSetActive(s: ShiftType, active: boolean): Promise<void> }): TableColumnsType<ShiftType> {
  return [
    { className: NOWRAP, title: t('shifts.code'), dataIndex: 'code', fixed: 'left' },
    {
      title: t('shifts.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Space size={8}>
          <span className="daka-swatch" style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: row.color ?? '#1677ff' }} />
          {name}
        </Space>
      ),
    },
    {
      title: t('shifts.times'), className: NOWRAP,
      key: 'times',
      render: (_, row) => (
        <Space size={4}>
          <span>
            {row.start}–{row.end}
          </span>
          {row.crossesMidnight && <Tag color="purple">{t('shifts.nextDay')}</Tag>}
        </Space>
      ),
    },
    { className: NOWRAP, title: t('shifts.break'), dataIndex: 'break', render: (b: ShiftType['break']) => (b ? `${b.start}–${b.end}` : t('shifts.noBreak')) },
    { className: NOWRAP, title: t('shifts.workHours'), key: 'work', render: (_, row) => formatDuration(t, workMinutes(row)) },
    { className: NOWRAP, title: t('shifts.grace'), key: 'grace', render: (_, row) => t('shifts.graceText', { late: row.graceLateMin, early: row.graceEarlyMin }) },
    { title: t('shifts.window'), key: 'window', render: (_, row) => t('shifts.windowText', { before: row.checkInEarliestMin, after: row.checkOutLatestMin }) },
    {
      title: t('shifts.flex'),
      dataIndex: 'flex',
      render: (f: ShiftType['flex']) => (f ? <Tag color="cyan">{t('shifts.flexText', { late: f.lateMaxMin, early: f.earlyMaxMin })}</Tag> : t('shifts.noFlex')),
    },
    { className: NOWRAP, title: t('common.status'), dataIndex: 'active', render: (active: boolean) => <ActiveTag active={active} /> },
    {
      // Not fixed: a fixed action column covered the flex and status columns on a laptop screen.
      title: t('common.actions'), className: NOWRAP,
      key: 'actions',
      render: (_, row) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onEdit(row)}>
            {t('common.edit')}
          </Button>
          {row.active ? (
            <Popconfirm title={t('shifts.disableConfirm', { name: row.name })} description={t('shifts.disableHint')} onConfirm={() => onSetActive(row, false)}>
              <Button type="link" size="small" danger>
                {t('common.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => void onSetActive(row, true)}>
              {t('setupCommon.enable')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
}
