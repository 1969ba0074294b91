/**
 * The objects the role walk points its requests at: one of each kind in the test company, made
 * through the API as an admin, plus makers of fresh ones for calls that use their target up
 * (delete, deactivate, approve, end).
 */
import { expect } from 'vitest';
import { startHikvisionSimulator, type HikSimulator } from '../../src/sources/hikvision/simulator.js';
import { startWeComSimulator, type WeComSimulator } from '../../src/sources/wecom/simulator/index.js';
import type { RoleName, TestApp } from '../helpers/test-app.js';

export const WC_ROBOT_KEY = 'walk-robot-key';
export const HIK_LOGIN = { username: 'admin', password: 'Passw0rd!' };

export interface Walk {
  t: TestApp;
  companyId: number;
  deptId: number;
  staffId: number;
  managerId: number;
  siteId: number;
  shiftId: number;
  groupId: number;
  rosterGroupId: number;
  rosterEmployeeId: number;
  calendarId: number;
  deviceId: number;
  hikDeviceId: number;
  connectorId: number;
  /** An employee linked to the WeCom simulator's directory. */
  linkedEmployeeId: number;
  /** An employee-role user of the company (changing it uses up nothing). */
  userId: number;
  usernames: Record<Exclude<RoleName, 'anonymous'>, string>;
  hik: HikSimulator;
  wecom: WeComSimulator;
  /** A suffix no other call used, for codes, names and serial numbers. */
  unique(): number;
  /** A date no other call used (each call one day later), for requests that must not overlap. */
  freshDate(): string;
  make: Makers;
  close(): Promise<void>;
}

type Maker = () => Promise<number>;
interface Makers {
  company: Maker;
  department: Maker;
  employee: Maker;
  site: Maker;
  shift: Maker;
  group: Maker;
  member: () => Promise<{ groupId: number; memberId: number }>;
  calendar: Maker;
  leaveType: Maker;
  device: Maker;
  disabledDevice: Maker;
  pendingDevice: Maker;
  identity: Maker;
  user: Maker;
  hrToken: Maker;
  connector: Maker;
  /** A pending leave request of the staff employee, filed by themselves. */
  request: Maker;
  webhook: Maker;
  restHook: Maker;
  /** A calendar feed of the staff employee (whose user is the walk's employee). */
  calendarFeed: Maker;
  /** A finished delivery to a fresh webhook endpoint (what a redelivery takes). */
  webhookDelivery: () => Promise<{ id: number; deliveryId: number }>;
}

export async function setUpWalk(t: TestApp): Promise<Walk> {
  const db = t.database.db;
  let n = 0;
  const unique = () => ++n;
  let day = 0;
  const freshDate = () => new Date(Date.UTC(2026, 0, 5) + day++ * 86_400_000).toISOString().slice(0, 10);
  const admin = t.as('admin');
  /** The id of what a POST made; tokens and identities come wrapped in an object of their own. */
  const created = async (url: string, body: object, as: RoleName = 'admin', wrapper?: 'token' | 'identity'): Promise<number> => {
    const res = await t.as(as).post(url, body);
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    const json = res.json();
    return (wrapper ? json[wrapper].id : json.id) as number;
  };
  const companyId = t.companyId;
  const emp = async (job: string) => (await db.selectFrom('employees').select('id').where('company_id', '=', companyId).where('job_number', '=', job).executeTakeFirstOrThrow()).id;
  const staffId = await emp('E001');
  const managerId = await emp('M001');
  const deptId = (await db.selectFrom('departments').select('id').where('company_id', '=', companyId).where('code', '=', 'RD').executeTakeFirstOrThrow()).id;
  const users = await db.selectFrom('users').select(['username', 'role', 'employee_id']).execute();
  const named = (prefix: string) => users.find((u) => u.username.startsWith(`${prefix}-`))!.username;
  const usernames = { admin: named('admin'), hr: named('hr'), manager: named('manager'), employee: named('employee'), otherHr: named('otherhr') };

  const make: Makers = {
    company: () => created('/api/v1/companies', { name: `Walk ${unique()}`, code: `walk-${unique()}` }),
    department: () => created('/api/v1/departments', { companyId, name: `部门${unique()}` }),
    employee: () => created('/api/v1/employees', { companyId, jobNumber: `W${unique()}`, name: `员工${unique()}`, departmentId: deptId }),
    site: () => created('/api/v1/sites', { companyId, name: `站点${unique()}` }),
    shift: () => created('/api/v1/shift-types', { companyId, code: `S${unique()}`, name: `班次${unique()}`, start: '09:00', end: '18:00' }),
    group: () => created('/api/v1/attendance-groups', { companyId, kind: 'free', name: `组${unique()}` }),
    member: async () => {
      const groupId = await make.group();
      const res = await admin.post(`/api/v1/attendance-groups/${groupId}/members`, { employeeId: await make.employee(), effectiveFrom: '2026-01-01' });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return { groupId, memberId: res.json().id as number };
    },
    calendar: () => created('/api/v1/holiday-calendars', { companyId, code: `C${unique()}`, name: `日历${unique()}` }),
    leaveType: () => created('/api/v1/leave-types', { companyId, code: `L${unique()}`, name: `假${unique()}` }),
    device: () => created('/api/v1/devices', { companyId, vendor: 'zkteco', serialNumber: `WALK${unique()}`, name: `机${unique()}` }),
    disabledDevice: async () => {
      const id = await make.device();
      expect((await admin.post(`/api/v1/devices/${id}/disable`)).statusCode).toBe(200);
      return id;
    },
    pendingDevice: async () => {
      // A machine that has only said hello: the gateway files it without a company.
      const at = Date.now();
      const row = await db
        .insertInto('devices')
        .values({
          company_id: null, site_id: null, vendor: 'zkteco', model: null, serial_number: `PEND${unique()}`, mac: null, name: 'pending', time_zone: null, status: 'pending', status_map: null,
          push_options: '{}', auth_token_sealed: null, allowed_ips: null, firmware: null, push_version: null, language: null, user_count: null, fp_count: null, face_count: null,
          attlog_count: null, stamps: '{}', last_seen_at_ms: at, last_upload_at_ms: null, last_punch_at_ms: null, last_ip: null, offline_after_min: 10, online: 1, created_at_ms: at, updated_at_ms: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    identity: async () => created('/api/v1/identities', { companyId, employeeId: staffId, provider: 'device', externalId: `X${unique()}` }, 'admin', 'identity'),
    user: () => created('/api/v1/users', { username: `walker${unique()}`, displayName: 'walker', password: 'walk-password-1', role: 'employee', companyIds: [companyId] }),
    hrToken: () => created('/api/v1/tokens', { name: `t${unique()}`, scopes: ['read'] }, 'hr', 'token'),
    connector: () =>
      created('/api/v1/connectors', {
        companyId, platform: 'wecom', name: `企业微信${unique()}`, corpId: wecom.corpId, agentId: String(wecom.apps[0].agentId), appSecret: wecom.apps[0].secret,
        callbackToken: 'walk', encodingAesKey: 'C'.repeat(43), baseUrl: wecom.url, robotWebhookUrl: `${wecom.url}/cgi-bin/webhook/send?key=${WC_ROBOT_KEY}`,
      }),
    request: async () => {
      const date = freshDate();
      return created('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: date, toDate: date }, 'employee');
    },
    webhook: () => created('/api/v1/webhooks', { companyId, url: 'https://hooks.example.com/daka', eventTypes: ['employee.created'] }),
    calendarFeed: () => created('/api/v1/calendar-feeds', { employeeId: staffId }, 'hr'),
    restHook: () => created('/api/v1/hooks', { companyId, target_url: 'https://hooks.example.com/zap', event: 'employee.left' }),
    webhookDelivery: async () => {
      const id = await make.webhook();
      const at = Date.now();
      const target = JSON.stringify({ endpointId: id, type: 'employee.created', body: '{}' });
      const row = await db
        .insertInto('outbox_deliveries')
        .values({ consumer: 'webhooks', company_id: companyId, event_id: `walk-${unique()}`, dedupe_key: `wh:${id}:walk-${unique()}`, ordering_key: null, target, status: 'delivered', attempts: 1, next_attempt_at_ms: at, created_at_ms: at, finished_at_ms: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id, deliveryId: row.id };
    },
  };

  const hik = await startHikvisionSimulator({ events: [], ...HIK_LOGIN });
  // A pull goes only to the address an admin registered on the device.
  const hikDevice = async () => {
    const deviceId = await created('/api/v1/devices', { companyId, vendor: 'hikvision', serialNumber: `HIK${unique()}`, name: 'hik' });
    expect((await admin.patch(`/api/v1/devices/${deviceId}`, { pullUrl: hik.url })).statusCode).toBeLessThan(300);
    return deviceId;
  };
  const wecom = await startWeComSimulator({ seed: 'walk', company: { users: 3 }, robots: [WC_ROBOT_KEY] });
  expect((await admin.post('/api/v1/leave-types/seed', { companyId })).statusCode).toBeLessThan(300);
  const connectorId = await make.connector();
  expect((await t.services.connectors.run({ connectorId, kind: 'directory' }))?.status).toBe('succeeded');
  const link = await db.selectFrom('external_identities').select('employee_id').where('company_id', '=', companyId).where('provider', '=', 'wecom').executeTakeFirstOrThrow();
  const rosterGroupId = await created('/api/v1/attendance-groups', { companyId, kind: 'roster', name: '排班组' });
  const rosterEmployeeId = await make.employee();
  expect((await admin.post(`/api/v1/attendance-groups/${rosterGroupId}/members`, { employeeId: rosterEmployeeId, effectiveFrom: '2026-01-01' })).statusCode).toBeLessThan(300);

  return {
    t, companyId, deptId, staffId, managerId, usernames, hik, wecom, unique, freshDate, make, connectorId, rosterGroupId, rosterEmployeeId,
    linkedEmployeeId: link.employee_id!,
    siteId: await make.site(),
    userId: await make.user(),
    shiftId: await make.shift(),
    groupId: await make.group(),
    calendarId: await make.calendar(),
    deviceId: await make.device(),
    hikDeviceId: await hikDevice(),
    async close() {
      await hik.close();
      await wecom.close();
    },
  };
}
