/**
 * CSV in UTF-8 with a byte-order mark (Excel reads BOM-less UTF-8 as the local ANSI code page and
 * garbles Chinese), CRLF line ends and RFC 4180 quoting. One header line (sub-headers joined into it).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { rowsOf, type Cell, type Progress, type ReportTable } from './report-table.js';

export const UTF8_BOM = '\uFEFF';

export function csvField(v: Cell): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : v;
  // Leading = + - @ would make Excel evaluate the cell as a formula (CSV injection).
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: Cell[]) => cells.map(csvField).join(',') + '\r\n';

async function put(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function writeCsv(table: ReportTable, out: Writable, progress?: Progress): Promise<void> {
  await put(out, UTF8_BOM + csvLine(table.columns.map((c) => (c.sub ? `${c.header}(${c.sub})` : c.header))));
  for await (const rows of rowsOf(table, progress)) {
    let text = '';
    for (const r of rows) text += csvLine(r);
    if (text) await put(out, text);
  }
  if (table.legend.length) await put(out, '\r\n' + table.legend.map((l) => csvLine([l])).join(''));
  // A section follows after an empty line, under its title line and its own header.
  for (const s of table.sections ?? []) {
    await put(out, '\r\n' + csvLine([s.title]) + csvLine(s.columns.map((c) => c.header)));
    for (let i = 0; i < s.rows.length; i += 1000) await put(out, s.rows.slice(i, i + 1000).map(csvLine).join(''));
  }
  out.end();
  await once(out, 'finish');
}
