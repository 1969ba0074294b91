/** A full app over a test database, driven through fastify.inject, with users of every role. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { hashPassword } from '../../src/modules/auth/auth.service.js';
import { createServices, type Services } from '../../src/modules/index.js';
import { SecretBox } from '../../src/shared/secret-box.js';
import type { TestDb } from './test-db.js';
import { createTestQueue } from './test-queue.js';
import { TEST_CONNECTOR_BASE_URLS } from './egress-loopback.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDb['database'];
  services: Services;
  /** Session cookies by role, logged in against company `companyId`. */
  as(role: RoleName): Caller;
  companyId: number;
  otherCompanyId: number;
}

export type RoleName = 'admin' | 'hr' | 'manager' | 'employee' | 'anonymous' | 'otherHr';

type Reply = Promise<LightMyRequestResponse>;

export interface Caller {
  inject(opts: InjectOptions): Reply;
  get(url: string): Reply;
  post(url: string, payload?: unknown): Reply;
  patch(url: string, payload?: unknown): Reply;
  delete(url: string): Reply;
}

export const TEST_PASSWORD = 'correct-horse-battery';

export async function createTestApp(
  t: TestDb,
  extra: { now?: () => number; env?: Record<string, string>; plugins?: (services: Services) => ((app: FastifyInstance) => Promise<void>)[]; webRoot?: string | null } = {},
): Promise<TestApp> {
  const config = loadConfig({ DAKA_DATA_DIR: '/tmp/daka-test', LOG_LEVEL: 'silent', DAKA_CONNECTOR_BASE_URLS: TEST_CONNECTOR_BASE_URLS, ...extra.env });
  // What production runs on this database: LocalQueue on SQLite, pg-boss on PostgreSQL.
  const queue = await createTestQueue(t);
  const services = createServices({ config, database: t.database, queue, secrets: new SecretBox(Buffer.alloc(32, 7)), now: extra.now });
  const app = await buildApp({ config, database: t.database, services, ...(extra.plugins ? { extraPlugins: extra.plugins(services) } : {}), ...(extra.webRoot !== undefined ? { webRoot: extra.webRoot } : {}) });
  const db = t.database.db;
  const now = Date.now();
  const company = async (code: string) =>
    (
      await db
        .insertInto('companies')
        .values({ name: `Company ${code}`, code, time_zone: 'Asia/Shanghai', identity_match_order: '["job_number","email","mobile"]', active: 1, created_at_ms: now, updated_at_ms: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const suffix = Math.random().toString(36).slice(2, 8);
  const companyId = await company(`acme-${suffix}`);
  const otherCompanyId = await company(`other-${suffix}`);
  const dept = await db.insertInto('departments').values({ company_id: companyId, parent_id: null, name: '研发部', code: 'RD', manager_employee_id: null, active: 1, created_at_ms: now, updated_at_ms: now }).returning('id').executeTakeFirstOrThrow();
  const emp = async (job: string, name: string, departmentId: number | null) =>
    (
      await db
        .insertInto('employees')
        .values({ company_id: companyId, job_number: job, name, email: `${job}@example.com`, mobile: null, department_id: departmentId, manager_id: null, site_id: null, time_zone: null, hire_date: '2025-01-01', leave_date: null, status: 'active', created_at_ms: now, updated_at_ms: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const managerEmp = await emp('M001', '王经理', dept.id);
  const staffEmp = await emp('E001', '李员工', dept.id);
  await db.updateTable('departments').set({ manager_employee_id: managerEmp }).where('id', '=', dept.id).execute();
  const hash = await hashPassword(TEST_PASSWORD);
  const user = async (username: string, role: 'admin' | 'hr' | 'manager' | 'employee', employeeId: number | null, companies: number[]) => {
    const u = await db
      .insertInto('users')
      .values({ username: `${username}-${suffix}`, display_name: username, password_hash: hash, role, employee_id: employeeId, locale: null, status: 'active', failed_logins: 0, must_change_password: 0, created_at_ms: now, updated_at_ms: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const c of companies) await db.insertInto('user_companies').values({ user_id: u.id, company_id: c }).execute();
    return `${username}-${suffix}`;
  };
  const usernames: Record<Exclude<RoleName, 'anonymous'>, string> = {
    admin: await user('admin', 'admin', null, []),
    hr: await user('hr', 'hr', null, [companyId]),
    manager: await user('manager', 'manager', managerEmp, [companyId]),
    employee: await user('employee', 'employee', staffEmp, [companyId]),
    otherHr: await user('otherhr', 'hr', null, [otherCompanyId]),
  };
  const cookies = new Map<RoleName, string>();
  for (const [role, username] of Object.entries(usernames) as [RoleName, string][]) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${role} failed: ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'daka_session');
    cookies.set(role, `daka_session=${c!.value}`);
  }
  const as = (role: RoleName): Caller => {
    const headers = role === 'anonymous' ? {} : { cookie: cookies.get(role)! };
    const inject = (o: InjectOptions) => app.inject({ ...o, headers: { ...headers, ...(o.headers ?? {}) } });
    return {
      inject,
      get: (url) => inject({ method: 'GET', url }),
      post: (url, payload) => inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) }),
      patch: (url, payload) => inject({ method: 'PATCH', url, payload: payload as object }),
      delete: (url) => inject({ method: 'DELETE', url }),
    };
  };
  return { app, database: t.database, services, as, companyId, otherCompanyId };
}
