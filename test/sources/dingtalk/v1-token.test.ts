import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DingTalkClient } from '../../../src/sources/dingtalk/client.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../../src/sources/dingtalk/simulator/server.js';

let sim: DingTalkSimulator;
beforeAll(async () => {
  sim = await startDingTalkSimulator({ seed: 'v1', company: { users: 80, month: '2026-10' } });
});
afterAll(() => sim.close());

describe('DingTalk v1.0 token (header-borne, separate from the oapi token)', () => {
  it('fetches it once, refreshes once after InvalidAuthentication, and keeps the oapi token apart', async () => {
    const app = sim.apps[0];
    const c = new DingTalkClient({ corpId: sim.corpId, appKey: app.appKey, appSecret: app.appSecret, oapiBaseUrl: sim.url });
    const id = sim.company.approvals[0].id;
    await Promise.all([c.getProcessInstance(id), c.getProcessInstance(id), c.getProcessInstance(id)]);
    expect(sim.stats.byPath['/v1.0/oauth2/accessToken']).toBe(1);
    expect(sim.stats.byPath['/gettoken']).toBeUndefined();
    expect(await c.getV1AccessToken()).not.toBe(await c.getAccessToken());
    sim.expireTokens();
    await expect(c.getProcessInstance(id)).resolves.toMatchObject({ processInstanceId: id });
    expect(sim.stats.byPath['/v1.0/oauth2/accessToken']).toBe(2);
  });
});
