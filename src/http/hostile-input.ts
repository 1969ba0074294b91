/**
 * Hostile requests answered with 4xx at the edge, before any module sees them: JSON nested
 * deeper than any payload Daka defines, NUL characters (PostgreSQL cannot store them in text, so
 * they are refused on both databases alike), empty PATCH bodies, and the errors Node and Fastify
 * raise themselves (431, 414, 408, bad URL encoding), which get the same error shape as the rest.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.js';
import { toErrorBody } from './errors.js';

/** Deeper than any schema Daka declares (the deepest is a few levels), far below a stack overflow. */
export const MAX_JSON_DEPTH = 64;

/** Depth of the deepest array/object in a JSON text, scanning past strings; stops early past `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

const NUL_ESCAPE = /\\u0000/i;

export const nulRefused = (where: string) =>
  new AppError('NUL_CHARACTER', `${where} contains a NUL character (\\u0000), which no text field accepts`, 400, { field: where });

/** The JSON body parser: depth and NUL checks first, then JSON.parse. */
export function parseJsonBody(_req: FastifyRequest, body: string, done: (err: Error | null, body?: unknown) => void): void {
  if (body.length === 0) return done(new AppError('MALFORMED_JSON', 'The body is empty but declared as JSON', 400));
  if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
    return done(new AppError('JSON_TOO_DEEP', `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`, 400, { maxDepth: MAX_JSON_DEPTH }));
  }
  if (body.includes('\u0000') || NUL_ESCAPE.test(body)) return done(nulRefused('body'));
  try {
    done(null, JSON.parse(body));
  } catch (e) {
    done(new AppError('MALFORMED_JSON', `The body is not valid JSON: ${(e as Error).message}`, 400));
  }
}

/** A NUL in the path or query string, raw or percent-encoded. */
export function urlHasNul(url: string): boolean {
  return url.includes('\u0000') || /%00/i.test(url);
}

export function installHostileInputGuards(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody);
  app.addHook('onRequest', async (request) => {
    if (urlHasNul(request.url)) throw nulRefused('url');
  });
  app.addHook('preValidation', async (request) => {
    const body = request.body;
    if (typeof body === 'string' && body.includes('\u0000')) throw nulRefused('body');
    if (request.method === 'PATCH' && (body === undefined || body === null || (typeof body === 'object' && !Buffer.isBuffer(body) && Object.keys(body).length === 0))) {
      throw new AppError('EMPTY_PATCH', 'The PATCH body names no field to change', 400);
    }
  });
}

/** Fastify's own routing errors (bad percent-encoding, a path parameter past its length limit). */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const mapped =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new AppError('URI_TOO_LONG', 'A path segment is longer than the server accepts', 414)
      : error.code === 'FST_ERR_BAD_URL'
        ? new AppError('BAD_URL', 'The URL is not validly percent-encoded', 400)
        : new AppError('BAD_REQUEST', error.message, error.statusCode && error.statusCode < 500 ? error.statusCode : 400);
  reply.status(mapped.status).send(toErrorBody(mapped));
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'The request headers (or URL) are larger than the server accepts'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request did not arrive in time'],
  ERR_HTTP_HEADERS_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request headers did not arrive in time'],
};

/** Errors Node's HTTP parser raises before Fastify has a request: answered on the raw socket. */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'BAD_REQUEST', 'The request could not be parsed as HTTP'];
  const body = JSON.stringify(toErrorBody(new AppError(code, message, status)));
  const reason = status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
