import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAttlog } from '../../../src/sources/zkteco-push/attlog.js';
import {
  directionFor,
  mapAttlogRecord,
  STATUS_MAP_IGNORE,
  STATUS_MAP_SWAP_01,
  verifyMethodFor,
  zkIdempotencyKey,
} from '../../../src/sources/zkteco-push/mapper.js';
import { zonedInstant } from '../../../src/sources/zkteco-push/wall-time.js';
import {
  buildClockSync,
  buildDeleteUser,
  buildQueryAttlog,
  buildUpdateUser,
  commandSucceeded,
  parseCommandLines,
  parseCommandResults,
  renderCommands,
} from '../../../src/sources/zkteco-push/commands.js';

const ctx = { sn: 'CNYG213260182', timeZone: 'Asia/Shanghai', statusMap: null };

describe('status and verify codes', () => {
  it.each([
    [0, null, 'in'],
    [1, null, 'out'],
    [2, null, 'break_out'],
    [3, null, 'break_in'],
    [4, null, 'ot_in'],
    [5, null, 'ot_out'],
    [255, null, null],
    [7, null, null],
    [null, null, null],
    [0, STATUS_MAP_SWAP_01, 'out'],
    [1, STATUS_MAP_SWAP_01, 'in'],
    [2, STATUS_MAP_SWAP_01, 'break_out'],
    [0, STATUS_MAP_IGNORE, null],
  ] as const)('status %s with map %o → %s', (status, map, want) => {
    expect(directionFor(status, map)).toBe(want);
  });

  it.each([
    [1, 'fingerprint'],
    [3, 'password'],
    [4, 'card'],
    [15, 'face'],
    [18, 'face'],
    [25, 'palm'],
    [11, 'card'],
    [0, 'other'],
    [21, 'other'],
    [200, 'other'],
    [99, null],
    [null, null],
  ] as const)('verify %s → %s', (code, want) => {
    expect(verifyMethodFor(code)).toBe(want);
  });
});

describe('ATTLOG → CheckinInput', () => {
  it('maps a punch with instant, zone, identity and key', () => {
    const rec = parseAttlog('1452\t2026-03-02 08:59:12\t0\t15\t\t0\t0\t\r\n').records[0];
    const { punch, zoneFlag } = mapAttlogRecord(ctx, rec);
    expect(zoneFlag).toBeUndefined();
    expect(punch).toMatchObject({
      source: 'zkteco',
      idempotencyKey: 'zk:CNYG213260182:1452:2026-03-02T08:59:12',
      identity: { provider: 'device', tenant: '', externalId: '1452' },
      atMs: Date.UTC(2026, 2, 2, 0, 59, 12),
      wallTime: '2026-03-02T08:59:12',
      utcOffsetMin: 480,
      timeZone: 'Asia/Shanghai',
      deviceSn: 'CNYG213260182',
      verifyMethod: 'face',
      direction: 'in',
    });
    expect(punch.raw).toMatchObject({ line: '1452\t2026-03-02 08:59:12\t0\t15\t\t0\t0\t', status: 0, verify: 15 });
  });

  it('every wire quirk yields identical keys', () => {
    const files = ['attlog-spec-lf.txt', 'attlog-crlf-trailing-tab.txt', 'attlog-mb10vl-11-fields.txt'];
    const keys = files.map((f) =>
      parseAttlog(readFileSync(new URL(`../../fixtures/devices/${f}`, import.meta.url), 'latin1')).records.map((r) => mapAttlogRecord(ctx, r).punch.idempotencyKey),
    );
    expect(keys[1]).toEqual(keys[0]);
    expect(keys[2]).toEqual(keys[0]);
    expect(zkIdempotencyKey('A', '007', '2026-03-02T08:59:12')).toBe('zk:A:007:2026-03-02T08:59:12');
  });
});

describe('wall time → instant across DST', () => {
  const f = (y: number, mo: number, d: number, h: number, mi: number, s = 0) => ({ y, mo, d, h, mi, s });

  it('fixed-offset and ordinary DST hours', () => {
    expect(zonedInstant('Asia/Kolkata', f(2026, 1, 15, 9, 30))).toEqual({ atMs: Date.UTC(2026, 0, 15, 4, 0), utcOffsetMin: 330 });
    expect(zonedInstant('Europe/Berlin', f(2026, 7, 1, 12, 0))).toEqual({ atMs: Date.UTC(2026, 6, 1, 10, 0), utcOffsetMin: 120 });
    expect(zonedInstant('America/New_York', f(2026, 1, 5, 8, 0))).toEqual({ atMs: Date.UTC(2026, 0, 5, 13, 0), utcOffsetMin: -300 });
  });

  it('a wall time in the spring-forward gap is shifted forward and flagged', () => {
    // Berlin 2026-03-29 02:30 does not exist (02:00 → 03:00).
    const r = zonedInstant('Europe/Berlin', f(2026, 3, 29, 2, 30));
    expect(r).toEqual({ atMs: Date.UTC(2026, 2, 29, 1, 30), utcOffsetMin: 120, flag: 'gap' });
    // The minutes around the gap are unaffected.
    expect(zonedInstant('Europe/Berlin', f(2026, 3, 29, 1, 59, 59))).toEqual({ atMs: Date.UTC(2026, 2, 29, 0, 59, 59), utcOffsetMin: 60 });
    expect(zonedInstant('Europe/Berlin', f(2026, 3, 29, 3, 0))).toEqual({ atMs: Date.UTC(2026, 2, 29, 1, 0), utcOffsetMin: 120 });
  });

  it('a wall time in the fall-back fold takes the earlier offset and is flagged', () => {
    // Berlin 2026-10-25 02:30 happens twice (CEST then CET).
    expect(zonedInstant('Europe/Berlin', f(2026, 10, 25, 2, 30))).toEqual({ atMs: Date.UTC(2026, 9, 25, 0, 30), utcOffsetMin: 120, flag: 'ambiguous' });
    expect(zonedInstant('Europe/Berlin', f(2026, 10, 25, 3, 0))).toEqual({ atMs: Date.UTC(2026, 9, 25, 2, 0), utcOffsetMin: 60 });
  });

  it('the DST fold makes two real punches share one key (documented limitation, devices.md §12.4-10)', () => {
    const berlin = { sn: 'B1', timeZone: 'Europe/Berlin', statusMap: null };
    const [a, b] = parseAttlog('7\t2026-10-25 02:30:00\t0\t1\n7\t2026-10-25 02:30:00\t1\t1\n').records.map((r) => mapAttlogRecord(berlin, r));
    expect(a.punch.idempotencyKey).toBe(b.punch.idempotencyKey);
    expect(a.zoneFlag).toBe('ambiguous');
    expect(a.punch.raw).toMatchObject({ zoneFlag: 'ambiguous' });
  });

  it('rejects an unknown zone', () => {
    expect(() => zonedInstant('Mars/Olympus', f(2026, 1, 1, 0, 0))).toThrow(RangeError);
  });
});

describe('commands', () => {
  it('builds the command texts', () => {
    expect(buildUpdateUser({ pin: '1452', name: '张三', privilege: 0, card: '15CD5B07' })).toBe(
      'DATA UPDATE USERINFO PIN=1452\tName=张三\tPri=0\tPasswd=\tCard=15CD5B07\tGrp=1\tTZ=0000000000000000\tVerify=-1\tViceCard=',
    );
    expect(buildUpdateUser({ pin: '1', name: 'Ann\tBob\nX' })).toContain('Name=Ann Bob X\t');
    expect(buildDeleteUser('1452')).toBe('DATA DELETE USERINFO PIN=1452');
    expect(buildQueryAttlog('2026-03-01 00:00:00', '2026-03-01 23:59:59')).toBe('DATA QUERY ATTLOG StartTime=2026-03-01 00:00:00\tEndTime=2026-03-01 23:59:59');
    expect(buildClockSync('8')).toEqual(['SET OPTION TimeZone=8', 'REBOOT']);
  });

  it('renders and re-reads C: lines', () => {
    const body = renderCommands([
      { id: 1, text: 'REBOOT' },
      { id: 22, text: 'DATA QUERY ATTLOG StartTime=2026-03-01 00:00:00\tEndTime=2026-03-01 23:59:59' },
    ]);
    expect(body).toBe('C:1:REBOOT\nC:22:DATA QUERY ATTLOG StartTime=2026-03-01 00:00:00\tEndTime=2026-03-01 23:59:59\n');
    expect(parseCommandLines(body.replace(/\n/g, '\r\n'))).toEqual([
      { id: '1', text: 'REBOOT' },
      { id: '22', text: 'DATA QUERY ATTLOG StartTime=2026-03-01 00:00:00\tEndTime=2026-03-01 23:59:59' },
    ]);
  });

  it('parses results: several per POST, continuation lines, lowercase keys, positive codes', () => {
    const body = readFileSync(new URL('../../fixtures/devices/devicecmd-results.txt', import.meta.url), 'utf8');
    const r = parseCommandResults(body);
    expect(r.map((x) => [x.id, x.returnCode, x.cmd])).toEqual([
      ['info8487', 0, 'DATA'],
      ['fp7464', -1002, 'DATA'],
      ['77', 0, 'INFO'],
      ['78', 3, 'DATA UPDATE'],
    ]);
    expect(r[2].fields).toMatchObject({ '~devicename': 'MB10-VL', usercount: '12' });
    expect(r[2].raw).toBe('ID=77&Return=0&CMD=INFO\n~DeviceName=MB10-VL\nUserCount=12');
    expect(r.map(commandSucceeded)).toEqual([true, false, true, true]);
    const shell = parseCommandResults('ID=32\nReturn=0\nCMD=Shell\nContent=a=b&c');
    expect(shell[0]).toMatchObject({ id: '32', returnCode: 0, cmd: 'Shell' });
    expect(shell[0].fields.content).toBe('a=b&c');
    expect(parseCommandResults('ID=5&CMD=DATA')[0].returnCode).toBeNaN();
  });
});
