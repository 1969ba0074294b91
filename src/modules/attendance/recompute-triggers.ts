/**
 * From domain events to recompute jobs. Listeners only enqueue; the job does the work.
 *
 * Coalescing: a job's singleton key names exactly what it recomputes, so dropping a send while
 * an identical job waits loses nothing. Few employees → one job per employee and month
 * (recomputing a whole month of one employee costs a few queries), so a stream of punches for
 * one person collapses into one waiting job. Many employees (a batch upload) → one job per month
 * whose key hashes its employee list and dates.
 *
 * Which dates: a punch counts for its local date, the day before (the end of a cross-midnight
 * shift) and the day after (an early check-in window that opens the evening before). The local
 * date is the one of the employee's attendance zone (own, else group, else company, as the input
 * builder reads it); while the group is not resolved, of every zone the employee's days may be in.
 */
import { createHash } from 'node:crypto';
import type { JobQueue } from '../../jobs/queue.js';
import type { DomainEvents, PunchChange } from '../../shared/events.js';
import { addDays } from '../../shared/dates.js';
import { localDayIndexOf, zoneTable } from '../../shared/zone-time.js';
import type { PunchZones } from './punch-zones.repo.js';
import { datesBetween } from './setup-readers.js';

export const RECOMPUTE_JOB = 'attendance.recompute';
export const DAILY_JOB = 'attendance.daily';

export interface RecomputePayload {
  companyId: number;
  employeeIds: number[] | 'all';
  fromDate: string;
  toDate: string;
  /** Report progress for GET /attendance/jobs/:id. */
  track?: boolean;
}

export interface PlannedJob {
  payload: RecomputePayload;
  singletonKey: string;
}

/** Above this many employees a change becomes one batch job per month. */
export const PER_EMPLOYEE_LIMIT = 50;

function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The days a punch can affect, relative to its local date: the day before, the day, the day after. */
const AFFECTED_DAYS = [-1, 0, 1];

/** Days since the epoch of an instant's local date in a zone. */
export function localDayNumber(atMs: number, zone: string): number {
  return localDayIndexOf(zoneTable(zone), atMs);
}

const dateOfDayNumber = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** Dates a punch can affect: its local date and the days either side. */
export function affectedDates(atMs: number, zone: string): string[] {
  const day = localDayNumber(atMs, zone);
  return AFFECTED_DAYS.map((d) => dateOfDayNumber(day + d));
}

/** Jobs for a set of (employee → dates) that must be recomputed. */
export function planJobs(companyId: number, datesByEmployee: Map<number, Set<string>>): PlannedJob[] {
  const months = new Map<string, Map<number, Set<string>>>();
  for (const [employeeId, dates] of datesByEmployee) {
    for (const d of dates) {
      const m = d.slice(0, 7);
      let byEmp = months.get(m);
      if (!byEmp) months.set(m, (byEmp = new Map()));
      let set = byEmp.get(employeeId);
      if (!set) byEmp.set(employeeId, (set = new Set()));
      set.add(d);
    }
  }
  const jobs: PlannedJob[] = [];
  for (const [month, byEmp] of [...months].sort(([a], [b]) => a.localeCompare(b))) {
    const { from, to } = monthBounds(month);
    const ids = [...byEmp.keys()].sort((a, b) => a - b);
    if (ids.length <= PER_EMPLOYEE_LIMIT) {
      for (const id of ids) jobs.push({ payload: { companyId, employeeIds: [id], fromDate: from, toDate: to }, singletonKey: `${companyId}:e${id}:${month}` });
      continue;
    }
    const all = [...byEmp.values()].flatMap((s) => [...s]).sort();
    const payload: RecomputePayload = { companyId, employeeIds: ids, fromDate: all[0], toDate: all[all.length - 1] };
    const hash = createHash('sha256').update(JSON.stringify(payload)).digest('hex').slice(0, 24);
    jobs.push({ payload, singletonKey: `${companyId}:b${hash}` });
  }
  return jobs;
}

/** `zones`: one zone for everyone, or each employee's candidate zones (punch-zones.repo.ts). */
export function jobsForPunches(companyId: number, zones: string | PunchZones, changes: PunchChange[]): PlannedJob[] {
  const single = typeof zones === 'string' ? [zones] : null;
  // A batch carries thousands of punches over a few days: group by local day number first, then
  // turn each distinct day into its affected dates once.
  const days = new Map<number, Set<number>>();
  for (const c of changes) {
    let set = days.get(c.employeeId);
    if (!set) days.set(c.employeeId, (set = new Set()));
    for (const zone of single ?? (zones as PunchZones)(c.employeeId)) set.add(localDayNumber(c.atMs, zone));
  }
  const names = new Map<number, string>();
  const dateOf = (day: number) => {
    let name = names.get(day);
    if (name === undefined) names.set(day, (name = dateOfDayNumber(day)));
    return name;
  };
  const byEmployee = new Map<number, Set<string>>();
  for (const [employeeId, set] of days) {
    const dates = new Set<string>();
    for (const day of set) for (const d of AFFECTED_DAYS) dates.add(dateOf(day + d));
    byEmployee.set(employeeId, dates);
  }
  return planJobs(companyId, byEmployee);
}

export function jobsForInputs(companyId: number, employeeIds: number[] | 'all', fromDate: string, toDate: string): PlannedJob[] {
  if (fromDate > toDate) return [];
  if (employeeIds !== 'all') {
    const dates = new Set(datesBetween(fromDate, toDate));
    return planJobs(companyId, new Map(employeeIds.map((id) => [id, dates])));
  }
  const jobs: PlannedJob[] = [];
  for (let m = fromDate.slice(0, 7); m <= toDate.slice(0, 7); m = addDays(monthBounds(m).to, 1).slice(0, 7)) {
    const { from, to } = monthBounds(m);
    jobs.push({ payload: { companyId, employeeIds: 'all', fromDate: from, toDate: to }, singletonKey: `${companyId}:all:${m}` });
  }
  return jobs;
}

export async function sendJobs(queue: JobQueue, jobs: PlannedJob[]): Promise<void> {
  for (const j of jobs) await queue.send(RECOMPUTE_JOB, j.payload, { singletonKey: j.singletonKey, retryLimit: 5, retryDelayMs: 1000 });
}

/** Wires both domain events to recompute jobs. */
export function subscribeRecompute(events: DomainEvents, queue: JobQueue, zones: { punchZones(companyId: number, employeeIds: number[]): Promise<PunchZones> }): void {
  events.on('checkins.changed', async (e) => {
    const zonesOf = await zones.punchZones(e.companyId, e.changes.map((c) => c.employeeId));
    await sendJobs(queue, jobsForPunches(e.companyId, zonesOf, e.changes));
  });
  events.on('attendance.inputs_changed', (e) => sendJobs(queue, jobsForInputs(e.companyId, e.employeeIds, e.fromDate, e.toDate)));
}
