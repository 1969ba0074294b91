import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Form, List, Progress, Space, Tag, Typography } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { apiClient, unwrap } from '../../api/typed';
import type { Id } from '../../api/types';
import { useDepartments } from '../../api/useDepartments';
import { useCompany } from '../../app/CompanyContext';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { PageContainer } from '../../components/PageContainer';
import { formatInstant } from '../../components/format';
import { ruleErrorText } from '../../components/attendance/errors';
import type { RecomputeJob } from '../../components/attendance/types';

const STORAGE_KEY = 'daka.recomputeJobs';
const POLL_MS = 1500;
const KEEP = 10;

/** Job ids this browser asked for, newest first; they outlive leaving the page or reloading it. */
function storedJobIds(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function storeJobIds(ids: string[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(ids.slice(0, KEEP)));
  } catch {
    // the list lasts for this page only
  }
}

const STATUS_COLORS: Record<RecomputeJob['status'], string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };

/** Attendance → recompute: a month for the company or one department, queued as a job whose progress is followed here. */
export default function RecomputePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { companyId } = useCompany();
  const departments = useDepartments(companyId);
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [departmentId, setDepartmentId] = useState<Id | undefined>();
  const [ids, setIds] = useState<string[]>(storedJobIds);
  const [jobs, setJobs] = useState<Map<string, RecomputeJob>>(new Map());
  const jobsRef = useRef(jobs);
  jobsRef.current = jobs;
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const forget = useCallback((id: string) => {
    setIds((list) => {
      const next = list.filter((x) => x !== id);
      storeJobIds(next);
      return next;
    });
  }, []);

  // Poll every job that is not finished yet; finished ones are read once and kept on screen.
  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const poll = async () => {
      const pending = ids.filter((id) => {
        const j = jobsRef.current.get(id);
        return !j || j.status === 'queued' || j.status === 'running';
      });
      if (!pending.length) return;
      const results = await Promise.all(
        pending.map((id) =>
          unwrap(apiClient.GET('/api/v1/attendance/jobs/{id}', { params: { path: { id } } })).then(
            (j) => [id, j] as const,
            (err: unknown) => [id, err] as const,
          ),
        ),
      );
      if (!live) return;
      const next = new Map(jobsRef.current);
      for (const [id, r] of results) if (!(r instanceof Error)) next.set(id, r as RecomputeJob);
      jobsRef.current = next;
      setJobs(next);
      // A job the server no longer knows (another database, or expired) is dropped from the list.
      for (const [id, r] of results) if (r instanceof ApiError && r.status === 404) forget(id);
      timer = window.setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [ids, forget]);

  const start = async () => {
    if (!companyId) return;
    setSending(true);
    setError(null);
    try {
      const res = await unwrap(
        apiClient.POST('/api/v1/attendance/recompute', {
          body: { companyId, month: month.format('YYYY-MM'), ...(departmentId !== undefined ? { departmentId } : {}) },
        }),
      );
      const next = [res.jobId, ...ids.filter((x) => x !== res.jobId)];
      storeJobIds(next);
      setIds(next);
      message.success(t('recompute.queued'));
    } catch (err) {
      setError(ruleErrorText(t, err));
    } finally {
      setSending(false);
    }
  };

  const departmentName = (id: Id | null) => (id == null ? t('recompute.wholeCompany') : (departments.byId.get(String(id))?.name ?? `#${id}`));

  return (
    <PageContainer title={t('menu.recompute')} needsCompany>
      <Typography.Paragraph type="secondary">{t('recompute.hint')}</Typography.Paragraph>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('recompute.month')}>
          <DatePicker picker="month" allowClear={false} value={month} onChange={(d) => d && setMonth(d.startOf('month'))} />
        </Form.Item>
        <Form.Item label={t('attendance.columns.department')}>
          <DepartmentSelect
            tree={departments.tree}
            style={{ width: 220 }}
            placeholder={t('recompute.wholeCompany')}
            value={departmentId}
            onChange={(v) => setDepartmentId(v ?? undefined)}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" icon={<SyncOutlined />} loading={sending} onClick={() => void start()}>
            {t('recompute.start')}
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Typography.Title level={5}>{t('recompute.jobs')}</Typography.Title>
      {ids.length === 0 ? (
        <Empty description={t('recompute.noJobs')} />
      ) : (
        <List
          bordered
          dataSource={ids}
          renderItem={(id) => {
            const j = jobs.get(id);
            const percent = j ? (j.status === 'done' ? 100 : j.employeesTotal ? Math.floor((j.employeesDone / j.employeesTotal) * 100) : 0) : 0;
            return (
              <List.Item
                actions={
                  j && (j.status === 'done' || j.status === 'failed')
                    ? [
                        <Button key="forget" type="link" size="small" onClick={() => forget(id)}>
                          {t('recompute.forget')}
                        </Button>,
                      ]
                    : []
                }
              >
                <div style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{j ? `${j.month} · ${departmentName(j.departmentId)}` : t('common.loading')}</Typography.Text>
                    {j && <Tag color={STATUS_COLORS[j.status]}>{t(`recompute.status.${j.status}`)}</Tag>}
                    {j && (
                      <Typography.Text type="secondary">
                        {t('recompute.requestedAt', { time: formatInstant(j.requestedAtMs) })}
                        {j.finishedAtMs && j.startedAtMs ? ` · ${t('recompute.took', { seconds: Math.max(1, Math.round((j.finishedAtMs - j.startedAtMs) / 1000)) })}` : ''}
                      </Typography.Text>
                    )}
                  </Space>
                  <Progress
                    percent={percent}
                    status={j?.status === 'failed' ? 'exception' : j?.status === 'done' ? 'success' : 'active'}
                    format={() =>
                      j?.employeesTotal != null ? t('recompute.progress', { done: j.employeesDone, total: j.employeesTotal }) : `${percent}%`
                    }
                  />
                  {j?.status === 'done' && j.daysWritten != null && (
                    <Typography.Text type="secondary">{t('recompute.daysWritten', { count: j.daysWritten })}</Typography.Text>
                  )}
                  {j?.error && <Alert type="error" showIcon title={j.error} />}
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </PageContainer>
  );
}
