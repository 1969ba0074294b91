/**
 * The transport for targets an admin types in (webhooks): node's http client with a guarded DNS
 * lookup. The name is resolved once, every address it resolves to must be public (unless the
 * operator allowed the base), and the socket connects to the address that was checked: the check
 * and the connection cannot disagree, which defeats DNS rebinding. Keep-alive agents carry the
 * delivery rate; redirects are never followed; time and response size are bounded.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { EgressError, type Integration } from './policy.js';
import { isPublicAddress } from './public-address.js';

export interface PinnedResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** dns.lookup that fails for any name with a non-public address (exported for tests). */
export const publicOnly: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused || !addresses.length) {
      const e = Object.assign(new Error(`${hostname} resolves to a non-public address`), { code: 'EGRESS_PRIVATE_ADDRESS' });
      return callback(e, '', 0);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  httpPublic: new http.Agent({ keepAlive: true, maxSockets: 64, lookup: publicOnly } as http.AgentOptions),
  httpsPublic: new https.Agent({ keepAlive: true, maxSockets: 64, lookup: publicOnly } as https.AgentOptions),
};

export function pinnedRequest(
  integration: Integration,
  url: string,
  target: string,
  req: { method: string; headers?: Record<string, string>; body?: string | Uint8Array; timeoutMs: number; maxResponseBytes: number; publicOnly: boolean },
): Promise<PinnedResponse> {
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  const agent = req.publicOnly ? (secure ? agents.httpsPublic : agents.httpPublic) : secure ? agents.https : agents.http;
  const client = secure ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null, res?: PinnedResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(res!);
    };
    const r = client.request(u, { method: req.method, headers: req.headers, agent }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.destroy();
        return finish(new EgressError('EGRESS_REDIRECT', `${target} answered with a redirect (${status}); redirects are not followed`, 502, { integration, status }));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > req.maxResponseBytes) {
          res.destroy();
          return finish(new EgressError('EGRESS_TOO_LARGE', `${target} sent more than ${req.maxResponseBytes} bytes`, 502, {}));
        }
        chunks.push(c);
      });
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
        finish(null, { status, headers, body: Buffer.concat(chunks) });
      });
      res.on('error', (e) => finish(unreachable(integration, target, e)));
    });
    const timer = setTimeout(() => {
      finish(new EgressError('EGRESS_TIMEOUT', `${target} did not answer within ${req.timeoutMs} ms`, 504, { integration }));
      r.destroy();
    }, req.timeoutMs);
    r.on('error', (e) => finish(unreachable(integration, target, e)));
    r.end(req.body);
  });
}

function unreachable(integration: Integration, target: string, e: Error): EgressError {
  const code = (e as { code?: unknown }).code;
  if (code === 'EGRESS_PRIVATE_ADDRESS') return new EgressError('EGRESS_NOT_ALLOWED', `Not sent to ${target}: ${e.message}`, 409, { integration });
  return new EgressError('EGRESS_UNREACHABLE', `${target} is unreachable${typeof code === 'string' ? ` (${code})` : ''}`, 502, { integration });
}
