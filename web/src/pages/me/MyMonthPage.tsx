import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Col, Empty, Row, Space, Statistic, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fetchAllOf } from '../../api/typed';
import { useCompany } from '../../app/CompanyContext';
import { useMe } from '../../auth/AuthContext';
import { MonthCalendar } from '../../components/MonthCalendar';
import { PageContainer } from '../../components/PageContainer';
import type { RequestPreset } from '../../components/attendance/RequestFormDrawer';
import { ruleErrorText } from '../../components/attendance/errors';
import { wallTime } from '../../components/attendance/time';
// today.ts, not zone-time.ts: the home page must not wait for the Temporal polyfill.
import { browserTimeZone, todayIn } from '../../components/today';
import type { DayRow } from '../../components/attendance/types';
import { dropPrerender } from '../../app/prerender';
import { dayBadge, monthFigures } from '../../../../src/shared/my-month';

// The day's detail and the request form load on first use: the month itself must paint fast on a phone.
const DayDetailDrawer = lazy(() => import('../../components/attendance/DayDetailDrawer').then((m) => ({ default: m.DayDetailDrawer })));
const RequestFormDrawer = lazy(() => import('../../components/attendance/RequestFormDrawer').then((m) => ({ default: m.RequestFormDrawer })));

/** 我的考勤: the month as a calendar, each day with its status; a day opens its detail, from where a 补卡 is one click. */
export default function MyMonthPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { companyId, company } = useCompany();
  const [params] = useSearchParams();
  // `?month=YYYY-MM` opens another month, `&date=YYYY-MM-DD` that day's detail (links from requests and notifications).
  const linkedDate = params.get('date');
  const dayLinked = linkedDate && /^\d{4}-\d{2}-\d{2}$/.test(linkedDate) && dayjs(linkedDate).isValid() ? linkedDate : null;
  const [month, setMonth] = useState<Dayjs>(() => {
    const m = params.get('month') ?? dayLinked?.slice(0, 7);
    return m && /^\d{4}-\d{2}$/.test(m) ? dayjs(`${m}-01`) : dayjs().startOf('month');
  });
  const [days, setDays] = useState<Map<string, DayRow>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [answered, setAnswered] = useState(false);
  const [open, setOpen] = useState<string | null>(dayLinked);
  const [preset, setPreset] = useState<RequestPreset | null>(null);
  const [version, setVersion] = useState(0);
  // Once opened, the drawers stay mounted so that closing them animates.
  const [drawersUsed, setDrawersUsed] = useState(false);
  if ((open !== null || preset !== null) && !drawersUsed) setDrawersUsed(true);
  const employeeId = me.employeeId;
  const today = todayIn(company?.timeZone ?? browserTimeZone());

  useEffect(() => {
    if (!companyId || employeeId === null) return;
    const controller = new AbortController();
    const from = month.startOf('month').format('YYYY-MM-DD');
    const to = month.endOf('month').format('YYYY-MM-DD');
    setLoading(true);
    setError(null);
    fetchAllOf('/api/v1/attendance/days', { query: { companyId, employeeId, from, to } }, controller.signal)
      .then((list) => {
        setDays(new Map(list.map((d) => [d.date, d])));
        setAnswered(true);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) {
          setError(err);
          setAnswered(true);
        }
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [companyId, employeeId, month, version]);

  const stats = useMemo(() => monthFigures([...days.values()], today), [days, today]);
  // The server drew this month into the page before the app ran: it goes once the app shows the same.
  useLayoutEffect(() => {
    if (answered && !loading) dropPrerender();
  }, [answered, loading]);

  if (employeeId === null) {
    return (
      <PageContainer title={t('menu.myMonth')}>
        <Empty description={t('checkins.noEmployeeLink')} />
      </PageContainer>
    );
  }

  const cell = (d: Dayjs) => {
    const date = d.format('YYYY-MM-DD');
    const day = days.get(date);
    if (!day) return null;
    const badge = dayBadge(day, today);
    if (!badge) return null;
    const open = badge.inProgress;
    const shown = badge.shown;
    const needsAction = badge.needsAction;
    const label = t(badge.labelKey);
    return (
      <div className={`daka-day daka-day-${shown}`} data-date={day.date} data-status={shown} title={open ? t('attendance.inProgress') : undefined}>
        <Badge color={badge.color} status={open ? 'processing' : undefined} text={label} />
        {(day.inTime || day.outTime) && (
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
            {wallTime(day.inTime, day.date) || '--:--'} – {wallTime(day.outTime, day.date) || '--:--'}
          </div>
        )}
        {needsAction && (
          <div style={{ fontSize: 12, color: '#fa541c', display: 'flex', flexWrap: 'wrap', gap: 6 }}>
            {day.late && <span>{t('attendance.flags.late', { minutes: day.lateMinutes })}</span>}
            {day.early && <span>{t('attendance.flags.early', { minutes: day.earlyMinutes })}</span>}
            {!open && day.missingIn && <span>{t('attendance.flags.missingIn')}</span>}
            {!open && day.missingOut && <span>{t('attendance.flags.missingOut')}</span>}
          </div>
        )}
      </div>
    );
  };

  return (
    <PageContainer title={t('menu.myMonth')} needsCompany>
      {error != null && <Alert type="error" showIcon title={ruleErrorText(t, error)} style={{ marginBottom: 12 }} />}
      {stats.length > 0 && (
        <Row gutter={16} style={{ marginBottom: 8 }}>
          {stats.map((s) => (
            <Col key={s.key} xs={8} md={4}>
              <Statistic
                title={t(`attendance.myMonth.${s.key}`)}
                value={s.value}
                styles={{ content: { color: s.warn ? '#fa541c' : undefined } }}
              />
            </Col>
          ))}
        </Row>
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {loading ? t('common.loading') : t('attendance.myMonth.hint')}
      </Typography.Paragraph>
      <MonthCalendar
        className="daka-month-calendar"
        month={month}
        today={today}
        onMonthChange={(d) => setMonth(d.startOf('month'))}
        onSelect={(date) => {
          if (days.has(date) && date <= today) setOpen(date);
        }}
        cell={cell}
      />
      {(open !== null || preset !== null || drawersUsed) && (
        <Suspense fallback={null}>
          <DayDetailDrawer
            target={open ? { employeeId, date: open } : null}
            version={version}
            onClose={() => setOpen(null)}
            actions={(d) => {
              const figures = d.day ?? d.live;
              if (!figures || !(figures.missingIn || figures.missingOut || figures.status === 'absent' || figures.late || figures.early)) return null;
              return (
                <Space>
                  <Button
                    type="primary"
                    icon={<FormOutlined />}
                    onClick={() => setPreset({ kind: 'correction', date: d.date })}
                  >
                    {t('requests.newKind.correction')}
                  </Button>
                  <Button onClick={() => setPreset({ kind: 'leave', date: d.date })}>{t('requests.newKind.leave')}</Button>
                </Space>
              );
            }}
          />
          <RequestFormDrawer
            preset={preset}
            onClose={() => setPreset(null)}
            onFiled={() => {
              setPreset(null);
              setVersion((v) => v + 1);
            }}
          />
        </Suspense>
      )}
    </PageContainer>
  );
}
