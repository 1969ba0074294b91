/**
 * Fuzz: for every operation in the OpenAPI document, generated requests as admin, HR, manager and
 * employee on both databases. No 5xx, the error shape on every 4xx, nothing written on a 4xx, and
 * `/healthz` answering within a second throughout. bench/fuzz.ts is the long run of the same.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sourcePlugins } from '../../src/sources/plugins.js';
import { fingerprinter, healthProbe, operationsOf, requestsFor, runAs, type FuzzOutcome } from '../helpers/fuzz.js';
import { createTestApp, type RoleName, type TestApp } from '../helpers/test-app.js';
import { describeEachDb } from '../helpers/test-db.js';

const RUNS = Number(process.env.DAKA_FUZZ_RUNS ?? 2);
const ROLES: RoleName[] = ['admin', 'hr', 'manager', 'employee'];

describeEachDb('OpenAPI fuzz', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(db(), { plugins: sourcePlugins });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('checks each success answer against the schema its operation declares', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const days = operationsOf(doc).find((o) => o.method === 'GET' && o.path === '/api/v1/attendance/days')!;
    const res = await t.as('admin').get(`/api/v1/attendance/days?companyId=${t.companyId}&from=2026-03-01&to=2026-03-31`);
    expect(res.statusCode).toBe(200);
    expect(days.responses['200'](res.json())).toBe(true);
    expect(days.responses['200']({ items: [{ date: '2026-03-02' }], total: 1, page: 1, pageSize: 50 })).toBe(false);
    expect(days.responses['200']({ items: [], total: null, page: 1, pageSize: 50 })).toBe(false);
  });

  it(
    'answers every generated request without 5xx, with the error shape, writing nothing on 4xx',
    async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      const ops = operationsOf(doc);
      expect(ops.length).toBeGreaterThan(50);
      const fingerprint = await fingerprinter(db().database.db, db().dialect, db().schema);
      const probe = healthProbe(t);
      const outcomes: FuzzOutcome[] = [];
      let seed = 1;
      let health: number[];
      try {
        for (const op of ops) for (const role of ROLES) outcomes.push(...(await runAs(t, role, op, requestsFor(op, t.companyId, RUNS, seed++), fingerprint)));
      } finally {
        health = await probe.stop();
      }
      const problems = outcomes.filter((o) => o.problem).map((o) => `${o.role} ${o.request.method} ${o.request.url.slice(0, 200)} → ${o.problem}`);
      expect(problems).toEqual([]);
      expect(outcomes.length).toBe(ops.length * ROLES.length * RUNS);
      expect(health.length).toBeGreaterThan(0);
      expect(Math.max(...health)).toBeLessThan(1000);
    },
    240_000,
  );
});
