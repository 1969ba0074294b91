/**
 * Walks every /api/v1 endpoint with every role. Each write gets a body that is valid for it,
 * generated from the route's OpenAPI request schema with ids of objects that exist in the test
 * company, so a refusal can only come from access control: the roles allowed to write get 2xx,
 * every other role gets 401 (anonymous) or 403/404 and leaves no audit entry. Reads keep the invariants that anonymous
 * callers are refused, nothing crashes, and HR of another company sees none of this company's data.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type RoleName, type TestApp } from '../helpers/test-app.js';
import { SchemaSampler, type JsonSchema } from '../helpers/schema-sample.js';
import { setUpWalk, WC_ROBOT_KEY, type Walk } from './role-walk-fixtures.js';
import { ROUTE_SPECS, walkHint } from './role-walk-routes.js';

interface RouteInfo {
  method: string;
  url: string;
}
interface OpenApiOperation {
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

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

/** Sessions end with a password change, so it comes last; deletions come after what they would delete. */
function walkOrder(r: RouteInfo): number {
  if (r.url.endsWith('/auth/password')) return 2;
  return r.method === 'DELETE' ? 1 : 0;
}

describeEachDb('every endpoint, every role', (db) => {
  let t: TestApp;
  let w: Walk;
  let routes: RouteInfo[];
  let operations: Record<string, OpenApiOperation>;
  const auditRows = async () => Number((await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  beforeAll(async () => {
    t = await createTestApp(db());
    routes = await collectRoutes(t);
    routes.sort((a, b) => walkOrder(a) - walkOrder(b));
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, OpenApiOperation>> };
    operations = {};
    for (const [path, ops] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(ops)) operations[`${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`] = op;
    w = await setUpWalk(t);
  });
  afterAll(async () => {
    await w?.close();
    await t.app.close();
  });

  it('finds the routes, and knows who may call each write', () => {
    expect(routes.length).toBeGreaterThan(15);
    const writes = routes.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);
    // A new write route needs an entry: who may call it and what a valid call looks like.
    expect(writes.filter((k) => !ROUTE_SPECS[k] && !k.endsWith('/auth/logout'))).toEqual([]);
    expect(Object.keys(ROUTE_SPECS).filter((k) => !writes.includes(k))).toEqual([]);
  });

  it('gives every role the answer it should on every write, with a body valid for the route', async () => {
    const failures: string[] = [];
    const sampler = new SchemaSampler(walkHint(w));
    const robotPosts = w.wecom.stats.robotMessages.filter((m) => m.key === WC_ROBOT_KEY).length;
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      const spec = ROUTE_SPECS[key];
      if (r.method === 'GET' || !spec) continue;
      const schema = operations[key]?.requestBody?.content['application/json']?.schema;
      // Refused roles first: a call that wrongly succeeds must not hide behind an earlier one.
      const order = [...ROLES.filter((x) => !spec.allow.includes(x)), ...ROLES.filter((x) => spec.allow.includes(x))];
      // Refused roles share one target (a refusal uses nothing up); each allowed role gets its own.
      let refusedTarget: Record<string, string | number> | undefined;
      for (const role of order) {
        const allowed = spec.allow.includes(role);
        const params = allowed ? ((await spec.params?.(w, role)) ?? {}) : (refusedTarget ??= (await spec.params?.(w, role)) ?? {});
        const path = r.url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')));
        const query = new URLSearchParams(Object.entries(spec.query?.(w) ?? {}).map(([k, v]) => [k, String(v)])).toString();
        const payload = schema ? { ...(sampler.sample(schema) as object), ...((await spec.body?.(w, role)) ?? {}) } : undefined;
        const auditBefore = allowed ? 0 : await auditRows();
        const res = await t.as(role).inject({ method: r.method as never, url: query ? `${path}?${query}` : path, ...(payload ? { payload } : {}) });
        const s = res.statusCode;
        const said = `${key} as ${role}: ${s} ${res.body.slice(0, 160)}`;
        if (allowed) {
          if (s < 200 || s >= 300) failures.push(`${said} (expected 2xx)`);
        } else if (spec.refused?.[role]) {
          const want = spec.refused[role]!;
          if (s !== want.status || res.json().error?.code !== want.code) failures.push(`${said} (expected ${want.status} ${want.code})`);
        } else if (role === 'anonymous') {
          if (s !== 401) failures.push(`${said} (expected 401)`);
        } else if (s !== 403 && s !== 404) failures.push(`${said} (expected 403 or 404)`);
        // A refused call changes nothing, so it leaves no audit entry either.
        if (!allowed && (await auditRows()) !== auditBefore) failures.push(`${key} as ${role}: refused, but audited a change`);
      }
    }
    expect(failures).toEqual([]);
    // hr and admin posted through the connector's group robot; nobody else did.
    expect(w.wecom.stats.robotMessages.filter((m) => m.key === WC_ROBOT_KEY).length - robotPosts).toBe(2);
  }, 120_000);

  it('lets HR rename their company but not change its code, which would reveal the codes of other companies', async () => {
    const url = `/api/v1/companies/${t.companyId}`;
    const before = (await t.as('hr').get(url)).json();
    const otherCode = (await t.as('admin').get(`/api/v1/companies/${t.otherCompanyId}`)).json().code;
    const probe = await t.as('hr').patch(url, { code: otherCode });
    expect(probe.statusCode).toBe(403);
    expect(probe.json().error.code).toBe('FORBIDDEN');
    expect((await t.as('hr').patch(url, { code: `${before.code}-x` })).statusCode).toBe(403);
    expect((await t.as('hr').get(url)).json()).toEqual(before);
    const renamed = await t.as('hr').patch(url, { name: before.name });
    expect(renamed.statusCode).toBe(200);
    // An admin sees the clash as it is.
    expect((await t.as('admin').patch(url, { code: otherCode })).json().error.code).toBe('DUPLICATE_COMPANY_CODE');
  });

  it('refuses anonymous reads, never crashes, and shows HR of another company nothing of this one', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      if (r.method !== 'GET') continue;
      const key = `${r.method} ${r.url}`;
      for (const role of ROLES) {
        const res = await t.as(role).inject({ method: 'GET', url: concrete(r.url, t.companyId) });
        const s = res.statusCode;
        if (s >= 500) failures.push(`${key} as ${role}: ${s} ${res.body.slice(0, 200)}`);
        if (role === 'anonymous' && s !== 401) failures.push(`${key} as anonymous: ${s}, expected 401`);
        if (role === 'otherHr' && s < 300 && !/\/auth\/|\/tokens$|\/companies$|^\/api\/v1\/users$|\/import-template$/.test(r.url)) {
          const body = res.json() as { items?: { companyId?: number }[]; companyId?: number };
          const leaked = (body.items ?? [body]).some((i) => i && typeof i === 'object' && i.companyId === t.companyId);
          if (leaked) failures.push(`${key} as otherHr: returned data of another company`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
