import { useTranslation } from 'react-i18next';
import { formatInstant } from '../format';
import type { LeaveRequest, LeaveType } from './types';
import { leaveTypeName } from './useLookups';

/** What a request asks for, in one line: leave type and dates, the overtime window, or the 补卡 time. */
export function RequestSummary({ request: r, leaveTypes, timeZone }: { request: LeaveRequest; leaveTypes: LeaveType[]; timeZone?: string | null }) {
  const { t } = useTranslation();
  if (r.kind === 'leave') {
    const dates = r.fromDate === r.toDate ? r.fromDate : `${r.fromDate} ~ ${r.toDate}`;
    const window = r.fromMs != null && r.toMs != null ? ` ${formatInstant(r.fromMs, timeZone).slice(11, 16)}–${formatInstant(r.toMs, timeZone).slice(11, 16)}` : '';
    const part = r.half ? ` · ${t(`requests.half.${r.half}`)}` : r.hours ? ` · ${t('requests.hoursValue', { count: r.hours })}${window}` : '';
    return (
      <span>
        {leaveTypeName(leaveTypes, r.leaveType)} · {dates}
        {part}
      </span>
    );
  }
  if (r.kind === 'overtime') {
    const from = formatInstant(r.fromMs, timeZone).slice(0, 16);
    const to = formatInstant(r.toMs, timeZone);
    return <span>{`${from} ~ ${to.slice(0, 10) === from.slice(0, 10) ? to.slice(11, 16) : to.slice(0, 16)}`}</span>;
  }
  return <span>{t('requests.correctionAt', { time: formatInstant(r.correctionAtMs, timeZone).slice(0, 16) })}</span>;
}
