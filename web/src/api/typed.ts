/**
 * The API typed by path: `paths` is generated from the server's OpenAPI document into schema.d.ts
 * (`npm run api-types`), and `apiClient` (openapi-fetch) checks each call's path, parameters and
 * body against it. `unwrap` turns its answer into the data, or throws the same `ApiError` as
 * `api` in client.ts. The helper types name a path's shapes for components.
 */
import createClient from 'openapi-fetch';
import { takeBootAnswer } from './boot';
import { ApiError, apiErrorFrom } from './client';
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

// `fetch` is looked up on each call, not captured once at load: whatever fetch the page has then
// (a test's fake server included) is the one used. The answers index.html brought come first.
export const apiClient = createClient<paths>({ baseUrl: '', credentials: 'same-origin', headers: { Accept: 'application/json' }, fetch: async (request) => takeBootAnswer(request.method, request.url) ?? globalThis.fetch(request) });

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
