/**
 * In demo mode, a simulated DingTalk tenant runs on a loopback port and the demo company has a
 * connector pointed at it, so a visitor sees real syncs: a directory import, punches arriving,
 * runs with counts on the connector page. The simulator speaks the platform's real paths,
 * windows, rate limits and crypto; only its company is made up.
 */
import { systemActor } from '../modules/auth/actor.js';
import type { Services } from '../modules/index.js';
import { startDingTalkSimulator } from '../sources/dingtalk/simulator/index.js';
import { addDays, localDate } from '../shared/dates.js';
import { egressPolicy } from '../shared/egress/index.js';

const CORP_ID = 'dingdemolivecorp';
// A fixed key is fine: it protects a simulator on the loopback interface, nothing else.
const CALLBACK = { token: 'daka-demo-callback', encodingAesKey: 'DakaDemoLiveSimulatorEncodingAesKey00000000' };

export async function startDemoPlatform(services: Services, say: (line: string) => void): Promise<{ close(): Promise<void> } | null> {
  const setting = await services.db.selectFrom('settings').select('value').where('key', '=', 'demo_company_id').executeTakeFirst();
  if (!setting) return null;
  const companyId = JSON.parse(setting.value) as number;
  const sim = await startDingTalkSimulator({ seed: 'daka-demo', company: { users: 40, timeZone: 'Asia/Shanghai' }, corpId: CORP_ID, callback: { ...CALLBACK, receiveId: CORP_ID } });
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
  let next = 0;
  const pusher = setInterval(() => {
    const user = sim.company.users[next++ % sim.company.users.length];
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
