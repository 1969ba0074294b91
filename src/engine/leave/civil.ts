/** Calendar-date steps for the leave rules (UTC arithmetic on civil dates, no zones involved). */
export function addDaysPure(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
