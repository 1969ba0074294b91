/**
 * PDF through pdfmake with the full Noto Sans SC embedded (subset to the glyphs used), so rare name
 * characters such as 𠮷 䶮 龘 render. Landscape A4/A3, table headers repeated on every page,
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
let configured = false;
async function configure() {
  if (configured) return;
  pdfMake = (await import('pdfmake')).default;
  coverage = fontCoverage(FONT_FILES.normal);
  fallbackCoverage = fontCoverage(FALLBACK_FONT_FILES.normal);
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

export async function writePdf(table: ReportTable, out: Writable, progress?: Progress): Promise<void> {
  await configure();
  const hasSub = table.columns.some((c) => c.sub !== undefined);
  const fontSize = 6;
  const header: TableCell[][] = [
    table.columns.map((c) => ({ text: c.header, style: 'th', ...(hasSub && c.sub === undefined ? { rowSpan: 2 } : {}) })),
  ];
  if (hasSub) header.push(table.columns.map((c) => (c.sub === undefined ? '' : { text: c.sub, style: 'th' })));

  const body: TableCell[][] = [...header];
  for await (const rows of rowsOf(table, progress)) {
    for (const r of rows) {
      body.push(
        r.map((v, i): TableCell => {
          const kind = table.columns[i].kind;
          return { text: v === null ? '' : typeof v === 'number' ? String(v) : pdfText(v), alignment: kind === 'text' ? 'left' : kind === 'symbol' ? 'center' : 'right' };
        }),
      );
    }
  }

  // Symbol columns (one per day) get exactly two glyphs; the others share the rest by weight.
  const page = PAGE[table.pdfPageSize];
  const symbolWidth = 2 * fontSize + 0.5;
  const symbols = table.columns.filter((c) => c.kind === 'symbol').length;
  const usable = page.w - 2 * MARGIN - table.columns.length * (2 * PAD + 0.5) - symbols * symbolWidth;
  const weight = table.columns.reduce((s, c) => s + (c.kind === 'symbol' ? 0 : c.width), 0);
  const widths = table.columns.map((c) => (c.kind === 'symbol' ? symbolWidth : Math.max(6, (c.width / weight) * usable)));

  const content: Content[] = [
    { text: pdfText(table.title), style: 'title' },
    { text: pdfText(table.subtitle), style: 'subtitle' },
    {
      table: { headerRows: header.length, dontBreakRows: true, widths, body },
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
