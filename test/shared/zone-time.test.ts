/** The one zone conversion (R1: gap forward, fold first) and every module that goes through it. */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { dayIndexOf } from '../../src/shared/civil-date.js';
import { localDate, zonedDayStartMs } from '../../src/shared/dates.js';
import { isValidTimeZone, offsetMinutesAt } from '../../src/shared/time.js';
import { isValidZone, wallToMs, zoneTable } from '../../src/shared/zone-time.js';
import { dayStartMs, formatLocalHHMM, formatLocalIso, localDateOf, resolveWall, utcOffsetMinAt, wallTimeOf, wallToInstant, zonedIso } from '../../src/shared/zone-wall.js';
import { instantOf, wallTimeOf as platformWallTimeOf } from '../../src/sources/platform/zone.js';
import { zonedInstant } from '../../src/sources/zkteco-push/wall-time.js';

const at = (iso: string) => Date.parse(iso);

/** [zone, date, wall time, expected instant, its offset, flag] */
const R1_CASES: [string, string, string, string, number, 'gap' | 'ambiguous' | undefined][] = [
  // New York: 02:00 → 03:00 on 03-08, 02:00 → 01:00 on 11-01.
  ['America/New_York', '2026-03-08', '01:59', '2026-03-08T06:59:00Z', -300, undefined],
  ['America/New_York', '2026-03-08', '02:00', '2026-03-08T07:00:00Z', -240, 'gap'],
  ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00Z', -240, 'gap'],
  ['America/New_York', '2026-03-08', '03:00', '2026-03-08T07:00:00Z', -240, undefined],
  ['America/New_York', '2026-11-01', '00:59', '2026-11-01T04:59:00Z', -240, undefined],
  ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00Z', -240, 'ambiguous'],
  ['America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00:00Z', -300, undefined],
  // Berlin: 02:00 → 03:00 on 03-29, 03:00 → 02:00 on 10-25.
  ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00Z', 120, 'gap'],
  ['Europe/Berlin', '2026-03-29', '03:00', '2026-03-29T01:00:00Z', 120, undefined],
  ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00Z', 120, 'ambiguous'],
  ['Europe/Berlin', '2026-10-25', '03:00', '2026-10-25T02:00:00Z', 60, undefined],
  // Havana: DST starts at midnight (00:00 → 01:00 on 03-08) and ends at 01:00 → 00:00 on 11-01.
  ['America/Havana', '2026-03-08', '00:00', '2026-03-08T05:00:00Z', -240, 'gap'],
  ['America/Havana', '2026-03-08', '00:30', '2026-03-08T05:30:00Z', -240, 'gap'],
  ['America/Havana', '2026-03-08', '01:00', '2026-03-08T05:00:00Z', -240, undefined],
  ['America/Havana', '2026-03-07', '23:59', '2026-03-08T04:59:00Z', -300, undefined],
  ['America/Havana', '2026-11-01', '00:30', '2026-11-01T04:30:00Z', -240, 'ambiguous'],
  ['America/Havana', '2026-11-01', '01:00', '2026-11-01T06:00:00Z', -300, undefined],
  // Santiago: DST starts at midnight on 09-06; it ends at 24:00 → 23:00, a fold at the end of 04-04.
  ['America/Santiago', '2026-09-06', '00:00', '2026-09-06T04:00:00Z', -180, 'gap'],
  ['America/Santiago', '2026-09-06', '00:30', '2026-09-06T04:30:00Z', -180, 'gap'],
  ['America/Santiago', '2026-09-06', '01:00', '2026-09-06T04:00:00Z', -180, undefined],
  ['America/Santiago', '2026-04-04', '22:59', '2026-04-05T01:59:00Z', -180, undefined],
  ['America/Santiago', '2026-04-04', '23:30', '2026-04-05T02:30:00Z', -180, 'ambiguous'],
  ['America/Santiago', '2026-04-05', '00:00', '2026-04-05T04:00:00Z', -240, undefined],
  // Lord Howe: a 30-minute shift, 02:00 → 02:30 on 10-04 and 02:00 → 01:30 on 04-05.
  ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:45:00Z', 660, 'gap'],
  ['Australia/Lord_Howe', '2026-10-04', '02:30', '2026-10-03T15:30:00Z', 660, undefined],
  ['Australia/Lord_Howe', '2026-10-04', '01:59', '2026-10-03T15:29:00Z', 630, undefined],
  ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45:00Z', 660, 'ambiguous'],
  ['Australia/Lord_Howe', '2026-04-05', '02:00', '2026-04-04T15:30:00Z', 630, undefined],
  // Samoa skipped 2011-12-30 whole (−10:00 → +14:00): every wall time of that date is in the gap.
  ['Pacific/Apia', '2011-12-30', '12:00', '2011-12-30T22:00:00Z', 840, 'gap'],
  // No DST at all.
  ['Asia/Shanghai', '2026-03-08', '02:30', '2026-03-07T18:30:00Z', 480, undefined],
];

describe('wall time → instant (R1)', () => {
  it.each(R1_CASES)('%s %s %s', (zone, date, time, want, offset, flag) => {
    const [h, mi] = time.split(':').map(Number);
    const f = { y: Number(date.slice(0, 4)), mo: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)), h, mi, s: 0 };
    const r = resolveWall(zone, f);
    expect(new Date(r.atMs).toISOString()).toBe(new Date(at(want)).toISOString());
    expect(r.utcOffsetMin).toBe(offset);
    expect(r.flag).toBe(flag);
    // Every entry point gives the same instant.
    expect(wallToInstant(zone, date, time)).toBe(r.atMs);
    expect(wallToMs(zoneTable(zone), dayIndexOf(date), h * 60 + mi)).toBe(r.atMs);
    expect(instantOf(date, time, zone)).toBe(r.atMs);
    expect(zonedInstant(zone, f)).toEqual(r);
    // And it agrees with Temporal's 'compatible' disambiguation, which is R1.
    expect(r.atMs).toBe(Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds);
  });

  it('formats the resolved instant with the offset in force', () => {
    expect(zonedIso('America/New_York', '2026-03-08', '02:30')).toBe('2026-03-08T03:30:00-04:00');
    expect(zonedIso('America/New_York', '2026-11-01', '01:30')).toBe('2026-11-01T01:30:00-04:00');
    expect(zonedIso('America/Havana', '2026-03-08', '00:15')).toBe('2026-03-08T01:15:00-04:00');
    expect(zonedIso('Australia/Lord_Howe', '2026-10-04', '02:10')).toBe('2026-10-04T02:40:00+11:00');
    expect(zonedIso('Asia/Kolkata', '2026-01-15', '09:30')).toBe('2026-01-15T09:30:00+05:30');
  });

  it('seconds and milliseconds are kept', () => {
    expect(wallToInstant('Europe/Berlin', '2026-03-29', '01:59:59')).toBe(at('2026-03-29T00:59:59Z'));
    expect(wallToInstant('Europe/Berlin', '2026-07-01', '12:00:00.25')).toBe(at('2026-07-01T10:00:00.250Z'));
  });
});

describe('local day bounds', () => {
  const starts: [string, string, string, number][] = [
    ['America/Havana', '2026-03-08', '2026-03-08T05:00:00Z', 23],
    ['America/Havana', '2026-11-01', '2026-11-01T04:00:00Z', 25],
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00Z', 23],
    ['America/Santiago', '2026-04-04', '2026-04-04T03:00:00Z', 25],
    ['America/Santiago', '2026-04-05', '2026-04-05T04:00:00Z', 24],
    ['America/New_York', '2026-03-08', '2026-03-08T05:00:00Z', 23],
    ['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00Z', 25],
    ['Australia/Lord_Howe', '2026-10-04', '2026-10-03T13:30:00Z', 23.5],
    ['Australia/Lord_Howe', '2026-04-05', '2026-04-04T13:00:00Z', 24.5],
    ['Asia/Shanghai', '2026-10-01', '2026-09-30T16:00:00Z', 24],
  ];
  it.each(starts)('%s %s starts at its first wall time and lasts %s h', (zone, date, want, hours) => {
    expect(new Date(dayStartMs(zone, date)).toISOString()).toBe(new Date(at(want)).toISOString());
    expect(zonedDayStartMs(date, zone)).toBe(at(want));
    const next = Temporal.PlainDate.from(date).add({ days: 1 }).toString();
    expect((dayStartMs(zone, next) - dayStartMs(zone, date)) / 3_600_000).toBe(hours);
    // The instant before the start is the previous date, the start itself is this one.
    expect(localDateOf(zone, at(want))).toBe(date);
    expect(localDate(at(want) - 1, zone)).toBe(Temporal.PlainDate.from(date).subtract({ days: 1 }).toString());
  });
});

describe('instant → wall time', () => {
  const cases: [string, string, string, number][] = [
    ['America/New_York', '2026-11-01T05:30:00Z', '2026-11-01T01:30:00', -240],
    ['America/New_York', '2026-11-01T06:30:00Z', '2026-11-01T01:30:00', -300],
    ['America/New_York', '2026-03-08T06:59:59.999Z', '2026-03-08T01:59:59', -300],
    ['America/New_York', '2026-03-08T07:00:00Z', '2026-03-08T03:00:00', -240],
    ['Europe/Berlin', '2026-10-25T01:30:00Z', '2026-10-25T02:30:00', 60],
    ['America/Havana', '2026-03-08T04:59:59Z', '2026-03-07T23:59:59', -300],
    ['America/Havana', '2026-03-08T05:00:00Z', '2026-03-08T01:00:00', -240],
    ['America/Havana', '2026-11-01T05:30:00Z', '2026-11-01T00:30:00', -300],
    ['America/Santiago', '2026-04-05T02:59:59Z', '2026-04-04T23:59:59', -180],
    ['America/Santiago', '2026-04-05T03:00:00Z', '2026-04-04T23:00:00', -240],
    ['America/Santiago', '2026-04-05T04:00:00Z', '2026-04-05T00:00:00', -240],
    ['Australia/Lord_Howe', '2026-04-04T15:15:00Z', '2026-04-05T01:45:00', 630],
    ['Australia/Lord_Howe', '2026-10-03T15:29:59Z', '2026-10-04T01:59:59', 630],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z', '2026-10-04T02:30:00', 660],
  ];
  it.each(cases)('%s at %s', (zone, iso, wall, offset) => {
    const ms = at(iso);
    expect(wallTimeOf(zone, ms)).toEqual({ date: wall.slice(0, 10), wallTime: wall, utcOffsetMin: offset });
    expect(platformWallTimeOf(ms, zone)).toEqual({ wallTime: wall, utcOffsetMin: offset });
    expect(utcOffsetMinAt(zone, ms)).toBe(offset);
    expect(offsetMinutesAt(zone, ms)).toBe(offset);
    const t = zoneTable(zone);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    expect(formatLocalIso(t, ms)).toBe(`${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`);
    expect(formatLocalHHMM(t, ms)).toBe(wall.slice(11, 16));
  });
});

describe('properties', () => {
  const zones = ['America/New_York', 'Europe/Berlin', 'America/Havana', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Shanghai', 'Asia/Kathmandu', 'Pacific/Apia'];
  // Transition days of 2026 as well as arbitrary days of 2000–2040.
  const hot = [at('2026-03-08T00:00:00Z'), at('2026-11-01T00:00:00Z'), at('2026-03-29T00:00:00Z'), at('2026-10-25T00:00:00Z'), at('2026-09-06T00:00:00Z'), at('2026-04-04T00:00:00Z'), at('2026-04-05T00:00:00Z'), at('2026-10-04T00:00:00Z')];
  const instant = fc.oneof(
    fc.integer({ min: at('2000-01-01T00:00:00Z'), max: at('2040-01-01T00:00:00Z') }),
    fc.tuple(fc.constantFrom(...hot), fc.integer({ min: -86_400, max: 2 * 86_400 })).map(([d, s]) => d + s * 1000),
  );

  it('every wall time resolves like Temporal compatible (R1), with gap and fold flags', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (zone, base) => {
        const d = new Date(base - (base % 1000));
        const f = { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
        const pdt = Temporal.PlainDateTime.from({ year: f.y, month: f.mo, day: f.d, hour: f.h, minute: f.mi, second: f.s });
        const want = pdt.toZonedDateTime(zone, { disambiguation: 'compatible' });
        const earlier = pdt.toZonedDateTime(zone, { disambiguation: 'earlier' });
        const later = pdt.toZonedDateTime(zone, { disambiguation: 'later' });
        const flag = earlier.epochMilliseconds === later.epochMilliseconds ? undefined : want.toPlainDateTime().equals(pdt) ? 'ambiguous' : 'gap';
        expect(resolveWall(zone, f)).toEqual({ atMs: want.epochMilliseconds, utcOffsetMin: want.offsetNanoseconds / 60e9, ...(flag ? { flag } : {}) });
      }),
      { numRuns: 3000 },
    );
  });

  it('every instant reads back as the wall time Temporal shows, and that wall time maps back to it unless it is a fold repeat', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (zone, ms) => {
        const zdt = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
        const w = wallTimeOf(zone, ms);
        expect(w.wallTime).toBe(zdt.toPlainDateTime().toString({ smallestUnit: 'second' }));
        expect(w.utcOffsetMin).toBe(zdt.offsetNanoseconds / 60e9);
        const back = wallToInstant(zone, w.date, w.wallTime.slice(11));
        const first = zdt.toPlainDateTime().toZonedDateTime(zone, { disambiguation: 'earlier' }).epochMilliseconds;
        expect(back).toBe(Math.floor(first / 1000) * 1000);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('bad input', () => {
  it('an unknown zone is an error, never UTC', () => {
    expect(isValidZone('Mars/Olympus')).toBe(false);
    expect(isValidZone('')).toBe(false);
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(() => wallToInstant('Mars/Olympus', '2026-03-08', '09:00')).toThrow(RangeError);
    expect(() => utcOffsetMinAt('Mars/Olympus', 0)).toThrow(RangeError);
    expect(() => zonedDayStartMs('2026-03-08', 'Mars/Olympus')).toThrow(RangeError);
  });

  it('dates and times that are not on a calendar are errors', () => {
    for (const [d, t] of [['2026-02-30', '09:00'], ['2026-13-01', ''], ['2026-3-8', ''], ['2026-03-08', '24:00'], ['2026-03-08', '09:60'], ['2026-03-08', '9']]) {
      expect(() => wallToInstant('Europe/Berlin', d, t)).toThrow(RangeError);
    }
    expect(wallToInstant('Europe/Berlin', '2028-02-29', '9:05')).toBe(at('2028-02-29T08:05:00Z'));
  });
});
