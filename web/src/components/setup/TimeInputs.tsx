import type { CSSProperties } from 'react';
import { InputNumber, TimePicker, Typography, type InputNumberProps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

const FORMAT = 'HH:mm';
const toDayjs = (v: string | null | undefined) => (v ? dayjs(`2000-01-01T${v}`) : null);

interface HhmmPickerProps {
  value?: string | null;
  onChange?(value: string | null): void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
}

/** A wall time as the API speaks it (`HH:mm`), picked with a time picker. */
export function HhmmPicker({ value, onChange, allowClear = false, ...rest }: HhmmPickerProps) {
  return (
    <TimePicker
      format={FORMAT}
      minuteStep={5}
      needConfirm={false}
      allowClear={allowClear}
      value={toDayjs(value)}
      onChange={(d) => onChange?.(d ? d.format(FORMAT) : null)}
      {...rest}
    />
  );
}

export interface HhmmWindow {
  start: string;
  end: string;
}

interface HhmmRangeProps {
  value?: HhmmWindow | null;
  onChange?(value: HhmmWindow | null): void;
  disabled?: boolean;
  id?: string;
}

/** A `{ start, end }` window of wall times (a break, an overtime break). */
export function HhmmRange({ value, onChange, disabled, id }: HhmmRangeProps) {
  const { t } = useTranslation();
  return (
    <TimePicker.RangePicker
      id={id}
      format={FORMAT}
      minuteStep={5}
      order={false}
      needConfirm={false}
      disabled={disabled}
      placeholder={[t('setupCommon.startTime'), t('setupCommon.endTime')]}
      value={value ? [toDayjs(value.start), toDayjs(value.end)] : null}
      onChange={(range) => {
        const [s, e] = range ?? [];
        onChange?.(s && e ? { start: s.format(FORMAT), end: e.format(FORMAT) } : null);
      }}
    />
  );
}

/** `510` → `8小时30分钟` / `8 h 30 min`. */
export function DurationText({ minutes }: { minutes: number }) {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{formatDuration(t, minutes)}</Typography.Text>;
}

export function formatDuration(t: (k: string, o?: Record<string, unknown>) => string, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h && m) return t('setupCommon.hoursMinutes', { h, m });
  if (h) return t('setupCommon.hours', { h });
  return t('setupCommon.minutes', { m });
}

/** Whole minutes with a "分钟" suffix. */
export function MinutesInput(props: Omit<InputNumberProps<number>, 'precision'>) {
  const { t } = useTranslation();
  return <InputNumber<number> min={0} precision={0} style={{ width: '100%' }} suffix={t('setupCommon.minUnit')} {...props} />;
}
