import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Minimal plumbing shared by the platform simulators: loopback only, ephemeral port. */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: string;
  /** Parsed JSON body, or undefined. */
  body: any;
}

export type SimHandler = (req: SimRequest, res: ServerResponse) => Promise<void> | void;

export interface StartedServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startLoopbackServer(handler: SimHandler, port = 0): Promise<StartedServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown;
      if (rawBody.trim().startsWith('{')) {
        try {
          body = JSON.parse(rawBody);
        } catch {
          body = undefined;
        }
      }
      Promise.resolve(
        handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, rawBody, body }, res),
      ).catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { errcode: -1, errmsg: `simulator error: ${(e as Error).message}` });
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, raw?: string): void {
  const text = raw ?? JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/html; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
