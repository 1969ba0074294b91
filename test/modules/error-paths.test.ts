/**
 * Error answers that no other test reaches, each through the API: the status, the stable code,
 * the field it names, and that the refused call changed nothing (same rows, no audit entry,
 * no queued recompute).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PDF_MAX_CELLS } from '../../src/modules/reports/reports.service.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Monday 2026-03-16, noon in Shanghai: the clock of the app under test. */
const NOW = Date.parse('2026-03-16T12:00:00+08:00');
const WATCHED = ['devices', 'requests', 'roster_entries', 'attendance_groups', 'attendance_days', 'audit_log', 'jobs'] as const;

describeEachDb('error paths', (db) => {
  let t: TestApp;
  let staffId: number;
  let shiftId: number;
  let deviceId: number;
  let serial: string;

  /** Every row of the tables a refused call could touch, to compare before and after. */
  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const table of WATCHED) out[table] = await t.database.db.selectFrom(table).selectAll().execute();
    return out;
  };
  /** Sends a call that must be refused, and checks the answer and that nothing changed. */
  const refused = async (call: () => Promise<{ statusCode: number; json(): unknown }>, status: number, code: string, field?: string) => {
    const before = await snapshot();
    const res = await call();
    expect(res.statusCode).toBe(status);
    const error = (res.json() as { error: { code: string; details?: { field?: string; problems?: { path: string; code: string }[] } } }).error;
    expect(error.code).toBe(code);
    if (field) {
      // A single-field error names it in `field`; a list of problems names each path.
      const named = error.details?.field !== undefined ? [error.details.field] : (error.details?.problems ?? []).filter((p) => p.code === undefined || p.code === code).map((p) => p.path);
      expect(named).toEqual([field]);
    }
    expect(await snapshot()).toEqual(before);
    return error;
  };

  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => NOW });
    const hr = t.as('hr');
    staffId = (await t.database.db.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'E001').executeTakeFirstOrThrow()).id;
    expect((await hr.post('/api/v1/leave-types/seed', { companyId: t.companyId })).statusCode).toBe(200);
    const shift = await hr.post('/api/v1/shift-types', { companyId: t.companyId, code: 'D', name: '白班', start: '09:00', end: '18:00' });
    expect(shift.statusCode, shift.body).toBe(201);
    shiftId = shift.json().id;
    serial = `ERR${Date.now()}`;
    const device = await hr.post('/api/v1/devices', { companyId: t.companyId, vendor: 'zkteco', serialNumber: serial, name: '前台' });
    expect(device.statusCode, device.body).toBe(201);
    deviceId = device.json().id;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('DUPLICATE_DEVICE_SERIAL: a second device with a serial that exists is refused', async () => {
    await refused(() => t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor: 'zkteco', serialNumber: serial, name: '另一台' }), 409, 'DUPLICATE_DEVICE_SERIAL', 'body.serialNumber');
  });

  it('DEVICE_NOT_PENDING: approving a device that is already active is refused', async () => {
    await refused(() => t.as('admin').post(`/api/v1/devices/${deviceId}/approve`, { companyId: t.companyId, name: '改名' }), 409, 'DEVICE_NOT_PENDING');
    expect((await t.as('admin').get(`/api/v1/devices/${deviceId}`)).json()).toMatchObject({ status: 'active', name: '前台' });
  });

  it('INVALID_DRAFT: a what-if draft with an unknown knob or an out-of-range value is refused', async () => {
    const whatIf = (draft: object) => () => t.as('hr').post('/api/v1/attendance/what-if', { companyId: t.companyId, month: '2026-03', draft });
    await refused(whatIf({ policy: { dedupeWindowSec: -5 } }), 400, 'INVALID_DRAFT', 'body.draft.policy.dedupeWindowSec');
    await refused(whatIf({ policy: { noSuchKnob: 1 } }), 400, 'INVALID_DRAFT', 'body.draft.policy.noSuchKnob');
    await refused(whatIf({ shifts: { [shiftId]: { graceLateMin: 'late' } } }), 400, 'INVALID_DRAFT', `body.draft.shifts.${shiftId}.graceLateMin`);
  });

  it('UNKNOWN_SHIFT_TYPE: a roster entry or a roster cycle naming a shift the company does not have is refused', async () => {
    const group = await t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, kind: 'roster', name: '排班一组' });
    expect(group.statusCode, group.body).toBe(201);
    expect((await t.as('hr').post(`/api/v1/attendance-groups/${group.json().id}/members`, { employeeId: staffId, effectiveFrom: '2026-03-01' })).statusCode).toBeLessThan(300);
    await refused(
      () => t.as('hr').inject({ method: 'PUT', url: '/api/v1/rosters', payload: { companyId: t.companyId, entries: [{ employeeId: staffId, date: '2026-03-20', shiftTypeId: 999_999 }] } }),
      400,
      'UNKNOWN_SHIFT_TYPE',
      'body.entries[0].shiftTypeId',
    );
    await refused(
      () => t.as('hr').post('/api/v1/attendance-groups', { companyId: t.companyId, kind: 'roster', name: '排班二组', rosterCycle: { startDate: '2026-03-01', shiftTypeIds: [shiftId, 999_999] } }),
      400,
      'UNKNOWN_SHIFT_TYPE',
      'body.rosterCycle.shiftTypeIds[1]',
    );
  });

  it('NOT_IN_ROSTER_GROUP: a roster entry for an employee outside every roster group is refused', async () => {
    const outsider = (await t.database.db.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'M001').executeTakeFirstOrThrow()).id;
    await refused(
      () => t.as('hr').inject({ method: 'PUT', url: '/api/v1/rosters', payload: { companyId: t.companyId, entries: [{ employeeId: outsider, date: '2026-03-20', shiftTypeId: shiftId }] } }),
      400,
      'NOT_IN_ROSTER_GROUP',
      'body.entries[0].employeeId',
    );
  });

  it('CORRECTION_IN_FUTURE: a 补卡 for a time that has not come yet is refused', async () => {
    // One minute after the app's clock, same day.
    await refused(() => t.as('employee').post('/api/v1/requests', { kind: 'correction', time: '2026-03-16T12:01:00+08:00', reason: '忘记打卡' }), 400, 'CORRECTION_IN_FUTURE', 'body.time');
  });

  it('HALF_AND_HOURS and HOURS_SPAN: hourly leave names hours alone, for one date', async () => {
    const leave = (extra: object) => () => t.as('employee').post('/api/v1/requests', { kind: 'leave', leaveType: 'personal', fromDate: '2026-03-18', toDate: '2026-03-18', ...extra });
    await refused(leave({ half: 'am', hours: 2 }), 400, 'HALF_AND_HOURS', 'body.hours');
    await refused(leave({ toDate: '2026-03-19', hours: 2 }), 400, 'HOURS_SPAN', 'body.hours');
  });

  it('PDF_TOO_LARGE: a PDF with more cells than allowed is refused before anything is rendered or audited', async () => {
    const csv = await t.as('hr').get(`/api/v1/reports/monthly?companyId=${t.companyId}&month=2026-03&format=csv`);
    expect(csv.statusCode).toBe(200);
    const columns = csv.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',').length;
    // Enough employees that one row each overflows the cell budget.
    const need = Math.ceil((PDF_MAX_CELLS + 1) / columns);
    const rows = Array.from({ length: need }, (_, i) => ({
      company_id: t.companyId, job_number: `P${i}`, name: `员工${i}`, email: null, mobile: null, department_id: null, manager_id: null, site_id: null, time_zone: null,
      hire_date: '2025-01-01', leave_date: null, status: 'active' as const, created_at_ms: NOW, updated_at_ms: NOW,
    }));
    for (let i = 0; i < rows.length; i += 500) await t.database.db.insertInto('employees').values(rows.slice(i, i + 500)).execute();
    const error = await refused(() => t.as('hr').get(`/api/v1/reports/monthly?companyId=${t.companyId}&month=2026-03&format=pdf`), 400, 'PDF_TOO_LARGE');
    const details = error.details as unknown as { rows: number; columns: number; maxCells: number };
    expect(details.maxCells).toBe(PDF_MAX_CELLS);
    expect(details.rows * details.columns).toBeGreaterThan(PDF_MAX_CELLS);
    expect(details.columns).toBe(columns);
    // The same report as XLSX is still served.
    expect((await t.as('hr').get(`/api/v1/reports/monthly?companyId=${t.companyId}&month=2026-03&format=xlsx`)).statusCode).toBe(200);
  }, 60_000);
});
