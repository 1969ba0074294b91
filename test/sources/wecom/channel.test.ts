import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeComAppChannel, WeComRobotChannel, WeComScheduleChannel } from '../../../src/sources/wecom/channel.js';
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

  it('text: app message and robot with mentioned_list', async () => {
    await new WeComAppChannel(client).send({ title: '提醒', markdown: '请补卡', format: 'text' }, ['u000001']);
    expect((sim.stats.appMessages.at(-1)!.body as any).text).toEqual({ content: '提醒\n请补卡' });
    await new WeComRobotChannel(client, `${sim.url}/cgi-bin/webhook/send?key=k1`).send({ title: '', markdown: '2 人缺卡', format: 'text' }, ['u000004']);
    expect(sim.stats.robotMessages.at(-1)!.body).toEqual({ msgtype: 'text', text: { content: '2 人缺卡', mentioned_list: ['u000004'] } });
  });

  it('schedule channel: seconds, attendees, reminders as WeCom takes them; the simulator refuses others', async () => {
    const start = Date.parse('2026-12-01T01:00:00Z');
    const r = await new WeComScheduleChannel(client).add({ summary: '早班', startAtMs: start, endAtMs: start + 3_600_000, remindBeforeMinutes: [1440, 0] }, ['u000001', 'u000002']);
    expect(r.entryId).toMatch(/^sch-/);
    expect(sim.stats.schedules.at(-1)).toEqual({
      start_time: start / 1000,
      end_time: start / 1000 + 3600,
      attendees: [{ userid: 'u000001' }, { userid: 'u000002' }],
      summary: '早班',
      reminders: { is_remind: 1, remind_before_event_secs: 0, remind_time_diffs: [0, -86_400], timezone: 8 },
    });
    await expect(new WeComScheduleChannel(client).add({ summary: 'x', startAtMs: start, endAtMs: start + 60_000, remindBeforeMinutes: [10] }, ['u000001'])).rejects.toMatchObject({ code: 'CONNECTOR_REQUEST_REJECTED' });
  });
});
