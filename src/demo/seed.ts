/**
 * `--demo`: fills an EMPTY database with a clearly marked demo company, 云杉科技（演示）, so a
 * new user can explore every page: departments, 200 employees, sites, attendance machines,
 * shifts, fixed groups and a roster (排班) group, China's holidays, five weeks of punches up to now
 * from machines, DingTalk (the records the demo tenant serves) and WeCom, some leave, a few
 * requests waiting for approval, and demo logins. Everything goes through the services, so it is
 * validated and audited like real data; results are recomputed by the background jobs.
 */
import { localDate, addDays, eachDate } from '../shared/dates.js';
import { systemActor } from '../modules/auth/actor.js';
import type { Services } from '../modules/index.js';
import type { CheckinInput } from '../sources/types.js';
import { chineseName } from './names.js';
import { seeded } from './random.js';
import { planDay, toCheckin, type DemoPerson } from './punches.js';
import { DEPARTMENTS, DEMO_ZONE as ZONE, SHIFT_MINUTES, mondayOf, rosterShift, workdayOf, type ShiftPlan } from './plan.js';
import { demoTenant, tenantCheckins } from './tenant.js';
import { seedPendingRequests } from './pending-requests.js';

export const DEMO_PASSWORD = 'daka-demo-2026';
export const DEMO_COMPANY_CODE = 'demo';
export const DEMO_COMPANY_NAME = '云杉科技（演示）';

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

interface SeededPerson extends DemoPerson {
  name: string;
  email: string;
  mobile: string;
  departmentId: number;
  shift: ShiftPlan;
  /** Position within the department (the roster rotates by it). */
  indexInDepartment: number;
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

  const company = await services.companies.create(actor, { name: DEMO_COMPANY_NAME, code: DEMO_COMPANY_CODE, timeZone: ZONE });
  const companyId = company.id;
  await db.insertInto('settings').values({ key: 'demo_company_id', value: JSON.stringify(companyId), updated_at_ms: now }).execute();

  const hq = await services.sites.create(actor, { companyId, name: '上海总部', address: '上海市浦东新区张江路 88 号', timeZone: ZONE, geofence: { lat: 31.2035, lng: 121.5907, radiusM: 300 } } as never);
  const plant = await services.sites.create(actor, { companyId, name: '苏州工厂', address: '苏州工业园区星湖街 28 号', timeZone: ZONE, geofence: null } as never);

  // Departments and people.
  const deptIds = new Map<string, number>();
  const people: SeededPerson[] = [];
  let n = 0;
  for (const d of DEPARTMENTS) {
    const dept = await services.departments.create(actor, { companyId, name: d.name, code: d.code, parentId: d.parent ? deptIds.get(d.parent)! : null } as never);
    deptIds.set(d.code, dept.id);
    // The demo's stories name people up to the sixth of a department: a smaller demo keeps them.
    const size = Math.min(d.size, Math.max(6, opts.peoplePerDepartment ?? d.size));
    for (let i = 0; i < size; i++) {
      n++;
      const jobNumber = `YS${String(n).padStart(4, '0')}`;
      const person = { jobNumber, name: chineseName(rand, n), email: `${jobNumber.toLowerCase()}@demo.daka.example`, mobile: `13${String(800000000 + n * 7919).slice(0, 9)}` };
      const atPlant = d.code === 'OPS' || d.code === 'WH';
      const employee = await services.employees.create(actor, { companyId, ...person, departmentId: dept.id, siteId: atPlant ? plant.id : hq.id, hireDate: '2024-03-01' } as never);
      people.push({ ...person, employeeId: employee.id, departmentId: dept.id, source: d.source, shift: d.shift, departmentCode: d.code, indexInDepartment: i });
    }
  }
  // Each department's first person manages it.
  for (const d of DEPARTMENTS) {
    const head = people.find((p) => p.departmentCode === d.code)!;
    await services.departments.update(actor, deptIds.get(d.code)!, { managerEmployeeId: head.employeeId } as never);
  }

  // WeCom names people by its own user ids. DingTalk identities are not linked here: the demo
  // connector's directory sync finds each member's employee by job number (src/demo/live-sync.ts).
  for (const p of people) {
    if (p.source === 'wecom') await services.identities.link(actor, { companyId, employeeId: p.employeeId, provider: 'wecom', tenant: 'wwdemocorp', externalId: `wx_${p.jobNumber}` });
  }

  // Attendance machines, already approved (PINs are job numbers); they send heartbeats once the server listens.
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
  const early = await shift('EARLY', '早班 08:00-16:00', { start: '08:00', end: '16:00', break: { start: '11:30', end: '12:00' } });
  const late = await shift('LATE', '晚班 14:00-22:00', { start: '14:00', end: '22:00', break: { start: '17:30', end: '18:00' } });
  const weekdays = (id: number) => ({ '1': id, '2': id, '3': id, '4': id, '5': id });
  const today = localDate(now, ZONE);
  const from = addDays(today, -35);
  const to = addDays(today, -1);
  const groups = [
    { name: '总部标准考勤组', kind: 'fixed', weekly: weekdays(standard.id), depts: ['CEO', 'SALES', 'HR', 'FIN'] },
    // R&D clocks in from the phone browser too: inside 上海总部's fence, or as field work with a reason.
    { name: '研发弹性考勤组', kind: 'fixed', weekly: weekdays(flex.id), depts: ['RD'], policy: { webPunch: { enabled: true, location: 'required', maxAccuracyM: 150, fieldWork: true, photo: 'optional' } } },
    { name: '工厂夜班考勤组', kind: 'fixed', weekly: weekdays(night.id), depts: ['OPS'] },
    // The warehouse works rotating early and late shifts, planned in 排班.
    { name: '仓储排班考勤组', kind: 'roster', weekly: null, depts: ['WH'] },
  ];
  for (const g of groups) {
    const group = await services.groups.create(actor, { companyId, kind: g.kind, name: g.name, holidayCalendarId: calendarId, weekly: g.weekly, ...('policy' in g ? { policy: g.policy } : {}) } as never);
    for (const code of g.depts) await services.members.add(actor, group.id, { departmentId: deptIds.get(code)!, effectiveFrom: addDays(from, -30) });
  }
  // The roster: the seeded weeks, this week and the next two (a demo left running into next week still has one ahead).
  const rosterDates = eachDate(from, addDays(mondayOf(today), 20));
  const rosterShiftIds = { early: early.id, late: late.id };
  const rostered = people.filter((p) => p.shift === 'roster');
  if (rostered.length > 0) {
    const entries = rostered.flatMap((p) => rosterDates.map((date) => ({ employeeId: p.employeeId, date, shiftTypeId: ((s) => (s ? rosterShiftIds[s] : null))(rosterShift(p.indexInDepartment, date)) })));
    await services.rosters.put(actor, { companyId, entries });
  }
  await services.leaveTypes.seed(actor, companyId);

  // Demo logins.
  const rdHead = people.find((p) => p.departmentCode === 'RD')!;
  const backend = people.filter((p) => p.departmentCode === 'RD-BE');
  const demoEmployee = backend[3];
  const hrPerson = people.find((p) => p.departmentCode === 'HR')!;
  for (const [username, displayName, role, employeeId] of [
    ['hr.demo', 'HR（演示）', 'hr', hrPerson.employeeId],
    ['manager.demo', '研发中心经理（演示）', 'manager', rdHead.employeeId],
    ['employee.demo', '后端工程师（演示）', 'employee', demoEmployee.employeeId],
  ] as const) {
    const user = await services.users.create(actor, { username, displayName, password: DEMO_PASSWORD, role, companyIds: [companyId], employeeId } as never);
    // Demo accounts skip the first-login password change so a visitor can click straight in.
    await db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', (user as { id: number }).id).execute();
  }

  // Five weeks of punches up to now (none later), and some approved leave.
  const calendarDays = await db.selectFrom('calendar_days').select(['date', 'day_type']).where('calendar_id', '=', calendarId).where('date', '>=', addDays(from, -7)).where('date', '<=', addDays(today, 60)).execute();
  const isWorkday = workdayOf(new Map(calendarDays.map((d) => [d.date, d.day_type])));
  const tenant = demoTenant({
    companyName: DEMO_COMPANY_NAME,
    departments: DEPARTMENTS.map((d) => ({ id: deptIds.get(d.code)!, name: d.name, parentId: d.parent ? deptIds.get(d.parent)! : null })),
    people: people.map((p) => ({ jobNumber: p.jobNumber, name: p.name, email: p.email, mobile: p.mobile, departmentId: p.departmentId, punchesOnDingTalk: p.source === 'dingtalk' })),
    isWorkday,
    now: () => now,
  });
  const workdays = eachDate(from, to).filter(isWorkday);
  // Days without a check-out, something to correct (补卡): the demo employee's is left for the
  // visitor; a colleague's already has a request waiting for the manager.
  const colleague = people.filter((p) => p.departmentCode === 'RD-FE')[2];
  const forcedMissingOut = new Map([[demoEmployee.employeeId, workdays[workdays.length - 2]], [colleague.employeeId, workdays[workdays.length - 3]]]);
  const punches: CheckinInput[] = [];
  const leave: { employeeId: number; date: string; type: string; half: 'am' | 'pm' | null }[] = [];
  for (const p of people) {
    for (const date of eachDate(from, today)) {
      // Sales clock in with DingTalk: the records its tenant serves, as the connector stores them.
      if (p.source === 'dingtalk') punches.push(...tenantCheckins(tenant, p.jobNumber, date));
      const window = p.shift === 'roster' ? ((s) => (s ? SHIFT_MINUTES[s] : null))(rosterShift(p.indexInDepartment, date)) : isWorkday(date) ? SHIFT_MINUTES[p.shift as Exclude<ShiftPlan, 'roster'>] : null;
      const forced = forcedMissingOut.get(p.employeeId) === date;
      const plan = planDay(p.jobNumber, date, window, ZONE, { notAfterMs: now, forceMissingOut: forced, noLeave: forcedMissingOut.has(p.employeeId) });
      if (plan.kind === 'leave') leave.push({ employeeId: p.employeeId, date, ...plan });
      if (plan.kind === 'work' && p.source !== 'dingtalk') for (const x of plan.punches) punches.push(toCheckin(p, x.atMs, ZONE, p.shift === 'night'));
    }
  }
  for (let i = 0; i < punches.length; i += 5000) await services.checkins.ingest(companyId, punches.slice(i, i + 5000));
  for (const l of leave) {
    const request = await services.requests.create(actor, { employeeId: l.employeeId, kind: 'leave', leaveType: l.type, fromDate: l.date, toDate: l.date, half: l.half, reason: '演示数据' } as never);
    await services.requests.decide(actor, (request as { id: number }).id, 'approved', '演示数据');
  }
  const pending = await seedPendingRequests(services, actor, {
    today,
    correction: { employeeId: colleague.employeeId, date: forcedMissingOut.get(colleague.employeeId)! },
    leaveEmployeeId: people.filter((p) => p.departmentCode === 'RD-QA')[1].employeeId,
    overtime: { employeeId: backend[5].employeeId, date: workdays[workdays.length - 1] },
    salesLeaveEmployeeId: people.filter((p) => p.departmentCode === 'SALES-E')[4].employeeId,
  });
  return {
    created: true,
    recompute: { companyId, fromDate: from, toDate: today },
    summary: `company ${DEMO_COMPANY_NAME} (id ${companyId}), ${people.length} employees, ${punches.length} punches from ${from} to now, ${pending} requests waiting for approval; logins hr.demo / manager.demo / employee.demo with password ${DEMO_PASSWORD}`,
  };
}
