import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { parseAttlog } from '../../../src/sources/zkteco-push/attlog.js';
import { renderAttlog, wallString, type SimPunch, type WireQuirks } from '../../../src/sources/zkteco-push/simulator-wire.js';
import { zonedInstant } from '../../../src/sources/zkteco-push/wall-time.js';

const punchArb = fc.record({
  pin: fc.stringMatching(/^[0-9A-Za-z]{1,14}$/),
  wallMs: fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2037, 11, 31) }).map((ms) => ms - (ms % 1000)),
  status: fc.constantFrom(0, 1, 2, 3, 4, 5, 255),
  verify: fc.integer({ min: 0, max: 200 }),
  seq: fc.nat(),
});
const wireArb: fc.Arbitrary<WireQuirks> = fc.record({
  lineEnding: fc.constantFrom('\n' as const, '\r\n' as const, 'mixed' as const),
  trailingTab: fc.boolean(),
  emptyWorkcode: fc.boolean(),
  fieldCount: fc.constantFrom(7 as const, 10 as const, 11 as const),
  contentType: fc.constant(null),
});

describe('properties', () => {
  it('any batch under any wire quirks parses back to the same punches', () => {
    fc.assert(
      fc.property(fc.array(punchArb, { maxLength: 40 }), wireArb, (punches: SimPunch[], wire) => {
        const r = parseAttlog(renderAttlog(punches, wire));
        expect(r.problems).toEqual([]);
        expect(r.records.map((x) => [x.pin, x.timeRaw, x.status, x.verify])).toEqual(punches.map((p) => [p.pin, wallString(p.wallMs), p.status, p.verify]));
      }),
      { numRuns: 300 },
    );
  });

  it('the per-hour offset cache agrees with Temporal (compatible disambiguation) everywhere, DST included', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Shanghai', 'America/Sao_Paulo', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        // Concentrate on days with transitions as well as arbitrary ones.
        fc.oneof(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }), fc.constantFrom(Date.UTC(2026, 2, 29, 2), Date.UTC(2026, 9, 25, 2), Date.UTC(2026, 2, 8, 2), Date.UTC(2026, 10, 1, 1), Date.UTC(2026, 3, 5, 1))),
        fc.integer({ min: 0, max: 3599 }),
        (zone, base, sec) => {
          const d = new Date(base - (base % 3_600_000) + sec * 1000);
          const f = { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
          const want = Temporal.PlainDateTime.from({ year: f.y, month: f.mo, day: f.d, hour: f.h, minute: f.mi, second: f.s }).toZonedDateTime(zone, { disambiguation: 'compatible' });
          const got = zonedInstant(zone, f);
          expect(got.atMs).toBe(want.epochMilliseconds);
          expect(got.utcOffsetMin).toBe(want.offsetNanoseconds / 60e9);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
