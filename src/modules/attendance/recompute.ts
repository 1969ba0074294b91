/**
 * Recomputes attendance days from the database: employees in chunks (bounded memory), each chunk
 * read in four queries (rosters, requests, punches and the stored result hashes), evaluated by the
 * engine, and written in bulk, only the days whose result changed. The next chunk is read while
 * the current one is written.
 *
 * Explanations are stored for days someone will ask about (absent, missing punch, half day, late,
 * early, unapproved overtime); the engine is run a second time with explanations only for
 * employees that have such a day. Other days get theirs on demand (see the day endpoint).
 */
import { localDate } from '../../shared/dates.js';
import type { Kysely } from 'kysely';
import type { RawHandle } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { evaluateRange, type DayResult, type Explanation } from '../../engine/index.js';
import { InputBuilder, type DayMeta, type EmployeeInputs, type SetupDraft } from './input-builder.js';
import { InputsRepo } from './inputs.repo.js';
import { employeeRefs } from '../employees/employees.repo.js';
import type { Outbox } from '../outbox/outbox.js';
import { dayEvents, type DayEvents } from './day-events.js';
import { dayRowValues, ResultsRepo, type DayRowValues, type StoredHashes } from './results.repo.js';
import { closedKey, MonthCloseRepo } from '../month-close/month-close.repo.js';
import { LateChangeRecorder, type LateDay } from '../payroll-adjustments/late-changes.js';

export interface RecomputeOptions {
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

export interface RecomputeStats {
  employees: number;
  days: number;
  written: number;
  ms: number;
  /** Where the time went: waiting for reads, in the engine, waiting for writes. */
  phases: { readMs: number; evaluateMs: number; writeMs: number };
  /** Days left as they were because their month is closed for payroll. */
  frozenDays?: number;
  /** Closed days whose result changed: recorded as payroll adjustments, not written. */
  adjustments?: number;
}

export interface EvaluatedDay {
  employeeId: number;
  date: string;
  result: DayResult;
  meta: DayMeta;
}

export function needsExplanation(r: DayResult): boolean {
  return r.status === 'absent' || r.status === 'missing_punch' || r.status === 'half_day' || r.late || r.early || (r.unapprovedOvertimeMinutes ?? 0) > 0;
}

/** Evaluates every segment in one pass; `explain` adds explanations to the days that need them (or to all). */
export function evaluateInputs(inputs: EmployeeInputs[], explain: 'none' | 'anomalies' | 'all', visit: (day: EvaluatedDay, explanation: Explanation[] | null) => void): void {
  for (const e of inputs) {
    for (const seg of e.segments) {
      const results = evaluateRange(seg.input, { explain: explain === 'all' ? true : explain === 'anomalies' ? needsExplanation : false });
      for (const date of seg.dates) {
        const r = results[date];
        visit({ employeeId: e.employeeId, date, result: r, meta: seg.meta.get(date)! }, r.explanation ?? null);
      }
    }
  }
}

export class RecomputeService {
  readonly inputs: InputsRepo;
  readonly results: ResultsRepo;
  private readonly months: MonthCloseRepo;
  private readonly late: LateChangeRecorder;
  /** Per company, bumped whenever a recompute in this process writes rows (cache invalidation). */
  private readonly versions = new Map<number, number>();

  constructor(
    private readonly db: Kysely<DB>,
    raw: RawHandle,
    private readonly now: () => number = Date.now,
    private readonly outbox: Outbox | null = null,
  ) {
    this.inputs = new InputsRepo(db, raw);
    this.results = new ResultsRepo(raw);
    this.months = new MonthCloseRepo(db);
    this.late = new LateChangeRecorder(db, outbox, now);
  }

  version(companyId: number): number {
    return this.versions.get(companyId) ?? 0;
  }

  openBuilder(companyId: number, fromDate: string, toDate: string, draft?: SetupDraft): Promise<InputBuilder | null> {
    return InputBuilder.open(this.inputs, companyId, fromDate, toDate, draft);
  }

  /** Recomputes and stores every attendance day of the employees in [fromDate, toDate]. */
  async recompute(companyId: number, employeeIds: number[] | 'all', fromDate: string, toDate: string, opts: RecomputeOptions = {}): Promise<RecomputeStats> {
    const started = performance.now();
    const stats: RecomputeStats = { employees: 0, days: 0, written: 0, ms: 0, phases: { readMs: 0, evaluateMs: 0, writeMs: 0 } };
    // Days that have not begun are not results yet: storing them would count them as absent. Only
    // approved full-day leave is stored ahead, so planned leave shows; any other stored future day
    // (leave since withdrawn) is deleted.
    const today = localDate(this.now(), (await this.inputs.companyTimeZone(companyId)) ?? 'UTC');
    if (fromDate > toDate) return stats;
    // A closed employee-month's days stay as they were closed (results frozen for payroll); a
    // change to one is recorded as a payroll adjustment instead.
    const closed = await this.months.closedKeys(companyId, fromDate.slice(0, 7), toDate.slice(0, 7), employeeIds === 'all' ? null : employeeIds);
    const frozen = (employeeId: number, date: string): boolean => {
      if (!closed.size || !closed.has(closedKey(employeeId, date.slice(0, 7)))) return false;
      stats.frozenDays = (stats.frozenDays ?? 0) + 1;
      return true;
    };
    const builder = await this.openBuilder(companyId, fromDate, toDate);
    if (!builder) return stats;
    const employees = await builder.employees(employeeIds);
    const size = opts.chunkSize ?? 2000;
    const chunks: (typeof employees)[] = [];
    for (let i = 0; i < employees.length; i += size) chunks.push(employees.slice(i, i + size));
    const read = (chunk: typeof employees): Promise<[EmployeeInputs[], StoredHashes]> => {
      const both = Promise.all([builder.build(chunk), this.results.storedHashes(chunk.map((e) => e.id), fromDate, toDate)]);
      // Keep a rejected read from going unobserved while the previous chunk is evaluated.
      both.catch(() => {});
      return both;
    };
    const timed = async <T>(phase: keyof RecomputeStats['phases'], p: Promise<T>): Promise<T> => {
      const t = performance.now();
      try {
        return await p;
      } finally {
        stats.phases[phase] += performance.now() - t;
      }
    };
    // On SQLite the queries run synchronously inside read(), so its call is timed as well.
    const startRead = (chunk: typeof employees) => {
      const t = performance.now();
      const p = read(chunk);
      stats.phases.readMs += performance.now() - t;
      return p;
    };
    let next = chunks.length ? startRead(chunks[0]) : null;
    let pendingWrite: Promise<number> | null = null;
    let done = 0;
    // Days whose result changed are announced with the write that changes them.
    const announce = this.outbox?.wants(companyId, 'attendance_day.changed') ? this.outbox : null;
    let announced = 0;
    for (let k = 0; k < chunks.length; k++) {
      const [inputs, stored] = await timed('readMs', next!);
      next = k + 1 < chunks.length ? startRead(chunks[k + 1]) : null;
      const t = performance.now();
      const computedAt = this.now();
      const rows: DayRowValues[] = [];
      const deletes: { employeeId: number; date: string }[] = [];
      const lateDays: LateDay[] = [];
      evaluateInputs(inputs, 'anomalies', (d, explanation) => {
        if (frozen(d.employeeId, d.date)) {
          lateDays.push({ employeeId: d.employeeId, date: d.date, row: dayRowValues(companyId, d.employeeId, d.date, d.result, d.meta, explanation, computedAt) });
          return;
        }
        if (d.date > today && d.result.status !== 'on_leave') deletes.push({ employeeId: d.employeeId, date: d.date });
        else rows.push(dayRowValues(companyId, d.employeeId, d.date, d.result, d.meta, explanation, computedAt));
      });
      for (const e of inputs) for (const date of e.uncovered) if (!frozen(e.employeeId, date)) deletes.push({ employeeId: e.employeeId, date });
      stats.phases.evaluateMs += performance.now() - t;
      if (lateDays.length) stats.adjustments = (stats.adjustments ?? 0) + (await this.late.recordResults(companyId, lateDays, stored));
      if (pendingWrite) stats.written += await timed('writeMs', pendingWrite);
      // As with reads, SQLite writes synchronously inside the call.
      const w = performance.now();
      let events: DayEvents | undefined;
      if (announce) {
        const build = dayEvents(announce, companyId, await employeeRefs(this.db, companyId, chunks[k].map((e) => e.id)), computedAt);
        events = (written, before) => {
          const parts = build(written, before);
          for (const p of parts) announced += p.days.length;
          return parts;
        };
      }
      pendingWrite = this.results.write(rows, deletes, stored, events);
      stats.phases.writeMs += performance.now() - w;
      // Keep a rejected write from going unobserved while the next chunk is read.
      pendingWrite.catch(() => {});
      stats.days += rows.length;
      done += chunks[k].length;
      await opts.onProgress?.(done, employees.length);
    }
    if (pendingWrite) stats.written += await timed('writeMs', pendingWrite);
    if (announced) announce!.kick();
    for (const p of Object.keys(stats.phases) as (keyof RecomputeStats['phases'])[]) stats.phases[p] = Math.round(stats.phases[p]);
    if (stats.written > 0) this.versions.set(companyId, this.version(companyId) + 1);
    stats.employees = employees.length;
    stats.ms = Math.round(performance.now() - started);
    return stats;
  }
}
