/** Calendar-date steps for the leave rules (civil day indexes, memoised; no zones involved). */
import { dateOfDayIndex, dayIndexOf } from '../../shared/civil-date.js';

export function addDaysPure(date: string, days: number): string {
  return dateOfDayIndex(dayIndexOf(date) + days);
}
