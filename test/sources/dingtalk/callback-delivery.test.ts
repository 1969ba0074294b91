import { describe, expect, it } from 'vitest';
import { dingTalkEncryptedReply, openDingTalkCallback } from '../../../src/sources/dingtalk/callback.js';
import { mapDingTalkEvent } from '../../../src/sources/dingtalk/mapper.js';
import { startDingTalkSimulator } from '../../../src/sources/dingtalk/simulator/server.js';
import { decryptCallbackPayload, verifyCallbackSignature } from '../../../src/sources/platform/callback-crypto.js';
import { sendJson, startLoopbackServer } from '../../../src/sources/platform/simulator/http-server.js';
import type { PlatformEvent } from '../../../src/sources/platform/neutral.js';

describe('DingTalk callback delivery (simulator → receiver)', () => {
  it('check_url and a punch event arrive encrypted; the receiver answers with the encrypted success map', async () => {
    const secrets = { token: 'dkToken', encodingAesKey: 'o1w0aum42yaptlz8alnhwikjd3jenzt9cb9wmzptgus' };
    const sim = await startDingTalkSimulator({ seed: 'cb', company: { users: 5 }, callback: { ...secrets, receiveId: 'dingsimappkey' } });
    const events: PlatformEvent[] = [];
    const receiver = await startLoopbackServer(async (req, res) => {
      try {
        const cb = await openDingTalkCallback(req.query, req.body, { ...secrets, receiveIds: [sim.corpId, 'dingsimappkey'] });
        events.push(mapDingTalkEvent(cb.event));
        sendJson(res, 200, dingTalkEncryptedReply(secrets, cb.receiveId));
      } catch (e) {
        sendJson(res, (e as { status?: number }).status ?? 500, { code: (e as { code?: string }).code });
      }
    });
    try {
      const check = await sim.sendCallback(receiver.url, { EventType: 'check_url' });
      expect(check.status).toBe(200);
      expect(check.replyValid).toBe(true);
      const reply = JSON.parse(check.body);
      expect(verifyCallbackSignature(reply.msg_signature, secrets.token, reply.timeStamp, reply.nonce, reply.encrypt)).toBe(true);
      expect(reply.nonce).toHaveLength(16);
      expect(decryptCallbackPayload(secrets.encodingAesKey, reply.encrypt)).toMatchObject({ message: 'success', receiveId: 'dingsimappkey' });
      const punch = await sim.sendCallback(receiver.url, {
        EventType: 'attendance_check_record',
        CorpId: sim.corpId,
        eventId: 'ev-1',
        EventTime: 1700000000000,
        dataList: [{ userId: 'u000002', checkTime: 1700000000000, locationMethod: 'MAP' }],
      });
      expect(punch.status).toBe(200);
      expect(events.map((e) => e.type)).toEqual(['check_url', 'punch']);
      expect(events[1]).toMatchObject({ eventId: 'ev-1', punches: [{ userExternalId: 'u000002', atMs: 1700000000000 }] });
    } finally {
      await receiver.close();
      await sim.close();
    }
  });

  it('a receiver configured for another app rejects the push', async () => {
    const secrets = { token: 'dkToken', encodingAesKey: 'o1w0aum42yaptlz8alnhwikjd3jenzt9cb9wmzptgus' };
    const sim = await startDingTalkSimulator({ seed: 'cb2', company: { users: 5 }, callback: secrets });
    const receiver = await startLoopbackServer(async (req, res) => {
      try {
        await openDingTalkCallback(req.query, req.body, { ...secrets, receiveIds: ['dingOTHER'] });
        sendJson(res, 200, {});
      } catch (e) {
        sendJson(res, (e as { status?: number }).status ?? 500, { code: (e as { code?: string }).code });
      }
    });
    try {
      const r = await sim.sendCallback(receiver.url, { EventType: 'check_url' });
      expect(r.status).toBe(401);
      expect(r.replyValid).toBe(false);
      expect(JSON.parse(r.body).code).toBe('CALLBACK_BAD_RECEIVE_ID');
    } finally {
      await receiver.close();
      await sim.close();
    }
  });
});
