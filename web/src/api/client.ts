/**
 * How the web app talks to the server: same-origin fetch with the session cookie, JSON in and out,
 * and every non-2xx answer turned into an `ApiError` carrying the server's stable error code
 * (`{ "error": { "code", "message", "details" } }`). Calls are made through typed.ts (`apiClient`,
 * typed by path, and the list helpers); this module holds what they share: the error type, the
 * query string the server reads, and the 401 handling.
 */

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
};

/** The auth provider installs a handler that navigates inside the app instead of reloading it. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

/** Builds `?a=1&b=2`, leaving out empty values so filters can be passed as they are. */
export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const v of value) params.append(key, String(v));
    } else {
      params.set(key, String(value));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The `ApiError` of a non-2xx answer (its parsed body, if any); a 401 also sends the user to log in. */
export function apiErrorFrom(res: Response, data: unknown, allowUnauthenticated = false): ApiError {
  const error = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  const apiError = new ApiError(
    res.status,
    typeof error?.code === 'string' ? error.code : `HTTP_${res.status}`,
    typeof error?.message === 'string' ? error.message : res.statusText || `HTTP ${res.status}`,
    error?.details,
  );
  if (res.status === 401 && !allowUnauthenticated) onUnauthorized();
  return apiError;
}


/** Every list endpoint answers with one page of this shape. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Short lists (companies, tokens) come back whole as `{ items }`; they are read as one page
 * holding everything, so tables and loops treat both shapes alike.
 */
export function asPage<T>(res: Partial<Page<T>> & { items: T[] }, page: number, pageSize: number): Page<T> {
  const paged = typeof res.total === 'number';
  return {
    items: res.items,
    total: paged ? res.total! : res.items.length,
    page: paged ? (res.page ?? page) : 1,
    pageSize: paged ? (res.pageSize ?? pageSize) : Math.max(pageSize, res.items.length),
  };
}

