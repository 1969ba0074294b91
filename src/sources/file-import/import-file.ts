/**
 * USB exports from attendance machines and punch spreadsheets → CheckinInput for one device.
 * attlog.dat is the ATTLOG wire format on disk (same quirks, same parser), so a punch imported from
 * USB gets exactly the idempotency key it gets when the device pushes it: importing a stick the
 * device has already uploaded creates nothing new.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';

// exceljs takes ~0.6 s to load: only the requests that read or write a workbook pay for it.
const loadExcel = async () => (await import('exceljs')).default;

import { badRequest } from '../../shared/errors.js';
import type { DeviceContext } from '../device-gateway.js';
import type { CheckinInput } from '../types.js';
import { parseAttlog } from '../zkteco-push/attlog.js';
import { mapAttlogRecord } from '../zkteco-push/mapper.js';
import { decodeDeviceText } from '../zkteco-push/text.js';
import { isValidZone } from '../zkteco-push/wall-time.js';
import { punchesFromRows, type Cell } from './table.js';
import type { ImportResult } from './types.js';

export type ImportContext = Pick<DeviceContext, 'sn' | 'timeZone' | 'statusMap'>;
export type PunchFileFormat = 'attlog' | 'csv' | 'xlsx';

function checkZone(ctx: ImportContext): void {
  if (!isValidZone(ctx.timeZone)) throw badRequest('DEVICE_TIME_ZONE_INVALID', `Unknown time zone "${ctx.timeZone}" on device ${ctx.sn}`);
}

export function parseAttlogFile(bytes: Buffer, ctx: ImportContext): ImportResult {
  checkZone(ctx);
  const { records, problems } = parseAttlog(decodeDeviceText(bytes).text);
  const punches: CheckinInput[] = records.map((r) => mapAttlogRecord(ctx, r, 'file').punch);
  return { punches, problems };
}

/** CSV in UTF-8 or GBK (Excel on Chinese Windows saves GBK); comma, semicolon or TAB separated. */
export function parseCsvFile(bytes: Buffer, ctx: ImportContext): ImportResult {
  checkZone(ctx);
  const text = decodeDeviceText(bytes).text.replace(/^\ufeff/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  // With `info`, csv-parse returns each record with the line it ended on: problems name real lines.
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof rows;
  } catch (err) {
    return { punches: [], problems: [{ line: (err as { lines?: number }).lines ?? 1, message: `unreadable CSV: ${(err as Error).message}` }] };
  }
  return punchesFromRows(
    rows.map((r) => r.record),
    rows.map((r) => r.info.lines),
    ctx,
  );
}

export async function parseXlsxFile(bytes: Buffer, ctx: ImportContext): Promise<ImportResult> {
  checkZone(ctx);
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    return { punches: [], problems: [{ line: 1, message: `unreadable XLSX: ${(err as Error).message}` }] };
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { punches: [], problems: [{ line: 1, message: 'the workbook has no sheet' }] };
  const rows: Cell[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    rows.push(cells);
    numbers.push(n);
  });
  return punchesFromRows(rows, numbers, ctx);
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  }
  return String(v);
}

/** Pick the parser from the bytes first (XLSX is a ZIP), then the file name. */
export function detectPunchFileFormat(bytes: Buffer, fileName = ''): PunchFileFormat {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.dat')) return 'attlog';
  // A TAB-separated line starting with a PIN and a date is attlog; anything else is a table with a header.
  const head = bytes.subarray(0, 200).toString('latin1');
  return /^\s*[^\t\r\n]+\t\d{4}-\d{1,2}-\d{1,2} /.test(head) ? 'attlog' : 'csv';
}

export async function importPunchFile(bytes: Buffer, fileName: string, ctx: ImportContext): Promise<ImportResult & { format: PunchFileFormat }> {
  const format = detectPunchFileFormat(bytes, fileName);
  if (format === 'xlsx') return { format, ...(await parseXlsxFile(bytes, ctx)) };
  if (format === 'csv') return { format, ...parseCsvFile(bytes, ctx) };
  return { format, ...parseAttlogFile(bytes, ctx) };
}
