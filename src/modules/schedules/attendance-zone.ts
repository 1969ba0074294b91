/**
 * The time zone an employee's attendance is read in: shift times are wall times in it, and a punch
 * belongs to dates of it. Precedence: the employee's own zone, else the attendance group's, else
 * the company's. A remote employee in Singapore on a Shanghai group works 09:00 Singapore time
 * and their days are Singapore dates, the way checkins and requests already read an employee's own
 * zone before the company's.
 */
import { isValidTimeZone } from '../../shared/time.js';

/** A zone this runtime does not know is skipped rather than failing a recompute. */
const usable = (zone: string | null | undefined): zone is string => !!zone && isValidTimeZone(zone);

export function attendanceZone(employeeZone: string | null | undefined, groupZone: string | null | undefined, companyZone: string): string {
  if (usable(employeeZone)) return employeeZone;
  if (usable(groupZone)) return groupZone;
  return companyZone;
}

/**
 * Every zone an employee's attendance may be read in when their group on a date is not known
 * (e.g. to find the dates a punch affects): their own zone alone when set, else the company's
 * and those of the company's groups.
 */
export function candidateZones(employeeZone: string | null | undefined, groupZones: readonly (string | null)[], companyZone: string): string[] {
  if (usable(employeeZone)) return [employeeZone];
  const out = [companyZone];
  for (const z of groupZones) if (usable(z) && !out.includes(z)) out.push(z);
  return out;
}
