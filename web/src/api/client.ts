/**
 * How the web app talks to the server: same-origin fetch with the session cookie, JSON in and out,
 * and every non-2xx answer turned into an `ApiError` carrying the server's stable error code
 * (`{ "error": { "code", "message", "details" } }`). Calls are made through typed.ts (`apiClient`,
 * typed by path, and the list helpers); `api` and `fetchAll` here are the untyped forms a few
 * pages still use.
 */

import { takeBootAnswer } from './boot';

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

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** A 401 normally sends the user to the login page; login and "who am I" handle it themselves. */
  allowUnauthenticated?: boolean;
}

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

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    const url = API_BASE + path + toQueryString(options.query);
    res = takeBootAnswer(method, url) ?? (await fetch(url, { method, headers, body, credentials: 'same-origin', signal: options.signal }));
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK_ERROR', err instanceof Error ? err.message : String(err));
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!res.ok) throw apiErrorFrom(res, data, options.allowUnauthenticated);
  return data as T;
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

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

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

/**
 * Reads every page of a list (for selects and trees that need the whole set). Untyped: new code
 * reads lists by path with `fetchAllOf` (typed.ts).
 */
export async function fetchAll<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; page < 1000; page++) {
    const res = await api.get<Partial<Page<T>> & { items: T[] }>(path, { ...query, page, pageSize: 200 }, signal);
    all.push(...res.items);
    // An unpaged answer (no total) holds everything already.
    if (typeof res.total !== 'number' || res.items.length === 0 || all.length >= res.total) break;
  }
  return all;
}
