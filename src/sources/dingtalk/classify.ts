import { fail, ok, type Classified } from '../platform/api-caller.js';
import { ConnectorError, type ConnectorErrorCode } from '../platform/errors.js';
import type { HttpResponse } from '../platform/http.js';

/**
 * DingTalk's answers, sorted into the retry classes of platforms.md §1.5. Both API families are
 * handled: oapi (errcode in a 200 body) and v1.0 (HTTP status plus `code`).
 */
const TOKEN_INVALID = new Set([40014, 42001]);
const BAD_CREDENTIALS = new Set([40089, 40001, 40013, 40091]);
const RATE_LIMITED = new Set([90018, 90002, 90006]);

function err(code: ConnectorErrorCode, api: string, res: HttpResponse, errcode?: number | string, errmsg?: string) {
  return new ConnectorError(code, `DingTalk ${api}: ${errmsg ?? code}${errcode !== undefined ? ` (${errcode})` : ''}`, {
    platform: 'dingtalk',
    api,
    httpStatus: res.status,
    errcode,
    errmsg,
  });
}

export function classifyDingTalk<T>(api: string, res: HttpResponse, pick: (body: any) => T): Classified<T> {
  const body = res.json as Record<string, any> | undefined;
  if (res.status >= 500) return fail({ kind: 'transient' }, err('CONNECTOR_UPSTREAM_ERROR', api, res, res.status));
  if (body === undefined || typeof body !== 'object') {
    // The per-IP limiter answers with an HTML page and no errcode (platforms.md §1.5), but so does
    // many a proxy on a bad day: a ban only if it repeats (platform/fault-policy.ts).
    return fail({ kind: 'throttle_page' }, err('CONNECTOR_IP_BANNED', api, res, undefined, 'non-JSON answer (throttle page)'));
  }
  if (body.status === 1111 && body.punish === 'deny') {
    const wait = Number(body.wait) > 0 ? Number(body.wait) * 1000 : undefined;
    return fail({ kind: 'ip_banned', minDelayMs: wait }, err('CONNECTOR_IP_BANNED', api, res, 1111, 'IP throttled'));
  }
  // v1.0 style errors.
  if (res.status >= 400 && typeof body.code === 'string') {
    const code: string = body.code;
    const message: string = body.message ?? code;
    if (code === 'InvalidAuthentication' || res.status === 401) {
      return fail({ kind: 'token_invalid' }, err('CONNECTOR_TOKEN_INVALID', api, res, code, message));
    }
    if (/invalidClientIdOrSecret|InvalidClientId|InvalidAppKey/i.test(code)) {
      return fail({ kind: 'bad_credentials' }, err('CONNECTOR_BAD_CREDENTIALS', api, res, code, message));
    }
    if (/ApiCountLimitForOrg/.test(code)) {
      return fail({ kind: 'fatal' }, err('CONNECTOR_QUOTA_EXHAUSTED', api, res, code, message));
    }
    if (/QpsLimit/.test(code) || res.status === 429) {
      return fail({ kind: 'rate_limited', minDelayMs: 1000 }, err('CONNECTOR_RATE_LIMITED', api, res, code, message));
    }
    if (res.status === 403) return fail({ kind: 'fatal' }, err('CONNECTOR_PERMISSION_DENIED', api, res, code, message));
    return fail({ kind: 'fatal' }, err('CONNECTOR_REQUEST_REJECTED', api, res, code, message));
  }
  if (res.status === 403) {
    return fail({ kind: 'rate_limited', minDelayMs: 1000 }, err('CONNECTOR_RATE_LIMITED', api, res, 403));
  }
  const errcode = body.errcode === undefined ? 0 : Number(body.errcode);
  const errmsg: string | undefined = body.errmsg;
  if (errcode === 0 && res.status < 400) return ok(pick(body));
  if (TOKEN_INVALID.has(errcode)) return fail({ kind: 'token_invalid' }, err('CONNECTOR_TOKEN_INVALID', api, res, errcode, errmsg));
  if (BAD_CREDENTIALS.has(errcode)) {
    return fail({ kind: 'bad_credentials' }, err('CONNECTOR_BAD_CREDENTIALS', api, res, errcode, errmsg));
  }
  if (RATE_LIMITED.has(errcode)) {
    // 90006 is the per-minute limit: one second is not enough to clear it.
    const minDelayMs = errcode === 90006 ? 10_000 : 1_000;
    return fail({ kind: 'rate_limited', minDelayMs }, err('CONNECTOR_RATE_LIMITED', api, res, errcode, errmsg));
  }
  if (errcode === 90020) return fail({ kind: 'fatal' }, err('CONNECTOR_QUOTA_EXHAUSTED', api, res, errcode, errmsg));
  if (errcode === -1) return fail({ kind: 'transient' }, err('CONNECTOR_UPSTREAM_ERROR', api, res, errcode, errmsg));
  if (errcode === 60020) return fail({ kind: 'fatal' }, err('CONNECTOR_IP_NOT_ALLOWED', api, res, errcode, errmsg));
  if (errcode === 88 || errcode === 60011) {
    return fail({ kind: 'fatal' }, err('CONNECTOR_PERMISSION_DENIED', api, res, body.sub_code ?? errcode, errmsg));
  }
  return fail({ kind: 'fatal' }, err('CONNECTOR_REQUEST_REJECTED', api, res, errcode, errmsg));
}
