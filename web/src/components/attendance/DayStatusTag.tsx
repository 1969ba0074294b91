import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { DAY_STATUS_HEX } from '../../../../src/shared/my-month';
import { hoursMinutes } from './time';
import type { DayFigures, DayStatus, LateLevel, RequestStatus } from './types';

/** Colours follow DingTalk: green normal, red absent, orange missing punch, blue leave, grey rest. */
export const STATUS_COLORS: Record<DayStatus, string> = {
  present: 'success',
  half_day: 'gold',
  absent: 'error',
  missing_punch: 'warning',
  on_leave: 'processing',
  rest: 'default',
  holiday: 'purple',
};

/** Hex colours of the same statuses for calendar badges and charts. */
export const STATUS_HEX = DAY_STATUS_HEX;

export function DayStatusTag({ status }: { status: DayStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{t(`attendance.status.${status}`, { defaultValue: status })}</Tag>;
}

/** Tag colour and label key of each late level; a Record so that a new level fails to compile until it is handled. */
const LATE_TAGS: Record<LateLevel, { color: string; label: string }> = {
  none: { color: 'orange', label: 'attendance.flags.late' },
  late: { color: 'orange', label: 'attendance.flags.late' },
  serious: { color: 'red', label: 'attendance.flags.seriousLate' },
  absenteeism: { color: 'red', label: 'attendance.flags.absenteeismLate' },
};

/** The status plus the flags a status alone does not say (late, early, which punch is missing). */
export function DayFlags({ day }: { day: Pick<DayFigures, 'status' | 'late' | 'lateMinutes' | 'lateLevel' | 'early' | 'earlyMinutes' | 'missingIn' | 'missingOut'> & Partial<Pick<DayFigures, 'leaveMinutes' | 'flags'>> & { inProgress?: boolean; correctionsUsed?: number } }) {
  const { t } = useTranslation();
  const lateTag = LATE_TAGS[day.lateLevel];
  // A day still in progress is not yet absent or missing a punch: only what already happened (late) is shown.
  const open = day.inProgress === true;
  return (
    <>
      {open ? (
        <Tag color="processing">{t('attendance.inProgress')}</Tag>
      ) : (day.status === 'present' && (day.late || day.early)) || (day.status === 'missing_punch' && (day.missingIn || day.missingOut)) ? null : (
        // A late or early day reads 迟到 / 早退, not 正常 plus a note; a day missing one punch names which.
        <DayStatusTag status={day.status} />
      )}
      {day.late && <Tag color={lateTag.color}>{t(lateTag.label, { minutes: day.lateMinutes })}</Tag>}
      {day.early && <Tag color="orange">{t('attendance.flags.early', { minutes: day.earlyMinutes })}</Tag>}
      {/* A day without either punch is 旷工, not two missing punches. */}
      {!open && day.status !== 'absent' && day.missingIn && <Tag color="warning">{t('attendance.flags.missingIn')}</Tag>}
      {!open && day.status !== 'absent' && day.missingOut && <Tag color="warning">{t('attendance.flags.missingOut')}</Tag>}
      {day.correctionsUsed ? (
        <Tooltip title={t('attendance.flags.correctedHint', { count: day.correctionsUsed })}>
          <Tag color="orange" data-flag="corrected">
            {t('attendance.flags.corrected')}
          </Tag>
        </Tooltip>
      ) : null}
      {day.leaveMinutes ? <Tag color="cyan">{t('attendance.flags.hourlyLeave', { time: hoursMinutes(day.leaveMinutes, t) })}</Tag> : null}
      {day.flags?.includes('punches_on_leave') && (
        <Tooltip title={t('attendance.flags.punchesOnLeaveHint')}>
          <Tag color="magenta">{t('attendance.flags.punches_on_leave')}</Tag>
        </Tooltip>
      )}
    </>
  );
}

const REQUEST_COLORS: Record<RequestStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error', cancelled: 'default' };

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return <Tag color={REQUEST_COLORS[status]}>{t(`requests.status.${status}`)}</Tag>;
}
