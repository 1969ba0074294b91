import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Col, DatePicker, Empty, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { useCompany } from '../../app/CompanyContext';
import { PageContainer } from '../../components/PageContainer';
import { EChart, type EChartOption } from '../../components/EChart';
import { DayFlags } from '../../components/attendance/DayStatusTag';
import { ruleErrorText } from '../../components/attendance/errors';
import { wallTime } from '../../components/attendance/time';
import type { DashboardCounts, DashboardToday } from '../../components/attendance/types';

const CARDS: { key: keyof DashboardCounts; color?: string }[] = [
  { key: 'expected' },
  { key: 'present', color: '#389e0d' },
  { key: 'late', color: '#d46b08' },
  { key: 'absent', color: '#cf1322' },
  { key: 'missingPunch', color: '#d48806' },
  { key: 'onLeave', color: '#1677ff' },
  { key: 'notYetPunched', color: '#8c8c8c' },
];

/** Today at a glance for the caller's scope: counts, the 30-day trend and the anomalies to act on. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { companyId } = useCompany();
  const [date, setDate] = useState<Dayjs | null>(null);
  const [data, setData] = useState<DashboardToday | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!companyId) return;
    const controller = new AbortController();
    setError(null);
    unwrap(apiClient.GET('/api/v1/dashboard/today', { params: { query: { companyId: Number(companyId), date: date?.format('YYYY-MM-DD') } }, signal: controller.signal }))
      .then(setData)
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      });
    return () => controller.abort();
  }, [companyId, date]);

  const rateOption = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v == null ? '—' : `${v}%`) },
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: data.trend.map((d) => d.date.slice(5)) },
      yAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 10) * 10), max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('dashboard.attendanceRate'),
          type: 'line',
          smooth: true,
          connectNulls: false,
          areaStyle: { opacity: 0.12 },
          data: data.trend.map((d) => (d.attendanceRate == null ? null : Math.round(d.attendanceRate * 1000) / 10)),
        },
      ],
    };
  }, [data, t]);

  const lateOption = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, right: 0 },
      grid: { left: 40, right: 48, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: data.trend.map((d) => d.date.slice(5)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { name: t('dashboard.lateCount'), type: 'bar', itemStyle: { color: '#fa8c16' }, data: data.trend.map((d) => d.late) },
        {
          name: t('dashboard.lateShare'),
          type: 'line',
          yAxisIndex: 1,
          showSymbol: false,
          lineStyle: { type: 'dashed', color: '#cf1322' },
          itemStyle: { color: '#cf1322' },
          tooltip: { valueFormatter: (v: number | null) => (v == null ? '—' : `${v}%`) },
          data: data.trend.map((d) => (d.present > 0 ? Math.round((d.late / d.present) * 1000) / 10 : null)),
        },
      ],
    };
  }, [data, t]);

  const hasTrend = !!data?.trend.some((d) => d.expected > 0);

  return (
    <PageContainer
      title={t('menu.dashboard')}
      needsCompany
      extra={
        <DatePicker
          value={date ?? (data ? dayjs(data.date) : null)}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(d) => setDate(d)}
        />
      }
    >
      {error != null && <Alert type="error" showIcon title={ruleErrorText(t, error)} style={{ marginBottom: 16 }} />}
      {!data && !error && <Skeleton active />}
      {data && (
        <>
          <Typography.Text type="secondary">
            {t('dashboard.scopeHint', { date: data.date })}
            {data.counts.expected === 0 && ` · ${t('dashboard.nobodyExpected')}`}
          </Typography.Text>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(128px, 1fr))', gap: 16, marginTop: 12 }}>
            {CARDS.map((c) => (
              <div key={c.key}>
                <Card size="small" className="daka-stat-card" data-stat={c.key}>
                  <Statistic
                    title={t(`dashboard.cards.${c.key}`)}
                    value={data.counts[c.key]}
                    styles={{ content: { color: c.color } }}
                    suffix={
                      c.key === 'present' && data.counts.expected - data.counts.onLeave > 0 ? (
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                          {`${Math.round((data.counts.present / (data.counts.expected - data.counts.onLeave)) * 1000) / 10}%`}
                        </Typography.Text>
                      ) : undefined
                    }
                  />
                </Card>
              </div>
            ))}
          </div>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('dashboard.rateTrend')}>
                {hasTrend && rateOption ? <EChart option={rateOption} height={260} /> : <Empty description={t('dashboard.noTrend')} />}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('dashboard.lateTrend')}>
                {hasTrend && lateOption ? <EChart option={lateOption} height={260} /> : <Empty description={t('dashboard.noTrend')} />}
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            title={t('dashboard.anomalies')}
            style={{ marginTop: 16 }}
            extra={
              <span data-testid="anomaly-total">
                {t('dashboard.anomalyTotal', { count: data.anomalyTotal, from: data.anomalyRange.from, to: data.anomalyRange.to })}
                {data.anomalyTotal > 0 && (
                  <Link style={{ marginInlineStart: 8 }} to={`/attendance/daily?tag=anomaly&from=${data.anomalyRange.from}&to=${data.anomalyRange.to}`}>
                    {t('dashboard.viewAllAnomalies')}
                  </Link>
                )}
              </span>
            }
          >
            <Table
              size="small"
              rowKey={(r) => `${r.employee.id}-${r.date}`}
              pagination={false}
              dataSource={data.anomalies}
              locale={{ emptyText: t('dashboard.noAnomalies') }}
              columns={[
                { title: t('attendance.columns.date'), dataIndex: 'date', width: 110 },
                {
                  title: t('attendance.columns.employee'),
                  key: 'employee',
                  render: (_, r) => `${r.employee.name}（${r.employee.jobNumber}）`,
                },
                {
                  title: t('attendance.columns.status'),
                  key: 'status',
                  render: (_, r) => <DayFlags day={{ ...r, late: r.lateMinutes > 0, early: r.earlyMinutes > 0, lateLevel: r.lateMinutes > 0 ? 'late' : 'none' }} />,
                },
                { title: t('attendance.columns.inTime'), dataIndex: 'inTime', render: (v: string | null, r) => wallTime(v, r.date) },
                { title: t('attendance.columns.outTime'), dataIndex: 'outTime', render: (v: string | null, r) => wallTime(v, r.date) },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_, r) => <Link to={`/attendance/daily?employeeId=${r.employee.id}&date=${r.date}`}>{t('attendance.detail.open')}</Link>,
                },
              ]}
            />
          </Card>
        </>
      )}
    </PageContainer>
  );
}
