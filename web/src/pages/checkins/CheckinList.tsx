import { useState } from 'react';
import { App, Button, Checkbox, DatePicker, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CHECKIN_SOURCES, type Checkin, type CheckinSource, type Id, type PunchLocation } from '../../api/types';
import { useDepartments } from '../../api/useDepartments';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { EmployeeSelect } from '../../components/EmployeeSelect';
import { ResourceTable } from '../../components/ResourceTable';
import { formatOffset, formatWallTime } from '../../components/format';
import { downloadReport } from '../../components/attendance/download';
import { ruleErrorText } from '../../components/attendance/errors';

const SOURCE_COLORS: Record<string, string> = {
  zkteco: 'geekblue',
  hikvision: 'red',
  dingtalk: 'blue',
  wecom: 'green',
  api: 'purple',
  web: 'cyan',
  file: 'gold',
  correction: 'orange',
};

function LocationText({ location }: { location: PunchLocation | null }) {
  const { t } = useTranslation();
  if (!location) return null;
  const parts: string[] = [];
  if (location.address) parts.push(location.address);
  else if (location.lat != null && location.lng != null) {
    parts.push(`${location.lat.toFixed(5)}, ${location.lng.toFixed(5)}`);
  }
  if (location.wifiSsid) parts.push(t('checkins.wifi', { ssid: location.wifiSsid }));
  const text = parts.join(' · ');
  const accuracy = location.accuracyM != null ? t('checkins.accuracy', { m: Math.round(location.accuracyM) }) : null;
  return accuracy ? (
    <Tooltip title={accuracy}>
      <span>{text}</span>
    </Tooltip>
  ) : (
    <span>{text}</span>
  );
}

interface CheckinListProps {
  /** Set for "my punches": the list is fixed to this employee and the people filters are hidden. */
  employeeId?: Id;
}

/** Punches with filters by person, department, date range and source. */
export function CheckinList({ employeeId }: CheckinListProps) {
  const { t } = useTranslation();
  const { companyId } = useCompany();
  const mine = employeeId !== undefined;
  const departments = useDepartments(mine ? null : companyId);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(6, 'day'), dayjs()]);
  const [personId, setPersonId] = useState<Id | undefined>();
  const [departmentId, setDepartmentId] = useState<Id | undefined>();
  const [source, setSource] = useState<CheckinSource | undefined>();
  const [onlyUnmatched, setOnlyUnmatched] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();

  const list = useResourceList(
    '/api/v1/checkins',
    {
      query: {
        companyId,
        employeeId: mine ? employeeId : personId,
        departmentId: mine ? undefined : departmentId,
        from: range[0].format('YYYY-MM-DD'),
        to: range[1].format('YYYY-MM-DD'),
        source,
        unmatched: !mine && onlyUnmatched ? true : undefined,
      },
    },
    { enabled: mine || !!companyId, pageSize: 50 },
  );

  const exportCsv = async () => {
    if (!companyId) return;
    setExporting(true);
    try {
      const from = range[0].format('YYYY-MM-DD');
      const to = range[1].format('YYYY-MM-DD');
      const name = await downloadReport(
        '/checkins/export',
        { companyId, employeeId: personId, departmentId, from, to, source, unmatched: onlyUnmatched ? true : undefined },
        `punches-${from}-${to}.csv`,
      );
      message.success(t('monthly.downloaded', { name }));
    } catch (err) {
      message.error(ruleErrorText(t, err));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Space wrap className="daka-filters">
        <DatePicker.RangePicker
          allowClear={false}
          value={range}
          onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
          presets={[
            { label: t('checkins.today'), value: [dayjs(), dayjs()] },
            { label: t('checkins.last7'), value: [dayjs().subtract(6, 'day'), dayjs()] },
            { label: t('checkins.thisMonth'), value: [dayjs().startOf('month'), dayjs()] },
            {
              label: t('checkins.lastMonth'),
              value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')],
            },
          ]}
        />
        {!mine && (
          <>
            <EmployeeSelect
              companyId={companyId}
              style={{ width: 220 }}
              placeholder={t('checkins.allEmployees')}
              value={personId}
              onChange={(v) => setPersonId(v ?? undefined)}
            />
            <DepartmentSelect
              tree={departments.tree}
              style={{ width: 200 }}
              placeholder={t('employees.allDepartments')}
              value={departmentId}
              onChange={(v) => setDepartmentId(v ?? undefined)}
            />
          </>
        )}
        <Select<CheckinSource>
          allowClear
          style={{ width: 160 }}
          placeholder={t('checkins.allSources')}
          value={source}
          onChange={setSource}
          options={CHECKIN_SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))}
        />
        {!mine && (
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()} data-testid="checkins-export">
            {t('checkins.export')}
          </Button>
        )}
        {!mine && (
          <Checkbox checked={onlyUnmatched} onChange={(e) => setOnlyUnmatched(e.target.checked)}>
            {t('checkins.onlyUnmatched')}
          </Checkbox>
        )}
      </Space>
      <ResourceTable<Checkin>
        list={list}
        columns={[
          {
            title: t('checkins.time'),
            key: 'time',
            fixed: 'left',
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{formatWallTime(c.wallTime)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {`${c.timeZone} (${formatOffset(c.utcOffsetMin)})`}
                </Typography.Text>
              </Space>
            ),
          },
          ...(mine
            ? []
            : [
                { title: t('checkins.jobNumber'), key: 'jobNumber', render: (_: unknown, c: Checkin) => c.jobNumber ?? '' },
                {
                  title: t('checkins.employee'),
                  key: 'employee',
                  render: (_: unknown, c: Checkin) =>
                    c.matched ? (c.employeeName ?? '') : <Tag color="warning">{t('checkins.unmatched')}</Tag>,
                },
                { title: t('checkins.department'), key: 'department', render: (_: unknown, c: Checkin) => c.departmentName ?? '' },
              ]),
          {
            title: t('checkins.source'),
            dataIndex: 'source',
            render: (s: string) => <Tag color={SOURCE_COLORS[s]}>{t(`sources.${s}`, { defaultValue: s })}</Tag>,
          },
          {
            title: t('checkins.direction'),
            dataIndex: 'direction',
            render: (d: string | null) => (d ? t(`directions.${d}`, { defaultValue: d }) : ''),
          },
          {
            title: t('checkins.device'),
            key: 'device',
            // The machine's name and site; its serial in a tooltip (or alone for an unregistered machine).
            render: (_, c) =>
              c.deviceName ? (
                <Tooltip title={c.deviceSn}>
                  <span data-device-sn={c.deviceSn ?? ''}>
                    {c.deviceName}
                    {c.deviceSiteName ? <Typography.Text type="secondary">{` · ${c.deviceSiteName}`}</Typography.Text> : null}
                  </span>
                </Tooltip>
              ) : (
                (c.deviceSn ?? '')
              ),
          },
          {
            title: t('checkins.verifyMethod'),
            dataIndex: 'verifyMethod',
            render: (v: string | null) => (v ? t(`verifyMethods.${v}`, { defaultValue: v }) : ''),
          },
          {
            title: t('checkins.location'),
            dataIndex: 'location',
            render: (l: PunchLocation | null) => <LocationText location={l} />,
          },
          {
            title: t('checkins.held'),
            key: 'held',
            render: (_, c) =>
              c.held ? (
                <Tooltip title={c.holdReason ?? undefined}>
                  <Tag color="default">{t('checkins.heldTag')}</Tag>
                </Tooltip>
              ) : null,
          },
          { title: t('checkins.sourceRecordId'), dataIndex: 'sourceRecordId', ellipsis: true },
        ]}
      />
    </>
  );
}
