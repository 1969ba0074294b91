import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../format';
import { relativeTime } from './timeText';

/** "3 分钟前", with the exact time in a tooltip; "从未" when there is none. */
export function RelativeTime({ atMs, never }: { atMs: number | null; never?: string }) {
  const { t, i18n } = useTranslation();
  if (atMs === null) return <Typography.Text type="secondary">{never ?? t('devices.never')}</Typography.Text>;
  return (
    <Tooltip title={formatInstant(atMs)}>
      <span>{relativeTime(atMs, i18n.language)}</span>
    </Tooltip>
  );
}
