import type { SetURLSearchParams } from 'react-router';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Descriptions, Drawer, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { apiClient, unwrap } from '../../api/typed';
import { useCompany } from '../../app/CompanyContext';
import { formatInstant } from '../format';
import { RequestStatusTag } from './DayStatusTag';
import { RequestSummary } from './RequestSummary';
import { ruleErrorText } from './errors';
import type { LeaveRequest } from './types';
import { useLeaveTypes } from './useLookups';

/** `?request=<id>` from a notification link: a positive whole number, else nothing to open. */
export function linkedRequestId(raw: string | null): number | null {
  if (!raw || !/^\d{1,12}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 ? id : null;
}

/**
 * The request a page's `?request=<id>` names (a notification's link), and the function that closes
 * it again by dropping the parameter from the address (without a new history entry).
 */
export function useLinkedRequest(params: URLSearchParams, setParams: SetURLSearchParams): { shown: number | null; closeShown: () => void } {
  const closeShown = () =>
    setParams(
      (p) => {
        p.delete('request');
        return p;
      },
      { replace: true },
    );
  return { shown: linkedRequestId(params.get('request')), closeShown };
}

interface RequestDetailDrawerProps {
  /** The request to show; null keeps the drawer closed. */
  requestId: number | null;
  /** Who filed it, when the page knows the name. */
  who?: (r: LeaveRequest) => string;
  /** What may be done with it here (approve, reject, withdraw). */
  actions?: (r: LeaveRequest) => ReactNode;
  /** Told once the request is loaded (e.g. to look up who filed it). */
  onLoaded?(request: LeaveRequest): void;
  onClose(): void;
}

/**
 * One request opened by id (the link in a notification). The server answers only requests the
 * signed-in user may see; any other id says so plainly instead of showing an empty page.
 */
export function RequestDetailDrawer({ requestId, who, actions, onLoaded, onClose }: RequestDetailDrawerProps) {
  const { t } = useTranslation();
  const { companyId, company } = useCompany();
  const leaveTypes = useLeaveTypes(companyId);
  const [request, setRequest] = useState<LeaveRequest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;

  useEffect(() => {
    setRequest(null);
    setError(null);
    if (requestId === null) return;
    let live = true;
    unwrap(apiClient.GET('/api/v1/requests/{id}', { params: { path: { id: requestId } } }))
      .then((r) => {
        if (!live) return;
        setRequest(r as LeaveRequest);
        onLoadedRef.current?.(r as LeaveRequest);
      })
      .catch((err) => {
        if (!live) return;
        setError(err instanceof ApiError && (err.status === 404 || err.status === 403) ? t('requests.linkedNotVisible', { id: requestId }) : ruleErrorText(t, err));
      });
    return () => {
      live = false;
    };
  }, [requestId, t]);

  return (
    <Drawer open={requestId !== null} title={t('requests.detailTitle', { id: requestId ?? '' })} onClose={onClose} size={480} destroyOnHidden>
      {error && <Alert type="warning" showIcon title={error} />}
      {!error && !request && requestId !== null && <Skeleton active />}
      {request && (
        <>
          <Descriptions size="small" column={1} bordered>
            {who && <Descriptions.Item label={t('attendance.columns.employee')}>{who(request)}</Descriptions.Item>}
            <Descriptions.Item label={t('requests.kindLabel')}>{t(`requests.kind.${request.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('requests.details')}>
              <RequestSummary request={request} leaveTypes={leaveTypes} timeZone={company?.timeZone} />
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.reason')}>{request.reason ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('common.status')}>
              <RequestStatusTag status={request.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.decisionNote')}>{request.decisionNote ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('requests.filedAt')}>{formatInstant(request.createdAtMs, company?.timeZone).slice(0, 16)}</Descriptions.Item>
          </Descriptions>
          {actions && <div style={{ marginTop: 16 }}>{actions(request)}</div>}
        </>
      )}
    </Drawer>
  );
}
