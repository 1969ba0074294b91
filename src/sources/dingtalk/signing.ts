import { createHmac, timingSafeEqual, createHash } from 'node:crypto';

/**
 * DingTalk custom-robot 加签: base64(HmacSHA256(key = secret, msg = `${timestampMs}\n${secret}`)),
 * URL-encoded when appended to the webhook. (Feishu signs differently; do not share this.)
 */
export function dingTalkRobotSignature(secret: string, timestampMs: number | string): { sign: string; base64: string } {
  const base64 = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
  return { base64, sign: encodeURIComponent(base64) };
}

/** Legacy server-API signature (SNS endpoints): base64(HmacSHA256(appSecret, timestampMs)). */
export function dingTalkServerApiSignature(appSecret: string, timestampMs: number | string): {
  signature: string;
  base64: string;
} {
  const base64 = createHmac('sha256', appSecret).update(String(timestampMs), 'utf8').digest('base64');
  return { base64, signature: encodeURIComponent(base64) };
}

/** The robot webhook URL with `timestamp` and `sign` appended. */
export function signDingTalkRobotUrl(webhookUrl: string, secret: string, timestampMs: number): string {
  const { sign } = dingTalkRobotSignature(secret, timestampMs);
  const sep = webhookUrl.includes('?') ? '&' : '?';
  return `${webhookUrl}${sep}timestamp=${timestampMs}&sign=${sign}`;
}

const equalConstantTime = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest()) && a === b;

/**
 * Check a robot signature as received (the outgoing-robot callback headers, or our simulator's
 * webhook). `sign` is the base64 value, already URL-decoded; stale timestamps (> 1 h) fail.
 */
export function verifyDingTalkRobotSignature(
  secret: string,
  timestampMs: string,
  sign: string,
  nowMs: number,
  maxSkewMs = 3_600_000,
): boolean {
  if (!/^\d{10,16}$/.test(timestampMs)) return false;
  if (Math.abs(nowMs - Number(timestampMs)) > maxSkewMs) return false;
  return equalConstantTime(dingTalkRobotSignature(secret, timestampMs).base64, sign);
}
