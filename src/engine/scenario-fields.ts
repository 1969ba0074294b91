/**
 * Field readers for the scenario file: each one records a problem under the field's path
 * (`shifts.S1.graceLateMin`) instead of throwing, so one pass reports every problem at once.
 */
import { isSupportedInstant, MAX_DATE, MIN_DATE } from '../shared/bounds.js';
import type { FieldProblem } from '../shared/errors.js';
import { Temporal } from 'temporal-polyfill';
import { wallToInstant } from '../shared/zone-wall.js';

export type Obj = Record<string, unknown>;

export class FieldReader {
  readonly problems: FieldProblem[] = [];

  fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Record `message`, or "is required" when the field is absent altogether. */
  private bad(v: unknown, path: string, message: string): void {
    this.fail(path, v === undefined ? `is required (${message.replace(/^must be /, '')})` : message);
  }

  isObject(v: unknown): v is Obj {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  }

  object(parent: Obj, key: string, path: string): Obj | undefined {
    const v = parent[key];
    if (this.isObject(v)) return v;
    this.fail(path, v === undefined ? 'is required' : 'must be an object');
    return undefined;
  }

  /** Integer ≥ 0; `fallback` makes the field optional. */
  int(parent: Obj, key: string, path: string, fallback?: number): number {
    const v = parent[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
    this.bad(v, path, 'must be an integer ≥ 0');
    return 0;
  }

  intOrNull(parent: Obj, key: string, path: string): number | null {
    const v = parent[key];
    if (v === undefined || v === null) return null;
    return this.int(parent, key, path);
  }

  number(parent: Obj, key: string, path: string, fallback: number): number {
    const v = parent[key];
    if (v === undefined) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    this.bad(v, path, 'must be a number ≥ 0');
    return fallback;
  }

  bool(parent: Obj, key: string, path: string, fallback?: boolean): boolean {
    const v = parent[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v === 'boolean') return v;
    this.bad(v, path, 'must be true or false');
    return false;
  }

  string(parent: Obj, key: string, path: string, fallback?: string): string {
    const v = parent[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v === 'string' && v.length > 0) return v;
    this.bad(v, path, 'must be a non-empty string');
    return '';
  }

  oneOf<T extends string>(parent: Obj, key: string, path: string, allowed: readonly T[], fallback?: T): T {
    const v = parent[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.bad(v, path, `must be one of ${allowed.join(', ')}`);
    return allowed[0];
  }

  /** `HH:MM` (00:00–23:59) → minutes since midnight. */
  wallTime(parent: Obj, key: string, path: string): number {
    const v = parent[key];
    const m = typeof v === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(v) : null;
    if (m) return Number(m[1]) * 60 + Number(m[2]);
    this.bad(v, path, 'must be a wall time HH:MM (00:00–23:59)');
    return 0;
  }

  /** `HH:MM` on a shift's timeline: 00:00–47:59, past 24:00 on the next day (R11a). */
  leaveTime(parent: Obj, key: string, path: string): number {
    const v = parent[key];
    const m = typeof v === 'string' ? /^([0-3]\d|4[0-7]):([0-5]\d)$/.exec(v) : null;
    if (m) return Number(m[1]) * 60 + Number(m[2]);
    this.bad(v, path, 'must be a wall time HH:MM (00:00–47:59, past 24:00 on the next day)');
    return 0;
  }

  /** `{ start, end }` of wall times, or null. */
  window(parent: Obj, key: string, path: string): { startMin: number; endMin: number } | null {
    const v = parent[key];
    if (v === undefined || v === null) return null;
    if (!this.isObject(v)) {
      this.fail(path, 'must be an object { start, end } or null');
      return null;
    }
    return { startMin: this.wallTime(v, 'start', `${path}.start`), endMin: this.wallTime(v, 'end', `${path}.end`) };
  }

  /** true when `s` is a real calendar date `YYYY-MM-DD`. */
  isDate(s: unknown): s is string {
    if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s) || s < MIN_DATE || s > MAX_DATE) return false;
    try {
      Temporal.PlainDate.from(s, { overflow: 'reject' });
      return true;
    } catch {
      return false;
    }
  }

  date(parent: Obj, key: string, path: string): string {
    const v = parent[key];
    if (this.isDate(v)) return v;
    this.bad(v, path, `must be a date YYYY-MM-DD from ${MIN_DATE} to ${MAX_DATE}`);
    return '1970-01-01';
  }

  /**
   * An instant: ISO date-time with `Z` or an offset is absolute; without one it is a wall time in
   * the scenario zone (gap → forward, fold → first occurrence, as R1).
   */
  instant(parent: Obj, key: string, path: string, zone: string | null): number {
    const v = parent[key];
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?/.test(v)) {
      try {
        let ms: number | null = null;
        if (/(Z|[+-]\d{2}:?\d{2})$/i.test(v)) ms = Temporal.Instant.from(v).epochMilliseconds;
        else {
          // Wall times go through the shared zone rules, like every other wall time (milliseconds kept).
          const wall = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)$/.exec(v);
          if (zone && wall) ms = wallToInstant(zone, wall[1], wall[2].replace(/(\.\d{3})\d+$/, '$1'));
        }
        if (ms !== null && isSupportedInstant(ms)) return ms;
      } catch {
        // fall through to the problem below
      }
    }
    this.bad(v, path, 'must be an ISO-8601 date-time, e.g. 2026-03-10T08:55:00+08:00');
    return 0;
  }

  /** An optional approval status; only `approved` (or none) counts. */
  approved(parent: Obj, path: string): boolean {
    const v = parent.status;
    if (v === undefined || v === null) return true;
    if (typeof v !== 'string') {
      this.fail(`${path}.status`, 'must be a string');
      return false;
    }
    return v === 'approved';
  }
}
