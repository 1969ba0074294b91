import { describe, expect, it } from 'vitest';
import { decrypt as wecomLibDecrypt } from '@wecom/crypto';
import {
  dingTalkEncryptedReply,
  openDingTalkCallback,
  sealDingTalkCallback,
} from '../../../src/sources/dingtalk/callback.js';
import {
  dingTalkRobotSignature,
  dingTalkServerApiSignature,
  signDingTalkRobotUrl,
  verifyDingTalkRobotSignature,
} from '../../../src/sources/dingtalk/signing.js';
import { MemoryNonceCache } from '../../../src/sources/platform/nonce-cache.js';
import { loadVectors } from '../platform/vectors.js';

const vec = loadVectors('dingtalk-callback-crypto.json');
const sigs = loadVectors('dingtalk-signatures.json');
const byId = (id: string) => vec.cases.find((c: any) => c.id === id);

function configOf(c: any, change: Record<string, string> = {}) {
  const v = { ...c, ...change };
  return {
    config: { token: v.token, encodingAesKey: v.encoding_aes_key, receiveIds: [v.receive_id_config], maxSkewMs: null },
    query: { msg_signature: v.msg_signature, timeStamp: v.timestamp, nonce: v.nonce },
    body: { encrypt: v.encrypt },
  };
}

describe('DingTalk callback vectors', () => {
  it.each((vec.cases as any[]).map((c: any): [string, any] => [c.id, c]))('%s opens and yields the expected plaintext', async (_id, c: any) => {
    const { config, query, body } = configOf(c);
    if (c.expected.plaintext === 'success') {
      // The 'success' reply maps are not JSON events; they must still authenticate and decrypt.
      await expect(openDingTalkCallback(query, body, config)).rejects.toMatchObject({ code: 'CALLBACK_MALFORMED' });
      return;
    }
    const out = await openDingTalkCallback(query, body, config);
    expect(out.plaintext).toBe(c.expected.plaintext);
    expect(out.receiveId).toBe(c.expected_receive_id);
  });

  it('accepts the old query spelling (signature, timestamp) as sent in the doc example', async () => {
    const c = byId('dingtalk-doc-suite-url-check');
    const { config, body } = configOf(c);
    const out = await openDingTalkCallback(new URLSearchParams(c.query_as_sent), body, config);
    expect(out.event.EventType).toBe('check_create_suite_url');
  });

  it.each((vec.negative_cases as any[]).map((n: any): [string, any] => [n.id, n]))('negative %s is rejected', async (_id, n: any) => {
    const { config, query, body } = configOf(byId(n.base), n.change);
    const expected = n.change.msg_signature ? 'CALLBACK_BAD_SIGNATURE' : 'CALLBACK_BAD_RECEIVE_ID';
    await expect(openDingTalkCallback(query, body, config)).rejects.toMatchObject({ code: expected });
  });

  it('reproduces the official encrypted success replies byte for byte', () => {
    for (const id of ['dingtalk-go-success-response', 'dingtalk-o2oa-success-response']) {
      const c = byId(id);
      const random = Buffer.from(c.derived_by_decryption.random_prefix_hex, 'hex');
      const reply = dingTalkEncryptedReply(
        { token: c.token, encodingAesKey: c.encoding_aes_key },
        c.expected_receive_id,
        'success',
        { timeStamp: c.timestamp, nonce: c.nonce, random },
      );
      expect(reply).toEqual({ msg_signature: c.msg_signature, timeStamp: c.timestamp, nonce: c.nonce, encrypt: c.encrypt });
    }
  });

  it('round-trips a UTF-8 event sealed here and opened by an independent decoder', async () => {
    const secrets = { token: 't0k', encodingAesKey: vec.cases[1].encoding_aes_key };
    const plaintext = JSON.stringify({ EventType: 'bpms_instance_change', title: '张三提交的请假' });
    const now = 1_700_000_000_000;
    const sealed = sealDingTalkCallback(secrets, 'dingcorp', plaintext, { timeStamp: String(now) });
    expect(wecomLibDecrypt(secrets.encodingAesKey, sealed.body.encrypt).message).toBe(plaintext);
    const clock = { now: () => now + 1000, sleep: async () => {} };
    const nonceCache = new MemoryNonceCache();
    const config = { ...secrets, receiveIds: ['dingcorp', 'dingappkey'], clock, nonceCache };
    const out = await openDingTalkCallback(sealed.query, sealed.body, config);
    expect(out.event.title).toBe('张三提交的请假');
    await expect(openDingTalkCallback(sealed.query, sealed.body, config)).rejects.toMatchObject({
      code: 'CALLBACK_REPLAY',
    });
    const late = { ...config, clock: { now: () => now + 600_000, sleep: async () => {} } };
    await expect(openDingTalkCallback(sealed.query, sealed.body, late)).rejects.toMatchObject({
      code: 'CALLBACK_STALE',
    });
  });

  it('rejects a body without encrypt', async () => {
    const { config, query } = configOf(vec.cases[0]);
    await expect(openDingTalkCallback(query, { foo: 1 }, config)).rejects.toMatchObject({ code: 'CALLBACK_MALFORMED' });
    await expect(openDingTalkCallback(query, 'not json', config)).rejects.toMatchObject({ code: 'CALLBACK_MALFORMED' });
  });

  it('accepts the raw JSON body as a string', async () => {
    const c = byId('dingtalk-py3-check-url');
    const { config, query } = configOf(c);
    const out = await openDingTalkCallback(query, JSON.stringify({ encrypt: c.encrypt }), config);
    expect(out.event).toEqual({ EventType: 'check_url' });
  });
});

describe('DingTalk signatures', () => {
  it.each((sigs.robot_webhook_sign.cases as any[]).map((c: any): [string, any] => [c.timestamp_ms, c]))('robot sign %s', (_t, c: any) => {
    const s = dingTalkRobotSignature(c.secret, c.timestamp_ms);
    expect(s.base64).toBe(c.expected_sign_base64);
    expect(s.sign).toBe(c.expected_sign_urlencoded);
    const url = signDingTalkRobotUrl('https://oapi.dingtalk.com/robot/send?access_token=ACCESS_TOKEN', c.secret, Number(c.timestamp_ms));
    expect(url).toBe(c.example_url);
  });

  it('robot signature verification: exact, and stale after an hour', () => {
    const c = sigs.robot_webhook_sign.cases[0];
    const t = Number(c.timestamp_ms);
    expect(verifyDingTalkRobotSignature(c.secret, c.timestamp_ms, c.expected_sign_base64, t + 1000)).toBe(true);
    expect(verifyDingTalkRobotSignature(c.secret, c.timestamp_ms, c.expected_sign_base64, t + 3_600_001)).toBe(false);
    expect(verifyDingTalkRobotSignature('other', c.timestamp_ms, c.expected_sign_base64, t)).toBe(false);
    expect(verifyDingTalkRobotSignature(c.secret, c.timestamp_ms, c.expected_sign_urlencoded, t)).toBe(false);
  });

  it('legacy server-API signature', () => {
    const s = sigs.server_api_signature;
    const out = dingTalkServerApiSignature(s.secret, s.timestamp_ms);
    expect(out.base64).toBe(s.expected_signature_base64);
    expect(out.signature).toBe(s.expected_signature_urlencoded);
  });
});
