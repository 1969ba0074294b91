/**
 * Turns every failure into `{ error: { code, message, details } }` with the right status.
 * Validation messages name the field as the client sent it (`body.items[3].atMs`).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DATE_WINDOW_TEXT, INSTANT_WINDOW_TEXT, MONTH_WINDOW_TEXT } from '../shared/bounds.js';
import { AppError } from '../shared/errors.js';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

export function fieldPath(part: string, issue: AjvIssue): string {
  const segments = issue.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (issue.keyword === 'additionalProperties') segments.push(String(issue.params.additionalProperty));
  if (issue.keyword === 'required') segments.push(String(issue.params.missingProperty));
  let out = part;
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : `.${s}`;
  return out;
}

const WINDOW_FORMATS: Record<string, string> = { date: DATE_WINDOW_TEXT, month: MONTH_WINDOW_TEXT, 'epoch-ms': INSTANT_WINDOW_TEXT };

const isWindowIssue = (i: AjvIssue) => i.keyword === 'format' && typeof i.params.format === 'string' && i.params.format in WINDOW_FORMATS;

function issueMessage(issue: AjvIssue): string {
  if (isWindowIssue(issue)) return `must be ${WINDOW_FORMATS[issue.params.format as string]}`;
  switch (issue.keyword) {
    case 'additionalProperties':
      return 'is not a known field';
    case 'required':
      return 'is required';
    default:
      return issue.message ?? 'is invalid';
  }
}

export function toErrorBody(err: AppError) {
  return { error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } };
}

export function mapError(error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (fe.validation) {
    const part = fe.validationContext ?? 'body';
    const problems = fe.validation.map((i) => ({ path: fieldPath(part, i), message: issueMessage(i) }));
    const message = problems.map((p) => `${p.path} ${p.message}`).join('; ');
    // Dates, months and instants outside the supported window (or not dates at all) have their own code.
    const code = fe.validation.every(isWindowIssue) ? 'DATE_OUT_OF_RANGE' : 'VALIDATION_FAILED';
    return new AppError(code, message, 400, { problems });
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is larger than the server accepts', 413);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', fe.message, 415);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON', 'The body is empty but declared as JSON', 400);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('BAD_REQUEST', fe.message, 400);
  }
  if (fe instanceof SyntaxError || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new AppError('MALFORMED_JSON', `The body is not valid JSON: ${fe.message}`, 400);
  }
  const fromDb = mapDatabaseError(error);
  if (fromDb) return fromDb;
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new AppError('INPUT_TOO_COMPLEX', 'The request is nested too deeply to process', 400);
  }
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED', 'Too many requests; slow down and retry later', 429);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('BAD_REQUEST', fe.message, fe.statusCode);
  }
  return new AppError('INTERNAL', 'Something went wrong on the server; it has been logged', 500);
}

/**
 * Constraint and value errors of either database that a request can provoke, as 4xx. Services
 * check what they can first; this is the net under them, so a missed check is a clear 4xx and not
 * a 500 (a `companyId` that does not exist: 404, a duplicate: 409, a NUL in text: 400).
 */
export function mapDatabaseError(error: Error): AppError | null {
  const e = error as Error & { code?: string; detail?: string; constraint?: string };
  const code = typeof e.code === 'string' ? e.code : '';
  const field = /Key \(([^)]+)\)/.exec(e.detail ?? '')?.[1];
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new AppError('REFERENCE_NOT_FOUND', `A referenced record does not exist${field ? ` (${field})` : ''}`, 404, field ? { field } : undefined);
  }
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new AppError('ALREADY_EXISTS', `A record with these values already exists${field ? ` (${field})` : ''}`, 409, field ? { field } : undefined);
  }
  if (code === '22021' || code === '22P05' || (code === '' && /invalid byte sequence.*0x00/.test(e.message))) return new AppError('NUL_CHARACTER', 'A text value contains a NUL character', 400);
  if (code === '22003' || code === '22P02' || code === '22007' || code === '22008') return new AppError('VALUE_OUT_OF_RANGE', 'A value is out of the range the database stores', 400);
  if (code === '23502' || code === 'SQLITE_CONSTRAINT_NOTNULL' || code === '23514' || code === 'SQLITE_CONSTRAINT_CHECK') {
    return new AppError('INVALID_VALUE', 'A value is missing or not allowed', 400);
  }
  return null;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const mapped = mapError(error);
    if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
    reply.status(mapped.status).send(toErrorBody(mapped));
  });
}
