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
});
