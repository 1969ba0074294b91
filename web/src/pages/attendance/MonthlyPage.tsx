import { useState } from 'react';
import { App, Button, DatePicker, Dropdown, Space, Tooltip, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, FilePdfOutlined, FileTextOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../api/types';
import { useDepartments } from '../../api/useDepartments';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { useMe } from '../../auth/AuthContext';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { EmployeeSelect } from '../../components/EmployeeSelect';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { downloadReport } from '../../components/attendance/download';
import { ruleErrorText } from '../../components/attendance/errors';
import { hoursMinutes } from '../../components/attendance/time';
import { DAY_MARKS, type DayMark, type MonthlyRow } from '../../components/attendance/types';
import { leaveTypeName, useLeaveTypes } from '../../components/attendance/useLookups';

type ExportKind = 'xlsx' | 'pdf' | 'csv' | 'payroll';

const MARK_COLORS: Partial<Record<DayMark, string>> = {
  present: '#389e0d',
  late: '#d46b08',
  serious: '#cf1322',
  absenteeism: '#cf1322',
  early: '#d46b08',
  missing: '#d48806',
  absent: '#cf1322',
  leave: '#1677ff',
  half_leave: '#1677ff',
  hourly_leave: '#1677ff',
  in_progress: '#8c8c8c',
};

/** One day of the month grid: the export's symbols, in the reader's language, named in a tooltip. */
function DayMarkCell({ marks, date }: { marks: DayMark[] | undefined; date: string }) {
  const { t } = useTranslation();
  if (!marks?.length) return null;
  const worst = marks.find((m) => MARK_COLORS[m] === '#cf1322') ?? marks.find((m) => m !== 'present') ?? marks[0];
  return (
    <Tooltip title={`${date} ${marks.map((m) => t(`monthly.markNames.${m}`)).join('、')}`}>
      <span data-day={date} style={{ color: MARK_COLORS[worst] ?? '#8c8c8c', whiteSpace: 'nowrap' }}>
        {marks.map((m) => t(`monthly.marks.${m}`)).join('')}
      </span>
    </Tooltip>
  );
}

const num = (v: number, warn = false) => (v ? warn ? <Typography.Text type="danger">{v}</Typography.Text> : v : <Typography.Text type="secondary">0</Typography.Text>);

/** Attendance → monthly summary: the DingTalk 月度汇总 columns per employee, with the report downloads. */
export default function MonthlyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { companyId } = useCompany();
  const departments = useDepartments(companyId);
  const leaveTypes = useLeaveTypes(companyId);
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [departmentId, setDepartmentId] = useState<Id | undefined>();
  const [employeeId, setEmployeeId] = useState<Id | undefined>();
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const list = useResourceList(
    '/api/v1/attendance/monthly',
    { query: { companyId, month: month.format('YYYY-MM'), departmentId, employeeId } },
    { enabled: !!companyId, pageSize: 50 },
  );
  const canPayroll = me.role === 'admin' || me.role === 'hr';

  const exportAs = async (kind: ExportKind) => {
    if (!companyId) return;
    setBusy(kind);
    try {
      const m = month.format('YYYY-MM');
      const name =
        kind === 'payroll'
          ? await downloadReport('/reports/payroll', { companyId, month: m, departmentId, format: 'xlsx' }, `payroll-${m}.xlsx`)
          : await downloadReport('/reports/monthly', { companyId, month: m, departmentId, format: kind }, `attendance-${m}.${kind}`);
      message.success(t('monthly.downloaded', { name }));
    } catch (err) {
      message.error(ruleErrorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  // Every active leave type of the company has a column, every month (as the export), plus any other code on this page.
  const typeCodes = leaveTypes.filter((l) => l.active).map((l) => l.code);
  const leaveCodes = [...typeCodes, ...[...new Set(list.items.flatMap((r) => Object.keys(r.leaveDaysByType)))].filter((c) => !typeCodes.includes(c)).sort()];
  const hourlyTypes = leaveTypes.filter((l) => l.active && l.unit === 'hour').map((l) => l.code);
  const hourlyCodes = [...hourlyTypes, ...[...new Set(list.items.flatMap((r) => Object.keys(r.leaveMinutesByType ?? {})))].filter((c) => !hourlyTypes.includes(c)).sort()];
  const dates = Array.from({ length: month.daysInMonth() }, (_, i) => month.date(i + 1));
  const dayColumns = dates.map((d) => {
    const date = d.format('YYYY-MM-DD');
    return {
      title: <span className="daka-month-grid-head">{d.date()}</span>,
      key: `day-${date}`,
      width: 40,
      align: 'center' as const,
      onHeaderCell: () => ({ title: date }),
      render: (_: unknown, r: MonthlyRow) => <DayMarkCell marks={r.days?.[date]} date={date} />,
    };
  });

  return (
    <PageContainer
      title={t('menu.monthly')}
      needsCompany
      extra={
        <Space wrap>
          <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void exportAs('xlsx')}>
            {t('monthly.export.xlsx')}
          </Button>
          <Dropdown
            menu={{
              items: [
                { key: 'pdf', icon: <FilePdfOutlined />, label: t('monthly.export.pdf') },
                { key: 'csv', icon: <FileTextOutlined />, label: t('monthly.export.csv') },
                ...(canPayroll ? [{ key: 'payroll', icon: <FileExcelOutlined />, label: t('monthly.export.payroll') }] : []),
              ],
              onClick: ({ key }) => void exportAs(key as ExportKind),
            }}
          >
            <Button icon={<DownloadOutlined />} loading={busy !== null && busy !== 'xlsx'}>
              {t('monthly.export.more')}
            </Button>
          </Dropdown>
        </Space>
      }
    >
      <Space wrap className="daka-filters">
        <DatePicker picker="month" allowClear={false} value={month} onChange={(d) => d && setMonth(d.startOf('month'))} />
        <DepartmentSelect
          tree={departments.tree}
          style={{ width: 200 }}
          placeholder={t('employees.allDepartments')}
          value={departmentId}
          onChange={(v) => setDepartmentId(v ?? undefined)}
        />
        <EmployeeSelect companyId={companyId} style={{ width: 240 }} value={employeeId} onChange={(v) => setEmployeeId(v ?? undefined)} />
      </Space>
      <ResourceTable<MonthlyRow>
        list={list}
        rowKey={(r) => String(r.employee.id)}
        bordered
        size="small"
        columns={[
          { title: t('attendance.columns.jobNumber'), key: 'job', fixed: 'left', render: (_, r) => r.employee.jobNumber },
          { title: t('attendance.columns.name'), key: 'name', fixed: 'left', render: (_, r) => r.employee.name },
          { title: t('attendance.columns.department'), key: 'dep', render: (_, r) => r.employee.departmentName ?? '' },
          { title: t('monthly.shouldAttendDays'), dataIndex: 'shouldAttendDays', align: 'right' },
          { title: t('monthly.attendedDays'), dataIndex: 'attendedDays', align: 'right' },
          { title: t('monthly.restDays'), dataIndex: 'restDays', align: 'right' },
          { title: t('monthly.workedHours'), dataIndex: 'workedMinutes', align: 'right', render: (v: number) => (Math.round(v / 6) / 10).toFixed(1) },
          {
            title: t('monthly.late'),
            children: [
              { title: t('monthly.count'), dataIndex: 'lateCount', align: 'right', render: (v: number) => num(v, true) },
              { title: t('monthly.minutes'), dataIndex: 'lateMinutes', align: 'right', render: (v: number) => num(v) },
              { title: t('monthly.seriousLate'), dataIndex: 'seriousLateCount', align: 'right', render: (v: number) => num(v, true) },
              { title: t('monthly.absenteeismLate'), dataIndex: 'absenteeismLateCount', align: 'right', render: (v: number) => num(v, true) },
            ],
          },
          {
            title: t('monthly.early'),
            children: [
              { title: t('monthly.count'), dataIndex: 'earlyCount', align: 'right', render: (v: number) => num(v, true) },
              { title: t('monthly.minutes'), dataIndex: 'earlyMinutes', align: 'right', render: (v: number) => num(v) },
            ],
          },
          {
            title: t('monthly.missing'),
            children: [
              { title: t('monthly.missingIn'), dataIndex: 'missingInCount', align: 'right', render: (v: number) => num(v, true) },
              { title: t('monthly.missingOut'), dataIndex: 'missingOutCount', align: 'right', render: (v: number) => num(v, true) },
            ],
          },
          { title: t('monthly.absentDays'), dataIndex: 'absentDays', align: 'right', render: (v: number) => num(v, true) },
          { title: t('monthly.halfDays'), dataIndex: 'halfDays', align: 'right', render: (v: number) => num(v) },
          ...(leaveCodes.length
            ? [
                {
                  title: t('monthly.leaveDays'),
                  children: leaveCodes.map((code) => ({
                    title: leaveTypeName(leaveTypes, code),
                    key: `leave-${code}`,
                    align: 'right' as const,
                    render: (_: unknown, r: MonthlyRow) => num(r.leaveDaysByType[code] ?? 0),
                  })),
                },
              ]
            : []),
          ...(hourlyCodes.length
            ? [
                {
                  title: t('monthly.leaveHours'),
                  children: hourlyCodes.map((code) => ({
                    title: leaveTypeName(leaveTypes, code),
                    key: `leave-hours-${code}`,
                    align: 'right' as const,
                    render: (_: unknown, r: MonthlyRow) => {
                      const v = r.leaveMinutesByType?.[code] ?? 0;
                      return v ? hoursMinutes(v, t) : num(0);
                    },
                  })),
                },
              ]
            : []),
          {
            title: t('monthly.overtime'),
            children: (['workday', 'restday', 'holiday'] as const).map((cat) => ({
              title: t(`attendance.overtimeCategory.${cat}`),
              key: `ot-${cat}`,
              align: 'right' as const,
              render: (_: unknown, r: MonthlyRow) => {
                const v = r.overtimeMinutesByCategory[cat] ?? 0;
                return v ? hoursMinutes(v, t) : num(0);
              },
            })),
          },
          { title: t('monthly.corrections'), dataIndex: 'correctionsUsed', align: 'right', render: (v: number) => num(v) },
          { title: t('monthly.dayGrid'), children: dayColumns },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }} data-testid="month-legend">
        {t('monthly.legend')}：{DAY_MARKS.map((m) => `${t(`monthly.marks.${m}`)} ${t(`monthly.markNames.${m}`)}`).join('　')}
      </Typography.Paragraph>
    </PageContainer>
  );
}
