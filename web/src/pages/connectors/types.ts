import type { ListItem, ResponseJson } from '../../api/typed';

export type Platform = 'dingtalk' | 'wecom';
export type Owner = 'platform' | 'daka';
export const OWNED_FIELDS = ['name', 'jobNumber', 'email', 'mobile', 'departmentId', 'managerId'] as const;
export type ApprovalKind = 'leave' | 'correction' | 'overtime';

/** A connector as listed: credentials only as "has" flags and the secret's last four characters. */
export type Connector = ListItem<'/api/v1/connectors'>;
export type ConnectorSettings = Connector['settings'];
export type Run = ListItem<'/api/v1/connectors/{id}/runs'>;

/** The connector's detail as the server documents it (generated from its OpenAPI document). */
type ConnectorDetailJson = ResponseJson<'/api/v1/connectors/{id}'>;
/** Calls used this month, the month-end projection and the plan that keeps it under the allowance. */
export type Usage = ConnectorDetailJson['usage'];
export type BudgetAction = Usage['plan']['actions'][number];
/** Today's use of an API the platform caps per app and day. */
export type DailyCap = ConnectorDetailJson['dailyCaps'][number];
/** A platform ban pause, with when it ends. */
export type Throttle = NonNullable<ConnectorDetailJson['throttle']>;

export type ConnectorDetail = ConnectorDetailJson;
export type Diff = ListItem<'/api/v1/connectors/{id}/reconciliation'>;
export type TestResult = ResponseJson<'/api/v1/connectors/{id}/test', 'post'>;
export type SyncQueued = ResponseJson<'/api/v1/connectors/{id}/sync', 'post'>;

export const SYNC_KINDS = ['directory', 'punches', 'approvals', 'reconcile'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];
