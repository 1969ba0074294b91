/**
 * Which code points a TrueType font has glyphs for, read from its `cmap` table (format 12, the
 * full-Unicode subtable). The Google Fonts cut of Noto Sans SC covers GB 18030 plus some extension
 * characters (䶮, 龘) but not every one (𠮷 U+20BB7 is missing): the PDF writer sets such a character in
 * its fallback font (Noto Sans JP) when that has it, else shows its code point instead of an empty box.
 */
import { readFileSync } from 'node:fs';

export interface Coverage {
  has(codePoint: number): boolean;
}

export function fontCoverage(file: string): Coverage {
  const buf = readFileSync(file);
  const numTables = buf.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    if (buf.toString('latin1', rec, rec + 4) === 'cmap') cmap = buf.readUInt32BE(rec + 8);
  }
  if (cmap < 0) throw new Error(`${file} has no cmap table`);
  const subtables = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const rec = cmap + 4 + i * 8;
    const offset = cmap + buf.readUInt32BE(rec + 4);
    if (buf.readUInt16BE(offset) !== 12) continue;
    const groups = buf.readUInt32BE(offset + 12);
    const starts = new Uint32Array(groups);
    const ends = new Uint32Array(groups);
    for (let g = 0; g < groups; g++) {
      starts[g] = buf.readUInt32BE(offset + 16 + g * 12);
      ends[g] = buf.readUInt32BE(offset + 20 + g * 12);
    }
    return {
      has(cp) {
        let lo = 0;
        let hi = groups - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (cp < starts[mid]) hi = mid - 1;
          else if (cp > ends[mid]) lo = mid + 1;
          else return true;
        }
        return false;
      },
    };
  }
  throw new Error(`${file} has no format 12 cmap subtable`);
}

/** Splits text into runs the font can show and single characters it cannot. */
export function splitByCoverage(text: string, coverage: Coverage): { text: string; missing: boolean }[] {
  const out: { text: string; missing: boolean }[] = [];
  let run = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // Controls and whitespace never need a glyph of their own.
    if (cp < 0x20 || coverage.has(cp) || /\s/.test(ch)) {
      run += ch;
      continue;
    }
    if (run) out.push({ text: run, missing: false });
    run = '';
    out.push({ text: ch, missing: true });
  }
  if (run) out.push({ text: run, missing: false });
  return out;
}

export const codePointLabel = (ch: string) => `[U+${ch.codePointAt(0)!.toString(16).toUpperCase()}]`;
