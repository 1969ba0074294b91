import type { RateSpec } from '../platform/token-bucket.js';

/**
 * WeCom's documented limits (platforms.md §1.5, §2) as client-side windows. Per corp and API:
 * 10 000 calls/min and 150 000/h; tighter minute limits on the attendance and approval APIs (45009
 * when crossed, and the block then lasts the rest of the minute or hour). Windows take half the
 * corp-wide limits: other apps of the same corp share them.
 */
export const WECOM_PER_MINUTE: Record<string, number> = {
  '/cgi-bin/checkin/getcheckindata': 600,
  '/cgi-bin/checkin/getcheckin_daydata': 100,
  '/cgi-bin/checkin/getcheckin_monthdata': 60,
  '/cgi-bin/oa/getapprovalinfo': 600,
  '/cgi-bin/oa/getapprovaldetail': 600,
  '/cgi-bin/oa/vacation/getcorpconf': 600,
  '/cgi-bin/oa/vacation/getuservacationquota': 600,
};
/**
 * APIs WeCom caps per app and China day. schedule/add: platforms.md §6.3 (and the schedule
 * overview's older text) say 10 000 schedules per app per day; the current overview says 20 000.
 * The lower figure is kept: passing a day cap blocks the app for the rest of the day.
 */
export const WECOM_PER_DAY: Record<string, number> = {
  '/cgi-bin/oa/schedule/add': 10_000,
};
export const WECOM_CORP_PER_MINUTE = 10_000;
export const WECOM_CORP_PER_HOUR = 150_000;
const MARGIN_MS = 250;

export function weComRateSpec(api: string): RateSpec {
  // Robots: 20 messages/min each.
  if (api.startsWith('webhook:')) return { windows: [{ limit: 20, windowMs: 60_000 }], marginMs: 1_000 };
  if (api === '/cgi-bin/gettoken') return { windows: [{ limit: 2, windowMs: 1_000 }], marginMs: MARGIN_MS };
  const perMin = WECOM_PER_MINUTE[api];
  if (perMin) {
    // The minute limit is the documented one; the per-second window only spreads the calls over
    // the minute instead of spending it in one burst.
    return { windows: [{ limit: Math.max(1, Math.ceil(perMin / 30)), windowMs: 1_000 }, { limit: perMin, windowMs: 60_000 }], marginMs: MARGIN_MS };
  }
  return {
    windows: [
      { limit: 50, windowMs: 1_000 },
      { limit: WECOM_CORP_PER_MINUTE / 2, windowMs: 60_000 },
      { limit: WECOM_CORP_PER_HOUR / 2, windowMs: 3_600_000 },
    ],
    marginMs: MARGIN_MS,
  };
}
