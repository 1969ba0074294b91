import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DingTalkRobotChannel, DingTalkWorkNoticeChannel } from '../../../src/sources/dingtalk/channel.js';
import { DingTalkClient } from '../../../src/sources/dingtalk/client.js';
import { startDingTalkSimulator, type DingTalkSimulator } from '../../../src/sources/dingtalk/simulator/server.js';

let sim: DingTalkSimulator;
let client: DingTalkClient;
beforeAll(async () => {
  sim = await startDingTalkSimulator({ seed: 'ch', company: { users: 20 }, robots: { tok: 'SECabc' } });
  const app = sim.apps[0];
  client = new DingTalkClient({ corpId: sim.corpId, appKey: app.appKey, appSecret: app.appSecret, agentId: app.agentId, oapiBaseUrl: sim.url });
});
afterAll(() => sim.close());

describe('DingTalk notification channels', () => {
  it('work notice: markdown without a link, action card with one, dedupe token appended', async () => {
    const ch = new DingTalkWorkNoticeChannel(client);
    const r1 = await ch.send({ title: '考勤异常', markdown: '您 10-08 迟到 5 分钟', dedupeToken: '#a1' }, ['u000001']);
    expect(r1.messageIds).toHaveLength(1);
    const r2 = await ch.send({ title: '月报', markdown: '10 月考勤已出', url: 'https://daka.example/m/2026-10' }, ['u000001', 'u000002']);
    expect(r2.messageIds).toHaveLength(1);
    const [a, b] = sim.stats.workNotices.slice(-2) as Array<{ msg: any; userIds: string[] }>;
    expect(a.msg).toEqual({ msgtype: 'markdown', markdown: { title: '考勤异常', text: expect.stringContaining('#a1') } });
    expect(b.msg.msgtype).toBe('action_card');
    expect(b.msg.action_card.single_url).toBe('https://daka.example/m/2026-10');
    expect(b.userIds).toEqual(['u000001', 'u000002']);
  });

  it('robot: signed markdown with @mentions', async () => {
    const ch = new DingTalkRobotChannel(client, { webhookUrl: `${sim.url}/robot/send?access_token=tok`, secret: 'SECabc' });
    await ch.send({ title: '今日迟到', markdown: '3 人迟到' }, ['u000003']);
    const m = sim.stats.robotMessages.at(-1)!.body as any;
    expect(m.msgtype).toBe('markdown');
    expect(m.markdown.text).toContain('@u000003');
    expect(m.at.atUserIds).toEqual(['u000003']);
  });

  it('text: title, body and link as plain lines, to people and to the robot', async () => {
    await new DingTalkWorkNoticeChannel(client).send({ title: '月报', markdown: '已出', format: 'text', url: 'https://daka.example/m' }, ['u000001']);
    expect((sim.stats.workNotices.at(-1) as { msg: unknown }).msg).toEqual({ msgtype: 'text', text: { content: '月报\n已出\nhttps://daka.example/m' } });
    await new DingTalkRobotChannel(client, { webhookUrl: `${sim.url}/robot/send?access_token=tok`, secret: 'SECabc' }).send({ title: '', markdown: '2 人缺卡', format: 'text' }, ['u000002']);
    expect(sim.stats.robotMessages.at(-1)!.body).toEqual({ msgtype: 'text', text: { content: '2 人缺卡\n@u000002' }, at: { atUserIds: ['u000002'], isAtAll: false } });
  });

  it('an untitled markdown message takes its first line as the title DingTalk requires', async () => {
    await new DingTalkWorkNoticeChannel(client).send({ title: '', markdown: '## 考勤异常\n3 人迟到' }, ['u000001']);
    expect((sim.stats.workNotices.at(-1) as { msg: any }).msg.markdown.title).toBe('考勤异常');
  });
});
