/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the secret is `whsec_` + base64 of
 * the key; the signature is `v1,` + base64 HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{body}`.
 * During a rotation's overlap a request carries one signature per valid secret, space-separated,
 * so receivers holding either secret accept it.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';

export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64');
}

export function signature(secret: string, id: string, timestampSec: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return 'v1,' + createHmac('sha256', key).update(`${id}.${timestampSec}.${body}`).digest('base64');
}

export function signatureHeaders(secrets: string[], id: string, timestampSec: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSec),
    'webhook-signature': secrets.map((s) => signature(s, id, timestampSec, body)).join(' '),
  };
}
