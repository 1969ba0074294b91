/**
 * Templates copied between the terminals of one site, Security PUSH transaction rows ingested as
 * punches, and the device users / operation log API, over real HTTP like a terminal talks (the
 * server listens on a free port; requests carry no Content-Type).
 */
import { terminalRequest } from '../helpers/terminal-request.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sourcePlugins } from '../../src/sources/plugins.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const START = Date.parse('2026-03-02T08:00:00Z');
const FP = 'RnBUZW1wbGF0ZUZvclNpdGVDb3B5' + 'q'.repeat(48) + '==';
const FACE = 'RmFjZVRlbXBsYXRlVmlzaWJsZQ' + 'z'.repeat(60) + '==';


describeEachDb('device templates, transactions and the users API', (db) => {
  let t: TestApp;
  let base = '';
  const clock = { now: START };
  const sn = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 7).toUpperCase()}`;

  /** A terminal's request (test/helpers/terminal-request.ts). */
  const device = (method: 'GET' | 'POST', path: string, body?: string) => terminalRequest(base, method, path, body);

  const database = () => db().database.db;
  /** An approved terminal that has shaken hands with its push version. */
  const terminal = async (prefix: string, pushver: string, siteId?: number) => {
    const serial = sn(prefix);
    const res = await t.as('hr').post('/api/v1/devices', { companyId: t.companyId, vendor: 'zkteco', serialNumber: serial, name: prefix, timeZone: 'Asia/Shanghai', ...(siteId ? { siteId } : {}) });
    expect(res.statusCode).toBe(201);
    expect((await device('GET', `/iclock/cdata?SN=${serial}&options=all&pushver=${pushver}&language=69`)).status).toBe(200);
    return { serial, id: res.json().id as number };
  };
  const commandsOf = (deviceId: number, kind: string) => database().selectFrom('device_commands').selectAll().where('device_id', '=', deviceId).where('kind', '=', kind).orderBy('id').execute();
  const ack = (serial: string, id: number, code = 0) => device('POST', `/iclock/devicecmd?SN=${serial}`, `ID=${id}&Return=${code}&CMD=DATA\n`);

  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => clock.now, plugins: sourcePlugins });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = t.app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it("copies a terminal's templates to the site's other approved terminals in their protocol's table, tracks, retries, audits, and cancels a leaver's copies", async () => {
    const hr = t.as('hr');
    clock.now = START;
    const siteA = (await hr.post('/api/v1/sites', { companyId: t.companyId, name: `Plant ${sn('A')}` })).json();
    const siteB = (await hr.post('/api/v1/sites', { companyId: t.companyId, name: `Plant ${sn('B')}` })).json();
    const enrol = await terminal('ENR', '2.4.1', siteA.id);
    const old = await terminal('OLD', '2.2.14', siteA.id);
    const sec = await terminal('SEC', '3.1.2', siteA.id);
    const off = await terminal('OFF', '2.4.1', siteA.id);
    const away = await terminal('AWY', '2.4.1', siteB.id);
    expect((await hr.post(`/api/v1/devices/${off.id}/disable`, {})).statusCode).toBe(200);
    // A terminal nobody approved, from the same network: never a target.
    const stranger = sn('UNK');
    await device('GET', `/iclock/cdata?SN=${stranger}&options=all&pushver=2.4.1`);

    const job = sn('J');
    const person = (await hr.post('/api/v1/employees', { companyId: t.companyId, jobNumber: job, name: '钱指纹', siteId: siteA.id })).json();
    await t.services.deviceUserSync.run();
    for (const d of [old, sec]) {
      const [push] = await commandsOf(d.id, 'push_user');
      await device('GET', `/iclock/getrequest?SN=${d.serial}`);
      await ack(d.serial, push.id);
    }
    // Enrolled on one terminal: a fingerprint (FP record) and a visible-light face (BIODATA Type 9).
    const operlog = `USER PIN=${job}\tName=钱指纹\tPri=0\tCard=12345678\nFP PIN=${job}\tFID=6\tSize=${FP.length}\tValid=1\tTMP=${FP}\n`;
    expect((await device('POST', `/iclock/cdata?SN=${enrol.serial}&table=OPERLOG&Stamp=2`, operlog)).body).toBe('OK:2');
    const bio = `BIODATA Pin=${job}\tNo=0\tIndex=0\tValid=1\tDuress=0\tType=9\tMajorVer=5\tMinorVer=8\tFormat=0\tTmp=${FACE}\n`;
    expect((await device('POST', `/iclock/cdata?SN=${enrol.serial}&table=BIODATA&Stamp=3`, bio)).body).toBe('OK:1');

    expect(await t.services.deviceTemplateCopy.run()).toEqual({ queued: 3, unsupported: 1 });
    // Push 2.2 takes FINGERTMP and has no table for a visible-light face; push 3.x takes lowercase tables.
    expect((await commandsOf(old.id, 'copy_template')).map((c) => c.command)).toEqual([`DATA UPDATE FINGERTMP PIN=${job}\tFID=6\tSize=${FP.length}\tValid=1\tTMP=`]);
    expect((await commandsOf(sec.id, 'copy_template')).map((c) => c.command).sort()).toEqual(
      [`DATA UPDATE biodata Pin=${job}\tNo=0\tIndex=0\tValid=1\tDuress=0\tType=9\tMajorVer=5\tMinorVer=8\tFormat=0\tTmp=`, `DATA UPDATE templatev10 Pin=${job}\tFingerID=6\tValid=1\tSize=${FP.length}\tTemplate=`].sort(),
    );
    for (const d of [enrol, off, away]) expect(await commandsOf(d.id, 'copy_template')).toHaveLength(0);
    const strangerRow = await database().selectFrom('devices').select('id').where('serial_number', '=', stranger).executeTakeFirstOrThrow();
    expect(await commandsOf(strangerRow.id, 'copy_template')).toHaveLength(0);
    // Nothing holds the template in plain text: not the commands, their API, nor the audit.
    const stored = JSON.stringify(await database().selectFrom('device_commands').selectAll().where('kind', '=', 'copy_template').execute());
    expect(stored).not.toContain(FP.slice(0, 24));
    expect(stored).not.toContain(FACE.slice(0, 24));
    expect((await hr.get(`/api/v1/devices/${sec.id}/commands`)).body).not.toContain(FP.slice(0, 24));
    const audits = await database().selectFrom('audit_log').select(['entity_id', 'after']).where('action', '=', 'device.templates_copied').execute();
    expect(audits.map((a) => Number(a.entity_id)).sort()).toEqual([old.id, sec.id].sort());
    expect(JSON.stringify(audits)).not.toContain(FP.slice(0, 24));
    expect(JSON.parse(audits.find((a) => Number(a.entity_id) === old.id)!.after!)).toMatchObject({ siteId: siteA.id, copies: 1, unsupported: 1, templates: [{ pin: job, kind: 'fingerprint', slot: '6', sourceDeviceId: enrol.id }] });
    // Nothing changed: nothing more is queued.
    expect(await t.services.deviceTemplateCopy.run()).toEqual({ queued: 0, unsupported: 0 });

    // The old terminal gets the template on its poll and confirms: it now holds it, and the sealed copy is wiped.
    const [toOld] = await commandsOf(old.id, 'copy_template');
    expect((await device('GET', `/iclock/getrequest?SN=${old.serial}`)).body).toBe(`C:${toOld.id}:${toOld.command}${FP}\n`);
    await ack(old.serial, toOld.id);
    expect((await commandsOf(old.id, 'copy_template'))[0]).toMatchObject({ status: 'done', payload_sealed: null });
    expect(await database().selectFrom('device_templates').select(['pin', 'kind', 'slot']).where('device_id', '=', old.id).execute()).toEqual([{ pin: job, kind: 'fingerprint', slot: '6' }]);

    // The Security PUSH terminal answers one busy and never answers the other: both go again.
    const toSec = await commandsOf(sec.id, 'copy_template');
    const poll = await device('GET', `/iclock/getrequest?SN=${sec.serial}`);
    expect(poll.body).toContain(`Template=${FP}\n`);
    expect(poll.body).toContain(`Tmp=${FACE}\n`);
    await ack(sec.serial, toSec[0].id, -1005);
    clock.now += 11 * 60_000;
    expect(await t.services.deviceTemplateCopy.run()).toEqual({ queued: 2, unsupported: 0 });
    const copies = await database().selectFrom('device_template_copies').select(['device_id', 'kind', 'status', 'attempts']).where('pin', '=', job).orderBy('device_id').orderBy('kind').execute();
    expect(copies).toEqual([
      { device_id: old.id, kind: 'face', status: 'failed', attempts: 1 },
      { device_id: old.id, kind: 'fingerprint', status: 'acked', attempts: 1 },
      { device_id: sec.id, kind: 'face', status: 'pending', attempts: 2 },
      { device_id: sec.id, kind: 'fingerprint', status: 'pending', attempts: 2 },
    ]);

    // The users list shows the kinds and the copies, never a template.
    const users = await hr.get(`/api/v1/devices/${sec.id}/users`);
    expect(users.statusCode).toBe(200);
    expect(users.body).not.toContain(FP.slice(0, 24));
    const onEnrol = (await hr.get(`/api/v1/devices/${enrol.id}/users`)).json();
    expect(onEnrol.items).toEqual([
      expect.objectContaining({ pin: job, name: '钱指纹', cardMasked: '••••5678', templates: expect.arrayContaining([{ kind: 'face', count: 1 }, { kind: 'fingerprint', count: 1 }]), employee: { id: person.id, name: '钱指纹' } }),
    ]);
    expect(onEnrol.items[0].push).toMatchObject({ action: 'update', status: 'pending' });

    // The person leaves: templates deleted on every terminal, unanswered copies cancelled and wiped.
    expect((await hr.post(`/api/v1/employees/${person.id}/deactivate`, {})).statusCode).toBe(200);
    await t.services.deviceUserSync.run();
    expect(await database().selectFrom('device_templates').select('device_id').where('pin', '=', job).execute()).toHaveLength(0);
    expect(await database().selectFrom('device_template_copies').select('device_id').where('pin', '=', job).execute()).toHaveLength(0);
    const cancelled = (await commandsOf(sec.id, 'copy_template')).filter((c) => c.status === 'failed' && c.result?.includes('employee_left'));
    expect(cancelled).toHaveLength(2);
    expect((await database().selectFrom('device_commands').select('id').where('kind', '=', 'copy_template').where('payload_sealed', 'is not', null).execute()).length).toBe(0);
    expect(await database().selectFrom('audit_log').select('id').where('action', '=', 'device.template_copies_cancelled').execute()).toHaveLength(1);
    expect(await t.services.deviceTemplateCopy.run()).toEqual({ queued: 0, unsupported: 0 });
  });

  it('copies a re-enrolled template (same PIN and finger, new content) again, once, and cancels an unsent copy of older content', async () => {
    const hr = t.as('hr');
    clock.now = START + 3_600_000;
    const site = (await hr.post('/api/v1/sites', { companyId: t.companyId, name: `Plant ${sn('R')}` })).json();
    const enrol = await terminal('REN', '2.4.1', site.id);
    const other = await terminal('RTG', '2.4.1', site.id);
    const job = sn('R');
    await hr.post('/api/v1/employees', { companyId: t.companyId, jobNumber: job, name: '孙重录', siteId: site.id });
    await t.services.deviceUserSync.run();
    const [push] = await commandsOf(other.id, 'push_user');
    await device('GET', `/iclock/getrequest?SN=${other.serial}`);
    await ack(other.serial, push.id);
    const upload = (tmp: string, stamp: number) => device('POST', `/iclock/cdata?SN=${enrol.serial}&table=OPERLOG&Stamp=${stamp}`, `FP PIN=${job}\tFID=3\tSize=${tmp.length}\tValid=1\tTMP=${tmp}\n`);
    const copyTo = async () => (await commandsOf(other.id, 'copy_template')).at(-1)!;
    const v1 = 'Rmlyc3RFbnJvbG1lbnQ' + 'a'.repeat(40) + '==';
    const v2 = 'U2Vjb25kRW5yb2xtZW50' + 'b'.repeat(40) + '==';
    const v3 = 'VGhpcmRFbnJvbG1lbnQ' + 'c'.repeat(40) + '==';

    expect((await upload(v1, 10)).body).toBe('OK:1');
    expect(await t.services.deviceTemplateCopy.run()).toEqual({ queued: 1, unsupported: 0 });
    const first = await copyTo();
    expect((await device('GET', `/iclock/getrequest?SN=${other.serial}`)).body).toBe(`C:${first.id}:${first.command}${v1}\n`);
    await ack(other.serial, first.id);
    // The terminal sends the same template again (after a re-handshake): the same content, nothing to copy.
    clock.now += 60_000;
    expect((await upload(v1, 11)).body).toBe('OK:1');
    expect(await t.services.deviceTemplateCopy.run()).toEqual({ queued: 0, unsupported: 0 });

    // Re-enrolled: the same PIN and finger with new content goes to the other terminal again.
    clock.now += 60_000;
    expect((await upload(v2, 12)).body).toBe('OK:1');
    expect(await t.services.deviceTemplateCopy.run()).toEqual({ queued: 1, unsupported: 0 });
    const second = await copyTo();
    expect(second.id).not.toBe(first.id);
    // Enrolled once more before the terminal polled: the unsent copy of v2 is cancelled and wiped.
    clock.now += 60_000;
    expect((await upload(v3, 13)).body).toBe('OK:1');
    expect(await t.services.deviceTemplateCopy.run()).toEqual({ queued: 1, unsupported: 0 });
    const third = await copyTo();
    const superseded = (await commandsOf(other.id, 'copy_template')).find((c) => c.id === second.id)!;
    expect(superseded).toMatchObject({ status: 'failed', payload_sealed: null });
    expect(superseded.result).toContain('template_changed');
    expect((await device('GET', `/iclock/getrequest?SN=${other.serial}`)).body).toBe(`C:${third.id}:${third.command}${v3}\n`);
    await ack(other.serial, third.id);
    // The terminal now holds what the enrolling one holds: nothing more to copy.
    const digests = await database().selectFrom('device_templates').select(['device_id', 'content_digest']).where('pin', '=', job).execute();
    expect(digests).toHaveLength(2);
    expect(digests[0].content_digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(digests[1].content_digest).toBe(digests[0].content_digest);
    expect(JSON.stringify(digests)).not.toContain(v3.slice(0, 16));
    expect(await t.services.deviceTemplateCopy.run()).toEqual({ queued: 0, unsupported: 0 });
    const audits = await database().selectFrom('audit_log').select('after').where('action', '=', 'device.templates_copied').where('entity_id', '=', String(other.id)).orderBy('id').execute();
    expect(audits.map((a) => JSON.parse(a.after!).templates.map((x: { reason: string }) => x.reason))).toEqual([['missing'], ['changed'], ['changed']]);
    expect(JSON.stringify(audits)).not.toContain(v2.slice(0, 16));
  });

  it('ingests querydata transaction rows as punches, once, under the same key as ATTLOG', async () => {
    const { serial } = await terminal('TRX', '3.1.2');
    // 2026-03-02 08:59:30 in the Security PUSH time encoding.
    const encoded = ((26 * 12 + 2) * 31 + 1) * 86400 + 8 * 3600 + 59 * 60 + 30;
    const rows = [
      `transaction cardno=0\tpin=T001\tverified=1\tdoorid=1\teventtype=0\tinoutstate=0\ttime_second=${encoded}\tindex=41`,
      'transaction cardno=0\tpin=0\tverified=200\tdoorid=1\teventtype=206\tinoutstate=2\ttime_second=812345678\tindex=42',
      'transaction pin=T002\tverified=15\teventtype=0\tinoutstate=1\ttime=2026-03-02 18:01:00\tindex=43',
      'transaction pin=T003\teventtype=27\tinoutstate=0\ttime=2026-03-02 18:02:00\tindex=44',
    ].join('\n');
    const path = `/iclock/querydata?SN=${serial}&type=tabledata&cmdid=9&tablename=transaction&count=4&packcnt=1&packidx=1`;
    expect(await device('POST', path, rows + '\n')).toMatchObject({ status: 200, body: 'transaction=4' });
    expect((await device('POST', path, rows + '\n')).body).toBe('transaction=4');
    // The same morning punch arrives through the attendance log as well.
    expect((await device('POST', `/iclock/cdata?SN=${serial}&table=ATTLOG&Stamp=1`, 'T001\t2026-03-02 08:59:30\t0\t1\t0\t0\t0\n')).body).toBe('OK:1');
    const stored = await database().selectFrom('checkins').select(['idempotency_key', 'wall_time', 'direction', 'at_ms']).where('device_sn', '=', serial).orderBy('at_ms').execute();
    expect(stored).toEqual([
      { idempotency_key: `zk:${serial}:T001:2026-03-02T08:59:30`, wall_time: '2026-03-02T08:59:30', direction: 'in', at_ms: Date.parse('2026-03-02T08:59:30+08:00') },
      { idempotency_key: `zk:${serial}:T002:2026-03-02T18:01:00`, wall_time: '2026-03-02T18:01:00', direction: 'out', at_ms: Date.parse('2026-03-02T18:01:00+08:00') },
    ]);
  });

  it('lists a terminal’s users and operation log to admin and HR of its company, paged and filtered', async () => {
    const hr = t.as('hr');
    const { serial, id } = await terminal('LST', '2.4.1');
    const body = [
      'OPLOG 0\t0\t2026-03-01 07:00:00\t0\t0\t0\t0',
      'OPLOG 21\t1\t2026-03-02 09:00:00\t0\t0\t0\t0',
      'OPLOG 30\t1\t2026-03-02 09:05:00\tA01\t0\t0\t0',
      'USER PIN=A01\tName=Ann\tPri=0\tPasswd=9\tCard=[15CD5B07]',
      'USER PIN=A02\tName=Bob\tPri=14\tCard=',
      '',
    ].join('\n');
    expect((await device('POST', `/iclock/cdata?SN=${serial}&table=OPERLOG&Stamp=5`, body)).body).toBe('OK:5');
    const users = (await hr.get(`/api/v1/devices/${id}/users?pageSize=1`)).json();
    expect(users).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(users.items).toEqual([{ pin: 'A01', name: 'Ann', privilege: 0, cardMasked: '••••5B07', hasPassword: true, templates: [], employee: null, push: null, copies: { pending: 0, acked: 0, failed: 0 }, updatedAtMs: expect.any(Number) }]);
    expect((await hr.get(`/api/v1/devices/${id}/users?q=bo`)).json().items.map((u: { pin: string }) => u.pin)).toEqual(['A02']);
    expect((await hr.get(`/api/v1/devices/${id}/users?q=${encodeURIComponent('%')}`)).json().total).toBe(0);

    const all = (await hr.get(`/api/v1/devices/${id}/oplog`)).json();
    expect(all.total).toBe(3);
    expect(all.items.map((o: { opType: number }) => o.opType)).toEqual([30, 21, 0]);
    expect(all.items[0]).toMatchObject({ operator: '1', time: '2026-03-02 09:05:00', who: 'A01', values: ['0', '0', '0'] });
    expect((await hr.get(`/api/v1/devices/${id}/oplog?opType=21`)).json().items.map((o: { time: string }) => o.time)).toEqual(['2026-03-02 09:00:00']);
    expect((await hr.get(`/api/v1/devices/${id}/oplog?from=2026-03-01&to=2026-03-01`)).json().total).toBe(1);
    const order = await hr.get(`/api/v1/devices/${id}/oplog?from=2026-03-02&to=2026-03-01`);
    expect([order.statusCode, order.json().error.code]).toEqual([400, 'DATE_ORDER']);
    expect((await hr.get(`/api/v1/devices/${id}/oplog?pageSize=501`)).statusCode).toBe(400);
    expect((await hr.get(`/api/v1/devices/${id}/oplog?from=2026-3-1`)).statusCode).toBe(400);

    expect((await t.as('admin').get(`/api/v1/devices/${id}/users`)).statusCode).toBe(200);
    expect((await t.as('otherHr').get(`/api/v1/devices/${id}/users`)).statusCode).toBe(404);
    expect((await t.as('otherHr').get(`/api/v1/devices/${id}/oplog`)).statusCode).toBe(404);
    expect((await t.as('employee').get(`/api/v1/devices/${id}/oplog`)).statusCode).toBe(403);
    expect((await t.as('manager').get(`/api/v1/devices/${id}/users`)).statusCode).toBe(403);
  });
});
