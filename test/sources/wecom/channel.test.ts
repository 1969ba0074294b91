import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeComAppChannel, WeComRobotChannel } from '../../../src/sources/wecom/channel.js';
import { WeComClient } from '../../../src/sources/wecom/client.js';
import { startWeComSimulator, type WeComSimulator } from '../../../src/sources/wecom/simulator/server.js';

let sim: WeComSimulator;
let client: WeComClient;
beforeAll(async () => {
  sim = await startWeComSimulator({ seed: 'ch', company: { users: 20 }, robots: ['k1'] });
  client = new WeComClient({ corpId: sim.corpId, secret: sim.apps[0].secret, agentId: sim.apps[0].agentId, baseUrl: sim.url });
});
afterAll(() => sim.close());

describe('WeCom notification channels', () => {
  it('app channel: textcard with a link, clipped to the byte limits; refused ids mapped back', async () => {
    const ch = new WeComAppChannel(client);
    const long = '迟到'.repeat(400);
    const r = await ch.send({ title: '考勤提醒', markdown: long, url: 'https://daka.example/x' }, ['u000001', 'GhostUser']);
    expect(r.rejectedRecipients).toEqual(['GhostUser']);
    const body = sim.stats.appMessages.at(-1)!.body as any;
    expect(body.msgtype).toBe('textcard');
    expect(Buffer.byteLength(body.textcard.description)).toBeLessThanOrEqual(512);
    expect(body.textcard.description).not.toContain('\uFFFD');
    await ch.send({ title: '月报', markdown: '已生成' }, ['u000002']);
    expect((sim.stats.appMessages.at(-1)!.body as any).markdown.content).toBe('**月报**\n已生成');
  });

  it('robot channel: markdown with <@userid> mentions', async () => {
    await new WeComRobotChannel(client, `${sim.url}/cgi-bin/webhook/send?key=k1`).send({ title: '今日', markdown: '2 人缺卡' }, ['u000004']);
    expect((sim.stats.robotMessages.at(-1)!.body as any).markdown.content).toContain('<@u000004>');
  });
});
