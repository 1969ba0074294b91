/**
 * `--demo`: fills an EMPTY database with a clearly marked demo company, 云杉科技（演示）, so a
 * new user can explore every page: departments, ~200 employees, sites, attendance machines,
 * shifts and groups, China's holidays, a month of punches up to yesterday from machines,
 * DingTalk and WeCom, some leave, and demo logins. Everything goes through the services, so it
 * is validated and audited like real data; results are recomputed by the background jobs.
 */
import { localDate, addDays } from '../shared/dates.js';
import { systemActor } from '../modules/auth/actor.js';
import type { Services } from '../modules/index.js';
import { chineseName } from './names.js';
import { seeded } from './random.js';
import { generatePunches, type DemoPerson } from './punches.js';

export const DEMO_PASSWORD = 'daka-demo-2026';
export const DEMO_COMPANY_CODE = 'demo';
const ZONE = 'Asia/Shanghai';

interface DeptPlan {
  name: string;
  code: string;
  parent?: string;
  size: number;
  source: DemoPerson['source'];
  shift: 'standard' | 'flex' | 'night';
}

const DEPARTMENTS: DeptPlan[] = [
  { name: '总经办', code: 'CEO', size: 6, source: 'web', shift: 'standard' },
  { name: '研发中心', code: 'RD', size: 8, source: 'zkteco', shift: 'flex' },
  { name: '后端组', code: 'RD-BE', parent: 'RD', size: 34, source: 'zkteco', shift: 'flex' },
  { name: '前端组', code: 'RD-FE', parent: 'RD', size: 26, source: 'zkteco', shift: 'flex' },
  { name: '测试组', code: 'RD-QA', parent: 'RD', size: 16, source: 'zkteco', shift: 'flex' },
  { name: '销售部', code: 'SALES', size: 6, source: 'dingtalk', shift: 'standard' },
  { name: '华东大区', code: 'SALES-E', parent: 'SALES', size: 22, source: 'dingtalk', shift: 'standard' },
  { name: '华南大区', code: 'SALES-S', parent: 'SALES', size: 18, source: 'dingtalk', shift: 'standard' },
  { name: '人力资源部', code: 'HR', size: 10, source: 'wecom', shift: 'standard' },
  { name: '财务部', code: 'FIN', size: 12, source: 'wecom', shift: 'standard' },
  { name: '生产部', code: 'OPS', size: 42, source: 'zkteco', shift: 'night' },
];

/** How much demo to make; the defaults are the demo `npm start -- --demo` shows. */
export interface DemoOptions {
  /** At most this many people in each department (browser tests start a smaller company). */
  peoplePerDepartment?: number;
}

export interface SeedResult {
  created: boolean;
  summary: string;
  /** What the caller must recompute once the recompute listeners are subscribed. */
  recompute?: { companyId: number; fromDate: string; toDate: string };
}

/**
 * Run before the recompute listeners are subscribed: the hundreds of changes it makes would each
 * queue a job; the caller announces one company-wide change afterwards instead.
 */
export async function seedDemo(services: Services, now = Date.now(), opts: DemoOptions = {}): Promise<SeedResult> {
  const db = services.db;
  const existing = await db.selectFrom('companies').select('id').limit(1).executeTakeFirst();
  if (existing) return { created: false, summary: 'the database already has companies' };
  const actor = systemActor('demo-seed');
  const rand = seeded(20261121);

  const company = await services.companies.create(actor, { name: '云杉科技（演示）', code: DEMO_COMPANY_CODE, timeZone: ZONE });
  const companyId = company.id;
  await db.insertInto('settings').values({ key: 'demo_company_id', value: JSON.stringify(companyId), updated_at_ms: now }).execute();

  const hq = await services.sites.create(actor, { companyId, name: '上海总部', address: '上海市浦东新区张江路 88 号', timeZone: ZONE, geofence: { lat: 31.2035, lng: 121.5907, radiusM: 300 } } as never);
  const plant = await services.sites.create(actor, { companyId, name: '苏州工厂', address: '苏州工业园区星湖街 28 号', timeZone: ZONE, geofence: null } as never);

  // Departments and people.
  const deptIds = new Map<string, number>();
  const people: DemoPerson[] = [];
  let n = 0;
  for (const d of DEPARTMENTS) {
    const dept = await services.departments.create(actor, { companyId, name: d.name, code: d.code, parentId: d.parent ? deptIds.get(d.parent)! : null } as never);
    deptIds.set(d.code, dept.id);
    const size = Math.min(d.size, opts.peoplePerDepartment ?? d.size);
    for (let i = 0; i < size; i++) {
      n++;
      const jobNumber = `YS${String(n).padStart(4, '0')}`;
      const employee = await services.employees.create(actor, {
        companyId,
        jobNumber,
        name: chineseName(rand, n),
        email: `${jobNumber.toLowerCase()}@demo.daka.example`,
        mobile: `13${String(800000000 + n * 7919).slice(0, 9)}`,
        departmentId: dept.id,
        siteId: d.code === 'OPS' ? plant.id : hq.id,
        hireDate: '2024-03-01',
      } as never);
      people.push({ employeeId: employee.id, jobNumber, source: d.source, shift: d.shift, departmentCode: d.code });
    }
  }
  // Each department's first person manages it.
  for (const d of DEPARTMENTS) {
    const head = people.find((p) => p.departmentCode === d.code)!;
    await services.departments.update(actor, deptIds.get(d.code)!, { managerEmployeeId: head.employeeId } as never);
  }

  // Platform identities: DingTalk and WeCom name people by their own user ids.
  for (const p of people) {
    if (p.source === 'dingtalk') await services.identities.link(actor, { companyId, employeeId: p.employeeId, provider: 'dingtalk', tenant: 'dingdemocorp', externalId: `dt_${p.jobNumber}` });
    if (p.source === 'wecom') await services.identities.link(actor, { companyId, employeeId: p.employeeId, provider: 'wecom', tenant: 'wwdemocorp', externalId: `wx_${p.jobNumber}` });
  }

  // Attendance machines, already approved (PINs are job numbers).
  for (const [i, site] of [hq, plant].entries()) {
    await db
      .insertInto('devices')
      .values({
        company_id: companyId, site_id: site.id, vendor: 'zkteco', model: i === 0 ? 'SpeedFace-V5L' : 'MB460', serial_number: `DEMO-ZK-00${i + 1}`, mac: null,
        name: i === 0 ? '总部前台人脸机' : '工厂大门指纹机', time_zone: null, status: 'active', status_map: null, push_options: '{}', auth_token_sealed: null,
        allowed_ips: null, firmware: 'Ver 8.0.4.3', push_version: '2.4.1', language: '83', user_count: null, fp_count: null, face_count: null, attlog_count: null,
        stamps: JSON.stringify({ attlog: '0', operlog: '0', photo: '0' }), last_seen_at_ms: now - 60_000, last_upload_at_ms: now - 60_000, last_punch_at_ms: null,
        last_ip: null, offline_after_min: 10, online: 1, created_at_ms: now, updated_at_ms: now,
      })
      .execute();
  }

  // Calendar, shifts, groups.
  const { calendarId } = await services.calendars.importChina(actor, {});
  const shift = (code: string, name: string, knobs: Record<string, unknown>) => services.shiftTypes.create(actor, { companyId, code, name, ...knobs } as never);
  const standard = await shift('STD', '标准班 09:00-18:00', { start: '09:00', end: '18:00', break: { start: '12:00', end: '13:00' } });
  const flex = await shift('FLEX', '弹性班 09:30-18:30', { start: '09:30', end: '18:30', break: { start: '12:00', end: '13:00' }, flex: { lateMaxMin: 60, earlyMaxMin: 30 } });
  const night = await shift('NIGHT', '夜班 22:00-06:00', { start: '22:00', end: '06:00', crossesMidnight: true, break: { start: '02:00', end: '02:30' } });
  const weekdays = (id: number) => ({ '1': id, '2': id, '3': id, '4': id, '5': id });
  const groups = [
    { name: '总部标准考勤组', shiftId: standard.id, depts: ['CEO', 'SALES', 'HR', 'FIN'] },
    // R&D clocks in from the phone browser too: inside 上海总部's fence, or as field work with a reason.
    { name: '研发弹性考勤组', shiftId: flex.id, depts: ['RD'], policy: { webPunch: { enabled: true, location: 'required', maxAccuracyM: 150, fieldWork: true, photo: 'optional' } } },
    { name: '工厂夜班考勤组', shiftId: night.id, depts: ['OPS'] },
  ];
  const from = addDays(localDate(now, ZONE), -35);
  const to = addDays(localDate(now, ZONE), -1);
  for (const g of groups) {
    const group = await services.groups.create(actor, { companyId, kind: 'fixed', name: g.name, holidayCalendarId: calendarId, weekly: weekdays(g.shiftId), ...('policy' in g ? { policy: g.policy } : {}) } as never);
    for (const code of g.depts) await services.members.add(actor, group.id, { departmentId: deptIds.get(code)!, effectiveFrom: addDays(from, -30) });
  }
  await services.leaveTypes.seed(actor, companyId);

  // Demo logins.
  const rdHead = people.find((p) => p.departmentCode === 'RD')!;
  const backend = people.filter((p) => p.departmentCode === 'RD-BE')[3];
  const hrPerson = people.find((p) => p.departmentCode === 'HR')!;
  for (const [username, displayName, role, employeeId] of [
    ['hr.demo', 'HR（演示）', 'hr', hrPerson.employeeId],
    ['manager.demo', '研发中心经理（演示）', 'manager', rdHead.employeeId],
    ['employee.demo', '后端工程师（演示）', 'employee', backend.employeeId],
  ] as const) {
    const user = await services.users.create(actor, { username, displayName, password: DEMO_PASSWORD, role, companyIds: [companyId], employeeId } as never);
    // Demo accounts skip the first-login password change so a visitor can click straight in.
    await db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', (user as { id: number }).id).execute();
  }

  // A month of punches, and some approved leave.
  const calendarDays = await db.selectFrom('calendar_days').select(['date', 'day_type']).where('calendar_id', '=', calendarId).where('date', '>=', from).where('date', '<=', to).execute();
  const { punches, leave } = generatePunches({ people, from, to, zone: ZONE, calendar: new Map(calendarDays.map((d) => [d.date, d.day_type])), seed: 7, forceMissingOut: backend.employeeId });
  for (let i = 0; i < punches.length; i += 5000) await services.checkins.ingest(companyId, punches.slice(i, i + 5000));
  for (const l of leave) {
    const request = await services.requests.create(actor, { employeeId: l.employeeId, kind: 'leave', leaveType: l.type, fromDate: l.date, toDate: l.date, half: l.half, reason: '演示数据' } as never);
    await services.requests.decide(actor, (request as { id: number }).id, 'approved', '演示数据');
  }
  return {
    created: true,
    recompute: { companyId, fromDate: from, toDate: to },
    summary: `company 云杉科技（演示） (id ${companyId}), ${people.length} employees, ${punches.length} punches from ${from} to ${to}; logins hr.demo / manager.demo / employee.demo with password ${DEMO_PASSWORD}`,
  };
}
