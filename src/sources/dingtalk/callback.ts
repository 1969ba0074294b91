import { randomBytes } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import { systemClock } from '../platform/clock.js';
import { callbackSignature, encryptCallbackPayload, randomNonce } from '../platform/callback-crypto.js';
import { openSignedEnvelope, type CallbackSecrets } from '../platform/callback-verifier.js';
import { ConnectorError } from '../platform/errors.js';
import type { NonceCache } from '../platform/nonce-cache.js';

/**
 * DingTalk HTTP event push: `POST url?msg_signature|signature & timeStamp|timestamp & nonce` with
 * JSON `{"encrypt": "…"}`. Both spellings of the query names are in use, so both are accepted.
 * The reply is the encrypted literal "success" in a signed JSON map, due within 1.5 s.
 */
export interface DingTalkCallbackConfig extends CallbackSecrets {
  maxSkewMs?: number | null;
  nonceCache?: NonceCache;
  clock?: Clock;
}

type Query = URLSearchParams | Record<string, string | string[] | undefined>;

function param(q: Query, ...names: string[]): string {
  for (const n of names) {
    const v = q instanceof URLSearchParams ? q.get(n) : q[n];
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === 'string' && s !== '') return s;
  }
  return '';
}

export interface DingTalkCallback {
  /** The decrypted JSON text. */
  plaintext: string;
  /** The parsed event; feed it to `mapDingTalkEvent`. */
  event: Record<string, unknown>;
  receiveId: string;
}

export async function openDingTalkCallback(
  query: Query,
  body: unknown,
  config: DingTalkCallbackConfig,
): Promise<DingTalkCallback> {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
  }
  const encrypt = parsed && typeof parsed === 'object' ? (parsed as { encrypt?: unknown }).encrypt : undefined;
  if (typeof encrypt !== 'string') {
    throw new ConnectorError('CALLBACK_MALFORMED', 'DingTalk callback body has no encrypt field', {
      platform: 'dingtalk',
    });
  }
  const opened = await openSignedEnvelope(
    {
      signature: param(query, 'msg_signature', 'signature'),
      timestamp: param(query, 'timeStamp', 'timestamp'),
      nonce: param(query, 'nonce'),
      encrypt,
    },
    config,
    {
      platform: 'dingtalk',
      timestampUnit: 'ms',
      maxSkewMs: config.maxSkewMs,
      nonceCache: config.nonceCache,
      clock: config.clock,
    },
  );
  let event: unknown;
  try {
    event = JSON.parse(opened.message);
  } catch {
    throw new ConnectorError('CALLBACK_MALFORMED', 'DingTalk callback plaintext is not JSON', { platform: 'dingtalk' });
  }
  if (!event || typeof event !== 'object' || Array.isArray(event)) {
    throw new ConnectorError('CALLBACK_MALFORMED', 'DingTalk callback plaintext is not an object', {
      platform: 'dingtalk',
    });
  }
  return { plaintext: opened.message, event: event as Record<string, unknown>, receiveId: opened.receiveId };
}

export interface DingTalkEncryptedReply {
  msg_signature: string;
  timeStamp: string;
  nonce: string;
  encrypt: string;
}

/** Build a signed, encrypted reply map. `receiveId` must be the one the callback came with. */
export function dingTalkEncryptedReply(
  secrets: { token: string; encodingAesKey: string },
  receiveId: string,
  message = 'success',
  opts: { clock?: Clock; nonce?: string; timeStamp?: string; random?: Buffer } = {},
): DingTalkEncryptedReply {
  const timeStamp = opts.timeStamp ?? String((opts.clock ?? systemClock).now());
  const nonce = opts.nonce ?? randomNonce(16);
  const encrypt = encryptCallbackPayload(secrets.encodingAesKey, message, receiveId, opts.random ?? randomBytes(16));
  return { msg_signature: callbackSignature(secrets.token, timeStamp, nonce, encrypt), timeStamp, nonce, encrypt };
}

/** The other direction (used by the simulator and integration tests): a signed push request. */
export function sealDingTalkCallback(
  secrets: { token: string; encodingAesKey: string },
  receiveId: string,
  plaintext: string,
  opts: { timeStamp: string; nonce?: string; random?: Buffer },
): { query: Record<string, string>; body: { encrypt: string } } {
  const reply = dingTalkEncryptedReply(secrets, receiveId, plaintext, opts);
  return {
    query: { msg_signature: reply.msg_signature, timeStamp: reply.timeStamp, nonce: reply.nonce },
    body: { encrypt: reply.encrypt },
  };
}
