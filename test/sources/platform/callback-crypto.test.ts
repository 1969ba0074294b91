import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt as wecomLibDecrypt } from '@wecom/crypto';
import {
  callbackSignature,
  decryptCallbackPayload,
  encryptCallbackPayload,
  parseEncodingAesKey,
  verifyCallbackSignature,
} from '../../../src/sources/platform/callback-crypto.js';
import { openSignedEnvelope } from '../../../src/sources/platform/callback-verifier.js';
import { MemoryNonceCache } from '../../../src/sources/platform/nonce-cache.js';
import { loadVectors } from './vectors.js';

const ding = loadVectors('dingtalk-callback-crypto.json');
const wecom = loadVectors('wecom-callback-crypto.json');
const allCases: any[] = [...ding.cases, ...wecom.cases];

/** Encrypt an arbitrary padded plaintext, to build ciphertexts the scheme would never emit. */
function rawEncrypt(encodingAesKey: string, plain: Buffer): string {
  const { key, iv } = parseEncodingAesKey(encodingAesKey);
  const c = createCipheriv('aes-256-cbc', key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(plain), c.final()]).toString('base64');
}

function envelope(msg: string, id: string, pad: (len: number) => Buffer): Buffer {
  const m = Buffer.from(msg);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(m.length);
  const body = Buffer.concat([Buffer.alloc(16, 7), len, m, Buffer.from(id)]);
  return Buffer.concat([body, pad(body.length)]);
}

describe('shared callback cipher: official vectors', () => {
  it.each(allCases.map((c) => [c.id, c]))('%s: signature, decryption, byte-exact re-encryption', (_id, c) => {
    expect(callbackSignature(c.token, c.timestamp, c.nonce, c.encrypt)).toBe(c.expected.msg_signature);
    expect(verifyCallbackSignature(c.msg_signature, c.token, c.timestamp, c.nonce, c.encrypt)).toBe(true);
    const out = decryptCallbackPayload(c.encoding_aes_key, c.encrypt);
    expect(out.message).toBe(c.expected.plaintext);
    expect(out.receiveId).toBe(c.expected.receive_id);
    expect(out.padLength).toBe(c.derived_by_decryption.pkcs7_pad_byte);
    expect(out.random.toString('hex')).toBe(c.derived_by_decryption.random_prefix_hex);
    expect(Buffer.byteLength(out.message)).toBe(c.derived_by_decryption.msg_len_bytes);
    expect(encryptCallbackPayload(c.encoding_aes_key, out.message, out.receiveId, out.random)).toBe(c.encrypt);
  });

  it.each(allCases.map((c) => [c.id, c]))('%s: opens through the verifier with the configured receive id', async (_id, c) => {
    const opened = await openSignedEnvelope(
      { signature: c.msg_signature, timestamp: c.timestamp, nonce: c.nonce, encrypt: c.encrypt },
      { token: c.token, encodingAesKey: c.encoding_aes_key, receiveIds: [c.receive_id_config] },
      { platform: 'wecom', timestampUnit: 'ms', maxSkewMs: null },
    );
    expect(opened.message).toBe(c.expected.plaintext);
  });

  it('raw AES block case decrypts with the derived key and IV', () => {
    const r = ding.raw_aes_case;
    const plain = Buffer.from(r.plaintext_latin1, 'latin1');
    const padded = Buffer.concat([plain, Buffer.alloc(14, 14)]);
    expect(rawEncrypt(r.encoding_aes_key, padded)).toBe(r.ciphertext_base64);
  });

  it('derives key and IV as documented', () => {
    for (const c of allCases) {
      const { key, iv } = parseEncodingAesKey(c.encoding_aes_key);
      expect(key.toString('hex')).toBe(c.derived_by_decryption.aes_key_hex);
      expect(iv.toString('hex')).toBe(c.derived_by_decryption.iv_hex);
    }
  });
});

describe('shared callback cipher: rejections', () => {
  const c = wecom.cases[1];
  const key = c.encoding_aes_key as string;

  it('rejects a pad byte of 0 or above 32, and inconsistent pad bytes', () => {
    const zero = envelope('hi', 'corp', (n) => Buffer.alloc(32 - (n % 32) || 32, 0));
    expect(() => decryptCallbackPayload(key, rawEncrypt(key, zero))).toThrow(/padding/);
    const over = envelope('hi', 'corp', (n) => {
      const p = Buffer.alloc(32 - (n % 32) + 32, 0);
      p[p.length - 1] = 33;
      return p;
    });
    expect(() => decryptCallbackPayload(key, rawEncrypt(key, over))).toThrow(/padding/);
    const mixed = envelope('hi', 'corp', (n) => {
      const p = Buffer.alloc(32 - (n % 32), 32 - (n % 32));
      p[0] = 1;
      return p;
    });
    expect(() => decryptCallbackPayload(key, rawEncrypt(key, mixed))).toThrow(/padding/);
  });

  it('accepts 16-byte padding (DingTalk Go sample) but not a length field past the end', () => {
    const sixteen = envelope('ok', 'corp', (n) => Buffer.alloc(16 - (n % 16), 16 - (n % 16)));
    expect(decryptCallbackPayload(key, rawEncrypt(key, sixteen)).message).toBe('ok');
    const lying = envelope('ok', 'corp', (n) => Buffer.alloc(32 - (n % 32), 32 - (n % 32)));
    lying.writeUInt32BE(1000, 16);
    expect(() => decryptCallbackPayload(key, rawEncrypt(key, lying))).toThrow(/length/);
  });

  it('rejects non-canonical base64 and partial blocks; the library would silently accept a bad pad', () => {
    expect(() => decryptCallbackPayload(key, c.encrypt.replace(/\+/g, ' '))).toThrow(/base64/);
    expect(() => decryptCallbackPayload(key, Buffer.alloc(20).toString('base64'))).toThrow(/blocks/);
    const zero = rawEncrypt(key, envelope('hi', 'corp', (n) => Buffer.alloc(32 - (n % 32) || 32, 0)));
    expect(() => wecomLibDecrypt(key, zero)).not.toThrow();
  });

  it('rejects malformed EncodingAESKeys', () => {
    expect(() => parseEncodingAesKey('short')).toThrow(/43/);
    expect(() => parseEncodingAesKey(key.slice(0, 42) + '+')).toThrow(/43/);
  });

  it('signature check is exact (case of a flipped last hex digit)', () => {
    const sig = c.msg_signature.slice(0, -1) + (c.msg_signature.endsWith('0') ? '1' : '0');
    expect(verifyCallbackSignature(sig, c.token, c.timestamp, c.nonce, c.encrypt)).toBe(false);
    expect(verifyCallbackSignature('', c.token, c.timestamp, c.nonce, c.encrypt)).toBe(false);
  });

  it('staleness window and replay cache', async () => {
    const secrets = { token: c.token, encodingAesKey: key, receiveIds: [c.receive_id_config] };
    const env = { signature: c.msg_signature, timestamp: c.timestamp, nonce: c.nonce, encrypt: c.encrypt };
    const at = Number(c.timestamp) * 1000;
    const clock = { now: () => at + 301_000, sleep: async () => {} };
    await expect(
      openSignedEnvelope(env, secrets, { platform: 'wecom', timestampUnit: 's', clock }),
    ).rejects.toMatchObject({ code: 'CALLBACK_STALE' });
    const fresh = { now: () => at + 1_000, sleep: async () => {} };
    const nonceCache = new MemoryNonceCache();
    const opts = { platform: 'wecom' as const, timestampUnit: 's' as const, clock: fresh, nonceCache };
    await expect(openSignedEnvelope(env, secrets, opts)).resolves.toMatchObject({ receiveId: c.receive_id_config });
    await expect(openSignedEnvelope(env, secrets, opts)).rejects.toMatchObject({ code: 'CALLBACK_REPLAY' });
  });

  it('a bad signature is reported before any decryption is attempted', async () => {
    const secrets = { token: c.token, encodingAesKey: key, receiveIds: [c.receive_id_config] };
    const env = { signature: c.msg_signature, timestamp: c.timestamp, nonce: c.nonce, encrypt: 'not base64!' };
    await expect(
      openSignedEnvelope(env, secrets, { platform: 'wecom', timestampUnit: 's', maxSkewMs: null }),
    ).rejects.toMatchObject({ code: 'CALLBACK_BAD_SIGNATURE' });
  });
});
