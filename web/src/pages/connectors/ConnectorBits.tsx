import { Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Connector, Usage } from './types';

const RUN_COLORS: Record<string, string> = { running: 'processing', succeeded: 'success', failed: 'error' };

export function RunStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={RUN_COLORS[status] ?? 'default'}>{t(`connectors.runStatus.${status}`, { defaultValue: status })}</Tag>;
}

export function ConnectorStatusTag({ connector }: { connector: Pick<Connector, 'status' | 'lastError'> }) {
  const { t } = useTranslation();
  const color = connector.status === 'active' ? 'success' : connector.status === 'error' ? 'error' : 'default';
  const tag = <Tag color={color}>{t(`connectors.status.${connector.status}`)}</Tag>;
  return connector.status === 'error' && connector.lastError ? <Tooltip title={connector.lastError}>{tag}</Tooltip> : tag;
}

/** Metered platform calls this month against the budget. */
export function UsageBar({ usage }: { usage: Usage }) {
  const { t } = useTranslation();
  if (!usage.limit) {
    return <Typography.Text>{t('connectors.usageNoLimit', { used: usage.used.toLocaleString() })}</Typography.Text>;
  }
  const pct = Math.min(100, Math.round((usage.used / usage.limit) * 100));
  return (
    <Space orientation="vertical" size={0} style={{ minWidth: 160 }}>
      <Progress percent={pct} size="small" status={usage.used >= usage.limit ? 'exception' : usage.warning ? 'active' : 'normal'} strokeColor={usage.warning && usage.used < usage.limit ? '#faad14' : undefined} />
      <Typography.Text type={usage.warning ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
        {t('connectors.usageText', { used: usage.used.toLocaleString(), limit: usage.limit.toLocaleString() })}
      </Typography.Text>
    </Space>
  );
}
