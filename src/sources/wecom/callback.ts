import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../platform/clock.js';
import { callbackSignature, encryptCallbackPayload, randomNonce } from '../platform/callback-crypto.js';
import { openSignedEnvelope, type CallbackSecrets } from '../platform/callback-verifier.js';
import { ConnectorError } from '../platform/errors.js';
import type { NonceCache } from '../platform/nonce-cache.js';
import { parseXml, xmlNode, xmlText, XmlError, type XmlNode } from '../platform/xml.js';

/**
 * WeCom 接收消息与事件. URL check: `GET ?msg_signature&timestamp&nonce&echostr`, answer with the
 * decrypted echostr verbatim. Events: `POST` with XML `<xml><Encrypt>…</Encrypt></xml>` (or the
 * JSON variant `{Encrypt}`), signature over the Encrypt value, plaintext XML (or JSON) inside.
 */
export interface WeComCallbackConfig extends CallbackSecrets {
  maxSkewMs?: number | null;
  nonceCache?: NonceCache;
  clock?: Clock;
}

function requireParam(q: URLSearchParams, name: string): string {
  return q.get(name) ?? '';
}

/**
 * Query strings must reach us still percent-encoded and be decoded once by URLSearchParams:
 * echostr is base64, and decoding '+' as a space by hand breaks the signature (a vector covers it).
 */
function toParams(query: URLSearchParams | string): URLSearchParams {
  return typeof query === 'string' ? new URLSearchParams(query.replace(/^\?/, '')) : query;
}

function verifyOptions(config: WeComCallbackConfig) {
  return {
    platform: 'wecom' as const,
    timestampUnit: 's' as const,
    maxSkewMs: config.maxSkewMs,
    nonceCache: config.nonceCache,
    clock: config.clock,
  };
}

/** GET URL verification; returns the plaintext to send back as the whole response body. */
export async function verifyWeComUrl(query: URLSearchParams | string, config: WeComCallbackConfig): Promise<string> {
  const q = toParams(query);
  const opened = await openSignedEnvelope(
    {
      signature: requireParam(q, 'msg_signature'),
      timestamp: requireParam(q, 'timestamp'),
      nonce: requireParam(q, 'nonce'),
      encrypt: requireParam(q, 'echostr'),
    },
    config,
    verifyOptions(config),
  );
  return opened.message;
}

export interface WeComCallback {
  format: 'xml' | 'json';
  plaintext: string;
  /** The decrypted event: the XML root's children, or the JSON object. */
  event: Record<string, unknown>;
  receiveId: string;
}

function malformed(message: string): ConnectorError {
  return new ConnectorError('CALLBACK_MALFORMED', message, { platform: 'wecom' });
}

function extractEncrypt(body: string | Record<string, unknown>): { encrypt: string; format: 'xml' | 'json' } {
  if (typeof body === 'object' && body !== null) {
    if (typeof body.Encrypt === 'string') return { encrypt: body.Encrypt, format: 'json' };
    throw malformed('WeCom callback JSON has no Encrypt');
  }
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw malformed('WeCom callback body is not JSON');
    }
    return extractEncrypt(parsed as Record<string, unknown>);
  }
  let doc: XmlNode;
  try {
    doc = parseXml(trimmed);
  } catch (e) {
    throw malformed(`WeCom callback body is not acceptable XML: ${(e as XmlError).message}`);
  }
  const encrypt = xmlText(xmlNode(doc.xml)?.Encrypt);
  if (!encrypt) throw malformed('WeCom callback XML has no Encrypt');
  return { encrypt, format: 'xml' };
}

/** POST event: verify, decrypt, parse the inner XML or JSON. */
export async function openWeComCallback(
  query: URLSearchParams | string,
  body: string | Record<string, unknown>,
  config: WeComCallbackConfig,
): Promise<WeComCallback> {
  const q = toParams(query);
  const { encrypt, format } = extractEncrypt(body);
  const opened = await openSignedEnvelope(
    {
      signature: requireParam(q, 'msg_signature'),
      timestamp: requireParam(q, 'timestamp'),
      nonce: requireParam(q, 'nonce'),
      encrypt,
    },
    config,
    verifyOptions(config),
  );
  const event = parseWeComPlaintext(opened.message);
  return { format, plaintext: opened.message, event, receiveId: opened.receiveId };
}

/** Inner payloads are XML for the classic format and JSON for the JSON format. */
export function parseWeComPlaintext(plaintext: string): Record<string, unknown> {
  const t = plaintext.trim();
  if (t.startsWith('<')) {
    try {
      const doc = parseXml(t);
      const root = xmlNode(doc.xml);
      if (!root) throw malformed('WeCom event XML has no <xml> root with children');
      return root;
    } catch (e) {
      if (e instanceof ConnectorError) throw e;
      throw malformed(`WeCom event XML is not acceptable: ${(e as Error).message}`);
    }
  }
  try {
    const v = JSON.parse(t) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw malformed('WeCom event plaintext is neither XML nor a JSON object');
}

/** Seal a plaintext the way WeCom does (simulator, integration tests, passive replies). */
export function sealWeComCallback(
  secrets: { token: string; encodingAesKey: string },
  receiveId: string,
  plaintext: string,
  opts: { clock?: Clock; timestamp?: string; nonce?: string; random?: Buffer } = {},
): { query: Record<string, string>; encrypt: string; xml: string } {
  const timestamp = opts.timestamp ?? String(Math.floor((opts.clock ?? systemClock).now() / 1000));
  const nonce = opts.nonce ?? randomNonce(10);
  const encrypt = encryptCallbackPayload(secrets.encodingAesKey, plaintext, receiveId, opts.random ?? randomBytes(16));
  const msg_signature = callbackSignature(secrets.token, timestamp, nonce, encrypt);
  const xml = `<xml><ToUserName><![CDATA[${receiveId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>`;
  return { query: { msg_signature, timestamp, nonce }, encrypt, xml };
}
