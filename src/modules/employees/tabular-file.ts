/**
 * Reads a spreadsheet a person uploaded (CSV in UTF-8, UTF-8 with BOM, UTF-16 or GBK, or
 * XLSX) into rows of cells, remembering for each row the line number the person sees, so
 * that problems can point at "line 7, column 邮箱". Knows nothing about what the columns mean.
 */
import type ExcelJS from 'exceljs';

// exceljs takes ~0.6 s to load: only the requests that read or write a workbook pay for it.
const loadExcel = async () => (await import('exceljs')).default;

import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../shared/errors.js';

/** Excel date cells arrive as Date (UTC midnight of the shown date); everything else as text or number. */
export type Cell = string | number | boolean | Date | null;

export interface TabularRow {
  /** 1-based line (CSV) or row number (XLSX); the header is line 1. */
  line: number;
  cells: Cell[];
}

export interface TabularFile {
  headers: string[];
  rows: TabularRow[];
}

export interface ReadOptions {
  maxRows: number;
}

export async function readTabularFile(filename: string, content: Buffer, opts: ReadOptions): Promise<TabularFile> {
  const ext = filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const isZip = content.length >= 4 && content[0] === 0x50 && content[1] === 0x4b;
  let table: TabularRow[];
  if (ext === 'xlsx' || (ext !== 'csv' && ext !== 'txt' && ext !== 'tsv' && isZip)) table = await readXlsx(content);
  else if (ext === 'csv' || ext === 'txt' || ext === 'tsv') table = readCsv(content);
  else throw new AppError('UNSUPPORTED_FILE_TYPE', `'${filename}' is neither CSV nor XLSX (old .xls files must be saved as .xlsx first)`, 400, { filename });
  const header = table.find((r) => r.line === 1);
  if (!header || header.cells.every((c) => cellText(c) === '')) throw new AppError('FILE_EMPTY', 'The file has no header row on line 1', 400);
  const rows = table.filter((r) => r.line > 1 && r.cells.some((c) => cellText(c) !== ''));
  if (rows.length > opts.maxRows) {
    throw new AppError('TOO_MANY_ROWS', `The file has ${rows.length} rows; at most ${opts.maxRows} are accepted at once`, 400, { rows: rows.length, max: opts.maxRows });
  }
  return { headers: header.cells.map((c) => cellText(c)), rows };
}

/** A cell as trimmed text; numbers print without exponent or trailing zeros. */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (typeof c === 'number') return Number.isInteger(c) ? c.toFixed(0) : String(c);
  return String(c).trim();
}

/** UTF-8 (with or without BOM) and UTF-16 by their marks; anything not valid UTF-8 is taken as GBK (GB18030). */
export function decodeText(buf: Buffer): string {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'gb18030');
  }
}

function readCsv(content: Buffer): TabularRow[] {
  // One newline convention: csv-parse counts a CRLF inside quotes as two lines, which would shift every later line number.
  const text = decodeText(content).replace(/\r\n?/g, '\n');
  const firstLine = text.slice(0, text.search(/\n|$/));
  // Excel's "Unicode text" export is tab-separated; commas win when both appear.
  const delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (e) {
    throw new AppError('FILE_UNREADABLE', `The CSV cannot be read: ${(e as Error).message}`, 400);
  }
  // info.lines is where a record ends; a quoted field may span lines, so count back to its start.
  return records.map(({ record, info }) => ({
    line: info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0),
    cells: record,
  }));
}

async function readXlsx(content: Buffer): Promise<TabularRow[]> {
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError('FILE_UNREADABLE', `The XLSX file cannot be read: ${(e as Error).message}`, 400);
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const out: TabularRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[];
    const cells: Cell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i]));
    out.push({ line: rowNumber, cells });
  });
  return out;
}

function xlsxCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return xlsxCell(o.result);
    if (o.error) return o.error;
    if (o.text !== undefined) return xlsxCell(o.text);
  }
  return String(v);
}
