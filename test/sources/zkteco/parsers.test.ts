import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAttlog, parseAttlogLine, parseDeviceTime } from '../../../src/sources/zkteco-push/attlog.js';
import { decodeDeviceText, detectCharset } from '../../../src/sources/zkteco-push/text.js';
import { parseAttPhoto, parseInfo, parseOperLog } from '../../../src/sources/zkteco-push/operlog.js';
import { buildHandshakeReply, parseHandshakeReply, parseKeyValueList, timeZoneOptionMinutes, timeZoneOptionValue } from '../../../src/sources/zkteco-push/options.js';
import { MemoryDeviceGateway } from '../../../src/sources/device-gateway.js';
import iconv from 'iconv-lite';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/devices/${name}`, import.meta.url));

describe('ATTLOG parser', () => {
  const canonical = parseAttlog(fixture('attlog-spec-lf.txt').toString('latin1'));

  it('parses the spec form', () => {
    expect(canonical.problems).toEqual([]);
    expect(canonical.records.map((r) => [r.pin, r.timeRaw, r.status, r.verify, r.workcode])).toEqual([
      ['1452', '2026-03-02 08:59:12', 0, 1, '0'],
      ['1453', '2026-03-02 09:00:05', 1, 15, '0'],
    ]);
    expect(canonical.records[0].wall).toEqual({ y: 2026, mo: 3, d: 2, h: 8, mi: 59, s: 12 });
  });

  it.each([
    ['CRLF, empty workcode, trailing TAB', 'attlog-crlf-trailing-tab.txt'],
    ['11 fields with a sequence counter', 'attlog-mb10vl-11-fields.txt'],
  ])('%s gives the same punches as the spec form', (_label, file) => {
    const r = parseAttlog(fixture(file).toString('latin1'));
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => [x.pin, x.timeRaw, x.status, x.verify])).toEqual(
      canonical.records.map((x) => [x.pin, x.timeRaw, x.status, x.verify]),
    );
  });

  it('keeps fields after the 7th by position', () => {
    const r = parseAttlog(fixture('attlog-mb10vl-11-fields.txt').toString('latin1'));
    expect(r.records[0].extra).toEqual(['0', '0', '0', '10881']);
    const ten = parseAttlog(fixture('attlog-mb20vl-10-fields-255.txt').toString('latin1'));
    expect(ten.records).toHaveLength(1);
    expect(ten.records[0].status).toBe(255);
    expect(ten.records[0].extra).toEqual(['0', '0', '0']);
  });

  it.each([
    ['PIN only', '1452', 'Time'],
    ['empty PIN', '\t2026-03-02 08:59:12\t0\t1', 'PIN'],
    ['bad date', '1452\t2026-13-02 08:59:12\t0\t1', 'Time'],
    ['29 Feb in a common year', '1452\t2026-02-29 08:59:12\t0\t1', 'Time'],
    ['bad hour', '1452\t2026-03-02 24:00:00\t0\t1', 'Time'],
    ['letters in status', '1452\t2026-03-02 08:59:12\tIN\t1', 'Status'],
    ['negative verify', '1452\t2026-03-02 08:59:12\t0\t-1', 'Verify'],
  ])('rejects %s', (_label, line, column) => {
    const r = parseAttlogLine(line, 7);
    expect('pin' in r).toBe(false);
    expect(r).toMatchObject({ line: 7, column });
  });

  it('accepts a missing status/verify (7-field minimum is not enforced) and leading zeros in PINs', () => {
    const r = parseAttlogLine('000123\t2026-03-02 08:59:12', 1);
    expect(r).toMatchObject({ pin: '000123', status: null, verify: null });
  });

  it('accepts a T separator and single-digit parts only through the slow path', () => {
    expect(parseDeviceTime('2026-03-02T08:59:12')).toEqual({ y: 2026, mo: 3, d: 2, h: 8, mi: 59, s: 12 });
    expect(parseDeviceTime('2026-3-2 8:59:12')).toEqual({ y: 2026, mo: 3, d: 2, h: 8, mi: 59, s: 12 });
    expect(parseDeviceTime('2026-03-02 08:59')).toEqual({ y: 2026, mo: 3, d: 2, h: 8, mi: 59, s: 0 });
    expect(parseDeviceTime('02/03/2026 08:59:12')).toBeNull();
  });

  it('skips blank and whitespace-only lines, counting physical lines; strips a BOM', () => {
    const r = parseAttlog('\ufeff1\t2026-03-02 08:00:00\t0\t1\n\n\t\t\r\n2\t2026-03-02 08:00:01\t0\t1\nbroken\n');
    expect(r.records.map((x) => [x.pin, x.line])).toEqual([
      ['1', 1],
      ['2', 4],
    ]);
    expect(r.problems).toEqual([{ line: 5, column: 'Time', message: 'missing time field' }]);
  });

  it('parses a 128-line batch in order', () => {
    const lines = Array.from({ length: 128 }, (_, i) => `${i + 1}\t2026-03-02 08:${String(i % 60).padStart(2, '0')}:00\t0\t1\t0\t0\t0`);
    const r = parseAttlog(lines.join('\r\n'));
    expect(r.records).toHaveLength(128);
    expect(r.records[127].pin).toBe('128');
  });
});

describe('device text decoding', () => {
  it('detects ASCII, UTF-8 and GBK', () => {
    expect(detectCharset(Buffer.from('1452\t2026'))).toBe('ascii');
    expect(detectCharset(Buffer.from('Name=张三', 'utf8'))).toBe('utf8');
    expect(detectCharset(iconv.encode('Name=张三', 'gbk'))).toBe('gbk');
    expect(decodeDeviceText(iconv.encode('Name=李四光', 'gbk')).text).toBe('Name=李四光');
  });

  it('uses the device hint when GBK bytes are also valid UTF-8', () => {
    const ambiguous = iconv.encode('Name=铡廷', 'gbk');
    expect(detectCharset(ambiguous)).toBe('utf8');
    expect(decodeDeviceText(ambiguous, 'gbk')).toEqual({ text: 'Name=铡廷', charset: 'gbk' });
    // The hint wins unless the GBK decoder cannot read the bytes (here a UTF-8 € leaves a dangling byte).
    expect(decodeDeviceText(Buffer.from('Name=€', 'utf8'), 'gbk')).toEqual({ text: 'Name=€', charset: 'utf8' });
  });
});

describe('OPERLOG parser', () => {
  it('reads GBK names and joins a template split by CRLF', () => {
    const records = parseOperLog(decodeDeviceText(fixture('operlog-gbk-mixed.bin')).text);
    expect(records.map((r) => r.tag)).toEqual(['OPLOG', 'USER', 'FP']);
    expect(records[0].fields).toMatchObject({ type: '4', time: '2026-03-02 08:00:00' });
    expect(records[1].fields).toMatchObject({ PIN: '1452', Name: '张三', Card: '[15CD5B07]', ViceCard: '' });
    expect(records[2].fields.TMP).toBe('QUJDREVGR0hJSktM');
  });

  it('reads INFO and ATTPHOTO', () => {
    expect(parseInfo('Ver 2.0.12-20150625,3,5,1200,192.168.16.27,10,7,15,2,111')).toEqual({
      firmware: 'Ver 2.0.12-20150625',
      userCount: 3,
      fpCount: 5,
      attlogCount: 1200,
      ip: '192.168.16.27',
      faceCount: 2,
    });
    const photo = parseAttPhoto(Buffer.concat([Buffer.from('PIN=20260302085912-1452.jpg\nSN=X1\nsize=3\nCMD=uploadphoto\0'), Buffer.from([0xff, 0xd8, 0x00])]));
    expect(photo?.name).toBe('20260302085912-1452.jpg');
    expect([...photo!.bytes]).toEqual([0xff, 0xd8, 0x00]);
    expect(parseAttPhoto(Buffer.from('no nul here'))).toBeNull();
  });
});

describe('handshake options', () => {
  it('TimeZone is hours when whole, else minutes', () => {
    expect(timeZoneOptionValue(480)).toBe('8');
    expect(timeZoneOptionValue(-300)).toBe('-5');
    expect(timeZoneOptionValue(330)).toBe('330');
    expect(timeZoneOptionValue(345)).toBe('345');
    expect(timeZoneOptionMinutes('8')).toBe(480);
    expect(timeZoneOptionMinutes('330')).toBe(330);
    expect(timeZoneOptionMinutes('-5')).toBe(-300);
  });

  it('builds the block real firmware expects, TimeZone only when confirmed', () => {
    const gw = new MemoryDeviceGateway();
    const ctx = gw.addDevice('CNYG213260182', { stamps: { attlog: '9999', operlog: '0', photo: '0' } });
    const reply = buildHandshakeReply(ctx, Date.UTC(2026, 0, 1));
    const lines = reply.split('\n');
    expect(lines[0]).toBe('GET OPTION FROM: CNYG213260182');
    expect(reply).not.toContain('\r');
    const parsed = parseHandshakeReply(reply)!;
    expect(parsed.options).toMatchObject({ ATTLOGStamp: '9999', OPERLOGStamp: '0', ATTPHOTOStamp: '0', ErrorDelay: '30', Delay: '10', TransInterval: '1', Realtime: '1', Encrypt: 'None', PushProtVer: '2.2.14' });
    expect(parsed.options.TransFlag).toBe('TransData AttLog\tOpLog\tEnrollUser\tChgUser');
    expect(parsed.options.TimeZone).toBeUndefined();
    ctx.pushOptions = { sendTimeZone: true, delaySec: 5 };
    ctx.timeZone = 'Asia/Kolkata';
    expect(parseHandshakeReply(buildHandshakeReply(ctx, Date.UTC(2026, 0, 1)))!.options).toMatchObject({ TimeZone: '330', Delay: '5' });
    ctx.timeZone = 'Europe/Berlin';
    expect(parseHandshakeReply(buildHandshakeReply(ctx, Date.UTC(2026, 6, 1)))!.options.TimeZone).toBe('2');
    expect(parseHandshakeReply('OK')).toBeNull();
  });

  it('parses options uploads', () => {
    expect(parseKeyValueList('FingerFunOn=1,FaceFunOn=1,~DeviceName=MB10')).toEqual({ FingerFunOn: '1', FaceFunOn: '1', '~DeviceName': 'MB10' });
  });
});
