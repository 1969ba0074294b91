/**
 * Simulated tenants punch on workdays only, so a test that needs "a recent day with punches" must
 * look for one instead of assuming yesterday was a workday.
 */
import { addDays } from '../../src/shared/dates.js';
import type { FakeCompany, FakeUser } from '../../src/sources/platform/simulator/fake-company.js';

/** The latest date on or before `latest` on which some user punched, with that user and the punches. */
export function recentPunchDay(company: FakeCompany, latest: string): { date: string; user: FakeUser } {
  for (let back = 0; back < 14; back++) {
    const date = addDays(latest, -back);
    const user = company.users.find((u) => company.punchesOn(u, date).length > 0);
    if (user) return { date, user };
  }
  throw new Error(`no simulated punches in the two weeks up to ${latest}`);
}
