import { memo } from 'react';
import { Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ListItem } from '../../api/typed';

export type CalendarDay = ListItem<'/api/v1/holiday-calendars/{id}/days'>;
export type DayType = CalendarDay['dayType'];

export const DAY_STYLE: Record<DayType | 'weekend', { bg: string; fg: string; border?: string }> = {
  statutory_holiday: { bg: '#ff4d4f', fg: '#fff' },
  rest_day: { bg: '#d9f7be', fg: '#237804' },
  makeup_workday: { bg: '#ffe7ba', fg: '#ad4e00' },
  workday: { bg: '#e6f4ff', fg: '#0958d9' },
  weekend: { bg: '#f5f5f5', fg: 'rgba(0,0,0,0.45)' },
};

const MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0];

interface MonthProps {
  year: number;
  month: number;
  days: Map<string, CalendarDay>;
  weekendDays: number[];
  today: string;
  onPick(date: string): void;
}

const Month = memo(function Month({ year, month, days, weekendDays, today, onPick }: MonthProps) {
  const { t, i18n } = useTranslation();
  const first = dayjs(new Date(year, month, 1));
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: 'long' }).format(new Date(year, month, 1));
  const lead = (first.day() + 6) % 7;
  const cells: (string | null)[] = [...Array<null>(lead).fill(null)];
  for (let d = 1; d <= first.daysInMonth(); d++) cells.push(first.date(d).format('YYYY-MM-DD'));
  while (cells.length % 7) cells.push(null);
  return (
    <div className="daka-cal-month">
      <Typography.Text strong style={{ display: 'block', textAlign: 'center', marginBottom: 4 }}>
        {t('calendars.monthTitle', { month: month + 1, name: monthName })}
      </Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12 }}>
        {MONDAY_FIRST.map((w) => (
          <div key={w} style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)' }}>
            {t(`setupCommon.weekdaysMin.${w}`)}
          </div>
        ))}
        {cells.map((date, i) => {
          if (!date) return <div key={`e${i}`} />;
          const listed = days.get(date);
          const weekday = dayjs(date).day();
          const kind = listed?.dayType ?? (weekendDays.includes(weekday) ? 'weekend' : null);
          const style = kind ? DAY_STYLE[kind] : null;
          const manual = listed?.source === 'manual';
          const tip = [date, listed ? t(`calendars.dayTypes.${listed.dayType}`) : kind === 'weekend' ? t('calendars.weekend') : t('calendars.dayTypes.workday'), listed?.name, manual ? t('calendars.manual') : null]
            .filter(Boolean)
            .join(' · ');
          return (
            <Tooltip key={date} title={tip} mouseEnterDelay={0.3}>
              <button
                type="button"
                onClick={() => onPick(date)}
                aria-label={tip}
                style={{
                  position: 'relative',
                  border: date === today ? '1px solid #1677ff' : '1px solid transparent',
                  borderRadius: 4,
                  padding: '2px 0',
                  lineHeight: '18px',
                  cursor: 'pointer',
                  background: style?.bg ?? 'transparent',
                  color: style?.fg ?? 'rgba(0,0,0,0.88)',
                  fontWeight: listed ? 600 : 400,
                  fontSize: 12,
                }}
              >
                {Number(date.slice(8))}
                {listed?.dayType === 'makeup_workday' && <span style={{ position: 'absolute', top: -3, right: 0, fontSize: 9 }}>{t('calendars.workMark')}</span>}
                {manual && (
                  <span
                    style={{ position: 'absolute', bottom: 1, left: '50%', marginLeft: -2, width: 4, height: 4, borderRadius: 2, background: style?.fg === '#fff' ? '#fff' : '#722ed1' }}
                  />
                )}
              </button>
            </Tooltip>
          );
        })}
      </div>
    </div>
  );
});

export function YearView({ year, days, weekendDays, onPick }: { year: number; days: Map<string, CalendarDay>; weekendDays: number[]; onPick(date: string): void }) {
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(210px, 1fr))', gap: 20 }}>
      {Array.from({ length: 12 }, (_, m) => (
        <Month key={m} year={year} month={m} days={days} weekendDays={weekendDays} today={today} onPick={onPick} />
      ))}
    </div>
  );
}

export function Legend() {
  const { t } = useTranslation();
  const item = (kind: keyof typeof DAY_STYLE, label: string) => (
    <span key={kind} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, marginInlineEnd: 12 }}>
      <span style={{ width: 14, height: 14, borderRadius: 3, background: DAY_STYLE[kind].bg, display: 'inline-block' }} />
      <Typography.Text type="secondary">{label}</Typography.Text>
    </span>
  );
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center' }}>
      {item('statutory_holiday', t('calendars.dayTypes.statutory_holiday'))}
      {item('rest_day', t('calendars.dayTypes.rest_day'))}
      {item('makeup_workday', t('calendars.dayTypes.makeup_workday'))}
      {item('workday', t('calendars.listedWorkday'))}
      {item('weekend', t('calendars.weekend'))}
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        <span style={{ width: 6, height: 6, borderRadius: 3, background: '#722ed1', display: 'inline-block' }} />
        <Typography.Text type="secondary">{t('calendars.manual')}</Typography.Text>
      </span>
    </div>
  );
}
