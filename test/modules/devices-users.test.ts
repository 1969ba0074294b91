/**
 * What ZKTeco terminals upload about their users, and what the hub sends back, over real HTTP
 * (the server listens on a free port; requests carry no Content-Type, like real firmware):
 * users, operation log and sealed templates from OPERLOG/BIODATA; `userpic` and `querydata`
 * acknowledgements; gap fills queued after an offline period; joiners and leavers pushed to the
 * site's terminals with their results tracked and retried; leavers' templates deleted.
 */
import { terminalRequest } from '../helpers/terminal-request.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sourcePlugins } from '../../src/sources/plugins.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const START = Date.parse('2026-03-02T08:00:00Z');
const FP_TEMPLATE = 'TWJjZEVmZ0hpSmtMbU5vUHFSc1R1VndYeVo' + 'x'.repeat(40) + '==';


describeEachDb('device users, templates and sync', (db) => {
  let t: TestApp;
  let base = '';
  const clock = { now: START };
  const sn = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 7).toUpperCase()}`;

  /** A terminal's request (test/helpers/terminal-request.ts). */
  const device = (method: 'GET' | 'POST', path: string, body?: string) => terminalRequest(base, method, path, body);

  const database = () => db().database.db;
  const register = async (prefix: string, extra: Record<string, unknown> = {}) => {
    const serial = sn(prefix);
    const res = await t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor: 'zkteco', serialNumber: serial, name: prefix, timeZone: 'Asia/Shanghai', ...extra });
    expect(res.statusCode).toBe(201);
    return { serial, id: res.json().id as number };
  };
  const commandsOf = (deviceId: number) => database().selectFrom('device_commands').selectAll().where('device_id', '=', deviceId).orderBy('id').execute();

  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => clock.now, plugins: sourcePlugins });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = t.app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('stores users, the operation log and sealed templates; the stamps advance only with a stored upload', async () => {
    const { serial, id } = await register('OPL');
    const body = [
      'OPLOG 4\t0\t2026-03-02 08:10:00\t0\t0\t0\t0',
      'USER PIN=E001\tName=李员工\tPri=0\tPasswd=1234\tCard=[15CD5B07]\tGrp=1\tTZ=0000000000000000',
      'USER PIN=0088\tName=王经理\tPri=14\tPasswd=\tCard=\tGrp=1',
      // A template value split by a CRLF (P7).
      `FP PIN=E001\tFID=6\tSize=${FP_TEMPLATE.length}\tValid=1\tTMP=${FP_TEMPLATE.slice(0, 30)}`,
      FP_TEMPLATE.slice(30),
      '',
    ].join('\r\n');
    const first = await device('POST', `/iclock/cdata?SN=${serial}&table=OPERLOG&Stamp=41`, body);
    expect(first).toMatchObject({ status: 200, body: 'OK:4' });
    expect(first.headers.connection).toBe('close');
    // The same upload again changes nothing.
    expect((await device('POST', `/iclock/cdata?SN=${serial}&table=OPERLOG&Stamp=41`, body)).body).toBe('OK:4');
    const bio = `BIODATA Pin=E001\tNo=0\tIndex=0\tValid=1\tDuress=0\tType=9\tMajorVer=5\tMinorVer=8\tFormat=0\tTmp=${FP_TEMPLATE}\n`;
    expect((await device('POST', `/iclock/cdata?SN=${serial}&table=BIODATA&Stamp=7`, bio)).body).toBe('OK:1');

    const users = await database().selectFrom('device_users').selectAll().where('device_id', '=', id).orderBy('pin').execute();
    expect(users.map((u) => [u.pin, u.name, u.privilege, u.card, u.has_password])).toEqual([
      ['0088', '王经理', 14, null, 0],
      ['E001', '李员工', 0, '[15CD5B07]', 1],
    ]);
    expect(JSON.stringify(users)).not.toContain('1234');
    const oplog = await database().selectFrom('device_oplog').selectAll().where('device_id', '=', id).execute();
    expect(oplog).toHaveLength(1);
    expect(oplog[0]).toMatchObject({ op_type: 4, op_time: '2026-03-02 08:10:00' });
    const templates = await database().selectFrom('device_templates').selectAll().where('device_id', '=', id).orderBy('kind').execute();
    expect(templates.map((x) => [x.pin, x.kind, x.slot])).toEqual([
      ['E001', 'face', '9:0:0'],
      ['E001', 'fingerprint', '6'],
    ]);
    for (const x of templates) {
      expect(x.template_sealed).not.toContain(FP_TEMPLATE.slice(0, 20));
      expect(t.services.secrets.open(x.template_sealed)).toBe(FP_TEMPLATE);
    }
    const audit = await database().selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'device.templates_stored').where('entity_id', '=', String(id)).execute();
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain(FP_TEMPLATE.slice(0, 20));

    // A refused upload (past the per-upload record bound) stores nothing and leaves the stamp.
    const limits = t.services.deviceGateway.limits;
    const saved = limits.maxRecordsPerUpload;
    limits.maxRecordsPerUpload = 3;
    try {
      const refused = await device('POST', `/iclock/cdata?SN=${serial}&table=OPERLOG&Stamp=99`, body.replace('E001', 'E777'));
      expect(refused.status).toBe(503);
    } finally {
      limits.maxRecordsPerUpload = saved;
    }
    expect(await database().selectFrom('device_users').select('pin').where('device_id', '=', id).where('pin', '=', 'E777').execute()).toHaveLength(0);
    await t.services.deviceGateway.flush();
    const hello = await device('GET', `/iclock/cdata?SN=${serial}&options=all&pushver=2.4.1&language=69`);
    expect(hello.body).toContain('OPERLOGStamp=41\n');
    expect(hello.body).toContain('BIODATAStamp=7\n');
    // The API never returns a template.
    const detail = await t.as('hr').get(`/api/v1/devices/${id}`);
    expect(detail.body).not.toContain(FP_TEMPLATE.slice(0, 20));
  });

  it('answers userpic uploads userpic=<n> with Connection: close and stores the picture; handles querydata', async () => {
    const { serial, id } = await register('PIC');
    const pic = await device('POST', `/iclock/cdata?SN=${serial}&table=userpic`, `userpic\tpin=E001\tfilename=E001.jpg\tsize=3\ncontent=${Buffer.from('JPG').toString('base64')}\n`);
    expect(pic).toMatchObject({ status: 200, body: 'userpic=1' });
    expect(pic.headers.connection).toBe('close');
    const photo = await database().selectFrom('device_photos').selectAll().where('device_id', '=', id).executeTakeFirstOrThrow();
    expect(photo.idempotency_key).toBe(`userpic:${serial}:E001`);
    expect(Buffer.from(photo.bytes).toString()).toBe('JPG');
    // The same picture again: acknowledged, stored once.
    expect((await device('POST', `/iclock/cdata?SN=${serial}&table=userpic`, `userpic\tpin=E001\tfilename=E001.jpg\tsize=3\tcontent=SlBH\n`)).body).toBe('userpic=1');
    expect(await database().selectFrom('device_photos').select('name').where('device_id', '=', id).execute()).toHaveLength(1);

    const answer = 'user uid=1\tcardno=\tpin=E001\tpassword=\tgroup=1\tname=Ann\tprivilege=0\nuser uid=2\tcardno=123\tpin=E002\tname=Bob\tprivilege=14\n';
    const q = await device('POST', `/iclock/querydata?SN=${serial}&type=tabledata&cmdid=12&tablename=user&count=2&packcnt=1&packidx=1`, answer);
    expect(q).toMatchObject({ status: 200, body: 'user=2' });
    const users = await database().selectFrom('device_users').select(['pin', 'name', 'card', 'privilege']).where('device_id', '=', id).orderBy('pin').execute();
    expect(users).toEqual([
      { pin: 'E001', name: 'Ann', card: null, privilege: 0 },
      { pin: 'E002', name: 'Bob', card: '123', privilege: 14 },
    ]);
    // Only a plain table name is echoed back.
    expect((await device('POST', `/iclock/querydata?SN=${serial}&tablename=${encodeURIComponent('x\nC:1:REBOOT')}`, 'user pin=E003\n')).body).toBe('data=1');
  });

  it('a gap after an offline period queues DATA QUERY ATTLOG for the window; the answer is ingested once and the gap shows filled', async () => {
    const { serial, id } = await register('GAP');
    clock.now = START;
    expect((await device('GET', `/iclock/getrequest?SN=${serial}`)).body).toBe('OK');
    await t.services.devicesHealth.run();
    const lastSeen = clock.now;
    clock.now += 40 * 60_000;
    await t.services.devicesHealth.run();
    expect((await database().selectFrom('devices').select('online').where('id', '=', id).executeTakeFirstOrThrow()).online).toBe(0);
    // One punch of the silent window arrived anyway (a live upload); the others wait on the terminal.
    const attlog = (lines: string[]) => lines.map((l) => `E001\t${l}\t0\t1\t0\t0\t0`).join('\n') + '\n';
    expect((await device('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=5`, attlog(['2026-03-02 16:20:00']))).body).toBe('OK:1');
    await t.services.devicesHealth.run();
    expect(await t.services.deviceGapFill.run()).toEqual({ queued: expect.any(Number) });
    expect(await t.services.deviceGapFill.run()).toEqual({ queued: 0 });
    const cmds = (await commandsOf(id)).filter((c) => c.kind === 'gap_fill');
    expect(cmds).toHaveLength(1);
    // Wall times in the device's zone (UTC+8), widened by five minutes each side.
    const from = new Date(lastSeen + 8 * 3_600_000 - 5 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    const to = new Date(clock.now + 8 * 3_600_000 + 5 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(cmds[0].command).toBe(`DATA QUERY ATTLOG StartTime=${from}\tEndTime=${to}`);

    const poll = await device('GET', `/iclock/getrequest?SN=${serial}`);
    expect(poll.body).toBe(`C:${cmds[0].id}:${cmds[0].command}\n`);
    const answer = attlog(['2026-03-02 16:10:00', '2026-03-02 16:20:00', '2026-03-02 16:30:00']);
    expect((await device('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=8`, answer)).body).toBe('OK:3');
    expect((await device('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=8`, answer)).body).toBe('OK:3');
    expect((await device('POST', `/iclock/devicecmd?SN=${serial}`, `ID=${cmds[0].id}&Return=0&CMD=DATA\n`)).body).toBe('OK');
    const stored = await database().selectFrom('checkins').select('wall_time').where('device_sn', '=', serial).orderBy('wall_time').execute();
    expect(stored.map((s) => s.wall_time)).toEqual(['2026-03-02T16:10:00', '2026-03-02T16:20:00', '2026-03-02T16:30:00']);
    const detail = (await t.as('hr').get(`/api/v1/devices/${id}`)).json();
    expect(detail.gaps).toHaveLength(1);
    expect(detail.gaps[0].details).toMatchObject({ fromMs: lastSeen, fill: { status: 'filled', from, to, commandId: cmds[0].id } });
  });

  it('a log count that grows past the records uploaded is a gap, filled like the others', async () => {
    const { serial, id } = await register('CNT');
    clock.now = START;
    const info = (count: number) => `/iclock/getrequest?SN=${serial}&INFO=${encodeURIComponent(`Ver 6.60,2,0,${count},10.0.0.5,10,7,15,0,111`)}`;
    await device('GET', info(10));
    const line = (wall: string) => `E001\t${wall}\t0\t1\t0\t0\t0\n`;
    expect((await device('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=11`, line('2026-03-02 16:01:00') + line('2026-03-02 16:02:00'))).body).toBe('OK:2');
    clock.now += 60_000;
    // Two uploaded, count up by two: nothing missing.
    await device('GET', info(12));
    expect(await database().selectFrom('device_events').select('id').where('device_id', '=', id).where('kind', '=', 'gap').execute()).toHaveLength(0);
    clock.now += 60_000;
    await device('GET', info(15));
    const gaps = await database().selectFrom('device_events').select(['id', 'details']).where('device_id', '=', id).where('kind', '=', 'gap').execute();
    expect(gaps).toHaveLength(1);
    expect(JSON.parse(gaps[0].details!)).toEqual({ reason: 'attlog_count_jump', fromMs: START + 60_000, toMs: START + 120_000, missing: 3 });
    await t.services.deviceGapFill.run();
    expect((await commandsOf(id)).filter((c) => c.kind === 'gap_fill').map((c) => c.command)).toEqual(['DATA QUERY ATTLOG StartTime=2026-03-02 15:56:00\tEndTime=2026-03-02 16:07:00']);
  });

  it('pushes a joiner to the terminals of their site, tracks the result, retries an unanswered push, removes a leaver and deletes their templates', async () => {
    const hr = t.as('hr');
    clock.now = START;
    const site = (await hr.post('/api/v1/sites', { companyId: t.companyId, name: `Plant ${sn('S')}` })).json();
    const { serial, id } = await register('JNR', { siteId: site.id });
    const other = await register('OTH', { siteId: site.id });
    const job = sn('J');
    const joiner = (await hr.post('/api/v1/employees', { companyId: t.companyId, jobNumber: job, name: '赵新人', siteId: site.id })).json();
    await t.services.deviceUserSync.run();
    const pushed = (await commandsOf(id)).filter((c) => c.kind === 'push_user');
    expect(pushed).toHaveLength(1);
    expect(pushed[0].command).toContain(`DATA UPDATE USERINFO PIN=${job}\tName=赵新人`);
    expect((await commandsOf(other.id)).filter((c) => c.kind === 'push_user')).toHaveLength(1);
    // Nothing changed: nothing more is queued.
    await t.services.deviceUserSync.run();
    expect((await commandsOf(id)).filter((c) => c.kind === 'push_user')).toHaveLength(1);

    // This terminal answers; the other takes the command and never answers, so it is sent again.
    expect((await device('GET', `/iclock/getrequest?SN=${serial}`)).body).toContain(`C:${pushed[0].id}:DATA UPDATE USERINFO`);
    await device('POST', `/iclock/devicecmd?SN=${serial}`, `ID=${pushed[0].id}&Return=0&CMD=DATA\n`);
    expect((await device('GET', `/iclock/getrequest?SN=${other.serial}`)).body).toContain('DATA UPDATE USERINFO');
    clock.now += 11 * 60_000;
    await t.services.deviceUserSync.run();
    const pushes = await database().selectFrom('device_user_pushes').selectAll().where('employee_id', '=', joiner.id).orderBy('device_id').execute();
    expect(pushes.map((p) => [p.device_id, p.action, p.status, p.attempts])).toEqual([
      [id, 'update', 'acked', 1],
      [other.id, 'update', 'pending', 2],
    ]);
    expect((await commandsOf(other.id)).filter((c) => c.kind === 'push_user')).toHaveLength(2);

    // The joiner enrols a finger on the terminal, then leaves.
    expect((await device('POST', `/iclock/cdata?SN=${serial}&table=OPERLOG&Stamp=3`, `USER PIN=${job}\tName=x\nFP PIN=${job}\tFID=1\tSize=10\tValid=1\tTMP=${FP_TEMPLATE}\n`)).body).toBe('OK:2');
    expect(await database().selectFrom('device_templates').select('pin').where('device_id', '=', id).where('pin', '=', job).execute()).toHaveLength(1);
    expect((await hr.post(`/api/v1/employees/${joiner.id}/deactivate`, {})).statusCode).toBe(200);
    expect((await t.services.deviceUserSync.run()).templatesDeleted).toBeGreaterThanOrEqual(1);
    expect(await database().selectFrom('device_templates').select('pin').where('pin', '=', job).execute()).toHaveLength(0);
    const removal = (await commandsOf(id)).filter((c) => c.kind === 'remove_user');
    expect(removal.map((c) => c.command)).toEqual([`DATA DELETE USERINFO PIN=${job}`]);
    await device('GET', `/iclock/getrequest?SN=${serial}`);
    await device('POST', `/iclock/devicecmd?SN=${serial}`, `ID=${removal[0].id}&Return=-1005&CMD=DATA\n`);
    // Busy: tried again on the next run; the terminal then confirms and no longer lists the user.
    await t.services.deviceUserSync.run();
    const again = (await commandsOf(id)).filter((c) => c.kind === 'remove_user');
    expect(again).toHaveLength(2);
    expect(await database().selectFrom('device_users').select('pin').where('device_id', '=', id).where('pin', '=', job).execute()).toHaveLength(1);
    await device('GET', `/iclock/getrequest?SN=${serial}`);
    await device('POST', `/iclock/devicecmd?SN=${serial}`, `ID=${again[1].id}&Return=0&CMD=DATA\n`);
    expect(await database().selectFrom('device_users').select('pin').where('device_id', '=', id).where('pin', '=', job).execute()).toHaveLength(0);
    await t.services.deviceUserSync.run();
    expect((await commandsOf(id)).filter((c) => c.kind === 'remove_user')).toHaveLength(2);
    const deleted = await database().selectFrom('audit_log').select('after').where('action', '=', 'device.templates_deleted').where('entity_id', '=', String(id)).execute();
    expect(deleted).toHaveLength(1);
    expect(JSON.parse(deleted[0].after!)).toMatchObject({ reason: 'employee_left', employeeIds: [joiner.id] });
  });
});
