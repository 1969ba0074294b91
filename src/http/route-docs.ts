/**
 * Every operation in the OpenAPI document declares its success status and what it returns. JSON
 * routes declare a precise schema beside their handler; this fills in the answers that are not
 * JSON objects (deletes with no body, device protocols, photos) in one place, and documents the
 * health routes and platform callbacks, which serve machines rather than the UI.
 */
import type { RouteOptions } from 'fastify';

const text = (description: string) => ({ description, content: { 'text/plain': { schema: { type: 'string' } } } });
const json = (description: string, schema: Record<string, unknown> = {}) => ({ description, ...schema });

const HEALTH: Record<string, Record<string, unknown>> = {
  '/healthz': { 200: json('The process is alive', { type: 'object', properties: { status: { type: 'string', enum: ['ok'] }, version: { type: 'string' } }, required: ['status', 'version'] }) },
  '/readyz': {
    200: json('The database answers', { type: 'object', properties: { status: { type: 'string' }, database: { type: 'string' } }, required: ['status', 'database'] }),
    503: json('The database does not answer', { type: 'object', properties: { status: { type: 'string' }, database: { type: 'string' } }, required: ['status', 'database'] }),
  },
  '/metrics': { 200: text('Prometheus metrics in the text exposition format') },
};

function defaultSuccess(route: RouteOptions): Record<string, unknown> {
  const url = route.url ?? '';
  if (/^\/(iclock|isapi)\//.test(url)) return { 200: text('The device protocol reply (plain text the firmware reads)') };
  if (url.startsWith('/callbacks/wecom/')) return { 200: text('WeCom: the decrypted echo string (GET) or `success` (POST)') };
  if (url.startsWith('/callbacks/dingtalk/')) return { 200: json('DingTalk: the encrypted `success` reply', { type: 'object', additionalProperties: true }) };
  if (url.endsWith('/photo')) return { 200: { description: 'The punch photo', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } } };
  if (route.method === 'DELETE') return { 204: { description: 'Deleted; no body', type: 'null' } };
  // Anything else declares its answer beside its handler (test/core/openapi-lint.test.ts fails otherwise).
  return {};
}

export function documentRoute(route: RouteOptions): void {
  const url = route.url ?? '';
  const schema = (route.schema ??= {}) as Record<string, unknown>;
  const health = HEALTH[url];
  if (health) {
    schema.hide = false;
    schema.tags ??= ['system'];
    schema.response = { ...health, ...(schema.response as object | undefined) };
    return;
  }
  if (url.startsWith('/callbacks/')) {
    schema.hide = false;
    schema.tags ??= ['callbacks'];
  }
  const response = (schema.response ?? {}) as Record<string, unknown>;
  if (!Object.keys(response).some((s) => /^2/.test(s))) schema.response = { ...response, ...defaultSuccess(route) };
}
