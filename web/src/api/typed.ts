/**
 * The API typed by path: `paths` is generated from the server's OpenAPI document into schema.d.ts
 * (`npm run api-types`), and `apiClient` (openapi-fetch) checks each call's path, parameters and
 * body against it. `unwrap` turns its answer into the data, or throws the same `ApiError` as
 * `api` in client.ts. The helper types name a path's shapes for components.
 */
import createClient from 'openapi-fetch';
import { takeBootAnswer } from './boot';
import { ApiError, apiErrorFrom, asPage, toQueryString, type Page } from './client';
import type { paths } from './schema';

export type { paths };
export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends ApiPath, M extends Method> = Exclude<paths[P][M], undefined>;

/** The JSON a path answers with (its 200, else its 201, else its 202). */
export type ResponseJson<P extends ApiPath, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: { content: { 'application/json': infer J } } }
      ? J
      : R extends { 201: { content: { 'application/json': infer J } } }
        ? J
        : R extends { 202: { content: { 'application/json': infer J } } }
          ? J
          : never
    : never;

/** The JSON body a path takes. */
export type RequestJson<P extends ApiPath, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters a path takes. */
export type QueryOf<P extends ApiPath, M extends Method = 'get'> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One element of a list answer (`{ items: [...] }`). */
export type ListItem<P extends ApiPath> = ResponseJson<P, 'get'> extends { items: (infer I)[] } ? I : never;

/** The path parameters a path takes (never when it has none). */
export type PathParamsOf<P extends ApiPath, M extends Method = 'get'> = Operation<P, M> extends { parameters: { path: infer A } } ? A : never;

/** The paths whose GET answers a list (`{ items: [...] }`, paged or whole). */
export type ListPath = { [P in ApiPath]: [ListItem<P>] extends [never] ? never : P }[ApiPath];

/**
 * What a list read takes besides paging: the path's parameters (when it has any) and its filters.
 * A filter may be null while the page does not know it yet (the query leaves it out; hooks wait
 * with `enabled: false` until a required one is known).
 */
export type ListParams<P extends ListPath> = { query?: { [K in keyof Omit<QueryOf<P>, 'page' | 'pageSize'>]: QueryOf<P>[K] | null } } & ([PathParamsOf<P>] extends [never] ? { path?: undefined } : { path: PathParamsOf<P> });

// `fetch` is looked up on each call, not captured once at load: whatever fetch the page has then
// (a test's fake server included) is the one used. The answers index.html brought come first.
// Queries are written as the plain client always wrote them: empty values ('', null, undefined) left out.
export const apiClient = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  querySerializer: (query) => toQueryString(query as Parameters<typeof toQueryString>[0]),
  fetch: async (request) => takeBootAnswer(request.method, request.url) ?? globalThis.fetch(request),
});

/** The data of a typed call, or the `ApiError` its answer carries. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>, options: { allowUnauthenticated?: boolean } = {}): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK_ERROR', err instanceof Error ? err.message : String(err));
  }
  if (!result.response.ok) throw apiErrorFrom(result.response, result.error, options.allowUnauthenticated);
  return result.data as T;
}

/**
 * The GET of a path whose type is a parameter (the list helpers below): openapi-fetch's overloads
 * need a literal path, so the call goes through this one signature; the helpers' own signatures
 * check the path and its parameters.
 */
const getAny = apiClient.GET as unknown as (path: string, init: { params: { path?: unknown; query?: Record<string, unknown> }; signal?: AbortSignal }) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** One page of a list path (`page`, `pageSize`); a whole list (`{ items }` only) reads as one page. */
export async function getPageOf<P extends ListPath>(path: P, params: ListParams<P>, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<ListItem<P>>> {
  const res = (await unwrap(getAny(path, { params: { path: params.path, query: { ...params.query, page, pageSize } }, signal }))) as { items: ListItem<P>[]; total?: number; page?: number; pageSize?: number };
  return asPage(res, page, pageSize);
}

/** A whole list (`{ items }`, a path that takes no paging parameters) in one read. */
export async function getListOf<P extends ListPath>(path: P, params: ListParams<P>, signal?: AbortSignal): Promise<ListItem<P>[]> {
  const res = (await unwrap(getAny(path, { params: { path: params.path, query: params.query }, signal }))) as { items: ListItem<P>[] };
  return res.items;
}

/** Every item of a list path, page by page (for selects and trees that need the whole set). */
export async function fetchAllOf<P extends ListPath>(path: P, params: ListParams<P>, signal?: AbortSignal): Promise<ListItem<P>[]> {
  const all: ListItem<P>[] = [];
  for (let page = 1; page < 1000; page++) {
    const res = (await unwrap(getAny(path, { params: { path: params.path, query: { ...params.query, page, pageSize: 200 } }, signal }))) as { items: ListItem<P>[]; total?: number };
    all.push(...res.items);
    // An unpaged answer (no total) holds everything already.
    if (typeof res.total !== 'number' || res.items.length === 0 || all.length >= res.total) break;
  }
  return all;
}
