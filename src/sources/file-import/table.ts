/**
 * Punch tables exported from device software or typed by HR (CSV or XLSX): a header row naming
 * the columns (English or Chinese), then one punch per row. Columns: PIN/工号 and time (or a
 * date and a time column), optional status and verify, as codes or as the labels device software
 * prints. Every bad row is reported, so a dry run can list them all.
 */
import type { DeviceContext } from '../device-gateway.js';
import type { CheckinInput } from '../types.js';
import { mapWallPunch } from '../zkteco-push/mapper.js';
import { parseDeviceTime } from '../zkteco-push/attlog.js';
import { validWall, type WallFields } from '../zkteco-push/wall-time.js';
import type { ImportProblem, ImportResult } from './types.js';

export type Cell = string | number | Date | null | undefined;

const norm = (s: string) => s.trim().toLowerCase().replace(/[\s_]+/g, ' ');

const ALIASES = {
  pin: ['pin', '工号', '考勤号码', '考勤号', '用户号', '用户id', '人员编号', '编号', 'userid', 'user id', 'ac-no.', 'ac-no', 'ac no', 'employee no', 'emp no', 'badge', 'enroll number'],
  time: ['time', 'datetime', 'date time', 'punch time', 'check time', 'checktime', '打卡时间', '日期时间', '签到时间', '考勤时间', '时间'],
  date: ['date', '日期'],
  clock: ['clock', 'hour', '时刻'],
  status: ['status', 'state', 'punch state', '状态', '考勤状态', '打卡状态'],
  verify: ['verify', 'verify code', 'verify mode', 'verify type', 'verifycode', '验证方式', '验证'],
} as const;

type Column = keyof typeof ALIASES;

/** Status labels device software prints instead of codes. */
const STATUS_LABELS: Record<string, number> = {
  'check-in': 0, 'check in': 0, 'c/in': 0, in: 0, 上班签到: 0, 签到: 0, 上班: 0,
  'check-out': 1, 'check out': 1, 'c/out': 1, out: 1, 下班签退: 1, 签退: 1, 下班: 1,
  'break-out': 2, 'break out': 2, 外出: 2,
  'break-in': 3, 'break in': 3, 外出返回: 3,
  'overtime-in': 4, 'overtime in': 4, 'ot-in': 4, 加班签到: 4,
  'overtime-out': 5, 'overtime out': 5, 'ot-out': 5, 加班签退: 5,
};
const VERIFY_LABELS: Record<string, number> = {
  fingerprint: 1, fp: 1, 指纹: 1, password: 3, pwd: 3, 密码: 3, card: 4, 卡: 4, 刷卡: 4, face: 15, 人脸: 15, 面部: 15, 脸: 15, palm: 25, 掌纹: 25,
};

export function findColumns(header: Cell[]): Partial<Record<Column, number>> {
  const cols: Partial<Record<Column, number>> = {};
  header.forEach((cell, i) => {
    const h = norm(String(cell ?? ''));
    for (const key of Object.keys(ALIASES) as Column[]) {
      if (cols[key] === undefined && (ALIASES[key] as readonly string[]).includes(h)) cols[key] = i;
    }
  });
  return cols;
}

const p2 = (n: number) => (n < 10 ? '0' + n : String(n));

/** A Date from a spreadsheet carries the wall clock in its UTC fields (exceljs reads cells as UTC). */
function wallFromDate(d: Date): WallFields {
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
}

/** Excel serial day number (1900 system) → wall fields; fractions are the time of day. */
function wallFromSerial(n: number): WallFields {
  const ms = Math.round((n - 25569) * 86_400_000 / 1000) * 1000;
  return wallFromDate(new Date(ms));
}

function textOf(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

export function cellWallTime(cell: Cell): WallFields | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : wallFromDate(cell);
  if (typeof cell === 'number') return Number.isFinite(cell) && cell > 0 ? wallFromSerial(cell) : null;
  const t = textOf(cell).replace(/\//g, '-').replace(/\./g, '-');
  return t === '' ? null : parseDeviceTime(t);
}

function combineDateClock(date: Cell, clock: Cell): WallFields | null {
  const d = date instanceof Date ? wallFromDate(date) : typeof date === 'number' ? wallFromSerial(date) : cellWallTime(`${textOf(date)} 00:00:00`);
  if (!d) return null;
  let c: WallFields | null;
  if (clock instanceof Date) c = wallFromDate(clock);
  else if (typeof clock === 'number') c = clock >= 0 && clock < 1 ? wallFromSerial(25569 + clock) : null;
  else c = cellWallTime(`2000-01-01 ${textOf(clock)}`);
  if (!c) return null;
  const f = { y: d.y, mo: d.mo, d: d.d, h: c.h, mi: c.mi, s: c.s };
  return validWall(f) ? f : null;
}

function code(cell: Cell, labels: Record<string, number>): number | null | undefined {
  const t = textOf(cell);
  if (t === '') return null;
  if (/^\d+$/.test(t)) return Number(t);
  const v = labels[norm(t)];
  return v === undefined ? undefined : v;
}

/** Rows include the header as rows[0]; `rowNumbers[i]` is the line or sheet row of rows[i]. */
export function punchesFromRows(rows: Cell[][], rowNumbers: number[], ctx: Pick<DeviceContext, 'sn' | 'timeZone' | 'statusMap'>): ImportResult {
  const punches: CheckinInput[] = [];
  const problems: ImportProblem[] = [];
  if (rows.length === 0) return { punches, problems: [{ line: 1, message: 'empty file' }] };
  const cols = findColumns(rows[0]);
  const headerLine = rowNumbers[0];
  if (cols.pin === undefined) problems.push({ line: headerLine, column: 'PIN', message: 'no PIN/工号 column in the header' });
  if (cols.time === undefined && (cols.date === undefined || cols.clock === undefined))
    problems.push({ line: headerLine, column: 'time', message: 'no time column (or date + clock columns) in the header' });
  if (problems.length > 0) return { punches, problems };
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    const line = rowNumbers[i];
    if (row.every((c) => textOf(c) === '')) continue;
    const pin = textOf(row[cols.pin!]);
    if (pin === '') {
      problems.push({ line, column: 'PIN', message: 'empty PIN' });
      continue;
    }
    const wall = cols.time !== undefined ? cellWallTime(row[cols.time]) : combineDateClock(row[cols.date!], row[cols.clock!]);
    if (!wall) {
      const raw = cols.time !== undefined ? textOf(row[cols.time]) : `${textOf(row[cols.date!])} ${textOf(row[cols.clock!])}`;
      problems.push({ line, column: 'time', message: `invalid time "${raw}"` });
      continue;
    }
    const status = cols.status === undefined ? null : code(row[cols.status], STATUS_LABELS);
    if (status === undefined) {
      problems.push({ line, column: 'status', message: `unknown status "${textOf(row[cols.status!])}"` });
      continue;
    }
    const verify = cols.verify === undefined ? null : code(row[cols.verify], VERIFY_LABELS);
    if (verify === undefined) {
      problems.push({ line, column: 'verify', message: `unknown verify method "${textOf(row[cols.verify!])}"` });
      continue;
    }
    const rawRow = row.map(textOf);
    const wallText = `${wall.y}-${p2(wall.mo)}-${p2(wall.d)} ${p2(wall.h)}:${p2(wall.mi)}:${p2(wall.s)}`;
    punches.push(mapWallPunch(ctx, { pin, wall, status, verify, source: 'file', raw: { row: rawRow, line, time: wallText } }).punch);
  }
  return { punches, problems };
}
