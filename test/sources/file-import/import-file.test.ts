import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { MemoryDeviceGateway } from '../../../src/sources/device-gateway.js';
import iclockRoutes from '../../../src/sources/zkteco-push/routes.js';
import { AppError } from '../../../src/shared/errors.js';
import {
  detectPunchFileFormat,
  importPunchFile,
  parseAttlogFile,
  parseCsvFile,
  parseXlsxFile,
} from '../../../src/sources/file-import/import-file.js';

const ctx = { sn: 'CNYG213260182', timeZone: 'Asia/Shanghai', statusMap: null };
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/devices/${name}`, import.meta.url));

describe('attlog.dat', () => {
  it('imports good lines and reports every bad one', () => {
    const r = parseAttlogFile(fixture('attlog-usb.dat'), ctx);
    expect(r.punches.map((p) => [p.identity.externalId, p.wallTime, p.direction, p.verifyMethod, p.source])).toEqual([
      ['1452', '2026-03-02T08:59:12', 'in', 'fingerprint', 'file'],
      ['1453', '2026-03-02T09:00:05', 'out', 'face', 'file'],
      ['1456', '2026-03-02T18:01:00', 'out', 'card', 'file'],
    ]);
    expect(r.problems).toEqual([
      { line: 3, column: 'Time', message: 'invalid time "2026-02-30 09:00:05"' },
      { line: 4, column: 'PIN', message: 'empty PIN' },
      { line: 6, column: 'Status', message: 'invalid status "x"' },
    ]);
  });

  it('rejects a device with an unknown zone as a whole', () => {
    expect(() => parseAttlogFile(fixture('attlog-usb.dat'), { ...ctx, timeZone: 'Nowhere/Land' })).toThrow(AppError);
  });

  it('gives the same idempotency key as the push path for the same punch', async () => {
    const gw = new MemoryDeviceGateway();
    gw.addDevice(ctx.sn);
    const app = Fastify();
    await app.register(iclockRoutes, { prefix: '/iclock', gateway: gw });
    const body = fixture('attlog-crlf-trailing-tab.txt');
    const res = await app.inject({ method: 'POST', url: `/iclock/cdata?SN=${ctx.sn}&table=ATTLOG`, payload: body });
    expect(res.body).toBe('OK:2');
    await app.close();
    const pushed = [...gw.punches.values()];
    const imported = parseAttlogFile(fixture('attlog-spec-lf.txt'), ctx).punches;
    expect(imported.map((p) => p.idempotencyKey)).toEqual(pushed.map((p) => p.idempotencyKey));
    expect(imported.map((p) => p.atMs)).toEqual(pushed.map((p) => p.atMs));
    // Re-importing the stick after the device pushed stores nothing new.
    expect(await gw.storePunches(gw.devices.get(ctx.sn)!, imported)).toEqual({ stored: 0, duplicates: 2 });
    // The spreadsheet path agrees too.
    const csv = parseCsvFile(Buffer.from('工号,打卡时间\n1452,2026/03/02 08:59:12\n'), ctx);
    expect(csv.punches[0].idempotencyKey).toBe(pushed[0].idempotencyKey);
  });
});

describe('CSV', () => {
  it('reads English headers, status/verify labels and reports bad rows by line', () => {
    const text = [
      'PIN,Time,Status,Verify',
      '1452,2026-03-02 08:59:12,Check-In,Fingerprint',
      '1453,2026/3/2 9:00,1,15',
      ',2026-03-02 09:00:00,0,1',
      '1454,yesterday,0,1',
      '',
      '1455,2026-03-02 09:10:00,lunch,1',
      '1456,2026-03-02 09:11:00,0,retina',
      '"1457",2026-03-02 18:00:00,C/Out,Card',
    ].join('\r\n');
    const r = parseCsvFile(Buffer.from(text), ctx);
    expect(r.punches.map((p) => [p.identity.externalId, p.wallTime, p.direction, p.verifyMethod])).toEqual([
      ['1452', '2026-03-02T08:59:12', 'in', 'fingerprint'],
      ['1453', '2026-03-02T09:00:00', 'out', 'face'],
      ['1457', '2026-03-02T18:00:00', 'out', 'card'],
    ]);
    expect(r.problems).toEqual([
      { line: 4, column: 'PIN', message: 'empty PIN' },
      { line: 5, column: 'time', message: 'invalid time "yesterday"' },
      { line: 7, column: 'status', message: 'unknown status "lunch"' },
      { line: 8, column: 'verify', message: 'unknown verify method "retina"' },
    ]);
  });

  it('reads a GBK, semicolon-separated export with Chinese headers and labels', () => {
    const text = '工号;姓名;日期时间;考勤状态;验证方式\r\n0012;张三;2026-03-02 08:30:00;上班签到;指纹\r\n0012;张三;2026-03-02 17:45:00;下班签退;人脸\r\n';
    const r = parseCsvFile(iconv.encode(text, 'gbk'), ctx);
    expect(r.problems).toEqual([]);
    expect(r.punches.map((p) => [p.identity.externalId, p.direction, p.verifyMethod, p.atMs])).toEqual([
      ['0012', 'in', 'fingerprint', Date.UTC(2026, 2, 2, 0, 30)],
      ['0012', 'out', 'face', Date.UTC(2026, 2, 2, 9, 45)],
    ]);
  });

  it('accepts separate date and clock columns; a missing PIN column is one header problem', () => {
    const r = parseCsvFile(Buffer.from('PIN\tDate\tClock\n7\t2026-03-02\t08:01:02\n'), ctx);
    expect(r.punches[0].wallTime).toBe('2026-03-02T08:01:02');
    expect(parseCsvFile(Buffer.from('Name,Time\nAnn,2026-03-02 08:00:00\n'), ctx).problems).toEqual([
      { line: 1, column: 'PIN', message: 'no PIN/工号 column in the header' },
    ]);
  });
});

describe('XLSX', () => {
  async function workbook(rows: unknown[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Punches');
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('reads date cells, text times and serial numbers, and reports bad rows by sheet row', async () => {
    const bytes = await workbook([
      ['工号', '时间', '状态'],
      ['1452', new Date(Date.UTC(2026, 2, 2, 8, 59, 12)), 0],
      [1453, '2026-03-02 09:00:05', 1],
      ['1454', 'not a time', 0],
      ['1455', 46083.5, 4],
      [null, '2026-03-02 09:00:05', 1],
    ]);
    expect(detectPunchFileFormat(bytes, 'x.bin')).toBe('xlsx');
    const r = await parseXlsxFile(bytes, ctx);
    expect(r.punches.map((p) => [p.identity.externalId, p.wallTime, p.direction])).toEqual([
      ['1452', '2026-03-02T08:59:12', 'in'],
      ['1453', '2026-03-02T09:00:05', 'out'],
      ['1455', '2026-03-02T12:00:00', 'ot_in'],
    ]);
    expect(r.problems).toEqual([
      { line: 4, column: 'time', message: 'invalid time "not a time"' },
      { line: 6, column: 'PIN', message: 'empty PIN' },
    ]);
  });

  it('reports an unreadable workbook instead of throwing', async () => {
    const r = await parseXlsxFile(Buffer.from('PK\x03\x04garbage'), ctx);
    expect(r.punches).toEqual([]);
    expect(r.problems[0].message).toMatch(/unreadable XLSX/);
  });
});

describe('format detection', () => {
  it('dispatches by content, then name', async () => {
    expect(detectPunchFileFormat(fixture('attlog-usb.dat'), 'ATTLOG.txt')).toBe('attlog');
    expect(detectPunchFileFormat(Buffer.from('PIN,Time\n'), 'export.txt')).toBe('csv');
    expect(detectPunchFileFormat(Buffer.from('1\t2026-03-02 08:00:00\t0\t1'), '')).toBe('attlog');
    const r = await importPunchFile(fixture('attlog-usb.dat'), '1_attlog.dat', ctx);
    expect(r.format).toBe('attlog');
    expect(r.punches).toHaveLength(3);
  });
});
