import { useMemo, useState } from 'react';
import { App, Button, Popconfirm, Select, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { errorText } from '../../api/errors';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { ActiveTag } from '../../components/StatusTag';
import { WEEK_ORDER, useCalendars, useShiftTypes, type AttendanceGroup, type GroupKind } from '../../components/setup/data';
import { ShiftTag } from '../../components/setup/ShiftTag';
import { formatDuration } from '../../components/setup/TimeInputs';
import { GroupDrawer } from './GroupDrawer';
import { GROUP_KINDS } from '../../../../src/shared/enums';

const KIND_COLORS: Record<GroupKind, string> = { fixed: 'blue', roster: 'purple', free: 'cyan' };

export default function GroupsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { companyId, company } = useCompany();
  const [kind, setKind] = useState<GroupKind | undefined>();
  const [showInactive, setShowInactive] = useState(false);
  const list = useResourceList('/api/v1/attendance-groups', { query: { companyId, kind, active: showInactive ? undefined : true } }, { enabled: !!companyId });
  const shifts = useShiftTypes(companyId, true);
  const calendars = useCalendars(companyId);
  const [editing, setEditing] = useState<{ group: AttendanceGroup | 'new'; tab: 'basic' | 'members' } | null>(null);
  const shiftById = useMemo(() => new Map(shifts.items.map((s) => [String(s.id), s])), [shifts.items]);
  const calById = useMemo(() => new Map(calendars.items.map((c) => [String(c.id), c])), [calendars.items]);

  const deactivate = async (g: AttendanceGroup) => {
    try {
      await unwrap(apiClient.DELETE('/api/v1/attendance-groups/{id}', { params: { path: { id: g.id } } }));
      message.success(t('groups.deactivated', { name: g.name }));
      list.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  const schedule = (g: AttendanceGroup) => {
    if (g.kind === 'free') return g.freeHours ? t('groups.freeSummary', { start: g.freeHours.dayStartsAt, duration: formatDuration(t, g.freeHours.requiredMinutes) }) : '';
    if (g.kind === 'roster') return g.rosterCycle ? t('groups.cycleSummary', { n: g.rosterCycle.shiftTypeIds.length, start: g.rosterCycle.startDate }) : t('groups.noCycle');
    return (
      <Space size={2} wrap={false}>
        {WEEK_ORDER.map((d) => {
          const s = g.weekly?.[d] != null ? shiftById.get(String(g.weekly[d])) : undefined;
          return (
            <span key={d} style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'center', minWidth: 34 }}>
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                {t(`setupCommon.weekdaysShort.${d}`)}
              </Typography.Text>
              {s ? <ShiftTag shift={s} short /> : <Tag style={{ marginInlineEnd: 0 }}>{t('groups.restShort')}</Tag>}
            </span>
          );
        })}
      </Space>
    );
  };

  // Each shift the group uses, once, with its times (a roster's cycle, or the week of a fixed group).
  const shiftTimes = (g: AttendanceGroup) => {
    const ids = g.kind === 'roster' ? (g.rosterCycle?.shiftTypeIds ?? []) : g.kind === 'fixed' ? Object.values(g.weekly ?? {}) : [];
    const used = [...new Set(ids.filter((id) => id != null).map(String))].flatMap((id) => shiftById.get(id) ?? []);
    return (
      <Space orientation="vertical" size={0}>
        {used.map((s) => (
          <span key={s.id} style={{ whiteSpace: 'nowrap' }}>
            {`${s.code} ${s.start}–${s.end}`}
            {s.crossesMidnight ? <Typography.Text type="secondary">{` (${t('shifts.nextDay')})`}</Typography.Text> : null}
          </span>
        ))}
      </Space>
    );
  };

  return (
    <PageContainer
      title={t('menu.attendanceGroups')}
      needsCompany
      extra={
        <Space>
          <Space size={6}>
            <Switch size="small" checked={showInactive} onChange={setShowInactive} />
            <Typography.Text>{t('setupCommon.showInactive')}</Typography.Text>
          </Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ group: 'new', tab: 'basic' })}>
            {t('groups.create')}
          </Button>
        </Space>
      }
    >
      <Space wrap className="daka-filters">
        <Select<GroupKind>
          allowClear
          style={{ width: 160 }}
          placeholder={t('groups.allKinds')}
          value={kind}
          onChange={setKind}
          options={GROUP_KINDS.map((k) => ({ value: k, label: t(`groups.kinds.${k}`) }))}
        />
      </Space>
      <ResourceTable<AttendanceGroup>
        list={list}
        columns={[
          { title: t('groups.name'), dataIndex: 'name', fixed: 'left' },
          { title: t('groups.kind'), dataIndex: 'kind', render: (k: GroupKind) => <Tag color={KIND_COLORS[k]}>{t(`groups.kinds.${k}`)}</Tag> },
          { title: t('groups.schedule'), key: 'schedule', render: (_, g) => schedule(g) },
          { title: t('groups.shiftTimes'), key: 'shiftTimes', render: (_, g) => shiftTimes(g) },
          { title: t('groups.memberCount'), key: 'memberCount', align: 'right', render: (_, g) => (g as AttendanceGroup & { memberCount?: number }).memberCount ?? '' },
          {
            title: t('groups.holidayCalendar'),
            dataIndex: 'holidayCalendarId',
            render: (id: AttendanceGroup['holidayCalendarId']) => (id != null ? (calById.get(String(id))?.name ?? `#${id}`) : <Typography.Text type="secondary">{t('groups.noCalendar')}</Typography.Text>),
          },
          { title: t('common.timeZone'), dataIndex: 'timeZone' },
          { title: t('common.status'), dataIndex: 'active', render: (a: boolean) => <ActiveTag active={a} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, g) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ group: g, tab: 'basic' })}>
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setEditing({ group: g, tab: 'members' })}>
                  {t('groups.members')}
                </Button>
                {g.active && (
                  <Popconfirm title={t('groups.deactivateConfirm', { name: g.name })} description={t('groups.deactivateHint')} onConfirm={() => deactivate(g)}>
                    <Button type="link" size="small" danger>
                      {t('common.deactivate')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <GroupDrawer
        open={editing !== null}
        editing={editing?.group ?? null}
        initialTab={editing?.tab}
        company={company}
        companyId={companyId}
        shiftTypes={shifts.items.filter((s) => s.active)}
        calendars={calendars.items}
        onClose={() => setEditing(null)}
        onSaved={(g) => {
          list.reload();
          // A new group goes on to its members; an edit closes.
          setEditing(editing?.group === 'new' ? { group: g, tab: 'members' } : null);
        }}
      />
    </PageContainer>
  );
}
