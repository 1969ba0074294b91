/**
 * Operations alerts that come from a condition rather than an event, checked by the planning job:
 * a device clock off by more than the allowance, a device gap still unfilled hours after the
 * device came back, a connector's call budget past its warning level, the previous month still
 * open days after it ended. Each becomes intents for HR and admins (and the group robot) whose
 * fact key names the condition and its period — device and day, gap, connector and month, month —
 * so checking every 15 minutes on every instance tells each person once per period.
 */
import { addDays, localDate } from '../../shared/dates.js';
import { wallMinuteOf } from '../../shared/zone-wall.js';
import { linkTo, type Notice } from './messages.js';
import { opsIntents, type Intent } from './notice-plan.js';
import type { OpsAlertsRepo } from './ops-alerts.repo.js';
import type { NotificationSettings } from './settings.js';

export interface BudgetWarning {
  connectorId: number;
  platform: string;
  name: string;
  month: string;
  used: number;
  limit: number;
}

export interface OpsSources {
  repo: OpsAlertsRepo;
  /** Connectors of the company whose call budget reached its warning level this month. */
  budgetWarnings(companyId: number): Promise<BudgetWarning[]>;
}

/** A clock reading older than this says nothing about the device now. */
const CLOCK_FRESH_MS = 24 * 3_600_000;
/** Gaps older than this are the device page's business, not a fresh alert. */
const GAP_WINDOW_MS = 7 * 24 * 3_600_000;

export async function opsConditions(src: OpsSources, s: NotificationSettings, zone: string, nowMs: number, publicUrl: string | null): Promise<Intent[]> {
  const on = (k: Notice['kind']) => s.enabled && s.kinds.has(k);
  const out: Intent[] = [];
  const today = localDate(nowMs, zone);
  const devices = linkTo(publicUrl, '/setup/devices');
  if (on('clock_skew')) {
    for (const d of await src.repo.skewedDevices(s.companyId, s.ops.clockSkewMin * 60_000, nowMs - CLOCK_FRESH_MS)) {
      const notice: Notice = { kind: 'clock_skew', device: d.name || d.serial_number, skewMinutes: Math.round((d.clock_skew_ms ?? 0) / 60_000), allowedMinutes: s.ops.clockSkewMin, link: devices };
      out.push(...opsIntents(notice, `ops:clock_skew:${d.id}:${today}`));
    }
  }
  if (on('gap_unfilled')) {
    const waitMs = s.ops.gapHours * 3_600_000;
    for (const g of await src.repo.unfilledGaps(s.companyId, nowMs - GAP_WINDOW_MS, nowMs - waitMs)) {
      const span = parseSpan(g.details);
      if (!span) continue;
      const notice: Notice = { kind: 'gap_unfilled', device: g.name || g.serial_number, from: wallMinuteOf(zone, span.fromMs), to: wallMinuteOf(zone, span.toMs), hours: Math.floor((nowMs - g.at_ms) / 3_600_000), link: devices };
      out.push(...opsIntents(notice, `ops:gap_unfilled:${g.id}`));
    }
  }
  if (on('budget_low')) {
    for (const b of await src.budgetWarnings(s.companyId)) {
      const notice: Notice = { kind: 'budget_low', platform: b.platform, connector: b.name, month: b.month, used: b.used, limit: b.limit, link: linkTo(publicUrl, '/setup/connectors') };
      out.push(...opsIntents(notice, `ops:budget_low:${b.connectorId}:${b.month}`));
    }
  }
  if (on('month_unclosed')) {
    const monthStart = `${today.slice(0, 7)}-01`;
    const previous = addDays(monthStart, -1).slice(0, 7);
    // Days since the previous month ended: the 1st of this month is day 1.
    const days = Number(today.slice(8, 10));
    if (days >= s.ops.monthCloseDays && !(await src.repo.monthClosed(s.companyId, previous))) {
      const notice: Notice = { kind: 'month_unclosed', month: previous, days, link: linkTo(publicUrl, `/attendance/month-close?month=${previous}`) };
      out.push(...opsIntents(notice, `ops:month_unclosed:${previous}`));
    }
  }
  return out;
}

function parseSpan(details: unknown): { fromMs: number; toMs: number } | null {
  try {
    const d = (typeof details === 'string' ? JSON.parse(details) : details) as { fromMs?: unknown; toMs?: unknown } | null;
    return d && typeof d.fromMs === 'number' && typeof d.toMs === 'number' ? { fromMs: d.fromMs, toMs: d.toMs } : null;
  } catch {
    return null;
  }
}
