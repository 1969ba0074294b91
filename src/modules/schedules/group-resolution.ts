/**
 * Which attendance group an employee belongs to on each date. Pure; `group-members.repo.ts` loads
 * the rows. Rules: an individual membership beats a department one; a department membership covers
 * the department's whole subtree and the nearest department up the tree wins; effective dates are
 * inclusive (no end = open). Among overlapping memberships of one level, the later start wins, then
 * the later-created one. The employee's current department is used for every date.
 */
import { addDays, eachDate } from '../../shared/dates.js';

export interface Membership {
  id: number;
  groupId: number;
  departmentId: number | null;
  employeeId: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface GroupRange {
  /** Inclusive dates. */
  from: string;
  to: string;
  groupId: number;
}

const covers = (m: Membership, date: string) => m.effectiveFrom <= date && (m.effectiveTo === null || date <= m.effectiveTo);

function pick(list: Membership[] | undefined, date: string): Membership | undefined {
  let best: Membership | undefined;
  for (const m of list ?? []) {
    if (!covers(m, date)) continue;
    if (!best || m.effectiveFrom > best.effectiveFrom || (m.effectiveFrom === best.effectiveFrom && m.id > best.id)) best = m;
  }
  return best;
}

export function resolveMemberships(
  employees: { id: number; departmentId: number | null }[],
  departments: { id: number; parentId: number | null }[],
  memberships: Membership[],
  fromDate: string,
  toDate: string,
): Map<number, GroupRange[]> {
  const parent = new Map(departments.map((d) => [d.id, d.parentId]));
  const byEmployee = new Map<number, Membership[]>();
  const byDepartment = new Map<number, Membership[]>();
  for (const m of memberships) {
    const [map, key] = m.employeeId !== null ? [byEmployee, m.employeeId] : [byDepartment, m.departmentId!];
    const list = map.get(key) ?? [];
    list.push(m);
    map.set(key, list);
  }
  const out = new Map<number, GroupRange[]>();
  for (const e of employees) {
    const chain: number[] = [];
    const seen = new Set<number>();
    for (let d = e.departmentId; d !== null && d !== undefined && !seen.has(d); d = parent.get(d) ?? null) {
      seen.add(d);
      chain.push(d);
    }
    const ranges: GroupRange[] = [];
    for (const date of eachDate(fromDate, toDate)) {
      let hit = pick(byEmployee.get(e.id), date);
      for (let i = 0; !hit && i < chain.length; i++) hit = pick(byDepartment.get(chain[i]), date);
      if (!hit) continue;
      const last = ranges[ranges.length - 1];
      if (last && last.groupId === hit.groupId && addDays(last.to, 1) === date) last.to = date;
      else ranges.push({ from: date, to: date, groupId: hit.groupId });
    }
    out.set(e.id, ranges);
  }
  return out;
}

/** The group of one date in a resolved range list, or null. */
export function groupOn(ranges: GroupRange[] | undefined, date: string): number | null {
  for (const r of ranges ?? []) if (r.from <= date && date <= r.to) return r.groupId;
  return null;
}
