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
});
