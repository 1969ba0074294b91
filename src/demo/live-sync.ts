/**
 * In demo mode, a simulated DingTalk tenant runs on a loopback port and the demo company has a
 * connector pointed at it, so a visitor sees real syncs: the directory sync matching every member
 * to an employee by job number, sales' punches of today arriving, runs with counts on the
 * connector page. The simulator speaks the platform's real paths, windows, rate limits and crypto;
 * its organisation is the demo company's own (src/demo/tenant.ts).
 */
import { systemActor } from '../modules/auth/actor.js';
import type { Services } from '../modules/index.js';
import { startDingTalkSimulator } from '../sources/dingtalk/simulator/index.js';
import { addDays, localDate } from '../shared/dates.js';
import { egressPolicy } from '../shared/egress/index.js';
import { DEMO_DINGTALK_CORP, DEMO_ZONE, planOf, workdayOf } from './plan.js';
import { demoTenant } from './tenant.js';

const CORP_ID = DEMO_DINGTALK_CORP;
// A fixed key is fine: it protects a simulator on the loopback interface, nothing else.
const CALLBACK = { token: 'daka-demo-callback', encodingAesKey: 'DakaDemoLiveSimulatorEncodingAesKey00000000' };

export async function startDemoPlatform(services: Services, say: (line: string) => void): Promise<{ close(): Promise<void> } | null> {
  const setting = await services.db.selectFrom('settings').select('value').where('key', '=', 'demo_company_id').executeTakeFirst();
  if (!setting) return null;
  const companyId = JSON.parse(setting.value) as number;
  const company = await loadTenant(services, companyId);
  const sim = await startDingTalkSimulator({ company, corpId: CORP_ID, callback: { ...CALLBACK, receiveId: CORP_ID } });
  // The demo's own simulator is allowed like an operator-listed base URL, for this process only.
  egressPolicy().allow(sim.url);
  const app = sim.apps[0];
  const actor = systemActor('demo');
  const existing = await services.db.selectFrom('connectors').select(['id', 'settings']).where('company_id', '=', companyId).where('corp_id', '=', CORP_ID).executeTakeFirst();
  const secrets = { appSecret: app.appSecret, callbackToken: CALLBACK.token, encodingAesKey: CALLBACK.encodingAesKey };
  // The simulator gets a new port on every start; point the connector at it. Events come over
  // Stream mode: the workers hold the connection, nothing waits for it here.
  const settings = { ...(existing ? (JSON.parse(existing.settings) as object) : {}), pushChannel: 'stream' };
  const connectorId = existing
    ? (await services.connectors.update(actor, existing.id, { baseUrl: sim.url, settings, ...secrets } as never), existing.id)
    : (
        await services.connectors.create(actor, {
          companyId,
          platform: 'dingtalk',
          name: '钉钉（演示模拟器）',
          corpId: CORP_ID,
          appKey: app.appKey,
          agentId: String(app.agentId ?? 100001),
          baseUrl: sim.url,
          settings,
          ...secrets,
        } as never)
      ).id;
  const today = localDate(Date.now(), 'Asia/Shanghai');
  await services.connectors.requestSync(actor, connectorId, { kind: 'directory' });
  await services.connectors.requestSync(actor, connectorId, { kind: 'punches', from: addDays(today, -7), to: today });
  // Now and then a colleague's punches of today are pushed, as DingTalk does when someone clocks in.
  const punching = sim.company.users.filter((u) => sim.company.punchesBetween([u.userId], Date.now() - 35 * 86_400_000, Date.now()).length > 0);
  let next = 0;
  const pusher = setInterval(() => {
    if (punching.length === 0) return;
    const user = punching[next++ % punching.length];
    const date = localDate(Date.now(), 'Asia/Shanghai');
    const punches = sim.company.punchesOn(user, date).filter((p) => p.atMs <= Date.now());
    if (punches.length > 0) sim.stream.push(sim.events.punches(user.userId, date, punches.slice(-1)));
  }, 120_000);
  pusher.unref();
  say(`Demo: a simulated DingTalk tenant runs at ${sim.url}; connector ${connectorId} syncs its directory and punches and receives events over Stream`);
  return {
    close: async () => {
      clearInterval(pusher);
      await sim.close();
    },
  };
}

/** The tenant from the demo company as it is in the database now (it may have been edited since the seed). */
async function loadTenant(services: Services, companyId: number) {
  const db = services.db;
  const company = await db.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirstOrThrow();
  const departments = await db.selectFrom('departments').select(['id', 'name', 'parent_id', 'code']).where('company_id', '=', companyId).where('active', '=', 1).orderBy('id').execute();
  const employees = await db.selectFrom('employees').select(['job_number', 'name', 'email', 'mobile', 'department_id']).where('company_id', '=', companyId).where('status', '=', 'active').orderBy('id').execute();
  const codeOf = new Map(departments.map((d) => [d.id, d.code]));
  const group = await db.selectFrom('attendance_groups').select('holiday_calendar_id').where('company_id', '=', companyId).where('holiday_calendar_id', 'is not', null).executeTakeFirst();
  const today = localDate(Date.now(), DEMO_ZONE);
  const days = group?.holiday_calendar_id
    ? await db.selectFrom('calendar_days').select(['date', 'day_type']).where('calendar_id', '=', group.holiday_calendar_id).where('date', '>=', addDays(today, -60)).where('date', '<=', addDays(today, 60)).execute()
    : [];
  return demoTenant({
    companyName: company.name,
    departments: departments.map((d) => ({ id: d.id, name: d.name, parentId: d.parent_id })),
    people: employees.map((e) => ({ jobNumber: e.job_number, name: e.name, email: e.email, mobile: e.mobile, departmentId: e.department_id, punchesOnDingTalk: planOf(codeOf.get(e.department_id ?? -1) ?? null)?.source === 'dingtalk' })),
    isWorkday: workdayOf(new Map(days.map((d) => [d.date, d.day_type]))),
    now: () => Date.now(),
  });
}
