/**
 * Walks every /api/v1 endpoint with every role and checks the invariants of access control:
 * anonymous callers are refused, nobody can crash the server, employees cannot change setup
 * data, and HR of another company cannot reach this company's data.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type RoleName, type TestApp } from '../helpers/test-app.js';

interface RouteInfo {
  method: string;
  url: string;
}

/** Routes an employee may call to change things: their own requests, password, session. */
const EMPLOYEE_WRITES = [/^POST \/api\/v1\/auth\//, /^POST \/api\/v1\/requests(\/:id\/cancel)?$/];
const PUBLIC = [/^POST \/api\/v1\/auth\/(login|logout)$/];
const ROLES: RoleName[] = ['anonymous', 'employee', 'manager', 'hr', 'otherHr', 'admin'];

async function collectRoutes(t: TestApp): Promise<RouteInfo[]> {
  // A second app instance over the same services, with a hook that records every route.
  const routes: RouteInfo[] = [];
  const probe: FastifyInstance = await buildApp({
    config: t.services.config,
    database: t.database,
    services: t.services,
    onRoute: (r) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD' && r.url.startsWith('/api/v1/')) routes.push({ method: m, url: r.url });
    },
  });
  await probe.close();
  return routes;
}

function concrete(url: string, companyId: number): string {
  const path = url.replace(/:(\w+)/g, (_, name: string) => (name === 'companyId' || name === 'id' ? String(companyId) : name === 'date' ? '2026-03-10' : '1'));
  const sep = path.includes('?') ? '&' : '?';
  return `${path}${sep}companyId=${companyId}&month=2026-03&from=2026-03-01&to=2026-03-31`;
}

describeEachDb('every endpoint, every role', (db) => {
  let t: TestApp;
  let routes: RouteInfo[];
  beforeAll(async () => {
    t = await createTestApp(db());
    routes = await collectRoutes(t);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(15);
  });

  it('enforces the access invariants on every route', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      if (/\/auth\/logout$/.test(r.url)) continue; // would end the role's session for the rest of the walk
      for (const role of ROLES) {
        const res = await t.as(role).inject({ method: r.method as never, url: concrete(r.url, t.companyId), ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: { companyId: t.companyId } }) });
        const s = res.statusCode;
        if (s >= 500) failures.push(`${key} as ${role}: ${s} ${res.body.slice(0, 200)}`);
        if (role === 'anonymous' && !PUBLIC.some((p) => p.test(key)) && s !== 401) failures.push(`${key} as anonymous: ${s}, expected 401`);
        if (role === 'employee' && r.method !== 'GET' && s < 300 && !EMPLOYEE_WRITES.some((p) => p.test(key))) failures.push(`${key} as employee: ${s}, a write succeeded`);
        if (role === 'otherHr' && s < 300 && r.method !== 'GET' && !PUBLIC.some((p) => p.test(key)) && !/\/auth\//.test(r.url)) failures.push(`${key} as otherHr: ${s}, a write into another company succeeded`);
        if (role === 'otherHr' && r.method === 'GET' && s < 300 && !/\/auth\/|\/tokens$|\/companies$|^\/api\/v1\/users$/.test(r.url)) {
          const body = res.json() as { items?: { companyId?: number }[]; companyId?: number };
          const leaked = (body.items ?? [body]).some((i) => i && typeof i === 'object' && i.companyId === t.companyId);
          if (leaked) failures.push(`${key} as otherHr: returned data of another company`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
