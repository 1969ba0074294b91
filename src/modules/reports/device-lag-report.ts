/**
 * Device lag (设备延迟): per attendance machine of a company, its current state (last heartbeat,
 * last upload, newest punch, lag = last upload − newest punch, as the devices module defines it)
 * and how late its punches of the period reached the hub (received − punched), from one grouped
 * query over the checkins.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addDays, zonedDayStartMs } from '../../shared/dates.js';
import { wallMinuteOf } from '../../shared/zone-wall.js';
import type { ReportContext } from './report-context.js';
import type { Cell, ReportColumn, ReportTable } from './report-table.js';

const MIN = 60_000;

export async function deviceLagRows(db: Kysely<DB>, companyId: number, fromMs: number, toMs: number) {
  const [devices, delays] = await Promise.all([
    db
      .selectFrom('devices')
      .leftJoin('sites', 'sites.id', 'devices.site_id')
      .select([
        'devices.name', 'devices.serial_number', 'devices.vendor', 'devices.model', 'devices.status', 'devices.online', 'devices.last_seen_at_ms',
        'devices.last_upload_at_ms', 'devices.last_punch_at_ms', 'sites.name as site_name',
      ])
      .where('devices.company_id', '=', companyId)
      .orderBy('devices.name')
      .orderBy('devices.id')
      .execute(),
    db
      .selectFrom('checkins')
      .select((eb) => [
        'device_sn',
        eb.fn.countAll<number>().as('n'),
        eb.fn.avg<number>(eb('received_at_ms', '-', eb.ref('at_ms'))).as('avg_ms'),
        eb.fn.max<number>(eb('received_at_ms', '-', eb.ref('at_ms'))).as('max_ms'),
        eb.fn.sum<number>(eb.case().when(eb('received_at_ms', '-', eb.ref('at_ms')), '>', 5 * MIN).then(1).else(0).end()).as('over5'),
        eb.fn.sum<number>(eb.case().when(eb('received_at_ms', '-', eb.ref('at_ms')), '>', 60 * MIN).then(1).else(0).end()).as('over60'),
      ])
      .where('company_id', '=', companyId)
      .where('at_ms', '>=', fromMs)
      .where('at_ms', '<', toMs)
      .where('device_sn', 'is not', null)
      .groupBy('device_sn')
      .execute(),
  ]);
  const bySn = new Map(delays.map((d) => [d.device_sn!, d]));
  return devices.map((d) => ({ ...d, delays: bySn.get(d.serial_number) ?? null }));
}

const COLUMNS: ReportColumn[] = [
  { header: '设备名称', width: 16, kind: 'text' },
  { header: '序列号', width: 16, kind: 'text' },
  { header: '厂商/型号', width: 14, kind: 'text' },
  { header: '站点', width: 12, kind: 'text' },
  { header: '状态', width: 7, kind: 'text' },
  { header: '在线', width: 5, kind: 'text' },
  { header: '最后心跳', width: 16, kind: 'text' },
  { header: '最后上传', width: 16, kind: 'text' },
  { header: '最新打卡', width: 16, kind: 'text' },
  { header: '当前滞后(分钟)', width: 11, kind: 'number' },
  { header: '期间打卡数', width: 9, kind: 'number' },
  { header: '平均延迟(分钟)', width: 11, kind: 'number' },
  { header: '最大延迟(分钟)', width: 11, kind: 'number' },
  { header: '延迟超5分钟', width: 10, kind: 'number' },
  { header: '延迟超1小时', width: 10, kind: 'number' },
];

const STATUS: Record<string, string> = { pending: '待分配', active: '启用', disabled: '停用' };
const minutes = (ms: number | null) => (ms === null ? null : Math.round((Number(ms) / MIN) * 10) / 10);

export function deviceLagTable(ctx: ReportContext, db: Kysely<DB>): ReportTable {
  const timeZone = ctx.timeZone;
  const fromMs = zonedDayStartMs(ctx.selection.from, timeZone);
  const toMs = zonedDayStartMs(addDays(ctx.selection.to, 1), timeZone);
  const at = (ms: number | null) => (ms === null ? '' : wallMinuteOf(timeZone, Number(ms)));
  async function* chunks() {
    const list = await deviceLagRows(db, ctx.companyId, fromMs, toMs);
    const rows = list.map((d): Cell[] => [
      d.name,
      d.serial_number,
      [d.vendor, d.model].filter(Boolean).join(' '),
      d.site_name ?? '',
      STATUS[d.status] ?? d.status,
      d.online === 1 ? '是' : '否',
      at(d.last_seen_at_ms),
      at(d.last_upload_at_ms),
      at(d.last_punch_at_ms),
      d.last_upload_at_ms !== null && d.last_punch_at_ms !== null ? minutes(d.last_upload_at_ms - d.last_punch_at_ms) : null,
      Number(d.delays?.n ?? 0),
      d.delays ? minutes(d.delays.avg_ms) : null,
      d.delays ? minutes(d.delays.max_ms) : null,
      Number(d.delays?.over5 ?? 0),
      Number(d.delays?.over60 ?? 0),
    ]);
    yield { rows, employees: rows.length };
  }
  const period = ctx.selection.from === ctx.selection.to ? ctx.selection.from : `${ctx.selection.from} 至 ${ctx.selection.to}`;
  return {
    title: `${ctx.companyName} ${period} 考勤机上传延迟`,
    subtitle: ctx.subtitle,
    sheetName: '设备延迟',
    columns: COLUMNS,
    frozenColumns: 1,
    employeeCount: ctx.employeeCount,
    chunks: chunks(),
    legend: ['当前滞后 = 最后上传时间 − 最新打卡时间；延迟 = 平台收到打卡的时间 − 打卡时间（按期间内的打卡统计）'],
    pdfPageSize: 'A4',
  };
}
