/** What the API shows of a connector, its runs and reconciliation differences, and what an audit row may say about it. */
import { last4, settingsOf, type ConnectorSecrets } from './connector-config.js';
import type { Row } from '../../db/schema.js';
import { parseJson, type ConnectorRow, type RunRow } from './connectors.repo.js';

export function connectorDto(r: ConnectorRow, secrets: ConnectorSecrets) {
  return {
    id: r.id,
    companyId: r.company_id,
    platform: r.platform,
    name: r.name,
    corpId: r.corp_id,
    appKey: r.app_key,
    agentId: r.agent_id,
    baseUrl: r.base_url,
    settings: settingsOf(r),
    status: r.status,
    lastError: r.last_error,
    hasSecret: secrets.appSecret.length > 0,
    appSecretLast4: last4(secrets.appSecret),
    hasCallbackToken: secrets.callbackToken.length > 0,
    hasEncodingAesKey: secrets.encodingAesKey.length > 0,
    hasRobot: secrets.robot !== undefined,
    robotSigned: Boolean(secrets.robot?.secret),
    callbackPath: `/callbacks/${r.platform}/${r.id}`,
    createdAtMs: r.created_at_ms,
    updatedAtMs: r.updated_at_ms,
  };
}

export function runDto(r: RunRow) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    params: parseJson<unknown>(r.params, null),
    counts: parseJson<unknown>(r.counts, null),
    error: r.error,
    startedAtMs: r.started_at_ms,
    finishedAtMs: r.finished_at_ms,
  };
}

export function diffDto(r: Row<'reconciliation_diffs'>) {
  return {
    id: r.id,
    employeeId: r.employee_id,
    externalUserId: r.external_user_id,
    date: r.date,
    kind: r.kind,
    fields: parseJson<string[]>(r.fields, []),
    platform: parseJson<unknown>(r.platform, null),
    daka: parseJson<unknown>(r.daka, null),
    createdAtMs: r.created_at_ms,
  };
}

/** What an audit row may say about a connector: never a secret, not even its tail. */
export function auditView(r: ConnectorRow) {
  return { id: r.id, companyId: r.company_id, platform: r.platform, name: r.name, corpId: r.corp_id, appKey: r.app_key, agentId: r.agent_id, baseUrl: r.base_url, settings: settingsOf(r), status: r.status };
}
