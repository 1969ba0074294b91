import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Popconfirm, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { useMe } from '../../auth/AuthContext';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { formatInstant } from '../../components/format';
import { RequestStatusTag } from '../../components/attendance/DayStatusTag';
import { RequestFormDrawer, type RequestPreset } from '../../components/attendance/RequestFormDrawer';
import { RequestDetailDrawer, useLinkedRequest } from '../../components/attendance/RequestDetailDrawer';
import { RequestSummary } from '../../components/attendance/RequestSummary';
import { ruleErrorText } from '../../components/attendance/errors';
import { REQUEST_KINDS, REQUEST_STATUSES, type LeaveRequest, type RequestKind, type RequestStatus } from '../../components/attendance/types';
import { useLeaveTypes } from '../../components/attendance/useLookups';

/** Everyone's own requests with their status; new leave, overtime and 补卡 requests are filed here. */
export default function MyRequestsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { companyId, company } = useCompany();
  const leaveTypes = useLeaveTypes(companyId);
  const [kind, setKind] = useState<RequestKind | undefined>();
  const [status, setStatus] = useState<RequestStatus | undefined>();
  // A notification's 补卡 link (`?new=correction&date=YYYY-MM-DD`) opens the form prefilled.
  const [params, setParams] = useSearchParams();
  // A decision's notification links here with `?request=<id>`: that request opens in a drawer.
  const { shown, closeShown } = useLinkedRequest(params, setParams);
  const [preset, setPreset] = useState<RequestPreset | null>(() => {
    const k = params.get('new');
    const date = params.get('date');
    if (k !== 'correction' && k !== 'leave' && k !== 'overtime') return null;
    return { kind: k, ...(date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {}) };
  });
  const list = useResourceList('/api/v1/requests', { query: { companyId, mine: true, kind, status } }, { enabled: !!companyId });

  const cancel = async (r: LeaveRequest) => {
    try {
      await unwrap(apiClient.POST('/api/v1/requests/{id}/cancel', { params: { path: { id: r.id } } }));
      message.success(t('requests.cancelled'));
      if (shown !== null) closeShown();
      list.reload();
    } catch (err) {
      message.error(ruleErrorText(t, err));
    }
  };

  const withdrawButton = (r: LeaveRequest) =>
    r.status === 'pending' ? (
      <Popconfirm title={t('requests.cancelConfirm')} onConfirm={() => cancel(r)} okText={t('requests.withdraw')} cancelText={t('common.cancel')}>
        <Button type="link" size="small" danger>
          {t('requests.withdraw')}
        </Button>
      </Popconfirm>
    ) : null;

  const linked = me.employeeId !== null;
  return (
    <PageContainer
      title={t('menu.myRequests')}
      needsCompany
      extra={
        linked && (
          <Space>
            {(['leave', 'overtime', 'correction'] as const).map((k) => (
              <Button key={k} type={k === 'leave' ? 'primary' : 'default'} icon={<PlusOutlined />} onClick={() => setPreset({ kind: k })}>
                {t(`requests.newKind.${k}`)}
              </Button>
            ))}
          </Space>
        )
      }
    >
      {!linked && <Typography.Paragraph type="secondary">{t('checkins.noEmployeeLink')}</Typography.Paragraph>}
      <Space wrap className="daka-filters">
        <Select<RequestKind>
          allowClear
          style={{ width: 140 }}
          placeholder={t('requests.allKinds')}
          value={kind}
          onChange={setKind}
          options={REQUEST_KINDS.map((k) => ({ value: k, label: t(`requests.kind.${k}`) }))}
        />
        <Select<RequestStatus>
          allowClear
          style={{ width: 140 }}
          placeholder={t('requests.allStatuses')}
          value={status}
          onChange={setStatus}
          options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`requests.status.${s}`) }))}
        />
      </Space>
      <ResourceTable<LeaveRequest>
        list={list}
        columns={[
          { title: t('requests.kindLabel'), dataIndex: 'kind', render: (k: RequestKind) => t(`requests.kind.${k}`) },
          { title: t('requests.details'), key: 'summary', render: (_, r) => <RequestSummary request={r} leaveTypes={leaveTypes} timeZone={company?.timeZone} /> },
          { title: t('requests.reason'), dataIndex: 'reason', ellipsis: true, render: (v: string | null) => v ?? '' },
          { title: t('common.status'), dataIndex: 'status', render: (s: RequestStatus) => <RequestStatusTag status={s} /> },
          { title: t('requests.decisionNote'), dataIndex: 'decisionNote', render: (v: string | null) => v ?? '' },
          { title: t('requests.filedAt'), dataIndex: 'createdAtMs', render: (v: number) => formatInstant(v).slice(0, 16) },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, r) => withdrawButton(r),
          },
        ]}
      />
      <RequestDetailDrawer requestId={shown} actions={withdrawButton} onClose={closeShown} />
      <RequestFormDrawer preset={preset} onClose={() => setPreset(null)} onFiled={() => list.reload()} />
    </PageContainer>
  );
}
