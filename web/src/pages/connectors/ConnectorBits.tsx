import { Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Connector, DailyCap, Throttle, Usage } from './types';

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

/** The month-end projection against the allowance, and what the schedule does to stay under it. */
export function BudgetPlanView({ usage }: { usage: Usage }) {
  const { t } = useTranslation();
  const { plan } = usage;
  const projected = usage.projectedMonthEnd.toLocaleString();
  return (
    <Space orientation="vertical" size={2}>
      <Typography.Text type={plan.underTarget ? undefined : 'danger'}>
        {usage.limit
          ? t('connectors.budget.projected', { projected, limit: usage.limit.toLocaleString(), target: (usage.target ?? usage.limit).toLocaleString(), share: Math.round(usage.share * 100) })
          : t('connectors.budget.projectedNoLimit', { projected })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`connectors.budget.mode.${plan.mode}`, { interval: plan.pullIntervalMin ?? 0 })}
        {plan.requeries === 'coalesced' ? ` · ${t('connectors.budget.coalesced', { minutes: plan.requeryCoalesceMin ?? 0 })}` : ''}
      </Typography.Text>
      {plan.actions.length > 0 && (
        <Space size={[4, 4]} wrap>
          {plan.actions.map((a) => (
            <Tag key={a}>{t(`connectors.budget.action.${a}`)}</Tag>
          ))}
        </Space>
      )}
    </Space>
  );
}

/** A ban the platform imposed: every call waits until it ends. */
export function ThrottleNotice({ throttle }: { throttle: Throttle }) {
  const { t } = useTranslation();
  return <Tag color="warning">{t('connectors.throttledUntil', { time: new Date(throttle.pausedUntilMs).toLocaleTimeString() })}</Tag>;
}

/** Today's use of a day-capped API: at the cap, what needs it (WeCom leave schedules) waits for the next China day. */
export function DailyCapBar({ cap }: { cap: DailyCap }) {
  const { t } = useTranslation();
  const full = cap.used >= cap.limit;
  return (
    <Space orientation="vertical" size={0} style={{ minWidth: 160 }}>
      <Progress percent={Math.min(100, Math.round((cap.used / cap.limit) * 100))} size="small" status={full ? 'exception' : 'normal'} />
      <Typography.Text type={full ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
        {t(full ? 'connectors.dailyCapFull' : 'connectors.dailyCapText', { used: cap.used.toLocaleString(), limit: cap.limit.toLocaleString(), day: cap.day })}
      </Typography.Text>
    </Space>
  );
}
