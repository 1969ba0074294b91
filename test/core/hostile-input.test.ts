import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { describeEachDb } from '../helpers/test-db.js';

describeEachDb('hostile requests answer 4xx with the error shape', (getDb) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(getDb());
  });
  afterAll(async () => {
    await t.app.close();
  });
  const shaped = (r: { statusCode: number; json(): any }, status: number, code?: string) => {
    expect(r.statusCode).toBe(status);
    const body = r.json();
    expect(typeof body.error.code).toBe('string');
    expect(typeof body.error.message).toBe('string');
    if (code) expect(body.error.code).toBe(code);
    return body;
  };

  it('far dates are refused with DATE_OUT_OF_RANGE naming the field', async () => {
    const r = await t.as('employee').get(`/api/v1/attendance/days?companyId=${t.companyId}&from=2026-01-01&to=9999-12-31`);
    const body = shaped(r, 400, 'DATE_OUT_OF_RANGE');
    expect(body.error.details.problems[0].path).toBe('querystring.to');
    shaped(await t.as('hr').get(`/api/v1/attendance/monthly?companyId=${t.companyId}&month=9999-12`), 400, 'DATE_OUT_OF_RANGE');
    shaped(await t.as('hr').get(`/api/v1/rosters?companyId=${t.companyId}&from=1969-12-31&to=1970-01-02`), 400);
  });

  it('non-finite and huge numbers in paging and ids', async () => {
    for (const q of ['page=1e400', 'page=Infinity', 'page=NaN', 'pageSize=-1', 'page=99999999999999999999']) {
      shaped(await t.as('hr').get(`/api/v1/employees?companyId=${t.companyId}&${q}`), 400);
    }
    for (const id of ['18446744073709551616', '1e300', '-1', 'NaN']) shaped(await t.as('hr').get(`/api/v1/employees/${id}`), 400);
  });

  it('NUL in the URL or a JSON body', async () => {
    shaped(await t.as('hr').get(`/api/v1/employees?companyId=${t.companyId}&q=a%00b`), 400, 'NUL_CHARACTER');
    const r = await t.as('hr').inject({ method: 'POST', url: '/api/v1/employees', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ companyId: t.companyId, jobNumber: 'N1', name: 'a\u0000b' }) });
    shaped(r, 400, 'NUL_CHARACTER');
  });

  it('JSON nested thousands of levels deep', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const r = await t.as('hr').inject({ method: 'POST', url: '/api/v1/employees', headers: { 'content-type': 'application/json' }, payload: `{"companyId":${t.companyId},"x":${deep}}` });
    shaped(r, 400, 'JSON_TOO_DEEP');
  });

  it('empty PATCH bodies', async () => {
    shaped(await t.as('admin').patch(`/api/v1/companies/${t.companyId}`, {}), 400, 'EMPTY_PATCH');
    shaped(await t.as('admin').inject({ method: 'PATCH', url: `/api/v1/companies/${t.companyId}` }), 400);
  });

  it('a companyId that does not exist is 404', async () => {
    const r = await t.as('admin').post('/api/v1/departments', { companyId: 987654321, name: 'X' });
    expect([403, 404]).toContain(r.statusCode);
    shaped(r, r.statusCode);
  });

  it('bad URL encoding and over-long path parameters', async () => {
    shaped(await t.as('hr').get('/api/v1/employees/%E0%A4%A'), 400);
    const long = await t.as('hr').get(`/api/v1/employees/${'9'.repeat(500)}`);
    expect([400, 404, 414]).toContain(long.statusCode);
    shaped(long, long.statusCode);
  });

  it('a malformed token cookie on device routes', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/iclock/cdata?SN=ABC123456', headers: { cookie: 'token=%E0%A4%A; token=; =x' } });
    expect(r.statusCode).toBeLessThan(500);
  });
});

/** Raw HTTP over a socket: what a slow or broken client sends, and everything the server answers. */
function rawExchange(port: number, send: (write: (s: string) => void) => void, waitMs: number): Promise<{ text: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = () => resolve({ text, ms: Date.now() - started });
    socket.on('data', (d) => (text += d.toString()));
    socket.on('close', done);
    socket.on('error', done);
    socket.on('connect', () => send((s) => socket.write(s)));
    setTimeout(() => socket.destroy(), waitMs);
  });
}

describe('slow and oversized requests on a real socket', () => {
  let t: TestApp;
  let port: number;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await createTestDb('sqlite');
    drop = db.drop;
    t = await createTestApp(db, { env: { DAKA_REQUEST_TIMEOUT_SECONDS: '1' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await t.app.close();
    await drop();
  });

  it('a body that trickles in is cut off with 408 in the error shape (API and device routes)', async () => {
    for (const path of ['/api/v1/auth/login', '/iclock/cdata?SN=SLOW0001&table=ATTLOG']) {
      const r = await rawExchange(
        port,
        (write) => {
          write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
          const timer = setInterval(() => write(' '), 200);
          setTimeout(() => clearInterval(timer), 5000);
        },
        6000,
      );
      expect(r.text).toMatch(/^HTTP\/1\.1 408/);
      expect(JSON.parse(r.text.slice(r.text.indexOf('\r\n\r\n') + 4)).error.code).toBe('REQUEST_TIMEOUT');
      expect(r.ms).toBeLessThan(4000);
    }
  });

  it('headers or URL over the limit answer 431 in the error shape', async () => {
    const r = await rawExchange(port, (write) => write(`GET /api/v1/employees?x=${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`), 3000);
    expect(r.text).toMatch(/^HTTP\/1\.1 431/);
    expect(JSON.parse(r.text.slice(r.text.indexOf('\r\n\r\n') + 4)).error.code).toBe('HEADERS_TOO_LARGE');
  });
});
