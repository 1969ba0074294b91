/**
 * Bounded inputs: dates, months and instants outside 1970…2199 are refused with a code naming
 * the field; ranges have maxima; day arithmetic cannot run away; punches from the future are
 * quarantined and absurd ones refused, counted and visible to HR; a device clock running ahead shows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, eachDate } from '../../src/shared/dates.js';
import { addDays as platformAddDays } from '../../src/sources/platform/zone.js';
import { datesBetween } from '../../src/modules/attendance/setup-readers.js';
import { isSupportedDate, isSupportedInstant, isSupportedMonth, MAX_INSTANT_MS } from '../../src/shared/bounds.js';
import { parseIsoInstant } from '../../src/shared/time.js';
import type { CheckinInput } from '../../src/sources/types.js';
import { renderEventPush } from '../../src/sources/hikvision/simulator.js';
import { sourcePlugins } from '../../src/sources/plugins.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('the supported window and day arithmetic', () => {
  it('accepts 1970-01-01…2199-12-31 and nothing else', () => {
    expect(isSupportedDate('1970-01-01')).toBe(true);
    expect(isSupportedDate('2199-12-31')).toBe(true);
    for (const d of ['1969-12-31', '2200-01-01', '9999-12-31', '2026-02-30', '+010000-01-01', '']) expect(isSupportedDate(d)).toBe(false);
    expect(isSupportedMonth('2199-12')).toBe(true);
    expect(isSupportedMonth('9999-12')).toBe(false);
    expect(isSupportedInstant(MAX_INSTANT_MS)).toBe(true);
    for (const ms of [MAX_INSTANT_MS + 1, -1, 1e300, Number.NaN, Infinity, 1.5]) expect(isSupportedInstant(ms)).toBe(false);
    expect(parseIsoInstant('9999-12-31T08:00:00+08:00')).toBeNull();
    expect(parseIsoInstant('2026-03-10T08:55:12+08:00')).not.toBeNull();
  });

  it('addDays never yields a five-digit year: it throws a 400 instead', () => {
    expect(() => addDays('9999-12-31', 1)).toThrowError(/outside the supported dates/);
    expect(() => platformAddDays('9999-12-31', 1)).toThrowError(/outside the supported dates/);
    expect(addDays('2199-12-31', 1)).toBe('2200-01-01');
    // The loop shape used across the code base ends even with an unchecked far end.
    const started = Date.now();
    expect(() => {
      for (let d = '2026-01-01'; d <= '9999-12-31'; d = addDays(d, 1));
    }).toThrowError(/outside the supported dates/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('day iterators refuse runaway spans before building anything', () => {
    expect(() => eachDate('1970-01-01', '9999-12-31')).toThrowError(/RANGE_TOO_LONG|at most/);
    expect(() => datesBetween('1970-01-01', '9999-12-31')).toThrowError(/longer than/);
    expect(eachDate('2026-03-01', '2026-03-03')).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(eachDate('2026-03-03', '2026-03-01')).toEqual([]);
  });
});

describeEachDb('bounded inputs through the API, devices and ingest', (db) => {
  let t: TestApp;
  const NOW = Date.parse('2026-03-02T08:00:00Z');
  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => NOW, plugins: sourcePlugins });
  });

  it('far dates on every day-walking route answer 4xx fast, naming the field', async () => {
    const far = [
      `/api/v1/attendance/days?companyId=${t.companyId}&from=2026-01-01&to=9999-12-31`,
      `/api/v1/attendance/monthly?companyId=${t.companyId}&month=9999-12`,
      `/api/v1/attendance/dashboard?companyId=${t.companyId}&date=9999-12-31`,
      `/api/v1/rosters?companyId=${t.companyId}&from=2026-01-01&to=9999-12-31`,
      `/api/v1/checkins?companyId=${t.companyId}&from=1969-01-01`,
      `/api/v1/reports/monthly?companyId=${t.companyId}&month=9999-12`,
      `/api/v1/reports/daily?companyId=${t.companyId}&from=2026-01-01&to=9999-12-31`,
    ];
    for (const url of far) {
      const started = Date.now();
      const r = await t.as('hr').get(url);
      expect(r.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, url).toBeLessThan(500);
      expect(r.json().error.code, url).toMatch(/DATE_OUT_OF_RANGE|INVALID_DATE|INVALID_MONTH|ROUTE_NOT_FOUND|RANGE_TOO_LONG/);
      expect(Date.now() - started, url).toBeLessThan(500);
    }
    const days = (await t.as('employee').get(`/api/v1/attendance/days?companyId=${t.companyId}&from=2026-01-01&to=9999-12-31`)).json();
    expect(days.error).toMatchObject({ code: 'DATE_OUT_OF_RANGE' });
    expect(days.error.details.problems[0].path).toBe('querystring.to');
    const recompute = await t.as('hr').post('/api/v1/attendance/recompute', { companyId: t.companyId, month: '9999-12' });
    expect(recompute.json().error.code).toBe('DATE_OUT_OF_RANGE');
  });

  it('a leave request longer than a year is refused before any work', async () => {
    const r = await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: '1970-01-01', toDate: '2199-12-31' });
    expect(r.statusCode).toBe(400);
    expect(JSON.stringify(r.json())).toContain('RANGE_TOO_LONG');
    const far = await t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'annual', fromDate: '9999-12-30', toDate: '9999-12-31' });
    expect(far.statusCode).toBe(400);
  });

  it('the API refuses absurd instants', async () => {
    for (const item of [{ atMs: 253402300799000 }, { time: '9999-12-31T08:00:00+08:00' }, { atMs: -1 }]) {
      const r = await t.as('hr').post('/api/v1/checkins', { companyId: t.companyId, items: [{ jobNumber: 'E001', ...item }] });
      expect(r.statusCode, JSON.stringify(item)).toBe(400);
    }
  });

  it('ingest quarantines future punches and refuses absurd ones, counted and visible to HR', async () => {
    const punch = (key: string, atMs: number): CheckinInput => ({
      source: 'zkteco',
      sourceRecordId: null,
      idempotencyKey: key,
      identity: { provider: 'job_number', tenant: '', externalId: 'E001' },
      atMs,
      wallTime: '2026-03-02T16:00:00',
      utcOffsetMin: 480,
      timeZone: 'Asia/Shanghai',
      deviceSn: 'SKEW1',
      verifyMethod: null,
      direction: null,
      location: null,
      photoRef: null,
      raw: null,
    });
    const r = await t.services.checkins.ingest(t.companyId, [
      punch('k-now', NOW - 60_000),
      punch('k-far', 253402300799000),
      punch('k-ahead', NOW + 3 * 3_600_000),
      punch('k-skew-ok', NOW + 2 * 60_000),
    ]);
    expect(r).toMatchObject({ created: 3, rejected: 1 });
    expect(r.items.map((i) => i.outcome)).toEqual(['created', 'rejected', 'created', 'created']);
    expect(r.items[1].error?.code).toBe('INSTANT_OUT_OF_RANGE');
    const rows = await db().database.db.selectFrom('checkins').select(['idempotency_key', 'hold_reason']).where('device_sn', '=', 'SKEW1').orderBy('idempotency_key').execute();
    expect(rows).toEqual([
      { idempotency_key: 'k-ahead', hold_reason: 'clock_ahead' },
      { idempotency_key: 'k-now', hold_reason: null },
      { idempotency_key: 'k-skew-ok', hold_reason: null },
    ]);
    const held = (await t.as('hr').get(`/api/v1/checkins?companyId=${t.companyId}&held=true`)).json();
    expect(held.items.map((c: { holdReason: string }) => c.holdReason)).toEqual(['clock_ahead']);
    const rejected = (await t.as('hr').get(`/api/v1/checkins/rejected?companyId=${t.companyId}`)).json();
    expect(rejected.total).toBe(1);
    expect(rejected.items[0]).toMatchObject({ source: 'zkteco', reason: 'INSTANT_OUT_OF_RANGE', rejected: 1, punches: [{ idempotencyKey: 'k-far', atMs: 253402300799000 }] });
    expect((await t.as('employee').get(`/api/v1/checkins/rejected?companyId=${t.companyId}`)).statusCode).toBe(403);
  });

  it('a device whose clock runs ahead shows its measured skew, and its future punches do not count', async () => {
    const serial = `AHEAD${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
    const iclock = (method: 'GET' | 'POST', url: string, payload?: string) =>
      t.app.inject({ method, url, ...(payload !== undefined ? { payload: Buffer.from(payload), headers: { 'content-type': 'text/plain' } } : {}) });
    await iclock('GET', `/iclock/cdata?SN=${serial}&options=all&pushver=2.4.1`);
    const device = await db().database.db.selectFrom('devices').select('id').where('serial_number', '=', serial).executeTakeFirstOrThrow();
    expect((await t.as('admin').post(`/api/v1/devices/${device.id}/approve`, { companyId: t.companyId })).statusCode).toBe(200);
    // NOW is 16:00 in Shanghai; the device says 18:00.
    const res = await iclock('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=1`, 'E001\t2026-03-02 18:00:00\t0\t1\t0\t0\t0\n');
    expect(res.statusCode).toBe(200);
    await t.services.deviceGateway.flush();
    const detail = (await t.as('admin').get(`/api/v1/devices/${device.id}`)).json();
    expect(detail.clockSkewMs).toBe(2 * 3_600_000);
    expect(detail.recentEvents.map((e: { kind: string }) => e.kind)).toContain('clock_skew');
    const row = await db().database.db.selectFrom('checkins').select('hold_reason').where('device_sn', '=', serial).executeTakeFirstOrThrow();
    expect(row.hold_reason).toBe('clock_ahead');
  });

  it('starting a recompute or an import is audited with its user, and imported punches name the importer', async () => {
    const rc = await t.as('hr').post('/api/v1/attendance/recompute', { companyId: t.companyId, month: '2026-03' });
    expect(rc.statusCode).toBeLessThan(300);
    const audit = (action: string) => db().database.db.selectFrom('audit_log').select(['actor_name', 'actor_user_id', 'after']).where('action', '=', action).where('company_id', '=', t.companyId).execute();
    const started = await audit('attendance.recompute_requested');
    expect(started).toHaveLength(1);
    expect(started[0].actor_name).toMatch(/^hr-/);
    expect(started[0].actor_user_id).not.toBeNull();

    const serial = `IMP${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
    await t.app.inject({ method: 'GET', url: `/iclock/cdata?SN=${serial}&options=all&pushver=2.4.1` });
    const device = await db().database.db.selectFrom('devices').select('id').where('serial_number', '=', serial).executeTakeFirstOrThrow();
    await t.as('admin').post(`/api/v1/devices/${device.id}/approve`, { companyId: t.companyId });
    const contentBase64 = Buffer.from('E001\t2026-03-01 09:00:00\t0\t1\t0\t0\t0\n').toString('base64');
    const imported = await t.as('hr').post(`/api/v1/devices/${device.id}/import?dryRun=false`, { filename: 'attlog.dat', contentBase64 });
    expect(imported.json()).toMatchObject({ stored: 1 });
    const importStarted = await audit('device.import_started');
    expect(importStarted.map((a) => a.actor_name)).toEqual([started[0].actor_name]);
    await t.services.deviceGateway.flush();
    const punch = await db().database.db.selectFrom('checkins').select(['id', 'raw']).where('device_sn', '=', serial).executeTakeFirstOrThrow();
    expect(JSON.parse(punch.raw!).importedBy).toMatchObject({ name: started[0].actor_name, filename: 'attlog.dat' });
  });

  it('a terminal whose clock runs behind shows it from its heartbeat', async () => {
    const serial = `BEHIND${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
    // NOW is 16:00 in Shanghai; the terminal's heartbeat says 15:40.
    const { contentType, body } = renderEventPush({ ipAddress: '192.168.1.64', dateTime: '2026-03-02T15:40:00+08:00', eventType: 'heartBeat' });
    const res = await t.app.inject({ method: 'POST', url: `/isapi/events/${serial}`, payload: body, headers: { 'content-type': contentType } });
    expect(res.statusCode).toBe(200);
    await t.services.deviceGateway.flush();
    const device = await db().database.db.selectFrom('devices').select('id').where('serial_number', '=', serial).executeTakeFirstOrThrow();
    const detail = (await t.as('admin').get(`/api/v1/devices/${device.id}`)).json();
    expect(detail.clockSkewMs).toBe(-20 * 60_000);
    expect(detail.recentEvents.find((e: { kind: string }) => e.kind === 'clock_skew')?.details).toMatchObject({ skewMs: -20 * 60_000 });
  });
});
