/**
 * Devices end to end through fastify.inject: unknown machines become pending and their punches are
 * held; approval ingests them; pushes, re-sends and file imports store each punch once; commands
 * travel queue → getrequest → devicecmd; role scoping; health flips online/offline on a fake clock.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderEventPush } from '../../src/sources/hikvision/simulator.js';
import { sourcePlugins } from '../../src/sources/plugins.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const START = Date.parse('2026-03-02T08:00:00Z');

function attlog(lines: [pin: string, wall: string, status?: number][], eol = '\n'): string {
  return lines.map(([pin, wall, status]) => `${pin}\t${wall}\t${status ?? 0}\t1\t0\t0\t0`).join(eol) + eol;
}

describeEachDb('devices', (db) => {
  let t: TestApp;
  const clock = { now: START };
  const now = () => clock.now;
  const sn = (base: string) => `${base}${Math.random().toString(36).slice(2, 7).toUpperCase()}`;

  const iclock = (method: 'GET' | 'POST', url: string, payload?: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, ...(payload !== undefined ? { payload: Buffer.from(payload, 'utf8') } : {}), headers: payload !== undefined ? { 'content-type': 'text/plain', ...headers } : headers });
  const countCheckins = async (serial: string) =>
    Number((await db().database.db.selectFrom('checkins').select((eb) => eb.fn.countAll<number>().as('n')).where('device_sn', '=', serial).executeTakeFirstOrThrow()).n);
  const deviceBySerial = (serial: string) => db().database.db.selectFrom('devices').selectAll().where('serial_number', '=', serial).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp(db(), { now, plugins: sourcePlugins });
  });

  describe('pending device', () => {
    const serial = sn('PEND');
    let id: number;

    it('registers an unknown serial as pending on handshake, visible to admins only', async () => {
      const res = await iclock('GET', `/iclock/cdata?SN=${serial}&options=all&pushver=2.4.1&language=69`);
      expect(res.statusCode).toBe(200);
      expect(res.body.startsWith(`GET OPTION FROM: ${serial}`)).toBe(true);
      const row = await deviceBySerial(serial);
      id = row.id;
      expect(row).toMatchObject({ status: 'pending', company_id: null, vendor: 'zkteco' });
      const list = (await t.as('admin').get('/api/v1/devices?status=pending&pageSize=500')).json();
      expect(list.items.map((d: { serialNumber: string }) => d.serialNumber)).toContain(serial);
      const hrList = (await t.as('hr').get('/api/v1/devices?pageSize=500')).json();
      expect(hrList.items.map((d: { serialNumber: string }) => d.serialNumber)).not.toContain(serial);
      expect((await t.as('hr').get(`/api/v1/devices/${id}`)).statusCode).toBe(404);
      const audit = await db().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'device.register_pending').where('entity_id', '=', String(id)).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0].actor_name).toBe('device-gateway');
      const events = await db().database.db.selectFrom('device_events').select('kind').where('device_id', '=', id).execute();
      expect(events.map((e) => e.kind)).toEqual(['registered']);
    });

    it('holds its punches instead of ingesting them, once each', async () => {
      const body = attlog([
        ['E001', '2026-03-02 08:59:01', 0],
        ['E001', '2026-03-02 18:02:44', 1],
        ['7777', '2026-03-02 09:10:00', 0],
      ]);
      const first = await iclock('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=3`, body);
      expect(first.body).toBe('OK:3');
      const again = await iclock('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=3`, body.replace(/\n/g, '\r\n'));
      expect(again.body).toBe('OK:3');
      expect(await countCheckins(serial)).toBe(0);
      const detail = (await t.as('admin').get(`/api/v1/devices/${id}`)).json();
      expect(detail.heldPunches).toBe(3);
      expect(detail.status).toBe('pending');
    });

    it('approval (admin only) ingests the held punches, attributed by PIN', async () => {
      expect((await t.as('hr').post(`/api/v1/devices/${id}/approve`, { companyId: t.companyId })).statusCode).toBe(403);
      const res = await t.as('admin').post(`/api/v1/devices/${id}/approve`, { companyId: t.companyId, name: '前台考勤机' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ moved: 3, created: 3, duplicates: 0, unmatched: 1, device: { status: 'active', companyId: t.companyId, name: '前台考勤机' } });
      const rows = await db().database.db.selectFrom('checkins').selectAll().where('device_sn', '=', serial).orderBy('at_ms').execute();
      expect(rows).toHaveLength(3);
      const staff = await db().database.db.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'E001').executeTakeFirstOrThrow();
      expect(rows.filter((r) => r.external_id === 'E001').every((r) => r.employee_id === staff.id)).toBe(true);
      expect(rows.find((r) => r.external_id === '7777')?.employee_id).toBeNull();
      expect(rows.map((r) => r.direction)).toEqual(['in', 'in', 'out']);
      expect(rows[0].at_ms).toBe(Date.parse('2026-03-02T08:59:01+08:00'));
      expect((await t.as('admin').get(`/api/v1/devices/${id}`)).json().heldPunches).toBe(0);
      expect((await t.as('hr').get(`/api/v1/devices/${id}`)).statusCode).toBe(200);
      expect((await t.as('admin').post(`/api/v1/devices/${id}/approve`, { companyId: t.companyId })).statusCode).toBe(409);
      const audit = await db().database.db.selectFrom('audit_log').select('action').where('action', '=', 'device.approve').where('entity_id', '=', String(id)).execute();
      expect(audit).toHaveLength(1);
      // The next push goes straight to ingest; re-sent held punches are duplicates.
      const res2 = await iclock('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=4`, attlog([['E001', '2026-03-02 18:02:44', 1], ['E001', '2026-03-03 08:55:00', 0]]));
      expect(res2.body).toBe('OK:2');
      expect(await countCheckins(serial)).toBe(4);
    });
  });

  it('reads held ZKTeco wall times in the zone the device is approved with', async () => {
    const serial = sn('TZ');
    expect((await iclock('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=1`, attlog([['E001', '2026-03-02 09:00:00', 1]]))).body).toBe('OK:1');
    const row = await deviceBySerial(serial);
    const res = await t.as('admin').post(`/api/v1/devices/${row.id}/approve`, { companyId: t.companyId, timeZone: 'Asia/Tokyo', statusMap: { '1': 'in', '0': 'out' } });
    expect(res.json()).toMatchObject({ moved: 1, created: 1 });
    const stored = await db().database.db.selectFrom('checkins').selectAll().where('device_sn', '=', serial).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ at_ms: Date.parse('2026-03-02T09:00:00+09:00'), utc_offset_min: 540, time_zone: 'Asia/Tokyo', direction: 'in', wall_time: '2026-03-02T09:00:00' });
  });

  describe('hikvision push', () => {
    it('registers an unknown terminal as a pending hikvision device; approval ingests its event once', async () => {
      const serial = sn('DSK');
      const event = (serialNo: number, at: string) =>
        renderEventPush({
          ipAddress: '192.168.1.64',
          macAddress: 'bc:5e:33:01:02:03',
          dateTime: at,
          eventType: 'AccessControllerEvent',
          AccessControllerEvent: { majorEventType: 5, subEventType: 75, employeeNoString: 'E001', serialNo, attendanceStatus: 'checkIn', currentVerifyMode: 'face', dateTime: at },
        });
      const send = (serialNo: number, at: string) => {
        const { contentType, body } = event(serialNo, at);
        return t.app.inject({ method: 'POST', url: `/isapi/events/${serial}`, payload: body, headers: { 'content-type': contentType } });
      };
      const first = await send(31, '2026-03-02T08:55:00+08:00');
      expect(first.json()).toMatchObject({ punches: 1, stored: 1, duplicates: 0 });
      expect((await send(31, '2026-03-02T08:55:00+08:00')).json()).toMatchObject({ stored: 0, duplicates: 1 });
      const row = await deviceBySerial(serial);
      expect(row).toMatchObject({ vendor: 'hikvision', status: 'pending' });
      // The event carries its own offset: approving the terminal into another zone must not move it.
      const approved = await t.as('admin').post(`/api/v1/devices/${row.id}/approve`, { companyId: t.companyId, timeZone: 'Asia/Tokyo' });
      expect(approved.json()).toMatchObject({ moved: 1, created: 1, unmatched: 0 });
      const stored = await db().database.db.selectFrom('checkins').select(['at_ms']).where('device_sn', '=', serial).executeTakeFirstOrThrow();
      expect(stored.at_ms).toBe(Date.parse('2026-03-02T08:55:00+08:00'));
      expect((await send(31, '2026-03-02T08:55:00+08:00')).json()).toMatchObject({ stored: 0, duplicates: 1 });
      expect((await send(32, '2026-03-02T18:01:00+08:00')).json()).toMatchObject({ stored: 1 });
      expect(await countCheckins(serial)).toBe(2);
      // Commands are a ZKTeco push feature.
      expect((await t.as('hr').post(`/api/v1/devices/${row.id}/commands`, { kind: 'info' })).json().error.code).toBe('DEVICE_COMMANDS_UNSUPPORTED');
    });
  });

  describe('active device', () => {
    const serial = sn('ACT');
    let id: number;
    const lines: [string, string, number][] = Array.from({ length: 128 }, (_, i) => [
      i % 2 ? 'E001' : 'M001',
      new Date(Date.UTC(2026, 2, 2, 8, 0, 0) + i * 61_000).toISOString().slice(0, 19).replace('T', ' '),
      i % 2,
    ]);

    const registration = () => ({ companyId: t.companyId, vendor: 'zkteco', serialNumber: serial, name: 'Gate 1', timeZone: 'Asia/Shanghai' });
    // Each test may run alone: what it needs of the device (registered, its batch pushed) it makes sure of itself.
    const ensureDevice = async () => {
      if (id === undefined) id = (await t.as('hr').post('/api/v1/devices', registration())).json().id;
      return id;
    };
    const ensurePushed = async () => {
      await ensureDevice();
      if ((await countCheckins(serial)) === 0) await iclock('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=128`, attlog(lines));
    };

    it('HR registers a device for their company; others cannot', async () => {
      const body = registration();
      expect((await t.as('manager').post('/api/v1/devices', body)).statusCode).toBe(403);
      expect((await t.as('otherHr').post('/api/v1/devices', body)).statusCode).toBe(404);
      const res = await t.as('hr').post('/api/v1/devices', body);
      expect(res.statusCode).toBe(201);
      id = res.json().id;
      expect(res.json()).toMatchObject({ status: 'active', online: false, hasAuthToken: false });
      expect((await t.as('hr').post('/api/v1/devices', body)).statusCode).toBe(409);
      expect((await t.as('hr').post('/api/v1/devices', { ...body, serialNumber: sn('X'), timeZone: 'Mars/Base' })).statusCode).toBe(400);
    });

    it('stores a pushed batch once, however often it is re-sent', async () => {
      await ensureDevice();
      const body = attlog(lines);
      for (const variant of [body, body, body.replace(/\n/g, '\r\n'), body.replace(/\n/g, '\t\n')]) {
        const res = await iclock('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=128`, variant);
        expect(res.statusCode).toBe(200);
        expect(res.body).toBe('OK:128');
      }
      expect(await countCheckins(serial)).toBe(128);
      const detail = (await t.as('hr').get(`/api/v1/devices/${id}`)).json();
      expect(detail.lastUploadAtMs).toBe(START);
      expect(detail.lastPunchAtMs).toBe(Date.parse('2026-03-02T10:09:07+08:00'));
      expect(detail.lagMs).toBe(detail.lastUploadAtMs - detail.lastPunchAtMs);
    });

    it('file import of the same punches: dry run reports, real run finds duplicates only', async () => {
      await ensurePushed();
      const file = attlog(lines) + 'E001\t2026-13-45 99:00:00\t0\t1\t0\t0\t0\n';
      const contentBase64 = Buffer.from(file).toString('base64');
      const dry = await t.as('hr').post(`/api/v1/devices/${id}/import?dryRun=true`, { filename: 'attlog.dat', contentBase64 });
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({ dryRun: true, total: 129, valid: 128, format: 'attlog' });
      expect(dry.json().problems).toHaveLength(1);
      expect(dry.json().problems[0].line).toBe(129);
      const real = await t.as('hr').post(`/api/v1/devices/${id}/import?dryRun=false`, { filename: 'attlog.dat', contentBase64 });
      expect(real.json()).toMatchObject({ stored: 0, duplicates: 128 });
      expect(await countCheckins(serial)).toBe(128);
      // The same punch from a spreadsheet export has the same key; a new one is stored.
      const csv = `工号,打卡时间,状态\n${lines[0][0]},${lines[0][1]},0\nE001,2026-03-04 09:00:00,0\n`;
      const csvRes = await t.as('hr').post(`/api/v1/devices/${id}/import?dryRun=false`, { filename: 'punches.csv', contentBase64: Buffer.from(csv).toString('base64') });
      expect(csvRes.json()).toMatchObject({ format: 'csv', valid: 2, stored: 1, duplicates: 1 });
      expect(await countCheckins(serial)).toBe(129);
      expect((await t.as('manager').post(`/api/v1/devices/${id}/import?dryRun=true`, { filename: 'a.dat', contentBase64 })).statusCode).toBe(403);
    });

    it('queued commands are delivered by getrequest and their results recorded', async () => {
      await ensureDevice();
      const hr = t.as('hr');
      // The manager is enrolled on the machines as PIN 0088: a linked device identity wins over the job number.
      const manager = await db().database.db.selectFrom('employees').select('id').where('company_id', '=', t.companyId).where('job_number', '=', 'M001').executeTakeFirstOrThrow();
      await db().database.db.insertInto('external_identities').values({ company_id: t.companyId, employee_id: manager.id, provider: 'device', tenant: '', external_id: '0088', created_at_ms: START }).execute();
      const sync = await hr.post(`/api/v1/devices/${id}/commands`, { kind: 'sync_users' });
      expect(sync.statusCode).toBe(201);
      const syncItems = sync.json().items as { id: number; command: string }[];
      expect(syncItems.map((c) => c.command.match(/PIN=(\S+)/)?.[1]).sort()).toEqual(['0088', 'E001']);
      expect(syncItems.find((c) => c.command.includes('PIN=E001'))!.command).toContain('Name=李员工');
      const info = (await hr.post(`/api/v1/devices/${id}/commands`, { kind: 'info' })).json().items[0];
      const query = (await hr.post(`/api/v1/devices/${id}/commands`, { kind: 'query_attlog', from: '2026-03-02', to: '2026-03-02 12:00:00' })).json().items[0];
      expect(query.command).toBe('DATA QUERY ATTLOG StartTime=2026-03-02 00:00:00\tEndTime=2026-03-02 12:00:00');
      const del = (await hr.post(`/api/v1/devices/${id}/commands`, { kind: 'delete_user', pins: ['9001'] })).json().items[0];
      expect((await hr.post(`/api/v1/devices/${id}/commands`, { kind: 'delete_user' })).json().error.code).toBe('NOTHING_TO_SEND');
      expect((await hr.post(`/api/v1/devices/${id}/commands`, { kind: 'query_attlog', from: 'yesterday', to: '2026-03-02' })).statusCode).toBe(400);

      const poll = await iclock('GET', `/iclock/getrequest?SN=${serial}`);
      const delivered = poll.body.trim().split('\n');
      expect(delivered).toHaveLength(5);
      expect(delivered[0]).toBe(`C:${syncItems[0].id}:${syncItems[0].command}`);
      const sent = (await hr.get(`/api/v1/devices/${id}/commands`)).json().items as { id: number; status: string }[];
      expect(sent.every((c) => c.status === 'sent')).toBe(true);
      expect((await iclock('GET', `/iclock/getrequest?SN=${serial}`)).body).toBe('OK');

      const results = [
        `ID=${syncItems[0].id}&Return=0&CMD=DATA`,
        `ID=${syncItems[1].id}&Return=0&CMD=DATA`,
        `ID=${info.id}&Return=0&CMD=INFO`,
        '~DeviceName=MB10-VL',
        'FWVersion=Ver 6.60 Apr 28 2017',
        'UserCount=12',
        'TransactionCount=3456',
        `ID=${query.id}&Return=0&CMD=DATA`,
        `ID=${del.id}&Return=-10&CMD=DATA`,
      ].join('\n');
      expect((await iclock('POST', `/iclock/devicecmd?SN=${serial}`, results)).body).toBe('OK');
      const after = (await hr.get(`/api/v1/devices/${id}/commands`)).json().items as { id: number; status: string; returnCode: number | null }[];
      expect(after.find((c) => c.id === del.id)).toMatchObject({ status: 'failed', returnCode: -10 });
      expect(after.filter((c) => c.status === 'done')).toHaveLength(4);
      const detail = (await hr.get(`/api/v1/devices/${id}`)).json();
      expect(detail).toMatchObject({ userCount: 12, attlogCount: 3456, firmware: 'Ver 6.60 Apr 28 2017', pendingCommands: 0 });
      expect(detail.recentEvents.map((e: { kind: string }) => e.kind)).toContain('command_failed');
      expect((await t.as('employee').post(`/api/v1/devices/${id}/commands`, { kind: 'reboot' })).statusCode).toBe(403);
    });

    it('scopes devices by role', async () => {
      await ensureDevice();
      expect((await t.as('employee').get('/api/v1/devices')).statusCode).toBe(403);
      expect((await t.as('manager').get('/api/v1/devices')).statusCode).toBe(403);
      expect((await t.as('manager').get(`/api/v1/devices/${id}`)).statusCode).toBe(403);
      expect((await t.as('anonymous').get('/api/v1/devices')).statusCode).toBe(401);
      expect((await t.as('otherHr').get(`/api/v1/devices/${id}`)).statusCode).toBe(404);
      expect((await t.as('otherHr').patch(`/api/v1/devices/${id}`, { name: 'x' })).statusCode).toBe(404);
      const other = (await t.as('otherHr').get('/api/v1/devices?pageSize=500')).json();
      expect(other.items.some((d: { id: number }) => d.id === id)).toBe(false);
      const mine = (await t.as('hr').get('/api/v1/devices?pageSize=500&status=active')).json();
      expect(mine.items.some((d: { id: number }) => d.id === id)).toBe(true);
      expect(mine.items.every((d: { companyId: number }) => d.companyId === t.companyId)).toBe(true);
    });

    it('flags a counter reset when the ATTLOG stamp goes backwards or the log count drops', async () => {
      await ensureDevice();
      // The device last reported 131 records: from here its counters only go down.
      await iclock('GET', `/iclock/getrequest?SN=${serial}&INFO=${encodeURIComponent('Ver 6.60,12,0,131,127.0.0.1,10,7,15,0,111')}`);
      const since = (await db().database.db.selectFrom('device_events').select((eb) => eb.fn.max('id').as('id')).where('device_id', '=', id).executeTakeFirst())?.id ?? 0;
      await iclock('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=500`, attlog([['E001', '2026-03-05 09:00:00', 0]]));
      await iclock('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=2`, attlog([['E001', '2026-03-05 09:00:01', 0]]));
      await iclock('GET', `/iclock/getrequest?SN=${serial}&INFO=${encodeURIComponent('Ver 6.60,12,0,10,127.0.0.1,10,7,15,0,111')}`);
      const resets = await db().database.db.selectFrom('device_events').select('details').where('device_id', '=', id).where('kind', '=', 'reset').where('id', '>', Number(since)).orderBy('id').execute();
      expect(resets.map((r) => JSON.parse(r.details!).reason)).toEqual(['attlog_stamp_backwards', 'attlog_count_dropped']);
    });

    it('health job: offline after silence, back online with a gap', async () => {
      await ensureDevice();
      await iclock('GET', `/iclock/getrequest?SN=${serial}`);
      await t.services.devicesHealth.run();
      expect((await deviceBySerial(serial)).online).toBe(1);
      clock.now += 9 * 60_000;
      await t.services.devicesHealth.run();
      expect((await deviceBySerial(serial)).online).toBe(1);
      clock.now += 2 * 60_000;
      const lastSeen = (await deviceBySerial(serial)).last_seen_at_ms!;
      expect(await t.services.devicesHealth.run()).toMatchObject({ wentOffline: expect.any(Number) });
      expect((await deviceBySerial(serial)).online).toBe(0);
      const offlineAudit = await db().database.db.selectFrom('audit_log').select('action').where('action', '=', 'device.offline').where('entity_id', '=', String(id)).execute();
      expect(offlineAudit).toHaveLength(1);
      clock.now += 30 * 60_000;
      expect((await iclock('GET', `/iclock/getrequest?SN=${serial}`)).body).toBe('OK');
      await t.services.devicesHealth.run();
      const detail = (await t.as('hr').get(`/api/v1/devices/${id}`)).json();
      expect(detail.online).toBe(true);
      expect(detail.lastSeenAtMs).toBe(clock.now);
      expect(detail.gaps).toHaveLength(1);
      expect(detail.gaps[0].details).toMatchObject({ fromMs: lastSeen, toMs: clock.now });
      const kinds = (await db().database.db.selectFrom('device_events').select('kind').where('device_id', '=', id).orderBy('id').execute()).map((e) => e.kind);
      expect(kinds.filter((k) => k === 'online' || k === 'offline' || k === 'gap')).toEqual(['online', 'offline', 'online', 'gap']);
    });

    it('refuses wrong tokens, foreign IPs and disabled devices', async () => {
      await ensureDevice();
      const hr = t.as('hr');
      expect((await hr.patch(`/api/v1/devices/${id}`, { authToken: 'door-secret-1' })).json().hasAuthToken).toBe(true);
      expect((await iclock('GET', `/iclock/getrequest?SN=${serial}`)).statusCode).toBe(403);
      expect((await iclock('GET', `/iclock/getrequest?SN=${serial}&pushcommkey=wrong-secret`)).statusCode).toBe(403);
      expect((await iclock('GET', `/iclock/cdata?SN=${serial}&options=all&pushcommkey=door-secret-1`)).statusCode).toBe(200);
      expect((await iclock('GET', `/iclock/getrequest?SN=${serial}`, undefined, { cookie: 'token=door-secret-1' })).statusCode).toBe(200);
      const stored = await db().database.db.selectFrom('devices').select('auth_token_sealed').where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored.auth_token_sealed).not.toContain('door-secret-1');
      await hr.patch(`/api/v1/devices/${id}`, { authToken: null, allowedIps: ['10.20.0.0/16'] });
      expect((await iclock('GET', `/iclock/cdata?SN=${serial}&options=all`)).statusCode).toBe(403);
      await hr.patch(`/api/v1/devices/${id}`, { allowedIps: ['10.20.0.0/16', '127.0.0.1'] });
      expect((await iclock('GET', `/iclock/cdata?SN=${serial}&options=all`)).statusCode).toBe(200);
      expect((await hr.patch(`/api/v1/devices/${id}`, { allowedIps: ['not-an-ip'] })).statusCode).toBe(400);
      expect((await hr.post(`/api/v1/devices/${id}/disable`)).json().status).toBe('disabled');
      const before = await countCheckins(serial);
      const refused = await iclock('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG`, attlog([['E001', '2026-03-06 09:00:00', 0]]));
      expect(refused.statusCode).toBe(403);
      expect(await countCheckins(serial)).toBe(before);
      // A disabled device's heartbeat is refused like its uploads: it backs off and gets no commands.
      expect((await iclock('GET', `/iclock/getrequest?SN=${serial}`)).statusCode).toBe(403);
      expect((await hr.post(`/api/v1/devices/${id}/enable`)).json().status).toBe('active');
      expect((await iclock('GET', `/iclock/getrequest?SN=${serial}`)).body).toBe('OK');
    });
  });
});
