import { useState } from 'react';
import { App, Button, DatePicker, Descriptions, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useEmployees } from '../../api/employeeNames';
import { apiClient, unwrap, type ResponseJson } from '../../api/typed';
import { employeeLabel } from '../../components/EmployeeSelect';
import { ruleErrorText } from '../../components/attendance/errors';

type Run = ResponseJson<'/api/v1/leave-balances/runs', 'post'>;

/**
 * 年度发放 (HR): the grants, accruals, carry-overs and expiries due on a date, previewed first (what
 * each type would receive, and the first entries), then posted. Posting twice posts nothing twice.
 */
export function GrantRunPanel({ companyId, typeName, onPosted }: { companyId: number; typeName: (code: string) => string; onPosted: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [runDate, setRunDate] = useState<Dayjs>(dayjs());
  const [preview, setPreview] = useState<Run | null>(null);
  const [busy, setBusy] = useState(false);
  const people = useEmployees(preview?.preview.map((r) => r.employeeId) ?? []);
  const who = (id: number) => {
    const e = people.get(String(id));
    return e ? employeeLabel(e) : `#${id}`;
  };

  const run = async (dryRun: boolean) => {
    setBusy(true);
    try {
      const r = await unwrap(apiClient.POST('/api/v1/leave-balances/runs', { body: { companyId, runDate: runDate.format('YYYY-MM-DD'), dryRun } }));
      if (dryRun) setPreview(r);
      else {
        setPreview(null);
        message.success(t('leaveBalances.posted', { count: r.entries }));
        onPosted();
      }
    } catch (err) {
      message.error(ruleErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Space wrap>
        <DatePicker aria-label={t('leaveBalances.runDate')} value={runDate} allowClear={false} onChange={(d) => d && (setRunDate(d), setPreview(null))} />
        <Button loading={busy && !preview} onClick={() => void run(true)}>
          {t('leaveBalances.previewRun')}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t('leaveBalances.runHint')}</Typography.Text>
      {preview && (
        <>
          <Typography.Text>{t('leaveBalances.previewSummary', { entries: preview.entries, employees: preview.employees })}</Typography.Text>
          {Object.keys(preview.byType).length > 0 && (
            <Descriptions size="small" column={1} bordered>
              {Object.entries(preview.byType).map(([code, s]) => (
                <Descriptions.Item key={code} label={typeName(code)}>
                  {t('leaveBalances.byType', { entries: s.entries, amount: s.amount })}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
          <Table
            size="small"
            rowKey={(r) => `${r.employeeId}:${r.leaveType}:${r.ref}`}
            pagination={false}
            scroll={{ x: true, y: 240 }}
            dataSource={preview.preview}
            columns={[
              { title: t('leaveBalances.employee'), dataIndex: 'employeeId', render: (id: number) => who(id) },
              { title: t('leaveBalances.type'), dataIndex: 'leaveType', render: (c: string) => typeName(c) },
              { title: t('leaveBalances.kind'), dataIndex: 'kind', render: (k: string) => t(`leaveBalances.kinds.${k}`) },
              { title: t('leaveBalances.amount'), dataIndex: 'amount' },
              { title: t('leaveBalances.effectiveDate'), dataIndex: 'effectiveDate' },
              { title: t('leaveBalances.expiresOn'), dataIndex: 'expiresOn', render: (d: string | null) => d ?? '—' },
            ]}
          />
          {preview.entries > preview.preview.length && <Typography.Text type="secondary">{t('leaveBalances.previewFirst', { shown: preview.preview.length, entries: preview.entries })}</Typography.Text>}
          <Space>
            <Button type="primary" loading={busy} disabled={preview.entries === 0} onClick={() => void run(false)}>
              {t('leaveBalances.postRun')}
            </Button>
            <Button onClick={() => setPreview(null)}>{t('common.cancel')}</Button>
          </Space>
        </>
      )}
    </Space>
  );
}
