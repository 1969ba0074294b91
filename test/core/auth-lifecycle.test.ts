/**
 * The life of a credential, on an injected clock: sessions expire, locks lift, logout and password
 * changes end sessions, admin resets and deactivation end sessions and tokens, one-time passwords
 * open nothing but the auth endpoints, tokens expire and show when they were last used, the login
 * limits, and cross-site refusal. A second source address (127.0.0.2) shows that a lockout holds
 * only where the failures came from.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/modules/auth/auth.service.js';
import { loadConfig } from '../../src/config.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.js';

const HOUR = 3_600_000;
const STRANGER = '127.0.0.2';

describeEachDb('auth lifecycle', (db) => {
  let t: TestApp;
  let clock = Date.UTC(2026, 2, 9, 1, 0, 0);
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => clock });
  });
  afterAll(async () => {
    await t?.app.close();
  });

  const inject = (o: InjectOptions) => t.app.inject(o);
  const login = (username: string, password = TEST_PASSWORD, remoteAddress = '127.0.0.1') =>
    inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
  const cookieOf = (res: Awaited<ReturnType<typeof login>>) => `daka_session=${res.cookies.find((c) => c.name === 'daka_session')!.value}`;
  const me = (cookie: string) => inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
  /** A fresh employee-role user of the test company, so each test stands alone. */
  const freshUser = async (role: 'employee' | 'hr' | 'admin' = 'employee', mustChange = 0) => {
    const username = `u${++n}-${Math.random().toString(36).slice(2, 7)}`;
    const u = await t.database.db
      .insertInto('users')
      .values({ username, display_name: username, password_hash: await hashPassword(TEST_PASSWORD), role, employee_id: null, locale: null, status: 'active', failed_logins: 0, must_change_password: mustChange, created_at_ms: clock, updated_at_ms: clock })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db.insertInto('user_companies').values({ user_id: u.id, company_id: t.companyId }).execute();
    return { id: u.id, username };
  };
  /** An admin session opened now (the clock moves between tests). */
  const asAdmin = async () => {
    const cookie = cookieOf(await login((await freshUser('admin')).username));
    return {
      post: (url: string, payload: object) => inject({ method: 'POST', url, headers: { cookie }, payload }),
      patch: (url: string, payload: object) => inject({ method: 'PATCH', url, headers: { cookie }, payload }),
    };
  };

  it('ends a session at its fixed expiry, and logout ends it at once', async () => {
    const u = await freshUser();
    const a = cookieOf(await login(u.username));
    const b = cookieOf(await login(u.username));
    clock += 12 * HOUR - 1000;
    expect((await me(a)).statusCode).toBe(200);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: b } })).statusCode).toBe(204);
    expect((await me(b)).statusCode).toBe(401);
    clock += 1000;
    expect((await me(a)).statusCode).toBe(401);
  });

  it('locks a username only from the address the failures came from, and unlocks after the lock period', async () => {
    const u = await freshUser();
    for (let i = 0; i < 5; i++) expect((await login(u.username, 'wrong-password', STRANGER)).json().error.code).toBe('INVALID_CREDENTIALS');
    const locked = await login(u.username, TEST_PASSWORD, STRANGER);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('LOGIN_LOCKED');
    // The owner, from their own address, is not locked out by a stranger.
    expect((await login(u.username)).statusCode).toBe(200);
    clock += 15 * 60_000 - 1000;
    expect((await login(u.username, TEST_PASSWORD, STRANGER)).statusCode).toBe(429);
    clock += 1000;
    expect((await login(u.username, TEST_PASSWORD, STRANGER)).statusCode).toBe(200);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'user').where('entity_id', '=', String(u.id)).execute();
    expect(audit.map((a) => a.action)).toContain('auth.lockout');
  });

  it('treats a username that does not exist like a wrong password, lockout included', async () => {
    const ghost = `nobody-${Math.random().toString(36).slice(2, 8)}`;
    const real = await freshUser();
    for (let i = 0; i < 5; i++) {
      const [g, r] = [await login(ghost, 'x-password', STRANGER), await login(real.username, 'x-password', STRANGER)];
      expect([g.statusCode, g.json()]).toEqual([r.statusCode, r.json()]);
    }
    const [g, r] = [await login(ghost, 'x-password', STRANGER), await login(real.username, 'x-password', STRANGER)];
    expect(g.statusCode).toBe(429);
    expect(g.json().error.code).toBe('LOGIN_LOCKED');
    expect(g.json().error.code).toBe(r.json().error.code);
  });

  it('a password change ends the other sessions and keeps the one that changed it', async () => {
    const u = await freshUser();
    const a = cookieOf(await login(u.username));
    const b = cookieOf(await login(u.username));
    const res = await inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie: a }, payload: { currentPassword: TEST_PASSWORD, newPassword: 'a-new-password-2' } });
    expect(res.statusCode).toBe(204);
    expect((await me(a)).statusCode).toBe(200);
    expect((await me(b)).statusCode).toBe(401);
    expect((await login(u.username)).statusCode).toBe(401);
    expect((await login(u.username, 'a-new-password-2')).statusCode).toBe(200);
  });

  it('an admin reset ends all sessions, revokes all tokens, and the new password opens only the auth endpoints until changed', async () => {
    const u = await freshUser('hr');
    const cookie = cookieOf(await login(u.username));
    const token = (await inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie }, payload: { name: 'ci', scopes: ['read'] } })).json().secret as string;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await inject({ method: 'GET', url: '/api/v1/employees', headers: bearer })).statusCode).toBe(200);
    expect((await (await asAdmin()).post(`/api/v1/users/${u.id}/reset-password`, { password: 'one-time-pass-9' })).statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await inject({ method: 'GET', url: '/api/v1/employees', headers: bearer })).statusCode).toBe(401);

    const once = cookieOf(await login(u.username, 'one-time-pass-9'));
    expect((await me(once)).json().user.mustChangePassword).toBe(true);
    const refused = await inject({ method: 'GET', url: '/api/v1/employees', headers: { cookie: once } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: once }, payload: { name: 'x', scopes: ['read'] } })).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie: once }, payload: { currentPassword: 'one-time-pass-9', newPassword: 'my-own-password-1' } })).statusCode).toBe(204);
    expect((await inject({ method: 'GET', url: '/api/v1/employees', headers: { cookie: once } })).statusCode).toBe(200);
  });

  it('deactivation ends all sessions and revokes all tokens', async () => {
    const u = await freshUser('hr');
    const cookie = cookieOf(await login(u.username));
    const token = (await inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie }, payload: { name: 'ci', scopes: ['read'] } })).json().secret as string;
    expect((await (await asAdmin()).patch(`/api/v1/users/${u.id}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
    const row = await t.database.db.selectFrom('api_tokens').select('revoked_at_ms').where('user_id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.revoked_at_ms).toBe(clock);
    // Re-enabling the account does not bring the token back.
    expect((await (await asAdmin()).patch(`/api/v1/users/${u.id}`, { status: 'active' })).statusCode).toBe(200);
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('a token stops at its expiry and shows when it was last used, written at most once a minute', async () => {
    const u = await freshUser('hr');
    const cookie = cookieOf(await login(u.username));
    const created = (await inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie }, payload: { name: 'ci', scopes: ['read'], expiresAtMs: clock + HOUR } })).json();
    const bearer = { authorization: `Bearer ${created.secret}` };
    const lastUsed = async () => (await inject({ method: 'GET', url: '/api/v1/tokens', headers: { cookie } })).json().items.find((x: { id: number }) => x.id === created.token.id).lastUsedAtMs;
    expect(await lastUsed()).toBeNull();
    const first = clock;
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(200);
    expect(await lastUsed()).toBe(first);
    clock += 30_000;
    await inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(await lastUsed()).toBe(first);
    clock += 31_000;
    await inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(await lastUsed()).toBe(clock);
    clock = first + HOUR;
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(401);
  });

  it('refuses cookie mutations from another site, and body-less text/plain posts; tokens are unaffected', async () => {
    const u = await freshUser('hr');
    const cookie = cookieOf(await login(u.username));
    const post = (headers: Record<string, string>, extra: Partial<InjectOptions> = {}) =>
      inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie, ...headers }, payload: { name: 'x', scopes: ['read'] }, ...extra });
    expect((await post({ origin: 'https://evil.example' })).json().error.code).toBe('CROSS_SITE_REQUEST');
    expect((await post({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    expect((await post({ origin: 'null' })).statusCode).toBe(403);
    expect((await post({ origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await post({ origin: 'http://localhost:80' })).statusCode).toBe(201);
    // Behind a reverse proxy the Host may differ from the page's origin; the browser's own verdict counts.
    expect((await post({ origin: 'https://daka.example.cn', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await post({})).statusCode).toBe(201);
    // GETs are not mutations.
    expect((await inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(200);
    // A form can post text/plain without a preflight: the API takes JSON only.
    const logoutPlain = await inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'content-type': 'text/plain' }, payload: '' });
    expect(logoutPlain.statusCode).toBe(415);
    const formish = await inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie, 'content-type': 'text/plain' }, payload: '{"name":"x","scopes":["read"]}' });
    expect(formish.statusCode).toBe(415);
    expect(formish.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const token = (await post({})).json().secret as string;
    const viaToken = await inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(viaToken.statusCode).toBe(204);
  });
});

describeEachDb('login rate limit per source address', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(db(), { env: { DAKA_LOGIN_RATE_PER_MINUTE: '30' } });
  });
  afterAll(async () => {
    await t?.app.close();
  });

  it('limits login attempts per address over all usernames, and other addresses keep their own budget', async () => {
    const attempt = (i: number, remoteAddress: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `who-${i}`, password: 'x' }, remoteAddress });
    for (let i = 0; i < 30; i++) expect((await attempt(i, '127.0.0.3')).statusCode).toBe(401);
    const limited = await attempt(99, '127.0.0.3');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect((await attempt(100, '127.0.0.4')).statusCode).toBe(401);
  });

  it('defaults high enough for an office behind one address, with a strict per-account limit', () => {
    const config = loadConfig({});
    expect(config.loginPerAddressPerMinute).toBeGreaterThanOrEqual(300);
    expect(config.loginMaxFailures).toBeLessThanOrEqual(10);
    expect(() => loadConfig({ DAKA_LOGIN_RATE_PER_MINUTE: '0' })).toThrow(/DAKA_LOGIN_RATE_PER_MINUTE/);
  });
});
