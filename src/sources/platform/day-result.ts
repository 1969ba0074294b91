/**
 * One employee-day as the platform's own attendance report sees it (WeCom 日报, DingTalk 打卡结果),
 * in Daka's terms. Reconciliation compares it with Daka's attendance day.
 */
export interface PlatformDayResult {
  userExternalId: string;
  /** Tenant-local `YYYY-MM-DD`. */
  date: string;
  /** The platform expected work that day (a workday with a schedule). */
  scheduled: boolean;
  /** Punches the platform counted for the day. */
  punches: number;
  late: boolean;
  lateMinutes: number;
  early: boolean;
  earlyMinutes: number;
  /** Scheduled punches that were not made (缺卡 / NotSigned). */
  missingPunches: number;
  /** The platform counts the day as absence (旷工, or no punch at all on a scheduled day). */
  absent: boolean;
  /** Leave (请假) covers the day or part of it; null when the report does not say. */
  onLeave: boolean | null;
  /** Minutes worked as the platform computes them; null when its report does not say. */
  workedMinutes: number | null;
}
