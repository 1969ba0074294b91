import { networkInterfaces } from 'node:os';
import { ConnectorError, isConnectorError } from '../platform/errors.js';
import type { HttpResponse } from '../platform/http.js';

/** Stream mode on the wire: frames, acks, and DingTalk's answers sorted into connector error codes. */
export const STREAM_GATEWAY_API = 'gateway/connections/open';

export interface StreamFrame {
  specVersion?: string;
  type: string;
  headers: Record<string, string | undefined>;
  data: string;
}

export interface StreamAck {
  status: 'SUCCESS' | 'LATER';
  message?: string;
}

export function gatewayError(res: HttpResponse): ConnectorError {
  const body = (res.json ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof body.code === 'string' ? body.code : undefined;
  const message = typeof body.message === 'string' ? body.message : `HTTP ${res.status}`;
  const details = { platform: 'dingtalk' as const, api: STREAM_GATEWAY_API, httpStatus: res.status, errcode: code, errmsg: message };
  const text = `DingTalk ${STREAM_GATEWAY_API}: ${message}${code ? ` (${code})` : ''}`;
  if (res.status === 401 || res.status === 403 || /authFailed|invalidClientIdOrSecret|InvalidClientId|InvalidAppKey/i.test(code ?? '')) {
    return new ConnectorError('CONNECTOR_BAD_CREDENTIALS', text, details);
  }
  if (res.status === 429 || /QpsLimit/i.test(code ?? '')) return new ConnectorError('CONNECTOR_RATE_LIMITED', text, details);
  if (res.status >= 500) return new ConnectorError('CONNECTOR_UPSTREAM_ERROR', text, details);
  if (res.status === 200) return new ConnectorError('CONNECTOR_BAD_RESPONSE', `DingTalk ${STREAM_GATEWAY_API}: not a JSON answer`, details);
  return new ConnectorError('CONNECTOR_REQUEST_REJECTED', text, details);
}

/** Socket errors name the host at most; the ticket (in the URL) is scrubbed all the same. */
export function socketError(e: Error): ConnectorError {
  const message = e.message.replace(/ticket=[^&\s]*/g, 'ticket=***');
  const status = /Unexpected server response: (\d+)/.exec(message)?.[1];
  if (status) {
    return new ConnectorError('CONNECTOR_UPSTREAM_ERROR', `DingTalk Stream: the endpoint refused the connection (HTTP ${status})`, { platform: 'dingtalk', api: 'stream', httpStatus: Number(status) });
  }
  if (/timed out|timeout/i.test(message)) return new ConnectorError('CONNECTOR_TIMEOUT', `DingTalk Stream: ${message}`, { platform: 'dingtalk', api: 'stream' });
  return new ConnectorError('CONNECTOR_NETWORK', `DingTalk Stream: ${message}`, { platform: 'dingtalk', api: 'stream' });
}

export function asConnectorError(e: unknown): ConnectorError {
  if (isConnectorError(e)) return e;
  return socketError(e instanceof Error ? e : new Error(String(e)));
}

/** The gateway wants the client's LAN address (informational); the first non-internal IPv4. */
export function localIp(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
