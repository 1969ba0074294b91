/**
 * A request as a ZKTeco terminal sends it over real HTTP: no Content-Type, raw bytes, the push
 * client's User-Agent and `Connection: close`.
 */
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

export interface TerminalAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export function terminalRequest(base: string, method: 'GET' | 'POST', path: string, body?: string): Promise<TerminalAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
    const req = httpRequest(`${base}${path}`, { method, headers: { 'user-agent': 'iClock Proxy/1.09', connection: 'close', ...(payload ? { 'content-length': String(payload.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}
