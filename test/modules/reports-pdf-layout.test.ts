/**
 * The PDF monthly sheet, read back from the file: every header lies inside its own cell (wrapped
 * or set smaller, never spilling into the next column or below its row), every job number is one
 * run on one line inside its column, and 𠮷 is set in a font that has it. The table is the monthly
 * report's own columns (identity, summary with every leave type, one per day) with long job numbers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writePdf } from '../../src/modules/reports/pdf-writer.js';
import { IDENTITY_COLUMNS, summaryColumns } from '../../src/modules/reports/monthly-report.js';
import type { ReportColumn, ReportTable } from '../../src/modules/reports/report-table.js';
import { pdfLayout, type Fill } from '../helpers/pdf-layout.js';

const HEADER_FILL = /^0\.866\d* 0\.921\d* 0\.968\d*$/;
const JOB_NUMBERS = ['YS0001', 'E2026-000123', 'SZ-PLANT-0042', 'A1', 'HQ.RD.BACKEND.7'];
const NAMES = ['𠮷野家', '欧阳娜娜', '司马相如', '龘', '王伟'];

async function monthlyPdf(): Promise<Buffer> {
  const leaveTypes = ['annual', 'personal', 'sick', 'compensatory', 'marriage', 'maternity', 'bereavement'].map((code, i) => ({ code, name: ['年假', '事假', '病假', '调休', '婚假', '产假', '丧假'][i], unit: i === 1 || i === 3 ? 'hour' : 'day' }));
  const summary = summaryColumns(leaveTypes as never);
  const days: ReportColumn[] = Array.from({ length: 31 }, (_, i) => ({ header: String(i + 1), sub: '日一二三四五六'[(i + 4) % 7], width: 4, kind: 'symbol' }));
  const columns = [...IDENTITY_COLUMNS, ...summary.columns, ...days];
  const rows = JOB_NUMBERS.map((job, i) => [job, NAMES[i], '研发中心/后端组', ...summary.columns.map(() => 12.5), ...days.map(() => '√')]);
  const table: ReportTable = {
    title: '云杉科技 2026年10月 月度考勤汇总',
    subtitle: '公司：云杉科技',
    sheetName: '月度汇总',
    columns,
    frozenColumns: 3,
    employeeCount: rows.length,
    chunks: (async function* () {
      yield { rows, employees: rows.length };
    })(),
    legend: ['√ 正常'],
    pdfPageSize: 'A3',
  };
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  await writePdf(table, out);
  return Buffer.concat(parts);
}

describe('PDF monthly sheet layout', () => {
  it('keeps every header inside its cell and every job number on one line inside its column', async () => {
    const pdf = await monthlyPdf();
    // Kept as a test artifact, to look at (pdftoppm -png).
    const dir = path.join(import.meta.dirname, '..', '..', 'test-results', 'reports');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'monthly-layout.pdf'), pdf);
    const [page] = pdfLayout(pdf);
    const headerFills = page.fills.filter((f) => HEADER_FILL.test(f.color));
    const topRow = Math.min(...headerFills.map((f) => f.y));
    const cells = headerFills.filter((f) => Math.abs(f.y - topRow) < 0.01).sort((a, b) => a.x - b.x);
    const summary = summaryColumns([] as never);
    expect(cells.length).toBeGreaterThanOrEqual(3 + summary.columns.length + 31);
    const inside = (f: Fill, r: { x: number; width: number; y: number }) => r.x >= f.x - 0.01 && r.x + r.width <= f.x + f.w + 0.01 && r.y >= f.y && r.y <= f.y + f.h;
    // Each top-row cell holds exactly its header's characters, all within its borders.
    const headers = [...IDENTITY_COLUMNS.map((c) => c.header)];
    const columnsOfPdf = cells.map((cell) => page.runs.filter((r) => inside(cell, r)).map((r) => r.text).join(''));
    for (const [i, h] of headers.entries()) expect(columnsOfPdf[i]).toBe(h);
    const expectedSummary = ['应出勤天数', '出勤天数', '迟到次数'];
    for (const h of expectedSummary) expect(columnsOfPdf).toContain(h);
    // No header text anywhere but inside a header cell: nothing spilled sideways or downwards.
    const headerBand = { top: topRow, bottom: Math.max(...headerFills.map((f) => f.y + f.h)) };
    const allHeaderText = page.runs.filter((r) => r.y >= headerBand.top && r.y <= headerBand.bottom);
    for (const r of allHeaderText) expect(headerFills.some((f) => inside(f, r)), `header text '${r.text}' at x=${r.x.toFixed(1)} is outside every header cell`).toBe(true);
    const bodyTexts = page.runs.filter((r) => r.y > headerBand.bottom).map((r) => r.text);
    for (const h of ['数', '钟)', '时)']) expect(bodyTexts).not.toContain(h);
    // Job numbers: one run each, inside the 工号 column.
    const jobColumn = cells[0];
    for (const job of JOB_NUMBERS) {
      const run = page.runs.find((r) => r.text === job);
      expect(run, `${job} is not one run on one line`).toBeDefined();
      expect(run!.x + run!.width).toBeLessThanOrEqual(jobColumn.x + jobColumn.w + 0.01);
    }
    // 𠮷 is set in a font that has it.
    expect(page.runs.map((r) => r.text).join('')).toContain('𠮷');
    expect(pdf.toString('latin1')).not.toContain('[U+20BB7]');
  }, 30_000);
});
