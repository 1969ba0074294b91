// @vitest-environment node
/** The web's zone rules (R1): what the request form sends is the instant the engine computes. */
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { requestBody } from './attendance/request-body';
import { formatInstant } from './format';
import { isValidZone, todayIn, UnknownZoneError, wallClockIn, zonedIso, zoneOffset } from './zone-time';

/** [zone, date, wall time, the instant R1 gives it, the ISO the form sends] */
const CASES: [string, string, string, string, string][] = [
  // New York: gap 02:00 → 03:00 on 03-08, fold 01:00–02:00 on 11-01.
  ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00Z', '2026-03-08T03:30:00-04:00'],
  ['America/New_York', '2026-03-08', '01:59', '2026-03-08T06:59:00Z', '2026-03-08T01:59:00-05:00'],
  ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00Z', '2026-11-01T01:30:00-04:00'],
  ['America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00:00Z', '2026-11-01T02:00:00-05:00'],
  // Berlin: gap 02:00 → 03:00 on 03-29, fold 02:00–03:00 on 10-25.
  ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00Z', '2026-03-29T03:30:00+02:00'],
  ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00Z', '2026-10-25T02:30:00+02:00'],
  // Havana: DST starts at midnight; the fold is 00:00–01:00 on 11-01.
  ['America/Havana', '2026-03-08', '00:00', '2026-03-08T05:00:00Z', '2026-03-08T01:00:00-04:00'],
  ['America/Havana', '2026-03-08', '00:45', '2026-03-08T05:45:00Z', '2026-03-08T01:45:00-04:00'],
  ['America/Havana', '2026-11-01', '00:30', '2026-11-01T04:30:00Z', '2026-11-01T00:30:00-04:00'],
  // Santiago: DST starts at midnight on 09-06; the fold is 23:00–24:00 on 04-04.
  ['America/Santiago', '2026-09-06', '00:30', '2026-09-06T04:30:00Z', '2026-09-06T01:30:00-03:00'],
  ['America/Santiago', '2026-04-04', '23:30', '2026-04-05T02:30:00Z', '2026-04-04T23:30:00-03:00'],
  ['America/Santiago', '2026-04-05', '00:00', '2026-04-05T04:00:00Z', '2026-04-05T00:00:00-04:00'],
  // Lord Howe: 30-minute shifts.
  ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:45:00Z', '2026-10-04T02:45:00+11:00'],
  ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45:00Z', '2026-04-05T01:45:00+11:00'],
  ['Australia/Lord_Howe', '2026-04-05', '02:00', '2026-04-04T15:30:00Z', '2026-04-05T02:00:00+10:30'],
  // No DST.
  ['Asia/Shanghai', '2026-03-08', '09:00', '2026-03-08T01:00:00Z', '2026-03-08T09:00:00+08:00'],
];

describe('zonedIso and zoneOffset', () => {
  it.each(CASES)('%s %s %s', (zone, date, time, instant, iso) => {
    expect(zonedIso(date, time, zone)).toBe(iso);
    expect(Date.parse(zonedIso(date, time, zone))).toBe(Date.parse(instant));
    // The offset names the same instant when written after the wall time as typed.
    expect(Date.parse(`${date}T${time}:00${zoneOffset(date, time, zone)}`)).toBe(Date.parse(instant));
  });

  it('gives the offset before a gap for a wall time inside it, never the one after', () => {
    expect(zoneOffset('2026-03-08', '02:30', 'America/New_York')).toBe('-05:00');
    expect(zoneOffset('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBe('+10:30');
    expect(zoneOffset('2026-11-01', '01:30', 'America/New_York')).toBe('-04:00');
    expect(zoneOffset('2026-01-15', '09:30', 'Asia/Kolkata')).toBe('+05:30');
  });

  it('an unknown zone is an error, never +00:00', () => {
    expect(isValidZone('Mars/Olympus')).toBe(false);
    expect(() => zoneOffset('2026-03-08', '09:00', 'Mars/Olympus')).toThrow(UnknownZoneError);
    expect(() => zonedIso('2026-03-08', '09:00', 'Mars/Olympus')).toThrow(UnknownZoneError);
    expect(() => zonedIso('2026-03-08', '09:00', '')).toThrow(UnknownZoneError);
  });
});

describe('instant → wall clock', () => {
  it('reads both sides of a fold and of a midnight gap', () => {
    expect(wallClockIn('America/New_York', Date.parse('2026-11-01T05:30:00Z'))).toBe('2026-11-01 01:30:00');
    expect(wallClockIn('America/New_York', Date.parse('2026-11-01T06:30:00Z'))).toBe('2026-11-01 01:30:00');
    expect(wallClockIn('America/Havana', Date.parse('2026-03-08T04:59:59Z'))).toBe('2026-03-07 23:59:59');
    expect(wallClockIn('America/Havana', Date.parse('2026-03-08T05:00:00Z'))).toBe('2026-03-08 01:00:00');
    expect(wallClockIn('America/Santiago', Date.parse('2026-04-05T03:00:00Z'))).toBe('2026-04-04 23:00:00');
    expect(wallClockIn('Australia/Lord_Howe', Date.parse('2026-10-03T15:30:00Z'))).toBe('2026-10-04 02:30:00');
    expect(wallClockIn('Europe/Berlin', Date.parse('2026-10-25T01:30:00Z'))).toBe('2026-10-25 02:30:00');
    expect(wallClockIn('Mars/Olympus', 0)).toBeNull();
    expect(formatInstant(Date.parse('2026-03-08T07:30:00Z'), 'America/New_York')).toBe('2026-03-08 03:30:00');
  });

  it("today's date is the zone's, across midnight", () => {
    const at = Date.parse('2026-03-08T04:59:59Z');
    expect(todayIn('America/Havana', at)).toBe('2026-03-07');
    expect(todayIn('America/Havana', at + 1000)).toBe('2026-03-08');
    expect(todayIn('Asia/Shanghai', Date.parse('2026-03-07T16:00:00Z'))).toBe('2026-03-08');
    expect(todayIn('Australia/Lord_Howe', Date.parse('2026-10-03T13:29:59Z'))).toBe('2026-10-03');
    expect(todayIn('Australia/Lord_Howe', Date.parse('2026-10-03T13:30:00Z'))).toBe('2026-10-04');
  });
});

describe('request form body', () => {
  it('sends 补卡 and overtime times with the offset of their instant', () => {
    const correction = requestBody({ kind: 'correction', date: dayjs('2026-03-08'), time: dayjs('2000-01-01T02:30'), reason: ' forgot ' }, 'America/New_York');
    expect(correction).toEqual({ kind: 'correction', time: '2026-03-08T03:30:00-04:00', reason: 'forgot' });
    const overtime = requestBody({ kind: 'overtime', overtimeDate: dayjs('2026-04-04'), toMs: [dayjs('2000-01-01T22:00'), dayjs('2000-01-01T01:00')] }, 'America/Santiago');
    expect(overtime).toEqual({ kind: 'overtime', from: '2026-04-04T22:00:00-03:00', to: '2026-04-05T01:00:00-04:00' });
    // Three real hours plus the repeated one.
    expect(Date.parse(overtime.to as string) - Date.parse(overtime.from as string)).toBe(4 * 3_600_000);
  });

  it('refuses to build times in an unknown zone; leave needs no zone', () => {
    expect(() => requestBody({ kind: 'correction', date: dayjs('2026-03-08'), time: dayjs('2000-01-01T09:00') }, 'Mars/Olympus')).toThrow(UnknownZoneError);
    expect(requestBody({ kind: 'leave', leaveType: 'annual', fromDate: [dayjs('2026-03-09'), dayjs('2026-03-10')], half: 'none' }, 'Mars/Olympus')).toEqual({
      kind: 'leave',
      leaveType: 'annual',
      fromDate: '2026-03-09',
      toDate: '2026-03-10',
      half: null,
    });
  });
});
