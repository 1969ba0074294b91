/**
 * The platforms' own per-day attendance results, fetched in the windows each API allows and
 * mapped to neutral day results: WeCom's daily report (getcheckin_daydata, 100 users × 30 days per
 * call, 100 calls/min) and DingTalk's punch results (attendance/list, 50 users × 7 days per page,
 * metered). Rate limits are the clients' (per API token buckets).
 */
import { mapDingTalkDayResults } from '../../sources/dingtalk/index.js';
import { mapWeComDayResults } from '../../sources/wecom/index.js';
import type { PlatformDayResult } from '../../sources/platform/index.js';
import { addDays, instantOf } from '../../sources/platform/zone.js';
import type { PlatformClient } from './connector-config.js';

const minDate = (a: string, b: string) => (a < b ? a : b);

export async function fetchDayResults(pc: PlatformClient, userIds: string[], fromDate: string, toDate: string): Promise<PlatformDayResult[]> {
  const zone = pc.client.timeZone;
  const out: PlatformDayResult[] = [];
  const [usersPer, daysPer] = pc.platform === 'dingtalk' ? [50, 7] : [100, 30];
  for (let from = fromDate; from <= toDate; from = addDays(from, daysPer)) {
    const last = minDate(addDays(from, daysPer - 1), toDate);
    for (let i = 0; i < userIds.length; i += usersPer) {
      const chunk = userIds.slice(i, i + usersPer);
      if (pc.platform === 'dingtalk') {
        out.push(...mapDingTalkDayResults(await pc.client.listAttendanceResults(chunk, from, last), zone));
      } else {
        const startSec = Math.floor(instantOf(from, '', zone) / 1000);
        const endSec = Math.floor(instantOf(last, '', zone) / 1000);
        out.push(...mapWeComDayResults(await pc.client.getCheckinDayData(chunk, startSec, endSec), zone));
      }
    }
  }
  // Only the asked-for days: a report row outside the range (a platform's day boundary) is not ours to judge.
  return out.filter((d) => d.date >= fromDate && d.date <= toDate);
}
