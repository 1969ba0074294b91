/**
 * The punch records as a CSV file (UTF-8 with a BOM, as the reports write it): the same filters and
 * scope as the list, newest first, at most MAX_EXPORT_ROWS punches per file.
 */
import { csvLine, UTF8_BOM } from '../reports/csv-writer.js';
import type { Actor } from '../auth/actor.js';
import type { CheckinQueryT } from './checkins.schemas.js';
import type { CheckinsService } from './checkins.service.js';
import type { checkinDto } from './checkins.dto.js';

export const MAX_EXPORT_ROWS = 100_000;
const PAGE = 2_000;

const HEADERS = ['时间', '时区', '工号', '姓名', '部门', '来源', '方向', '设备', '设备地点', '设备序列号', '验证方式', '打卡位置', '不计入原因', '来源记录号'];
const SOURCES: Record<string, string> = { zkteco: '中控考勤机', hikvision: '海康考勤机', dingtalk: '钉钉', wecom: '企业微信', api: 'API', web: '网页打卡', file: '文件导入', correction: '补卡' };
const DIRECTIONS: Record<string, string> = { in: '上班', out: '下班' };

type CheckinDto = ReturnType<typeof checkinDto>;

function locationText(l: CheckinDto['location']): string {
  if (!l || typeof l !== 'object') return '';
  const loc = l as { address?: string | null; lat?: number | null; lng?: number | null; wifiSsid?: string | null };
  const parts: string[] = [];
  if (loc.address) parts.push(loc.address);
  else if (typeof loc.lat === 'number' && typeof loc.lng === 'number') parts.push(`${loc.lat.toFixed(5)} ${loc.lng.toFixed(5)}`);
  if (loc.wifiSsid) parts.push(`Wi-Fi ${loc.wifiSsid}`);
  return parts.join(' · ');
}

/** The CSV text of the punches the caller may see under these filters, and how many rows it holds. */
export async function checkinsCsv(checkins: CheckinsService, actor: Actor, q: Omit<CheckinQueryT, 'page' | 'pageSize'>): Promise<{ text: string; rows: number; truncated: boolean }> {
  let text = UTF8_BOM + csvLine(HEADERS);
  let rows = 0;
  let total = 0;
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += PAGE) {
    const page = await checkins.list(actor, q, Math.min(PAGE, MAX_EXPORT_ROWS - offset), offset);
    total = page.total;
    for (const c of page.items) {
      text += csvLine([
        c.wallTime.replace('T', ' '),
        c.timeZone,
        c.jobNumber ?? '',
        c.employeeName ?? '',
        c.departmentName ?? '',
        SOURCES[c.source] ?? c.source,
        c.direction ? (DIRECTIONS[c.direction] ?? c.direction) : '',
        c.deviceName ?? '',
        c.deviceSiteName ?? '',
        c.deviceSn ?? '',
        c.verifyMethod ?? '',
        locationText(c.location),
        c.holdReason ?? '',
        c.sourceRecordId ?? '',
      ]);
    }
    rows += page.items.length;
    if (page.items.length < PAGE) break;
  }
  return { text, rows, truncated: total > rows };
}
