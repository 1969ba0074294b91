import { useMemo, type ReactNode } from 'react';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

interface MonthCalendarProps {
  /** Any day of the month shown. */
  month: Dayjs;
  /** `YYYY-MM-DD`, marked as today. */
  today: string;
  onMonthChange(month: Dayjs): void;
  /** A day of the month shown was picked (days of the next or previous month switch to it instead). */
  onSelect(date: string): void;
  cell(date: Dayjs): ReactNode;
  className?: string;
}

/**
 * One month as a grid of weeks, each day with what `cell` draws for it. Drawn with plain elements
 * instead of antd's Calendar, whose date-picker core and year/month selects are a quarter of what
 * the phone's home page would otherwise load; the page needs only a month and its neighbours.
 */
export function MonthCalendar({ month, today, onMonthChange, onSelect, cell, className }: MonthCalendarProps) {
  const { t, i18n } = useTranslation();
  const first = month.startOf('month');
  const locale = (dayjs.Ls[dayjs.locale()] ?? {}) as { weekStart?: number; weekdaysMin?: string[] };
  const weekStart = locale.weekStart ?? 0;
  const names = locale.weekdaysMin ?? ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];
  const days = useMemo(() => {
    const start = first.subtract((first.day() - weekStart + 7) % 7, 'day');
    const weeks = Math.ceil(((first.day() - weekStart + 7) % 7 + first.daysInMonth()) / 7);
    return Array.from({ length: weeks * 7 }, (_, i) => start.add(i, 'day'));
  }, [first, weekStart]);
  const title = new Intl.DateTimeFormat(i18n.language, { year: 'numeric', month: 'long' }).format(first.toDate());
  const pick = (d: Dayjs) => {
    if (d.isSame(first, 'month')) onSelect(d.format('YYYY-MM-DD'));
    else onMonthChange(d.startOf('month'));
  };

  return (
    <div className={`daka-calendar ${className ?? ''}`}>
      <div className="daka-calendar-header">
        <button type="button" className="daka-calendar-nav" aria-label={t('attendance.myMonth.prevMonth')} onClick={() => onMonthChange(first.subtract(1, 'month'))}>
          <LeftOutlined />
        </button>
        <span className="daka-calendar-title">{title}</span>
        <button type="button" className="daka-calendar-nav" aria-label={t('attendance.myMonth.nextMonth')} onClick={() => onMonthChange(first.add(1, 'month'))}>
          <RightOutlined />
        </button>
        {!first.isSame(dayjs(today), 'month') && (
          <button type="button" className="daka-calendar-today" onClick={() => onMonthChange(dayjs(today).startOf('month'))}>
            {t('attendance.myMonth.thisMonth')}
          </button>
        )}
      </div>
      <div className="daka-calendar-grid" role="grid" aria-label={title}>
        {Array.from({ length: 7 }, (_, i) => (
          <div key={`h${i}`} className="daka-calendar-weekday" role="columnheader">
            {names[(weekStart + i) % 7]}
          </div>
        ))}
        {days.map((d) => {
          const date = d.format('YYYY-MM-DD');
          const inMonth = d.isSame(first, 'month');
          const classes = ['daka-calendar-cell', inMonth ? '' : 'daka-calendar-other', date === today ? 'daka-calendar-now' : ''].filter(Boolean).join(' ');
          return (
            <div
              key={date}
              className={classes}
              role="gridcell"
              tabIndex={inMonth ? 0 : -1}
              aria-label={date}
              onClick={() => pick(d)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  pick(d);
                }
              }}
            >
              <div className="daka-calendar-date">{d.date()}</div>
              <div className="daka-calendar-content">{inMonth ? cell(d) : null}</div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
