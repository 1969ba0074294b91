import { describe, expect, it } from 'vitest';
import { openWeComCallback, verifyWeComUrl } from '../../../src/sources/wecom/callback.js';
import { mapWeComEvent } from '../../../src/sources/wecom/mapper.js';
import { startWeComSimulator } from '../../../src/sources/wecom/simulator/server.js';
import { MemoryNonceCache } from '../../../src/sources/platform/nonce-cache.js';
import { sendText, startLoopbackServer } from '../../../src/sources/platform/simulator/http-server.js';
import type { PlatformEvent } from '../../../src/sources/platform/neutral.js';

describe('WeCom callback delivery (simulator → receiver)', () => {
  it('URL verification and an approval event arrive, decrypt and map; a replay is refused', async () => {
    const secrets = { token: 'wecomToken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };
    const sim = await startWeComSimulator({ seed: 'cb', company: { users: 10 }, callback: secrets });
    const events: PlatformEvent[] = [];
    const nonceCache = new MemoryNonceCache();
    const config = { ...secrets, receiveIds: [sim.corpId], nonceCache };
    let lastRaw: { query: string; body: string } | null = null;
    const receiver = await startLoopbackServer(async (req, res) => {
      try {
        if (req.method === 'GET') return sendText(res, 200, await verifyWeComUrl(req.query, config), 'text/plain');
        lastRaw = { query: req.query.toString(), body: req.rawBody };
        const cb = await openWeComCallback(req.query, req.rawBody, config);
        events.push(mapWeComEvent(cb.event, sim.corpId, { 'tpl-leave': 'leave' }));
        sendText(res, 200, 'success', 'text/plain');
      } catch (e) {
        sendText(res, (e as { status?: number }).status ?? 500, (e as { code?: string }).code ?? 'error', 'text/plain');
      }
    });
    try {
      const check = await sim.verifyCallbackUrl(`${receiver.url}/callbacks/wecom/1`);
      expect(check.status).toBe(200);
      expect(check.body).toBe(check.expected);
      const xml =
        '<xml><ToUserName><![CDATA[' + sim.corpId + ']]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1700000000</CreateTime>' +
        '<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[sys_approval_change]]></Event><AgentID>1000002</AgentID><ApprovalInfo><SpNo>202311140001</SpNo>' +
        '<SpName><![CDATA[请假]]></SpName><SpStatus>2</SpStatus><TemplateId><![CDATA[tpl-leave]]></TemplateId><Applyer><UserId><![CDATA[u000003]]></UserId><Party><![CDATA[1]]></Party></Applyer></ApprovalInfo></xml>';
      const sent = await sim.sendCallback(`${receiver.url}/callbacks/wecom/1`, xml);
      expect(sent).toEqual({ status: 200, body: 'success' });
      expect(events).toEqual([
        expect.objectContaining({ type: 'approval', approvalExternalId: '202311140001', kind: 'leave', status: 'approved', userExternalId: 'u000003' }),
      ]);
      const replay = await fetch(`${receiver.url}/callbacks/wecom/1?${lastRaw!.query}`, { method: 'POST', body: lastRaw!.body });
      expect(replay.status).toBe(409);
      expect(await replay.text()).toBe('CALLBACK_REPLAY');
    } finally {
      await receiver.close();
      await sim.close();
    }
  });
});
