import { fail, ok, type Classified } from '../platform/api-caller.js';
import { ConnectorError, type ConnectorErrorCode } from '../platform/errors.js';
import type { HttpResponse } from '../platform/http.js';

/** WeCom answers → the retry classes of platforms.md §1.4/§1.5. */
const TOKEN_INVALID = new Set([40014, 42001, 41001]);
const BAD_CREDENTIALS = new Set([40001, 40013, 40091]);
/** 假期管理: 301062 the app has no 假勤 (leave) permission; 301064 WeCom's internal error. */
const VACATION_NO_PERMISSION = 301062;
const VACATION_INTERNAL = 301064;

function err(code: ConnectorErrorCode, api: string, res: HttpResponse, errcode?: number, errmsg?: string) {
  return new ConnectorError(code, `WeCom ${api}: ${errmsg ?? code}${errcode !== undefined ? ` (${errcode})` : ''}`, {
    platform: 'wecom',
    api,
    httpStatus: res.status,
    errcode,
    errmsg,
  });
}

export function classifyWeCom<T>(api: string, res: HttpResponse, pick: (body: any) => T): Classified<T> {
  if (res.status >= 500) return fail({ kind: 'transient' }, err('CONNECTOR_UPSTREAM_ERROR', api, res, res.status));
  if (res.status === 403 || res.status === 429) {
    return fail({ kind: 'rate_limited', minDelayMs: 1000 }, err('CONNECTOR_RATE_LIMITED', api, res, res.status));
  }
  const body = res.json as Record<string, any> | undefined;
  if (!body || typeof body !== 'object') {
    return fail({ kind: 'transient' }, err('CONNECTOR_BAD_RESPONSE', api, res, res.status, 'non-JSON answer'));
  }
  const errcode = body.errcode === undefined ? 0 : Number(body.errcode);
  const errmsg: string | undefined = typeof body.errmsg === 'string' ? body.errmsg.split(',')[0] : undefined;
  if (errcode === 0 && res.status < 400) return ok(pick(body));
  if (TOKEN_INVALID.has(errcode)) return fail({ kind: 'token_invalid' }, err('CONNECTOR_TOKEN_INVALID', api, res, errcode, errmsg));
  if (BAD_CREDENTIALS.has(errcode)) {
    return fail({ kind: 'bad_credentials' }, err('CONNECTOR_BAD_CREDENTIALS', api, res, errcode, errmsg));
  }
  if (errcode === 45009 || errcode === 45033) {
    return fail({ kind: 'rate_limited', minDelayMs: 1000 }, err('CONNECTOR_RATE_LIMITED', api, res, errcode, errmsg));
  }
  if (errcode === -1 || errcode === VACATION_INTERNAL) return fail({ kind: 'transient' }, err('CONNECTOR_UPSTREAM_ERROR', api, res, errcode, errmsg));
  if (errcode === 60020) return fail({ kind: 'fatal' }, err('CONNECTOR_IP_NOT_ALLOWED', api, res, errcode, errmsg));
  if (errcode === 81013) return fail({ kind: 'fatal' }, err('CONNECTOR_INVALID_RECIPIENTS', api, res, errcode, errmsg));
  if (errcode === 48002 || errcode === 60011 || errcode === 301002 || errcode === VACATION_NO_PERMISSION) {
    return fail({ kind: 'fatal' }, err('CONNECTOR_PERMISSION_DENIED', api, res, errcode, errmsg));
  }
  return fail({ kind: 'fatal' }, err('CONNECTOR_REQUEST_REJECTED', api, res, errcode, errmsg));
}
