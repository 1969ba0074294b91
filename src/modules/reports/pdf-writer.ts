/**
 * PDF through pdfmake with the full Noto Sans SC embedded (subset to the glyphs used), so rare name
 * characters such as 𠮷 䶮 龘 render. Landscape A4/A3, table headers repeated on every page (each
 * inside its cell: wrapped, or set smaller when a piece of it cannot wrap; codes such as job
 * numbers never broken),
 * the title on the first page and a running title plus 「第 n / N 页」 on every page.
 *
 * pdfmake lays out the whole document in memory; the service caps PDF exports by employee count.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type PdfMakeModule from 'pdfmake';

// pdfmake takes ~0.4 s to load: it is loaded by the first PDF export, not at start-up.
let pdfMake: typeof PdfMakeModule;
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { codePointLabel, fontCoverage, splitByCoverage, type Coverage } from './font-coverage.js';
import { fontMetrics, type FontMetrics } from './font-metrics.js';
import { rowsOf, type Progress, type ReportTable } from './report-table.js';

const fontDir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'));
export const FONT_FILES = {
  normal: path.join(fontDir, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: path.join(fontDir, '700Bold', 'NotoSansSC_700Bold.ttf'),
};
// The fallback for characters Noto Sans SC lacks: Noto Sans JP has more of CJK Extension B (𠮷 U+20BB7).
// Only the glyphs a report uses are embedded (pdfkit subsets every font).
const fallbackDir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp/package.json'));
export const FALLBACK_FONT_FILES = {
  normal: path.join(fallbackDir, '400Regular', 'NotoSansJP_400Regular.ttf'),
  bold: path.join(fallbackDir, '700Bold', 'NotoSansJP_700Bold.ttf'),
};

let coverage: Coverage | null = null;
let fallbackCoverage: Coverage | null = null;
let metrics: { normal: FontMetrics; bold: FontMetrics } | null = null;
let configured = false;
async function configure() {
  if (configured) return;
  pdfMake = (await import('pdfmake')).default;
  coverage = fontCoverage(FONT_FILES.normal);
  fallbackCoverage = fontCoverage(FALLBACK_FONT_FILES.normal);
  metrics = { normal: fontMetrics(FONT_FILES.normal), bold: fontMetrics(FONT_FILES.bold) };
  const allowed = new Set([...Object.values(FONT_FILES), ...Object.values(FALLBACK_FONT_FILES)]);
  pdfMake.setFonts({
    NotoSansSC: { normal: FONT_FILES.normal, bold: FONT_FILES.bold, italics: FONT_FILES.normal, bolditalics: FONT_FILES.bold },
    NotoSansJP: { normal: FALLBACK_FONT_FILES.normal, bold: FALLBACK_FONT_FILES.bold, italics: FALLBACK_FONT_FILES.normal, bolditalics: FALLBACK_FONT_FILES.bold },
  });
  // Reports never load anything but the bundled fonts: no URLs, no other local files.
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((p) => allowed.has(path.resolve(p)));
  configured = true;
}

const PAGE = { A4: { w: 841.89, h: 595.28 }, A3: { w: 1190.55, h: 841.89 } };
const MARGIN = 24;
const PAD = 1.5;

export const pageLabel = (n: number, total: number) => `第 ${n} / ${total} 页`;

/**
 * Text as pdfmake content: a character Noto Sans SC lacks is set in the fallback font when that has
 * it (𠮷), else shown as its code point, in red, so the name stays identifiable.
 */
function pdfText(s: string): string | { text: string; color?: string; font?: string }[] {
  if (/^[\x20-\x7e]*$/.test(s)) return s;
  const parts = splitByCoverage(s, coverage!);
  if (parts.length === 1 && !parts[0].missing) return s;
  return parts.map((p) => {
    if (!p.missing) return { text: p.text };
    return fallbackCoverage!.has(p.text.codePointAt(0)!) ? { text: p.text, font: 'NotoSansJP' } : { text: codePointLabel(p.text), color: '#c00000' };
  });
}

/** A code (job number, serial): never broken across lines. */
const isCode = (v: string) => /^[\x21-\x7e]+$/.test(v);
/**
 * The pieces of a header no line break may split: each CJK character stands alone (a line may
 * break around it), other runs stay whole; an opening bracket binds to what follows, a closing one
 * to what precedes (「长(分」「钟)」), as the line breaker does.
 */
function unbreakable(text: string): string[] {
  return text.match(/[(（]?(?:[\u3400-\u9fff\uf900-\ufaff]|[^\s\u3400-\u9fff\uf900-\ufaff(（)）]+)[)）]?/g) ?? [text];
}
const HEADER_MIN_SIZE = 3.5;

export async function writePdf(table: ReportTable, out: Writable, progress?: Progress): Promise<void> {
  await configure();
  const hasSub = table.columns.some((c) => c.sub !== undefined);
  const fontSize = 6;

  const body: TableCell[][] = [];
  // The widest code per column: its column is made wide enough to keep every code on one line.
  const codeWidth = table.columns.map(() => 0);
  for await (const rows of rowsOf(table, progress)) {
    for (const r of rows) {
      body.push(
        r.map((v, i): TableCell => {
          const kind = table.columns[i].kind;
          const alignment = kind === 'text' ? 'left' : kind === 'symbol' ? 'center' : 'right';
          if (typeof v === 'string' && kind === 'text' && isCode(v)) {
            codeWidth[i] = Math.max(codeWidth[i], metrics!.normal.width(v, fontSize));
            return { text: v, alignment, noWrap: true };
          }
          return { text: v === null ? '' : typeof v === 'number' ? String(v) : pdfText(v), alignment };
        }),
      );
    }
  }

  // Symbol columns (one per day) get exactly two glyphs; the others share the rest by weight, but a
  // column of codes is never narrower than its widest code.
  const page = PAGE[table.pdfPageSize];
  const symbolWidth = 2 * fontSize + 0.5;
  const symbols = table.columns.filter((c) => c.kind === 'symbol').length;
  const usable = page.w - 2 * MARGIN - table.columns.length * (2 * PAD + 0.5) - symbols * symbolWidth;
  const widths = shareWidths(table, usable, codeWidth.map((w) => (w > 0 ? w + 0.5 : 0)));
  const colWidths = table.columns.map((c, i) => (c.kind === 'symbol' ? symbolWidth : widths[i]));

  // Headers wrap inside their cell; one whose longest unbreakable piece is wider than the cell is
  // set smaller until it fits. Without row spans, a tall header grows its row instead of spilling.
  const headerCell = (text: string, width: number, border?: [boolean, boolean, boolean, boolean]): TableCell => {
    const widest = Math.max(...unbreakable(text).map((piece) => metrics!.bold.width(piece, fontSize)));
    const size = widest <= width ? fontSize : Math.max(HEADER_MIN_SIZE, Math.floor(((fontSize * width) / widest) * 4) / 4);
    return { text, style: 'th', ...(size < fontSize ? { fontSize: size } : {}), ...(border ? { border } : {}) };
  };
  const header: TableCell[][] = [
    table.columns.map((c, i) => headerCell(c.header, colWidths[i], hasSub && c.sub === undefined ? [true, true, true, false] : undefined)),
  ];
  if (hasSub) header.push(table.columns.map((c, i) => (c.sub === undefined ? { text: '', border: [true, false, true, true] } : headerCell(c.sub, colWidths[i]))));
  body.unshift(...header);

  const content: Content[] = [
    { text: pdfText(table.title), style: 'title' },
    { text: pdfText(table.subtitle), style: 'subtitle' },
    {
      table: { headerRows: header.length, dontBreakRows: true, widths: colWidths, body },
      layout: {
        paddingLeft: () => PAD,
        paddingRight: () => PAD,
        paddingTop: () => 1,
        paddingBottom: () => 1,
        hLineWidth: () => 0.5,
        vLineWidth: () => 0.5,
        hLineColor: () => '#9bb7d4',
        vLineColor: () => '#9bb7d4',
        fillColor: (row: number) => (row < header.length ? '#ddebf7' : row % 2 === 0 ? '#f7f9fc' : null),
      },
    },
    ...table.legend.map((l): Content => ({ text: l, style: 'legend' })),
    ...(table.sections ?? []).flatMap((sec): Content[] => [
      { text: pdfText(sec.title), style: 'subtitle', margin: [0, 10, 0, 4] },
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: sec.columns.map(() => '*'),
          body: [sec.columns.map((c) => ({ text: pdfText(c.header), style: 'th' })), ...sec.rows.map((r) => r.map((v): TableCell => ({ text: v === null ? '' : typeof v === 'number' ? String(v) : pdfText(v) })))],
        },
      },
    ]),
  ];

  const doc: TDocumentDefinitions = {
    pageSize: table.pdfPageSize,
    pageOrientation: 'landscape',
    pageMargins: [MARGIN, 30, MARGIN, 28],
    info: { title: table.title, creator: 'Daka', producer: 'Daka' },
    defaultStyle: { font: 'NotoSansSC', fontSize },
    styles: {
      title: { fontSize: 14, bold: true, margin: [0, 0, 0, 2] },
      subtitle: { fontSize: 8, color: '#555555', margin: [0, 0, 0, 6] },
      th: { bold: true, alignment: 'center' },
      legend: { fontSize: 7, color: '#555555', margin: [0, 6, 0, 0] },
    },
    header: (current: number) =>
      current > 1 ? { text: pdfText(table.title), fontSize: 7, color: '#777777', margin: [MARGIN, 12, MARGIN, 0] } : { text: '' },
    footer: (current: number, total: number) => ({ text: pageLabel(current, total), alignment: 'center', fontSize: 8, margin: [0, 8, 0, 0] }),
    content,
  };
  const pdf = pdfMake.createPdf(doc);
  const stream = await pdf.getStream();
  stream.pipe(out);
  stream.end();
  await finished(out);
}

/**
 * Widths of the non-symbol columns: shared by weight, then each column of codes raised to its
 * minimum and the others scaled down to keep the total.
 */
function shareWidths(table: ReportTable, usable: number, minimum: number[]): number[] {
  const flexible = table.columns.map((c) => c.kind !== 'symbol');
  let fixed = new Set<number>();
  let widths: number[] = [];
  for (let round = 0; round < table.columns.length; round++) {
    const free = usable - [...fixed].reduce((s, i) => s + minimum[i], 0);
    const weight = table.columns.reduce((s, c, i) => s + (flexible[i] && !fixed.has(i) ? c.width : 0), 0);
    widths = table.columns.map((c, i) => (!flexible[i] ? 0 : fixed.has(i) ? minimum[i] : Math.max(6, (c.width / weight) * free)));
    const short = widths.map((w, i) => (flexible[i] && !fixed.has(i) && w < minimum[i] ? i : -1)).filter((i) => i >= 0);
    if (short.length === 0) break;
    fixed = new Set([...fixed, ...short]);
  }
  return widths;
}
