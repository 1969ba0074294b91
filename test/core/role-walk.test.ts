/**
 * Walks every /api/v1 endpoint with every role and checks the invariants of access control:
 * anonymous callers are refused, nobody can crash the server, employees cannot change setup
 * data, and HR of another company cannot reach this company's data.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../src/sources/dingtalk/simulator/index.js';
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
/** Bodies that make a write succeed for the roles allowed to do it (others get `{ companyId }`). */
const PAYLOADS: Record<string, object> = {
  'POST /api/v1/connectors/:id/messages': { target: 'robot', content: 'walk' },
};

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
  let ding: DingTalkSimulator;
  beforeAll(async () => {
    t = await createTestApp(db());
    routes = await collectRoutes(t);
    // Deletions last, so they do not hide the other routes of what they delete.
    routes.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    // A live connector (with a group robot) behind `/connectors/:id`: the walk's ids are the company id,
    // and in a fresh database the first connector shares it.
    ding = await startDingTalkSimulator({ seed: 'walk', company: { users: 3 }, robots: { walk: 'SECwalk' } });
    const connector = await t.as('admin').post('/api/v1/connectors', {
      companyId: t.companyId, platform: 'dingtalk', name: 'walk', corpId: ding.corpId, appKey: ding.apps[0].appKey, agentId: String(ding.apps[0].agentId),
      appSecret: ding.apps[0].appSecret, callbackToken: 'walk', encodingAesKey: 'C'.repeat(43), baseUrl: ding.url, robotWebhookUrl: `${ding.url}/robot/send?access_token=walk`, robotSecret: 'SECwalk',
    });
    expect(connector.statusCode, connector.body).toBe(201);
    expect(connector.json().id).toBe(t.companyId);
  });
  afterAll(async () => {
    await t.app.close();
    await ding?.close();
  });

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(15);
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    for (const k of ['DELETE /api/v1/connectors/:id', 'POST /api/v1/connectors/:id/messages', 'POST /api/v1/connectors/:id/schedules']) expect(keys).toContain(k);
  });

  it('enforces the access invariants on every route', async () => {
    const failures: string[] = [];
    const robotPosts = ding.stats.robotMessages.length;
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      if (/\/auth\/logout$/.test(r.url)) continue; // would end the role's session for the rest of the walk
      for (const role of ROLES) {
        const res = await t.as(role).inject({ method: r.method as never, url: concrete(r.url, t.companyId), ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: PAYLOADS[key] ?? { companyId: t.companyId } }) });
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
    // hr and admin posted through the connector's robot; nobody else did.
    expect(ding.stats.robotMessages.length - robotPosts).toBe(2);
  }, 120_000);
});
