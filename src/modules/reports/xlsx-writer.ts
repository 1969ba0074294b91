/**
 * XLSX through exceljs's streaming WorkbookWriter: every row is committed as soon as it is written,
 * so memory stays flat whatever the number of rows. Title and subtitle rows, a styled header (with
 * an optional sub-header row, e.g. weekdays), header rows and leading columns frozen.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';

// exceljs takes ~0.6 s to load: only the requests that read or write a workbook pay for it.
const loadExcel = async () => (await import('exceljs')).default;

import { rowsOf, type Progress, type ReportTable } from './report-table.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF9BB7D4' } },
  bottom: { style: 'thin', color: { argb: 'FF9BB7D4' } },
  left: { style: 'thin', color: { argb: 'FF9BB7D4' } },
  right: { style: 'thin', color: { argb: 'FF9BB7D4' } },
};
const FONT = 'Microsoft YaHei';

export async function writeXlsx(table: ReportTable, out: Writable, progress?: Progress): Promise<void> {
  const Excel = await loadExcel();
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Daka';
  const hasSub = table.columns.some((c) => c.sub !== undefined);
  const headerRows = hasSub ? 2 : 1;
  // Title, subtitle, then the header: the frozen pane covers all of them.
  const top = table.bare ? 0 : 2;
  const ySplit = top + headerRows;
  const ws = wb.addWorksheet(safeSheetName(table.sheetName), {
    views: [{ state: 'frozen', xSplit: table.frozenColumns, ySplit, topLeftCell: `${colName(table.frozenColumns + 1)}${ySplit + 1}` }],
    properties: { defaultRowHeight: 16 },
  });
  ws.columns = table.columns.map((c) => ({
    width: c.width,
    style: c.kind === 'symbol' ? { alignment: { horizontal: 'center' } } : {},
  }));
  const n = table.columns.length;

  if (!table.bare) {
    const title = ws.addRow([table.title]);
    title.font = { name: FONT, size: 14, bold: true };
    title.height = 24;
    ws.mergeCells(1, 1, 1, Math.min(n, 20));
    title.commit();
    const sub = ws.addRow([table.subtitle]);
    sub.font = { name: FONT, size: 9, color: { argb: 'FF555555' } };
    ws.mergeCells(2, 1, 2, Math.min(n, 20));
    sub.commit();
  }

  const header = ws.addRow(table.columns.map((c) => c.header));
  styleHeader(header, n);
  if (hasSub) {
    const subHeader = ws.addRow(table.columns.map((c) => c.sub ?? ''));
    styleHeader(subHeader, n);
    // Columns without a sub-header span both header rows.
    table.columns.forEach((c, i) => {
      if (c.sub === undefined) ws.mergeCells(top + 1, i + 1, top + 2, i + 1);
    });
    header.commit();
    subHeader.commit();
  } else {
    header.commit();
  }

  for await (const rows of rowsOf(table, progress)) {
    for (const values of rows) ws.addRow(values).commit();
    await settle(ws, out);
  }

  if (table.legend.length) ws.addRow([]).commit();
  for (const line of table.legend) {
    const r = ws.addRow([line]);
    r.font = { name: FONT, size: 9, color: { argb: 'FF555555' } };
    r.commit();
  }
  ws.commit();
  for (const section of table.sections ?? []) {
    const sheet = wb.addWorksheet(safeSheetName(section.sheetName), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }], properties: { defaultRowHeight: 16 } });
    sheet.columns = section.columns.map((c) => ({ width: c.width }));
    const head = sheet.addRow(section.columns.map((c) => c.header));
    styleHeader(head, section.columns.length);
    head.commit();
    for (const values of section.rows) sheet.addRow(values).commit();
    sheet.commit();
  }
  await wb.commit();
}

/**
 * exceljs pushes committed XML into the zip's deflate stream without looking at backpressure, and
 * SQLite reads are synchronous: left alone, the whole sheet queues in memory ahead of the deflater.
 * After every chunk, wait for the deflater (reached through the sheet stream's pipes, exceljs 4.4)
 * and the file to drain.
 */
async function settle(ws: ExcelJS.Worksheet, out: Writable): Promise<void> {
  type Sink = Writable & { _writableState?: { needDrain?: boolean } };
  const sink = (ws as unknown as { stream?: { pipes?: Sink[] } }).stream?.pipes?.[0];
  await new Promise((resolve) => setImmediate(resolve));
  while (sink && (sink.writableNeedDrain ?? sink._writableState?.needDrain)) await once(sink, 'drain');
  if (out.writableNeedDrain) await once(out, 'drain');
}

function styleHeader(row: ExcelJS.Row, n: number) {
  row.height = 20;
  for (let i = 1; i <= n; i++) {
    const cell = row.getCell(i);
    cell.font = { name: FONT, bold: true, size: 10 };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
}

/** Excel limits sheet names to 31 characters without []:*?/\ . */
function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet1';
}

function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
