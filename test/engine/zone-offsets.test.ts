/** Wall time ↔ instant in zones with and without DST. */
import { describe, expect, it } from 'vitest';
import { dateOfDayIndex, dayIndexOf, formatLocalIso, wallToMs, zoneTable } from '../../src/engine/index.js';
import { civilToDayIndex, localDayIndexOf } from '../../src/engine/zone-offsets.js';

describe('civil day index', () => {
  it('round-trips across leap years and centuries', () => {
    for (const d of ['1970-01-01', '2000-02-29', '2024-12-31', '2026-03-08', '2100-03-01', '1969-12-31']) {
      expect(dateOfDayIndex(dayIndexOf(d))).toBe(d);
    }
    expect(civilToDayIndex(1970, 1, 1)).toBe(0);
    expect(civilToDayIndex(2026, 3, 10)).toBe(Date.UTC(2026, 2, 10) / 86_400_000);
  });
});

describe('wallToMs', () => {
  const ny = zoneTable('America/New_York');
  const day = (d: string) => dayIndexOf(d);
  it('plain day', () => {
    expect(wallToMs(ny, day('2026-03-10'), 9 * 60)).toBe(Date.parse('2026-03-10T09:00:00-04:00'));
    expect(wallToMs(zoneTable('Asia/Shanghai'), day('2026-03-10'), 9 * 60)).toBe(Date.parse('2026-03-10T09:00:00+08:00'));
  });
  it('gap moves forward by its length', () => {
    expect(wallToMs(ny, day('2026-03-08'), 150)).toBe(Date.parse('2026-03-08T03:30:00-04:00'));
    expect(wallToMs(ny, day('2026-03-08'), 180)).toBe(Date.parse('2026-03-08T03:00:00-04:00'));
    expect(wallToMs(ny, day('2026-03-08'), 60)).toBe(Date.parse('2026-03-08T01:00:00-05:00'));
  });
  it('fold takes the first occurrence', () => {
    expect(wallToMs(ny, day('2026-11-01'), 90)).toBe(Date.parse('2026-11-01T01:30:00-04:00'));
    expect(wallToMs(ny, day('2026-11-01'), 150)).toBe(Date.parse('2026-11-01T02:30:00-05:00'));
  });
  it('minutes past 24h carry into the next day', () => {
    expect(wallToMs(ny, day('2026-03-07'), 1440 + 360)).toBe(Date.parse('2026-03-08T06:00:00-04:00'));
    expect(wallToMs(ny, day('2026-03-08'), -60)).toBe(Date.parse('2026-03-07T23:00:00-05:00'));
  });
});

describe('instant → local', () => {
  const ny = zoneTable('America/New_York');
  it('formats with the offset in force', () => {
    expect(formatLocalIso(ny, Date.parse('2026-11-01T05:30:00Z'))).toBe('2026-11-01T01:30:00-04:00');
    expect(formatLocalIso(ny, Date.parse('2026-11-01T06:30:00Z'))).toBe('2026-11-01T01:30:00-05:00');
    expect(formatLocalIso(zoneTable('UTC'), Date.parse('2026-01-01T00:00:59Z'))).toBe('2026-01-01T00:00:59+00:00');
    expect(formatLocalIso(zoneTable('Asia/Kolkata'), Date.parse('2026-01-01T00:00:00Z'))).toBe('2026-01-01T05:30:00+05:30');
  });
  it('local date around midnight', () => {
    const sh = zoneTable('Asia/Shanghai');
    expect(dateOfDayIndex(localDayIndexOf(sh, Date.parse('2026-03-10T23:59:59+08:00')))).toBe('2026-03-10');
    expect(dateOfDayIndex(localDayIndexOf(sh, Date.parse('2026-03-11T00:00:00+08:00')))).toBe('2026-03-11');
    expect(dateOfDayIndex(localDayIndexOf(ny, Date.parse('2026-03-08T00:30:00-05:00')))).toBe('2026-03-08');
  });
});
