import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Descriptions, Drawer, Empty, List, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import type { Id } from '../../api/types';
import { useCompany } from '../../app/CompanyContext';
import { formatInstant } from '../format';
import { DayFlags, RequestStatusTag } from './DayStatusTag';
import { reasonText } from './reasons';
import { RequestSummary } from './RequestSummary';
import { ruleErrorText } from './errors';
import { hoursMinutes, wallTime, wallTimeSeconds } from './time';
import type { DayDetail, DayPunch, LeaveRequest } from './types';
import { leaveTypeName, useLeaveTypes, useNamed } from './useLookups';

const SOURCE_COLORS: Record<string, string> = {
  zkteco: 'geekblue',
  hikvision: 'red',
  dingtalk: 'blue',
  wecom: 'green',
  api: 'purple',
  web: 'cyan',
  file: 'gold',
  correction: 'orange',
};

interface DayDetailDrawerProps {
  /** The day shown; null closes the drawer. */
  target: { employeeId: Id; date: string } | null;
  onClose(): void;
  /** Extra buttons for the drawer header (e.g. "request a 补卡" on one's own day); gets the loaded day. */
  actions?: (day: DayDetail) => ReactNode;
  /** Bump to reload after something changed the day. */
  version?: number;
}

function PunchLocation({ location }: { location: DayPunch['location'] }) {
  const { t } = useTranslation();
  if (!location) return null;
  const parts: string[] = [];
  if (location.address) parts.push(location.address);
  else if (location.lat != null && location.lng != null) parts.push(`${location.lat.toFixed(5)}, ${location.lng.toFixed(5)}`);
  if (location.wifiSsid) parts.push(t('checkins.wifi', { ssid: location.wifiSsid }));
  return <span>{parts.join(' · ')}</span>;
}

/** One attendance day: the figures, the punches that made them, the rules' explanation and the inputs. */
export function DayDetailDrawer({ target, onClose, actions, version = 0 }: DayDetailDrawerProps) {
  const { t } = useTranslation();
  const { companyId, company } = useCompany();
  const [detail, setDetail] = useState<DayDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const leaveTypes = useLeaveTypes(companyId);
  const day = detail?.day ?? null;
  const shift = useNamed('shift-types', day?.shiftTypeId);
  const group = useNamed('attendance-groups', day?.groupId);

  const employeeId = target?.employeeId;
  const date = target?.date;
  useEffect(() => {
    if (employeeId === undefined || !date) return;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    setDetail(null);
    unwrap(apiClient.GET('/api/v1/attendance/days/{employeeId}/{date}', { params: { path: { employeeId: Number(employeeId), date } }, signal: controller.signal }))
      .then(setDetail)
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [employeeId, date, version]);

  // Requests that touch this date (leave, overtime, 补卡), whatever their status: the inputs people file.
  const [requests, setRequests] = useState<LeaveRequest[]>([]);
  useEffect(() => {
    setRequests([]);
    if (employeeId === undefined || !date || !companyId) return;
    const controller = new AbortController();
    unwrap(apiClient.GET('/api/v1/requests', { params: { query: { companyId: Number(companyId), employeeId: Number(employeeId), pageSize: 100 } }, signal: controller.signal }))
      .then((res) => setRequests(res.items.filter((r) => r.fromDate !== null && r.toDate !== null && r.fromDate <= date && date <= r.toDate)))
      .catch(() => setRequests([]));
    return () => controller.abort();
  }, [employeeId, date, companyId, version]);

  const figures = day ?? detail?.live ?? null;
  const title = detail ? `${detail.employee.name}（${detail.employee.jobNumber}） · ${detail.date}` : (date ?? '');

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={760}
      title={title}
      destroyOnHidden
      extra={detail && actions ? <Space>{actions(detail)}</Space> : null}
    >
      {loading && <Skeleton active paragraph={{ rows: 8 }} />}
      {error != null && <Alert type="error" showIcon title={ruleErrorText(t, error)} />}
      {detail && figures && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {detail.stale && (
            <Alert
              type="warning"
              showIcon
              title={day ? t('attendance.detail.stale') : t('attendance.detail.notStored')}
            />
          )}
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('attendance.columns.status')} span={2}>
              <DayFlags day={figures} />
            </Descriptions.Item>
            <Descriptions.Item label={t('attendance.columns.inTime')}>{wallTime(figures.inTime, detail.date) || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('attendance.columns.outTime')}>{wallTime(figures.outTime, detail.date) || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('attendance.columns.worked')}>{hoursMinutes(figures.workedMinutes, t)}</Descriptions.Item>
            <Descriptions.Item label={t('attendance.columns.overtime')}>
              {figures.overtimeMinutes ? `${hoursMinutes(figures.overtimeMinutes, t)} · ${t(`attendance.overtimeCategory.${figures.overtimeCategory}`, { defaultValue: figures.overtimeCategory })} ×${figures.overtimePayMultiplier}` : '—'}
              {figures.unapprovedOvertimeMinutes ? (
                <Tag color="warning" style={{ marginInlineStart: 8 }}>
                  {t('attendance.detail.unapprovedOvertime', { minutes: figures.unapprovedOvertimeMinutes })}
                </Tag>
              ) : null}
            </Descriptions.Item>
          </Descriptions>

          <div>
            <Typography.Title level={5}>{t('attendance.detail.inputs')}</Typography.Title>
            <Descriptions size="small" bordered column={2}>
              <Descriptions.Item label={t('attendance.detail.dayType')}>
                {t(`attendance.dayType.${day?.dayType ?? detail.live?.dayType ?? 'workday'}`, { defaultValue: day?.dayType ?? '' })}
              </Descriptions.Item>
              <Descriptions.Item label={t('attendance.detail.shift')}>
                {day?.shiftTypeId == null ? t('attendance.detail.noShift') : (shift?.name ?? `#${day.shiftTypeId}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('attendance.detail.group')}>{day?.groupId == null ? '—' : (group?.name ?? `#${day.groupId}`)}</Descriptions.Item>
              <Descriptions.Item label={t('attendance.detail.leave')}>
                {day?.leaveType
                  ? `${leaveTypeName(leaveTypes, day.leaveType)}${day.leaveHalf === 'am' || day.leaveHalf === 'pm' ? ` · ${t(`requests.half.${day.leaveHalf}`)}` : ''}${day.leaveMinutes ? ` · ${hoursMinutes(day.leaveMinutes, t)}` : ''}`
                  : t('attendance.detail.noLeave')}
              </Descriptions.Item>
              <Descriptions.Item label={t('attendance.detail.corrections')}>
                {day?.correctionsUsed ? t('attendance.detail.correctionsUsed', { count: day.correctionsUsed }) : t('attendance.detail.noCorrections')}
              </Descriptions.Item>
              <Descriptions.Item label={t('attendance.detail.computedAt')}>{day ? formatInstant(day.computedAtMs) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('attendance.detail.requests')} span={2}>
                {requests.length ? (
                  <Space orientation="vertical" size={4}>
                    {requests.map((r) => (
                      <Space key={String(r.id)} size={6} wrap>
                        <Tag>{t(`requests.kind.${r.kind}`)}</Tag>
                        <RequestSummary request={r} leaveTypes={leaveTypes} timeZone={company?.timeZone} />
                        <RequestStatusTag status={r.status} />
                      </Space>
                    ))}
                  </Space>
                ) : (
                  t('attendance.detail.noRequests')
                )}
              </Descriptions.Item>
            </Descriptions>
          </div>

          <div>
            <Typography.Title level={5}>{t('attendance.detail.punches')}</Typography.Title>
            <Table<DayPunch>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={detail.punches}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.detail.noPunches')} /> }}
              columns={[
                {
                  title: t('checkins.time'),
                  dataIndex: 'time',
                  render: (v: string, p) => (
                    <Space size={4}>
                      <span>{v.slice(0, 10) === detail.date ? wallTimeSeconds(v) : v.slice(5, 19).replace('T', ' ')}</span>
                      {p.named && (
                        <Tooltip title={t('attendance.detail.usedHint')}>
                          <Tag color="blue">{t('attendance.detail.used')}</Tag>
                        </Tooltip>
                      )}
                      {!p.counted && (
                        <Tooltip title={p.holdReason ?? ''}>
                          <Tag>{t('checkins.heldTag')}</Tag>
                        </Tooltip>
                      )}
                    </Space>
                  ),
                },
                {
                  title: t('checkins.source'),
                  dataIndex: 'source',
                  render: (s: string) => <Tag color={SOURCE_COLORS[s] ?? 'default'}>{t(`sources.${s}`, { defaultValue: s })}</Tag>,
                },
                { title: t('checkins.device'), dataIndex: 'deviceSn', render: (v: string | null) => v ?? '' },
                {
                  title: t('checkins.verifyMethod'),
                  dataIndex: 'verifyMethod',
                  render: (v: string | null) => (v ? t(`verifyMethods.${v}`, { defaultValue: v }) : ''),
                },
                { title: t('checkins.location'), dataIndex: 'location', render: (l: DayPunch['location']) => <PunchLocation location={l} /> },
              ]}
            />
          </div>

          <div>
            <Typography.Title level={5}>
              {t('attendance.detail.explanation')}
              {detail.explanationSource === 'live' && (
                <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', marginInlineStart: 8 }}>
                  {t('attendance.detail.liveExplanation')}
                </Typography.Text>
              )}
            </Typography.Title>
            {detail.explanation?.length ? (
              <List
                size="small"
                bordered
                dataSource={detail.explanation}
                renderItem={(e) => (
                  <List.Item>
                    <Space align="start">
                      <Tag color="geekblue" style={{ minWidth: 44, textAlign: 'center' }}>
                        {e.rule}
                      </Tag>
                      <span>
                        <Typography.Text strong>{t(`attendance.fields.${e.field}`, { defaultValue: e.field })}</Typography.Text>
                        <Typography.Text type="secondary">：</Typography.Text>
                        <Typography.Text>{reasonText(t, e)}</Typography.Text>
                      </span>
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.detail.noExplanation')} />
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
