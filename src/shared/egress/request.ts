/**
 * The one outbound HTTP call. It checks the egress policy before anything leaves, never follows a
 * redirect (a 3xx to an internal address would otherwise get the request and its secret), bounds
 * time and response size, and its errors name the host and path only: never the query (access
 * tokens, robot keys) and never what the target answered.
 */
import { pinnedRequest } from './pinned-request.js';
import { EgressError, egressPolicy, type Integration } from './policy.js';

export interface EgressRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** The whole exchange, body included. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Addresses an admin registered for this call (a device's address), on top of the policy. */
  registered?: readonly string[];
  /** Larger answers are cut off with EGRESS_TOO_LARGE (default 32 MB). */
  maxResponseBytes?: number;
}

export interface EgressResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/** `https://host:port/path` without query or fragment, safe for messages and logs. */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

export async function egressRequest(integration: Integration, url: string, req: EgressRequest): Promise<EgressResponse> {
  const target = describeTarget(url);
  const why = egressPolicy().refusal(integration, url, req.registered);
  if (why) throw new EgressError('EGRESS_NOT_ALLOWED', `Not sent to ${target}: ${why}`, 409, { integration });
  if (integration === 'webhook') {
    if (req.signal?.aborted) throw req.signal.reason;
    const publicOnly = !egressPolicy().operatorAllowed(url);
    return pinnedRequest(integration, url, target, { ...req, maxResponseBytes: req.maxResponseBytes ?? DEFAULT_MAX_BYTES, publicOnly });
  }
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  try {
    const res = await fetch(url, { method: req.method, headers: req.headers, body: req.body, signal, redirect: 'manual' });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => {});
      throw new EgressError('EGRESS_REDIRECT', `${target} answered with a redirect (${res.status}); redirects are not followed`, 502, { integration, status: res.status });
    }
    const body = await readCapped(res, req.maxResponseBytes ?? DEFAULT_MAX_BYTES, target);
    return { status: res.status, headers: res.headers, body };
  } catch (e) {
    if (e instanceof EgressError) throw e;
    if (req.signal?.aborted) throw req.signal.reason;
    if (timeout.aborted) throw new EgressError('EGRESS_TIMEOUT', `${target} did not answer within ${req.timeoutMs} ms`, 504, { integration });
    const cause = (e as { cause?: { code?: unknown } }).cause?.code;
    throw new EgressError('EGRESS_UNREACHABLE', `${target} is unreachable${typeof cause === 'string' ? ` (${cause})` : ''}`, 502, { integration });
  }
}

async function readCapped(res: Response, max: number, target: string): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) {
      await res.body.cancel().catch(() => {});
      throw new EgressError('EGRESS_TOO_LARGE', `${target} sent more than ${max} bytes`, 502, {});
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * A WebSocket endpoint handed out by an allowed gateway (DingTalk Stream): wss on the platform's
 * own domain, or ws(s) on an operator-allowed base. Returns why not, or null.
 */
export function webSocketRefusal(integration: Integration, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (integration === 'dingtalk' && u.protocol === 'wss:' && (u.hostname === 'dingtalk.com' || u.hostname.endsWith('.dingtalk.com'))) return null;
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') return 'not a WebSocket URL';
  const asHttp = new URL(url);
  asHttp.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  asHttp.search = '';
  return egressPolicy().refusal(integration, asHttp.toString());
}

export interface EgressStreamRequest extends Omit<EgressRequest, 'timeoutMs' | 'maxResponseBytes'> {
  /** Until the answer's headers arrive. */
  connectTimeoutMs: number;
  /** The body ends with EGRESS_TIMEOUT when no byte arrives for this long (a half-dead connection). */
  idleTimeoutMs: number;
}

export interface EgressStream {
  status: number;
  headers: Headers;
  /** The body as it arrives; ends when the target closes, throws on idle timeout or abort. */
  chunks: AsyncIterable<Buffer>;
  /** Stops reading and closes the connection. */
  close(): void;
}

/**
 * A long-lived answer (an event stream): the same policy checks and no redirects as egressRequest,
 * but the body is handed over as it arrives, bounded by an idle timeout instead of a total one.
 * The caller bounds what it keeps of it.
 */
export async function egressStream(integration: Integration, url: string, req: EgressStreamRequest): Promise<EgressStream> {
  const target = describeTarget(url);
  const why = egressPolicy().refusal(integration, url, req.registered);
  if (why) throw new EgressError('EGRESS_NOT_ALLOWED', `Not sent to ${target}: ${why}`, 409, { integration });
  const local = new AbortController();
  const signal = req.signal ? AbortSignal.any([req.signal, local.signal]) : local.signal;
  const connectTimer = setTimeout(() => local.abort(new EgressError('EGRESS_TIMEOUT', `${target} did not answer within ${req.connectTimeoutMs} ms`, 504, { integration })), req.connectTimeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { method: req.method, headers: req.headers, body: req.body, signal, redirect: 'manual' });
  } catch (e) {
    if (req.signal?.aborted) throw req.signal.reason;
    if (local.signal.aborted) throw local.signal.reason;
    const cause = (e as { cause?: { code?: unknown } }).cause?.code;
    throw new EgressError('EGRESS_UNREACHABLE', `${target} is unreachable${typeof cause === 'string' ? ` (${cause})` : ''}`, 502, { integration });
  } finally {
    clearTimeout(connectTimer);
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel().catch(() => {});
    throw new EgressError('EGRESS_REDIRECT', `${target} answered with a redirect (${res.status}); redirects are not followed`, 502, { integration, status: res.status });
  }
  const body = res.body;
  async function* chunks(): AsyncGenerator<Buffer> {
    if (!body) return;
    const reader = body.getReader();
    try {
      for (;;) {
        let idle: NodeJS.Timeout | undefined;
        const timedOut = new Promise<never>((_, reject) => {
          idle = setTimeout(() => reject(new EgressError('EGRESS_TIMEOUT', `${target} sent nothing for ${req.idleTimeoutMs} ms`, 504, { integration })), req.idleTimeoutMs);
        });
        try {
          const r = await Promise.race([reader.read(), timedOut]);
          if (r.done) return;
          yield Buffer.from(r.value);
        } finally {
          clearTimeout(idle);
        }
      }
    } finally {
      local.abort();
      await reader.cancel().catch(() => {});
    }
  }
  return { status: res.status, headers: res.headers, chunks: chunks(), close: () => local.abort() };
}
