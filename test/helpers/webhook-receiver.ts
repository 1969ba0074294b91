/**
 * A webhook receiver on a free port of 127.0.0.1, as a company would run one: it verifies every
 * request with the `standardwebhooks` library (never with Daka's code) at the time the test says
 * it is, and answers as the test's script tells it (fail, hang, recover).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';

export interface Received {
  id: string;
  type: string;
  data: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Answer = { status: number; delayMs?: number; headers?: Record<string, string> };

export interface Receiver {
  url: string;
  /** Every request whose signature verified, in arrival order (duplicates included). */
  received: Received[];
  /** Requests that failed verification. */
  rejected: string[];
  /** How each request is answered; default 204. */
  answer: (r: Received) => Answer;
  /** The secrets it accepts (any of them). */
  secrets: string[];
  close(): Promise<void>;
}

/** Verifies with the library's clock set to `nowMs` (the test clock), so moved clocks verify too. */
export function verifyAt(secret: string, body: string, headers: IncomingHttpHeaders, nowMs: number): Record<string, unknown> {
  const json = String(headers['content-type'] ?? '').startsWith('application/json');
  vi.useFakeTimers({ toFake: ['Date'], now: nowMs });
  try {
    const h = { 'webhook-id': String(headers['webhook-id']), 'webhook-timestamp': String(headers['webhook-timestamp']), 'webhook-signature': String(headers['webhook-signature']) };
    // Non-JSON bodies (the payroll CSV) are verified as they are: the signature covers the raw bytes.
    if (!json) return (new Webhook(secret).verify(body, h, { jsonParse: false }), { type: String(headers['x-daka-event'] ?? ''), data: {} });
    return new Webhook(secret).verify(body, h) as Record<string, unknown>;
  } finally {
    vi.useRealTimers();
  }
}

export async function startReceiver(now: () => number, path = '/hooks/daka'): Promise<Receiver> {
  const receiver: Receiver = { url: '', received: [], rejected: [], answer: () => ({ status: 204 }), secrets: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let parsed: Record<string, unknown> | null = null;
      for (const s of receiver.secrets) {
        try {
          parsed = verifyAt(s, body, req.headers, now());
          break;
        } catch {
          /* try the next secret */
        }
      }
      if (!parsed) {
        receiver.rejected.push(body);
        res.writeHead(401).end();
        return;
      }
      const r: Received = { id: String(req.headers['webhook-id']), type: String(parsed.type), data: parsed.data as Record<string, unknown>, headers: req.headers, body };
      const a = receiver.answer(r);
      if (a.status >= 200 && a.status < 300) receiver.received.push(r);
      const reply = () => {
        if (!res.destroyed) res.writeHead(a.status, a.headers).end();
      };
      if (a.delayMs) setTimeout(reply, a.delayMs);
      else reply();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  receiver.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return receiver;
}
