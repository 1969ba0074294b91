import { describe, expect, it } from 'vitest';
import { classifyDingTalk } from '../../../src/sources/dingtalk/classify.js';
import { classifyWeCom } from '../../../src/sources/wecom/classify.js';
import type { HttpResponse } from '../../../src/sources/platform/http.js';

const res = (status: number, body: unknown, text?: string): HttpResponse => ({
  status,
  contentType: typeof body === 'undefined' ? 'text/html' : 'application/json',
  text: text ?? JSON.stringify(body),
  json: body,
});
const html = res(200, undefined, '<html>访问受限</html>');

describe('DingTalk response classes (platforms.md §1.5)', () => {
  it.each([
    ['ok', res(200, { errcode: 0, result: 1 }), 'ok', undefined],
    ['v1.0 ok without errcode', res(200, { accessToken: 'x' }), 'ok', undefined],
    ['40014 invalid token', res(200, { errcode: 40014 }), 'token_invalid', 'CONNECTOR_TOKEN_INVALID'],
    ['42001 expired token', res(200, { errcode: 42001 }), 'token_invalid', 'CONNECTOR_TOKEN_INVALID'],
    ['v1.0 InvalidAuthentication', res(400, { code: 'InvalidAuthentication', message: '不合法的access_token' }), 'token_invalid', 'CONNECTOR_TOKEN_INVALID'],
    ['40089 bad key/secret', res(200, { errcode: 40089 }), 'bad_credentials', 'CONNECTOR_BAD_CREDENTIALS'],
    ['v1.0 invalidClientIdOrSecret', res(400, { code: 'invalidClientIdOrSecret' }), 'bad_credentials', 'CONNECTOR_BAD_CREDENTIALS'],
    ['90018 app QPS', res(200, { errcode: 90018 }), 'rate_limited', 'CONNECTOR_RATE_LIMITED'],
    ['90002 global QPS', res(200, { errcode: 90002 }), 'rate_limited', 'CONNECTOR_RATE_LIMITED'],
    ['90006 per-minute', res(200, { errcode: 90006 }), 'rate_limited', 'CONNECTOR_RATE_LIMITED'],
    ['v1.0 403 QPS', res(403, { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi' }), 'rate_limited', 'CONNECTOR_RATE_LIMITED'],
    ['90020 monthly quota', res(200, { errcode: 90020 }), 'fatal', 'CONNECTOR_QUOTA_EXHAUSTED'],
    ['v1.0 403 org count limit', res(403, { code: 'Forbidden.AccessDenied.ApiCountLimitForOrg' }), 'fatal', 'CONNECTOR_QUOTA_EXHAUSTED'],
    ['HTML page = throttle page (a ban only if it repeats)', html, 'throttle_page', 'CONNECTOR_IP_BANNED'],
    ['JSON punish deny', res(200, { status: 1111, wait: 5, punish: 'deny' }), 'ip_banned', 'CONNECTOR_IP_BANNED'],
    ['-1 busy', res(200, { errcode: -1 }), 'transient', 'CONNECTOR_UPSTREAM_ERROR'],
    ['502 gateway page', res(502, undefined, '<html>502</html>'), 'transient', 'CONNECTOR_UPSTREAM_ERROR'],
    ['60020 IP not allowed', res(200, { errcode: 60020 }), 'fatal', 'CONNECTOR_IP_NOT_ALLOWED'],
    ['88 permission', res(200, { errcode: 88, sub_code: '60011' }), 'fatal', 'CONNECTOR_PERMISSION_DENIED'],
    ['other errcode', res(200, { errcode: 40035, errmsg: '参数错误' }), 'fatal', 'CONNECTOR_REQUEST_REJECTED'],
  ])('%s', (_n, r, kind, code) => {
    const c = classifyDingTalk('/x', r, (b) => b);
    if (kind === 'ok') return expect(c.ok).toBe(true);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.failure.kind).toBe(kind);
      expect(c.error.code).toBe(code);
    }
  });

  it('uses the wait the ban page states, and a longer delay for the per-minute limit', () => {
    const ban = classifyDingTalk('/x', res(200, { status: 1111, wait: 5, punish: 'deny' }), (b) => b);
    expect(!ban.ok && ban.failure).toEqual({ kind: 'ip_banned', minDelayMs: 5000 });
    const minute = classifyDingTalk('/x', res(200, { errcode: 90006 }), (b) => b);
    expect(!minute.ok && minute.failure).toEqual({ kind: 'rate_limited', minDelayMs: 10_000 });
  });
});

describe('WeCom response classes', () => {
  it.each([
    ['ok', res(200, { errcode: 0, errmsg: 'ok' }), 'ok', undefined],
    ['40014', res(200, { errcode: 40014 }), 'token_invalid', 'CONNECTOR_TOKEN_INVALID'],
    ['42001', res(200, { errcode: 42001 }), 'token_invalid', 'CONNECTOR_TOKEN_INVALID'],
    ['41001 missing', res(200, { errcode: 41001 }), 'token_invalid', 'CONNECTOR_TOKEN_INVALID'],
    ['40001 secret', res(200, { errcode: 40001 }), 'bad_credentials', 'CONNECTOR_BAD_CREDENTIALS'],
    ['40013 corpid', res(200, { errcode: 40013 }), 'bad_credentials', 'CONNECTOR_BAD_CREDENTIALS'],
    ['45009 frequency', res(200, { errcode: 45009 }), 'rate_limited', 'CONNECTOR_RATE_LIMITED'],
    ['HTTP 403', res(403, undefined, 'Forbidden'), 'rate_limited', 'CONNECTOR_RATE_LIMITED'],
    ['-1 busy', res(200, { errcode: -1 }), 'transient', 'CONNECTOR_UPSTREAM_ERROR'],
    ['503', res(503, undefined, ''), 'transient', 'CONNECTOR_UPSTREAM_ERROR'],
    ['HTML at 200', html, 'transient', 'CONNECTOR_BAD_RESPONSE'],
    ['81013 recipients', res(200, { errcode: 81013 }), 'fatal', 'CONNECTOR_INVALID_RECIPIENTS'],
    ['60020 IP', res(200, { errcode: 60020 }), 'fatal', 'CONNECTOR_IP_NOT_ALLOWED'],
    ['301024 span', res(200, { errcode: 301024 }), 'fatal', 'CONNECTOR_REQUEST_REJECTED'],
  ])('%s', (_n, r, kind, code) => {
    const c = classifyWeCom('/x', r, (b) => b);
    if (kind === 'ok') return expect(c.ok).toBe(true);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.failure.kind).toBe(kind);
      expect(c.error.code).toBe(code);
      expect(c.error.info.platform).toBe('wecom');
    }
  });
});
