/**
 * Where things are on the pages of a PDF made by pdfkit (through pdfmake): each run of text with
 * its position, width and size, decoded through its font's ToUnicode map and measured with the
 * font's /W widths; and each filled rectangle with its colour (table cells are drawn as fills).
 * Coordinates are in points from the page's top-left corner. Enough of PDF for pdfkit's output.
 */
import { inflateSync } from 'node:zlib';

export interface TextRun {
  text: string;
  /** Left edge and width, points. */
  x: number;
  width: number;
  /** Baseline, points from the top. */
  y: number;
  size: number;
}
export interface Fill {
  x: number;
  y: number;
  w: number;
  h: number;
  /** `r g b` as written, 0..1. */
  color: string;
}
export interface PdfPage {
  width: number;
  height: number;
  runs: TextRun[];
  fills: Fill[];
}

interface Obj {
  dict: string;
  data: Buffer | null;
}

function objects(pdf: Buffer): Map<number, Obj> {
  const s = pdf.toString('latin1');
  const out = new Map<number, Obj>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m; (m = re.exec(s)); ) {
    const body = m[2];
    const at = body.indexOf('stream');
    if (at < 0) {
      out.set(Number(m[1]), { dict: body, data: null });
      continue;
    }
    const start = m.index + m[0].indexOf(body) + at + 'stream'.length + (body[at + 6] === '\r' ? 2 : 1);
    const end = s.indexOf('endstream', start);
    let data = pdf.subarray(start, end);
    if (/FlateDecode/.test(body.slice(0, at))) data = inflateSync(data);
    out.set(Number(m[1]), { dict: body.slice(0, at), data });
  }
  return out;
}

const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);

interface FontInfo {
  unicode: Map<number, string>;
  widths: Map<number, number>;
  defaultWidth: number;
}

function fontInfo(objs: Map<number, Obj>, fontObj: number): FontInfo {
  const font = objs.get(fontObj)!;
  const unicode = new Map<number, string>();
  const cmap = objs.get(ref(font.dict, 'ToUnicode'))!.data!.toString('latin1');
  const hex = (h: string) => Buffer.from(h.length % 4 ? h.padStart(4, '0') : h, 'hex').swap16().toString('utf16le');
  for (const r of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
    [...r[3].matchAll(/<([0-9a-f ]+)>/gi)].forEach((x, i) => unicode.set(parseInt(r[1], 16) + i, hex(x[1].replace(/ /g, ''))));
  }
  for (const r of cmap.matchAll(/^<([0-9a-f]+)>\s*<([0-9a-f]+)>$/gim)) unicode.set(parseInt(r[1], 16), hex(r[2]));
  const widths = new Map<number, number>();
  const descendant = /\/DescendantFonts \[(\d+) 0 R\]/.exec(font.dict);
  const cid = descendant ? objs.get(Number(descendant[1]))!.dict : '';
  const w = /\/W \[([\s\S]*)\]/.exec(cid)?.[1] ?? '';
  // `c [w1 w2 …]` (consecutive from c) or `c1 c2 w` (a range).
  const tokens = w.match(/\[[^\]]*\]|[\d.]+/g) ?? [];
  for (let i = 0; i < tokens.length; ) {
    const first = Number(tokens[i]);
    if (tokens[i + 1]?.startsWith('[')) {
      tokens[i + 1].slice(1, -1).trim().split(/\s+/).filter(Boolean).forEach((x, k) => widths.set(first + k, Number(x)));
      i += 2;
    } else {
      for (let c = first; c <= Number(tokens[i + 1]); c++) widths.set(c, Number(tokens[i + 2]));
      i += 3;
    }
  }
  return { unicode, widths, defaultWidth: Number(/\/DW (\d+)/.exec(cid)?.[1] ?? 1000) };
}

export function pdfLayout(pdf: Buffer): PdfPage[] {
  const objs = objects(pdf);
  const pages: PdfPage[] = [];
  for (const { dict } of objs.values()) {
    if (!/\/Type \/Page\b(?!s)/.test(dict)) continue;
    const box = /\/MediaBox \[([\d.\s]+)\]/.exec(dict)![1].trim().split(/\s+/).map(Number);
    const [width, height] = [box[2], box[3]];
    const resDict = /\/Resources (\d+) 0 R/.test(dict) ? objs.get(ref(dict, 'Resources'))!.dict : dict;
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resDict)![1];
    const fonts = new Map([...fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)].map((f) => [f[1], fontInfo(objs, Number(f[2]))]));
    const content = objs.get(ref(dict, 'Contents'))!.data!.toString('latin1');
    const runs: TextRun[] = [];
    const fills: Fill[] = [];
    let font: FontInfo | undefined;
    let size = 0;
    let at = { x: 0, y: 0 };
    let rect: Omit<Fill, 'color'> | null = null;
    let color = '';
    const ops = /([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) re|([\d.]+ [\d.]+ [\d.]+) scn|^f$|1 0 0 1 ([\d.-]+) ([\d.-]+) Tm|\/(\w+) ([\d.]+) Tf|\[([^\]]*)\] TJ/gm;
    for (const op of content.matchAll(ops)) {
      if (op[1] !== undefined) rect = { x: Number(op[1]), y: Number(op[2]), w: Number(op[3]), h: Number(op[4]) };
      else if (op[5] !== undefined) color = op[5];
      else if (op[0] === 'f') {
        if (rect) fills.push({ ...rect, color });
        rect = null;
      } else if (op[6] !== undefined) at = { x: Number(op[6]), y: height - Number(op[7]) };
      else if (op[8] !== undefined) {
        font = fonts.get(op[8]);
        size = Number(op[9]);
      } else if (op[10] !== undefined && font) {
        let text = '';
        let units = 0;
        for (const part of op[10].matchAll(/<([0-9a-f]+)>|(-?[\d.]+)/gi)) {
          if (part[2] !== undefined) {
            units -= Number(part[2]);
            continue;
          }
          for (let i = 0; i < part[1].length; i += 4) {
            const glyph = parseInt(part[1].slice(i, i + 4), 16);
            text += font.unicode.get(glyph) ?? '?';
            units += font.widths.get(glyph) ?? font.defaultWidth;
          }
        }
        runs.push({ text, x: at.x, width: (units / 1000) * size, y: at.y, size });
      }
    }
    pages.push({ width, height, runs, fills });
  }
  return pages;
}
