/**
 * The one error type that crosses module boundaries. The HTTP layer turns it into
 * `{ "error": { "code", "message", "details" } }` with `status`; the CLI prints it.
 * Codes are stable identifiers that clients may switch on: never reword a code.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(code, message, 400, details);
export const notFound = (what: string, id: unknown) =>
  new AppError('NOT_FOUND', `${what} ${String(id)} does not exist`, 404, { resource: what, id });
export const forbidden = (message = 'You are not allowed to do this') =>
  new AppError('FORBIDDEN', message, 403);
export const unauthorized = (message = 'Log in first') => new AppError('UNAUTHENTICATED', message, 401);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(code, message, 409, details);

/** A field-level validation problem: `path` names the field the way the client sent it. */
export interface FieldProblem {
  path: string;
  message: string;
}

export const validationError = (problems: FieldProblem[], code = 'VALIDATION_FAILED') =>
  new AppError(
    code,
    problems.length === 1
      ? `${problems[0].path}: ${problems[0].message}`
      : `${problems.length} problems: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    400,
    { problems },
  );
