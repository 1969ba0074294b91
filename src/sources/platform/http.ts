import { EgressError, egressRequest } from '../../shared/egress/index.js';
import { ConnectorError, type Platform } from './errors.js';
import { parseJsonSafe } from './json.js';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** Serialised as JSON when an object. */
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  contentType: string;
  text: string;
  /** Parsed body when it is JSON (64-bit integers kept as strings), else undefined. */
  json: unknown;
}

/**
 * The one place the connectors touch the network. It never throws on an HTTP status (the caller
 * classifies), only on timeouts and network failures, and its errors carry the path only: the
 * query string holds access tokens and robot keys.
 */
export async function httpRequest(platform: Platform, api: string, req: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.body !== undefined) {
    body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  try {
    // The egress policy decides where this may go; redirects and oversized answers are errors.
    const res = await egressRequest(platform, req.url, { method: req.method, headers, body, timeoutMs: req.timeoutMs, signal: req.signal });
    const text = res.body.toString('utf8');
    const contentType = res.headers.get('content-type') ?? '';
    let json: unknown;
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        json = parseJsonSafe(text);
      } catch {
        json = undefined;
      }
    }
    return { status: res.status, contentType, text, json };
  } catch (e) {
    if (req.signal?.aborted) throw req.signal.reason;
    if (e instanceof EgressError) throw connectorErrorOf(platform, api, e, req.timeoutMs);
    throw new ConnectorError('CONNECTOR_NETWORK', `${platform} ${api}: ${(e as Error).message}`, { platform, api });
  }
}

function connectorErrorOf(platform: Platform, api: string, e: EgressError, timeoutMs: number): ConnectorError {
  const details = { platform, api, egress: e.code };
  if (e.code === 'EGRESS_TIMEOUT') return new ConnectorError('CONNECTOR_TIMEOUT', `${platform} ${api} timed out after ${timeoutMs} ms`, details);
  if (e.code === 'EGRESS_NOT_ALLOWED') return new ConnectorError('CONNECTOR_BAD_CONFIG', `${platform} ${api}: ${e.message}`, details);
  if (e.code === 'EGRESS_UNREACHABLE') return new ConnectorError('CONNECTOR_NETWORK', `${platform} ${api}: ${e.message}`, details);
  return new ConnectorError('CONNECTOR_BAD_RESPONSE', `${platform} ${api}: ${e.message}`, details);
}

/** Join a configurable base URL and a path, and add query parameters. */
export function buildUrl(base: string, path: string, query: Record<string, string | number | undefined> = {}): string {
  const url = new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : base + '/');
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}
