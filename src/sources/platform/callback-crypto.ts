import { createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { encrypt as wecomEncrypt, getSignature } from '@wecom/crypto';
import { ConnectorError, type Platform } from './errors.js';

/**
 * The callback cipher DingTalk and WeCom share (WXBizMsgCrypt ≡ DingTalkEncryptor):
 * AES-256-CBC, key = base64(EncodingAESKey + "="), IV = key[0..16), no library padding,
 * plaintext = random(16) ‖ uint32_be(byteLength(msg)) ‖ msg ‖ receiveId, PKCS#7 to 32.
 *
 * Encryption and the signature come from @wecom/crypto (it pads to 32 and takes an injectable
 * random, which the vectors need). Decryption is ours: the library neither validates the padding
 * nor the receive id, and both are part of what makes a callback authentic.
 */

const AES_KEY_RE = /^[A-Za-z0-9]{43}$/;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface AesKey {
  key: Buffer;
  iv: Buffer;
}

export function parseEncodingAesKey(encodingAesKey: string, platform?: Platform): AesKey {
  if (!AES_KEY_RE.test(encodingAesKey)) {
    throw new ConnectorError('CONNECTOR_BAD_CONFIG', 'EncodingAESKey must be 43 letters or digits', { platform });
  }
  const key = Buffer.from(encodingAesKey + '=', 'base64');
  if (key.length !== 32) {
    throw new ConnectorError('CONNECTOR_BAD_CONFIG', 'EncodingAESKey does not decode to 32 bytes', { platform });
  }
  return { key, iv: key.subarray(0, 16) };
}

/** hex(sha1(sort([token, timestamp, nonce, encrypt]).join(''))) */
export function callbackSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return getSignature(token, timestamp, nonce, encrypt);
}

/** Constant-time comparison of a received signature with the one we compute. */
export function verifyCallbackSignature(
  received: string,
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
): boolean {
  const expected = Buffer.from(callbackSignature(token, timestamp, nonce, encrypt), 'utf8');
  // Hash the received value to a fixed length first so the comparison time does not depend on it.
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(String(received).toLowerCase(), 'utf8').digest();
  return timingSafeEqual(a, b) && received.length === expected.length;
}

export interface DecryptedPayload {
  message: string;
  receiveId: string;
  /** The 16-byte random prefix: re-encrypting with it reproduces the ciphertext exactly. */
  random: Buffer;
  padLength: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function bad(message: string, platform?: Platform): ConnectorError {
  return new ConnectorError('CALLBACK_BAD_CIPHERTEXT', message, { platform });
}

/** Decrypt and take the envelope apart, rejecting anything not produced by the scheme above. */
export function decryptCallbackPayload(encodingAesKey: string, encrypt: string, platform?: Platform): DecryptedPayload {
  const { key, iv } = parseEncodingAesKey(encodingAesKey, platform);
  if (typeof encrypt !== 'string' || encrypt.length === 0 || !BASE64_RE.test(encrypt)) {
    throw bad('ciphertext is not canonical base64', platform);
  }
  const cipher = Buffer.from(encrypt, 'base64');
  if (cipher.length === 0 || cipher.length % 16 !== 0) throw bad('ciphertext is not whole AES blocks', platform);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  // Pad bytes go up to 32, which OpenSSL's PKCS#7 (block 16) rejects: strip it ourselves.
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(cipher), decipher.final()]);
  const padLength = plain[plain.length - 1];
  if (padLength < 1 || padLength > 32 || padLength > plain.length) throw bad('invalid padding', platform);
  for (let i = plain.length - padLength; i < plain.length; i++) {
    if (plain[i] !== padLength) throw bad('invalid padding', platform);
  }
  const body = plain.subarray(0, plain.length - padLength);
  if (body.length < 20) throw bad('envelope too short', platform);
  const msgLen = body.readUInt32BE(16);
  if (20 + msgLen > body.length) throw bad('message length exceeds envelope', platform);
  try {
    return {
      random: Buffer.from(body.subarray(0, 16)),
      message: utf8.decode(body.subarray(20, 20 + msgLen)),
      receiveId: utf8.decode(body.subarray(20 + msgLen)),
      padLength,
    };
  } catch {
    throw bad('envelope is not UTF-8', platform);
  }
}

export function encryptCallbackPayload(
  encodingAesKey: string,
  message: string,
  receiveId: string,
  random: Buffer = randomBytes(16),
): string {
  parseEncodingAesKey(encodingAesKey);
  if (random.length !== 16) throw new RangeError('random prefix must be 16 bytes');
  return wecomEncrypt(encodingAesKey, message, receiveId, random);
}

/** A nonce in the platforms' alphabet (DingTalk's Java SDK insists on 16 characters). */
export function randomNonce(length = 16): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[bytes[i] % alphabet.length];
  return s;
}
