/** The OpenAPI document Daka serves is a valid OpenAPI 3 document. */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourcePlugins } from '../../src/sources/plugins.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestDb } from '../helpers/test-db.js';

describe('OpenAPI document', () => {
  let t: TestApp;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await createTestDb('sqlite');
    drop = db.drop;
    t = await createTestApp(db, { plugins: sourcePlugins });
  });
  afterAll(async () => {
    await t.app.close();
    await drop();
  });

  it('validates against the OpenAPI 3 schema', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('declares the success status and body of every operation, health routes and callbacks included', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const undeclared: string[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const ok = Object.entries<any>(op.responses ?? {}).some(([status, r]) => /^2/.test(status) && (status === '204' || Object.keys(r.content ?? {}).length > 0));
        if (!ok) undeclared.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(undeclared).toEqual([]);
    for (const p of ['/healthz', '/readyz', '/metrics', '/callbacks/dingtalk/{id}', '/callbacks/wecom/{id}']) expect(Object.keys(doc.paths)).toContain(p);
    expect(doc.paths['/healthz'].get.responses['200'].content['application/json'].schema.required).toEqual(['status', 'version']);
  });

  it('describes every JSON success body with its fields, so the web types and the serializer follow it', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const vague: string[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        for (const [status, r] of Object.entries<any>(op.responses ?? {})) {
          if (!/^2/.test(status)) continue;
          const where = `${method.toUpperCase()} ${path} ${status}`;
          if (status === '204') {
            if (r.content) vague.push(`${where}: 204 with a body`);
            continue;
          }
          const json = r.content?.['application/json'];
          if (!json) continue;
          // The DingTalk callback answers DingTalk's own encrypted envelope, not an API shape.
          if (path.startsWith('/callbacks/dingtalk/')) continue;
          const problem = vagueTop(json.schema ?? {});
          if (problem) vague.push(`${where}: ${problem}`);
        }
      }
    }
    expect(vague).toEqual([]);
  });
});

/** Why a response schema says too little about its body (no type, or an object without fields), or null. */
function vagueTop(schema: any): string | null {
  if (schema.$ref) return null;
  const options = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (options) return options.map(vagueTop).find((p: string | null) => p) ?? null;
  if (!schema.type) return 'no type';
  if (schema.type === 'object' && Object.keys(schema.properties ?? {}).length === 0) return 'an object without properties';
  if (schema.type === 'array') return vagueTop(schema.items ?? {});
  return null;
}
