import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Input, Modal, Segmented, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { useEmployees } from '../../api/employeeNames';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { useMe } from '../../auth/AuthContext';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { employeeLabel } from '../../components/EmployeeSelect';
import { formatInstant } from '../../components/format';
import { RequestStatusTag } from '../../components/attendance/DayStatusTag';
import { RequestDetailDrawer, useLinkedRequest } from '../../components/attendance/RequestDetailDrawer';
import { RequestSummary } from '../../components/attendance/RequestSummary';
import { ruleErrorText } from '../../components/attendance/errors';
import { REQUEST_KINDS, REQUEST_STATUSES, type LeaveRequest, type RequestKind, type RequestStatus } from '../../components/attendance/types';
import { useLeaveTypes } from '../../components/attendance/useLookups';

type View = 'pending' | 'all';

/** Managers and HR decide their team's pending requests (with a note); "all" shows the decided ones too. */
export default function ApprovalsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { companyId, company } = useCompany();
  const leaveTypes = useLeaveTypes(companyId);
  const [view, setView] = useState<View>('pending');
  const [kind, setKind] = useState<RequestKind | undefined>();
  const [status, setStatus] = useState<RequestStatus | undefined>();
  const [deciding, setDeciding] = useState<{ request: LeaveRequest; decision: 'approve' | 'reject' } | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A notification links here with `?request=<id>`: that request opens in a drawer.
  const [params, setParams] = useSearchParams();
  const { shown, closeShown } = useLinkedRequest(params, setParams);
  const list = useResourceList(
    '/api/v1/requests',
    { query: view === 'pending' ? { companyId, pendingForMe: true, kind } : { companyId, kind, status } },
    { enabled: !!companyId },
  );
  const [shownEmployee, setShownEmployee] = useState<LeaveRequest['employeeId'] | null>(null);
  const people = useEmployees([...list.items.map((r) => r.employeeId), shownEmployee]);

  const open = (request: LeaveRequest, decision: 'approve' | 'reject') => {
    setNote('');
    setError(null);
    setDeciding({ request, decision });
  };

  const decide = async () => {
    if (!deciding) return;
    if (deciding.decision === 'reject' && !note.trim()) {
      setError(t('requests.rejectNeedsNote'));
      return;
    }
    setSaving(true);
    try {
      const init = { params: { path: { id: deciding.request.id } }, body: note.trim() ? { note: note.trim() } : {} };
      await unwrap(deciding.decision === 'approve' ? apiClient.POST('/api/v1/requests/{id}/approve', init) : apiClient.POST('/api/v1/requests/{id}/reject', init));
      message.success(deciding.decision === 'approve' ? t('requests.approved') : t('requests.rejected'));
      setDeciding(null);
      if (shown !== null) closeShown();
      list.reload();
    } catch (err) {
      setError(ruleErrorText(t, err));
    } finally {
      setSaving(false);
    }
  };

  const who = (r: LeaveRequest) => {
    const e = people.get(String(r.employeeId));
    return e ? employeeLabel(e) : `#${r.employeeId}`;
  };
  const decisionButtons = (r: LeaveRequest) =>
    r.status === 'pending' && String(r.employeeId) !== String(me.employeeId) ? (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => open(r, 'approve')}>
          {t('requests.approve')}
        </Button>
        <Button type="link" size="small" danger onClick={() => open(r, 'reject')}>
          {t('requests.reject')}
        </Button>
      </Space>
    ) : null;
  const dayLink = (r: LeaveRequest) => (r.fromDate ? `/attendance/daily?employeeId=${r.employeeId}&date=${r.fromDate}` : null);

  return (
    <PageContainer title={t('menu.approvals')} needsCompany>
      <Space wrap className="daka-filters">
        <Segmented<View>
          value={view}
          onChange={setView}
          options={[
            { value: 'pending', label: t('requests.view.pending') },
            { value: 'all', label: t('requests.view.all') },
          ]}
        />
        <Select<RequestKind>
          allowClear
          style={{ width: 140 }}
          placeholder={t('requests.allKinds')}
          value={kind}
          onChange={setKind}
          options={REQUEST_KINDS.map((k) => ({ value: k, label: t(`requests.kind.${k}`) }))}
        />
        {view === 'all' && (
          <Select<RequestStatus>
            allowClear
            style={{ width: 140 }}
            placeholder={t('requests.allStatuses')}
            value={status}
            onChange={setStatus}
            options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`requests.status.${s}`) }))}
          />
        )}
      </Space>
      <ResourceTable<LeaveRequest>
        list={list}
        locale={{ emptyText: view === 'pending' ? t('requests.nothingPending') : undefined }}
        columns={[
          { title: t('attendance.columns.employee'), key: 'employee', render: (_, r) => who(r) },
          { title: t('requests.kindLabel'), dataIndex: 'kind', render: (k: RequestKind) => t(`requests.kind.${k}`) },
          {
            title: t('requests.details'),
            key: 'summary',
            render: (_, r) => {
              const link = dayLink(r);
              const summary = <RequestSummary request={r} leaveTypes={leaveTypes} timeZone={company?.timeZone} />;
              return link && r.kind === 'correction' ? <Link to={link}>{summary}</Link> : summary;
            },
          },
          { title: t('requests.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '' },
          { title: t('common.status'), dataIndex: 'status', render: (s: RequestStatus) => <RequestStatusTag status={s} /> },
          { title: t('requests.filedAt'), dataIndex: 'createdAtMs', render: (v: number) => formatInstant(v).slice(0, 16) },
          { title: t('requests.decisionNote'), dataIndex: 'decisionNote', render: (v: string | null) => v ?? '' },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, r) => decisionButtons(r),
          },
        ]}
      />
      <RequestDetailDrawer
        requestId={shown}
        who={who}
        onLoaded={(r) => setShownEmployee(r.employeeId)}
        actions={decisionButtons}
        onClose={closeShown}
      />
      <Modal
        open={deciding !== null}
        title={deciding ? t(deciding.decision === 'approve' ? 'requests.approveTitle' : 'requests.rejectTitle', { name: who(deciding.request) }) : ''}
        okText={deciding?.decision === 'approve' ? t('requests.approve') : t('requests.reject')}
        okButtonProps={{ danger: deciding?.decision === 'reject', loading: saving }}
        cancelText={t('common.cancel')}
        onOk={() => void decide()}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        {deciding && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              {t(`requests.kind.${deciding.request.kind}`)} · <RequestSummary request={deciding.request} leaveTypes={leaveTypes} timeZone={company?.timeZone} />
            </Typography.Text>
            {deciding.request.reason && <Typography.Text type="secondary">{t('requests.reasonSaid', { reason: deciding.request.reason })}</Typography.Text>}
            {error && <Alert type="error" showIcon title={error} />}
            <Input.TextArea
              aria-label={t('requests.decisionNote')}
              rows={3}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={deciding.decision === 'approve' ? t('requests.notePlaceholder') : t('requests.rejectNotePlaceholder')}
            />
          </Space>
        )}
      </Modal>
    </PageContainer>
  );
}
