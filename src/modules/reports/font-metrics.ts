/**
 * Advance widths of a TrueType font, read from its `cmap` (format 12), `hmtx`, `hhea` and `head`
 * tables: enough for the PDF writer to know how wide a header or a job number will be before
 * pdfmake lays it out (a header is shrunk until its longest unbreakable piece fits its cell, a
 * job number's column is made wide enough to keep it on one line).
 */
import { readFileSync } from 'node:fs';

export interface FontMetrics {
  /** Width in points of `text` set at `size` points (characters the font lacks count 1 em). */
  width(text: string, size: number): number;
}

export function fontMetrics(file: string): FontMetrics {
  const buf = readFileSync(file);
  const tables = new Map<string, number>();
  for (let i = 0; i < buf.readUInt16BE(4); i++) tables.set(buf.toString('latin1', 12 + i * 16, 16 + i * 16), buf.readUInt32BE(12 + i * 16 + 8));
  const need = (tag: string) => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`${file} has no ${tag} table`);
    return at;
  };
  const unitsPerEm = buf.readUInt16BE(need('head') + 18);
  const metricsCount = buf.readUInt16BE(need('hhea') + 34);
  const hmtx = need('hmtx');
  const advance = (glyph: number) => buf.readUInt16BE(hmtx + 4 * Math.min(glyph, metricsCount - 1));
  const cmap = need('cmap');
  const groups: [number, number, number][] = [];
  for (let i = 0; i < buf.readUInt16BE(cmap + 2); i++) {
    const offset = cmap + buf.readUInt32BE(cmap + 4 + i * 8 + 4);
    if (buf.readUInt16BE(offset) !== 12) continue;
    for (let g = 0; g < buf.readUInt32BE(offset + 12); g++) {
      const at = offset + 16 + g * 12;
      groups.push([buf.readUInt32BE(at), buf.readUInt32BE(at + 4), buf.readUInt32BE(at + 8)]);
    }
    break;
  }
  const glyphOf = (cp: number): number | null => {
    let lo = 0;
    let hi = groups.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [start, end, glyph] = groups[mid];
      if (cp < start) hi = mid - 1;
      else if (cp > end) lo = mid + 1;
      else return glyph + cp - start;
    }
    return null;
  };
  const cache = new Map<number, number>();
  return {
    width(text, size) {
      let units = 0;
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        let w = cache.get(cp);
        if (w === undefined) {
          const glyph = glyphOf(cp);
          w = glyph === null ? unitsPerEm : advance(glyph);
          cache.set(cp, w);
        }
        units += w;
      }
      return (units / unitsPerEm) * size;
    },
  };
}
