/** A connector's credentials tried out, and what a failure means in words an admin can act on. */
import type { ConnectorRow } from './connectors.repo.js';
import { describeError, type SyncTarget } from './sync-context.js';

export interface CredentialsTestResult {
  ok: boolean;
  code: string | null;
  message: string;
}

/** Fetches an access token with the stored credentials and says in words what went wrong. */
export async function tryCredentials(row: ConnectorRow, target: SyncTarget): Promise<CredentialsTestResult> {
  try {
    await target.pc.client.getAccessToken();
    return { ok: true, code: null, message: `${row.platform === 'dingtalk' ? 'DingTalk' : 'WeCom'} accepted the credentials and issued an access token` };
  } catch (e) {
    const d = describeError(e);
    return { ok: false, code: d.code, message: explain(d.code, d.message) };
  }
}

const EXPLAIN: Record<string, string> = {
  CONNECTOR_BAD_CREDENTIALS: 'The platform refused the corp id / app key / app secret: check them in the developer console.',
  CONNECTOR_IP_NOT_ALLOWED: "The platform refused this server's IP address: add it to the app's trusted IP list.",
  CONNECTOR_PERMISSION_DENIED: 'The app lacks a permission this call needs: grant it in the developer console.',
  CONNECTOR_RATE_LIMITED: 'The platform is rate-limiting this app: try again in a minute.',
  CONNECTOR_IP_BANNED: 'The platform has temporarily banned this IP for calling too often.',
  CONNECTOR_QUOTA_EXHAUSTED: "The app's monthly API quota is used up.",
  CONNECTOR_TIMEOUT: 'The platform did not answer in time.',
  CONNECTOR_NETWORK: 'The platform could not be reached (DNS, proxy or firewall).',
};

function explain(code: string, message: string): string {
  return EXPLAIN[code] ? `${EXPLAIN[code]} (${message})` : message;
}
