import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, DatePicker, Dropdown, Select, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CHECKIN_SOURCES, type CheckinSource, type Id } from '../../api/types';
import { useDepartments } from '../../api/useDepartments';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { EmployeeSelect } from '../../components/EmployeeSelect';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { DayDetailDrawer } from '../../components/attendance/DayDetailDrawer';
import { DayFlags } from '../../components/attendance/DayStatusTag';
import { downloadReport } from '../../components/attendance/download';
import { ruleErrorText } from '../../components/attendance/errors';
import { hoursMinutes, wallTime } from '../../components/attendance/time';
import { DAY_STATUSES, DAY_TAGS, type DayRow, type DayStatus, type DayTag } from '../../components/attendance/types';

/** Attendance → daily results: one row per employee and date, with the day's detail in a drawer. */
export default function DailyResultsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { companyId } = useCompany();
  const [exporting, setExporting] = useState(false);
  const departments = useDepartments(companyId);
  const [params, setParams] = useSearchParams();
  // A link (dashboard anomaly) names an employee and a date: show that day and open it.
  const linkedEmployeeParam = params.get('employeeId');
  const linkedEmployee = linkedEmployeeParam && /^\d+$/.test(linkedEmployeeParam) ? Number(linkedEmployeeParam) : null;
  const linkedDate = params.get('date');
  // A link (dashboard anomaly total) names a range and a tag: show that filtered list.
  const linkedFrom = params.get('from');
  const linkedTo = params.get('to');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() =>
    linkedDate
      ? [dayjs(linkedDate), dayjs(linkedDate)]
      : linkedFrom && linkedTo
        ? [dayjs(linkedFrom), dayjs(linkedTo)]
        : [dayjs().subtract(7, 'day'), dayjs().subtract(1, 'day')],
  );
  const linkedTag = params.get('tag');
  const [tag, setTag] = useState<DayTag | undefined>(DAY_TAGS.find((x) => x === linkedTag));
  const [departmentId, setDepartmentId] = useState<Id | undefined>();
  const [employeeId, setEmployeeId] = useState<Id | undefined>(linkedEmployee ?? undefined);
  const [status, setStatus] = useState<DayStatus | undefined>((params.get('status') as DayStatus | null) ?? undefined);
  const [source, setSource] = useState<CheckinSource | undefined>();
  const [open, setOpen] = useState<{ employeeId: Id; date: string } | null>(
    linkedEmployee && linkedDate ? { employeeId: linkedEmployee, date: linkedDate } : null,
  );

  const list = useResourceList(
    '/api/v1/attendance/days',
    {
      query: {
        companyId,
        from: range[0].format('YYYY-MM-DD'),
        to: range[1].format('YYYY-MM-DD'),
        departmentId,
        employeeId,
        status,
        tag,
        source,
      },
    },
    { enabled: !!companyId, pageSize: 50 },
  );

  const closeDrawer = () => {
    setOpen(null);
    if (params.has('date')) {
      const next = new URLSearchParams(params);
      next.delete('date');
      next.delete('employeeId');
      setParams(next, { replace: true });
    }
  };

  // The daily detail and the anomalies of the chosen range, as the reports API writes them.
  const exportAs = async (key: string) => {
    if (!companyId) return;
    const [kind, format] = key.split('.') as ['daily' | 'anomalies', 'xlsx' | 'pdf' | 'csv'];
    const from = range[0].format('YYYY-MM-DD');
    const to = range[1].format('YYYY-MM-DD');
    setExporting(true);
    try {
      const name = await downloadReport(`/reports/${kind}`, { companyId, from, to, departmentId, format }, `${kind}-${from}-${to}.${format}`);
      message.success(t('monthly.downloaded', { name }));
    } catch (err) {
      message.error(ruleErrorText(t, err));
    } finally {
      setExporting(false);
    }
  };

  return (
    <PageContainer
      title={t('menu.dailyResults')}
      needsCompany
      extra={
        <Dropdown
          menu={{
            items: (['daily', 'anomalies'] as const).flatMap((kind) =>
              (['xlsx', 'pdf', 'csv'] as const).map((format) => ({ key: `${kind}.${format}`, label: t(`daily.export.${kind}`, { format: format.toUpperCase() }) })),
            ),
            onClick: ({ key }) => void exportAs(key),
          }}
        >
          <Button icon={<DownloadOutlined />} loading={exporting}>
            {t('daily.export.button')}
          </Button>
        </Dropdown>
      }
    >
      <Space wrap className="daka-filters">
        <DatePicker.RangePicker
          allowClear={false}
          value={range}
          onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
          presets={[
            { label: t('checkins.today'), value: [dayjs(), dayjs()] },
            { label: t('checkins.last7'), value: [dayjs().subtract(6, 'day'), dayjs()] },
            { label: t('checkins.thisMonth'), value: [dayjs().startOf('month'), dayjs()] },
            { label: t('checkins.lastMonth'), value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
          ]}
        />
        <DepartmentSelect
          tree={departments.tree}
          style={{ width: 200 }}
          placeholder={t('employees.allDepartments')}
          value={departmentId}
          onChange={(v) => setDepartmentId(v ?? undefined)}
        />
        <Select<DayStatus>
          allowClear
          style={{ width: 140 }}
          placeholder={t('attendance.allStatuses')}
          value={status}
          onChange={setStatus}
          options={DAY_STATUSES.map((s) => ({ value: s, label: t(`attendance.status.${s}`) }))}
        />
        <Select<DayTag>
          allowClear
          style={{ width: 150 }}
          placeholder={t('attendance.allTags')}
          value={tag}
          onChange={setTag}
          data-testid="day-tag-filter"
          options={DAY_TAGS.map((x) => ({ value: x, label: t(`attendance.tags.${x}`) }))}
        />
        <Select<CheckinSource>
          allowClear
          style={{ width: 140 }}
          placeholder={t('checkins.allSources')}
          value={source}
          onChange={setSource}
          options={CHECKIN_SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))}
        />
        <EmployeeSelect companyId={companyId} style={{ width: 240 }} value={employeeId} onChange={(v) => setEmployeeId(v ?? undefined)} />
      </Space>
      <ResourceTable<DayRow>
        list={list}
        rowKey={(r) => `${r.employee.id}-${r.date}`}
        onRow={(r) => ({ onDoubleClick: () => setOpen({ employeeId: r.employee.id, date: r.date }) })}
        columns={[
          { title: t('attendance.columns.date'), dataIndex: 'date', fixed: 'left', width: 110 },
          {
            title: t('attendance.columns.employee'),
            key: 'employee',
            render: (_, r) => (
              <span>
                {r.employee.name}
                <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                  {r.employee.jobNumber}
                </Typography.Text>
              </span>
            ),
          },
          { title: t('attendance.columns.department'), key: 'department', render: (_, r) => r.employee.departmentName ?? '' },
          { title: t('attendance.columns.group'), key: 'group', render: (_, r) => r.groupName ?? '' },
          { title: t('attendance.columns.shift'), key: 'shift', render: (_, r) => r.shiftName ?? '' },
          { title: t('attendance.columns.status'), key: 'status', render: (_, r) => <DayFlags day={r} /> },
          { title: t('attendance.columns.inTime'), dataIndex: 'inTime', render: (v: string | null, r) => wallTime(v, r.date) },
          { title: t('attendance.columns.outTime'), dataIndex: 'outTime', render: (v: string | null, r) => wallTime(v, r.date) },
          {
            title: t('attendance.columns.lateMinutes'),
            dataIndex: 'lateMinutes',
            align: 'right',
            render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : ''),
          },
          {
            title: t('attendance.columns.earlyMinutes'),
            dataIndex: 'earlyMinutes',
            align: 'right',
            render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : ''),
          },
          { title: t('attendance.columns.worked'), dataIndex: 'workedMinutes', render: (v: number) => (v ? hoursMinutes(v, t) : '') },
          { title: t('attendance.columns.overtime'), dataIndex: 'overtimeMinutes', render: (v: number) => (v ? hoursMinutes(v, t) : '') },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, r) => (
              <Button type="link" size="small" onClick={() => setOpen({ employeeId: r.employee.id, date: r.date })}>
                {t('attendance.detail.open')}
              </Button>
            ),
          },
        ]}
      />
      <DayDetailDrawer target={open} onClose={closeDrawer} />
    </PageContainer>
  );
}
