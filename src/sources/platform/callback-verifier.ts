import { systemClock, type Clock } from './clock.js';
import { decryptCallbackPayload, verifyCallbackSignature } from './callback-crypto.js';
import { ConnectorError, type Platform } from './errors.js';
import type { NonceCache } from './nonce-cache.js';

export interface CallbackSecrets {
  token: string;
  encodingAesKey: string;
  /** Accepted receive ids: WeCom corpId (or suite id); DingTalk corpId / appKey / suiteKey. */
  receiveIds: readonly string[];
}

export interface CallbackVerifyOptions {
  platform: Platform;
  /** DingTalk stamps callbacks in ms, WeCom in seconds. */
  timestampUnit: 'ms' | 's';
  /** Reject callbacks older or newer than this; null disables the check (vector tests only). */
  maxSkewMs?: number | null;
  nonceCache?: NonceCache;
  clock?: Clock;
}

export interface SignedEnvelope {
  signature: string;
  timestamp: string;
  nonce: string;
  encrypt: string;
}

export interface OpenedCallback {
  message: string;
  receiveId: string;
  timestampMs: number;
}

/**
 * The checks, in the order that matters: signature first (constant time, before any decryption
 * work an attacker could probe), then freshness and replay, then the cipher and its padding, then
 * the receive id. Only a callback that passes all of them is remembered in the nonce cache.
 */
export async function openSignedEnvelope(
  env: SignedEnvelope,
  secrets: CallbackSecrets,
  opts: CallbackVerifyOptions,
): Promise<OpenedCallback> {
  const { platform } = opts;
  const clock = opts.clock ?? systemClock;
  for (const k of ['signature', 'timestamp', 'nonce', 'encrypt'] as const) {
    if (typeof env[k] !== 'string' || env[k].length === 0) {
      throw new ConnectorError('CALLBACK_MALFORMED', `callback is missing ${k}`, { platform });
    }
  }
  if (!verifyCallbackSignature(env.signature, secrets.token, env.timestamp, env.nonce, env.encrypt)) {
    throw new ConnectorError('CALLBACK_BAD_SIGNATURE', 'callback signature does not match', { platform });
  }
  if (!/^\d{1,16}$/.test(env.timestamp)) {
    throw new ConnectorError('CALLBACK_MALFORMED', 'callback timestamp is not a number', { platform });
  }
  const timestampMs = Number(env.timestamp) * (opts.timestampUnit === 's' ? 1000 : 1);
  const maxSkew = opts.maxSkewMs === undefined ? 300_000 : opts.maxSkewMs;
  const now = clock.now();
  if (maxSkew !== null && Math.abs(now - timestampMs) > maxSkew) {
    throw new ConnectorError('CALLBACK_STALE', 'callback timestamp is outside the accepted window', {
      platform,
      skewMs: now - timestampMs,
    });
  }
  const payload = decryptCallbackPayload(secrets.encodingAesKey, env.encrypt, platform);
  if (!secrets.receiveIds.includes(payload.receiveId)) {
    throw new ConnectorError('CALLBACK_BAD_RECEIVE_ID', 'callback was encrypted for another receiver', { platform });
  }
  if (opts.nonceCache) {
    const key = `${env.timestamp}:${env.nonce}:${env.signature}`;
    const expires = Math.max(now, timestampMs) + (maxSkew ?? 86_400_000);
    if (!(await opts.nonceCache.remember(key, expires, now))) {
      throw new ConnectorError('CALLBACK_REPLAY', 'callback was already received', { platform });
    }
  }
  return { message: payload.message, receiveId: payload.receiveId, timestampMs };
}
