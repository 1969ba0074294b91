/**
 * ATTLOG lines: `PIN<HT>YYYY-MM-DD HH:MM:SS<HT>Status<HT>Verify<HT>Workcode<HT>R1<HT>R2[<HT>…]`.
 * Real devices send LF or CRLF, trailing TABs, empty workcodes and 7/9/10/11/12 fields whose meaning
 * after field 7 is firmware-specific (devices.md §2.4, P2/P3). One pass with indexOf, no regex on the
 * hot path: a full-history replay is tens of thousands of lines.
 */
import { parseWallTime, validWall, type WallFields } from './wall-time.js';

export interface AttlogRecord {
  /** 1-based physical line number within the body. */
  line: number;
  pin: string;
  /** The time exactly as the device wrote it. */
  timeRaw: string;
  wall: WallFields;
  status: number | null;
  verify: number | null;
  workcode: string;
  /** Fields after the 7th, by position (TimeOffset, a sequence counter, temperature… per firmware). */
  extra: string[];
  raw: string;
}

export interface LineProblem {
  line: number;
  column?: string;
  message: string;
}

export interface AttlogParse {
  records: AttlogRecord[];
  problems: LineProblem[];
}

const TAB = 9;

/** Digits → number, or -1 when the slice is not all digits (an empty slice is -1 too). */
function digits(s: string, from: number, to: number): number {
  if (to <= from) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Fast path for the canonical 19-character form, fallback for sloppier exports. */
export function parseDeviceTime(t: string): WallFields | null {
  if (t.length === 19 && t.charCodeAt(4) === 45 && t.charCodeAt(7) === 45 && t.charCodeAt(13) === 58 && t.charCodeAt(16) === 58) {
    const sep = t.charCodeAt(10);
    if (sep === 32 || sep === 84) {
      const f = {
        y: digits(t, 0, 4),
        mo: digits(t, 5, 7),
        d: digits(t, 8, 10),
        h: digits(t, 11, 13),
        mi: digits(t, 14, 16),
        s: digits(t, 17, 19),
      };
      if (f.y < 0 || f.mo < 0 || f.d < 0 || f.h < 0 || f.mi < 0 || f.s < 0) return null;
      return validWall(f) ? f : null;
    }
  }
  return parseWallTime(t);
}

function optionalCode(s: string | undefined): number | null | undefined {
  if (s === undefined) return null;
  const t = s.trim();
  if (t === '') return null;
  const n = digits(t, 0, t.length);
  return n < 0 ? undefined : n;
}

/** Parse one line already stripped of its line ending; returns a record or a problem message. */
export function parseAttlogLine(lineText: string, lineNo: number): AttlogRecord | LineProblem {
  const fields: string[] = [];
  let start = 0;
  for (;;) {
    const tab = lineText.indexOf('\t', start);
    if (tab < 0) {
      fields.push(lineText.slice(start));
      break;
    }
    fields.push(lineText.slice(start, tab));
    start = tab + 1;
  }
  // Trailing TABs (S6/S7) leave empty fields at the end: drop them.
  while (fields.length > 2 && fields[fields.length - 1] === '') fields.pop();
  const pin = fields[0].trim();
  if (pin === '') return { line: lineNo, column: 'PIN', message: 'empty PIN' };
  if (fields.length < 2) return { line: lineNo, column: 'Time', message: 'missing time field' };
  const timeRaw = fields[1].trim();
  const wall = parseDeviceTime(timeRaw);
  if (!wall) return { line: lineNo, column: 'Time', message: `invalid time "${timeRaw}"` };
  const status = optionalCode(fields[2]);
  if (status === undefined) return { line: lineNo, column: 'Status', message: `invalid status "${fields[2]}"` };
  const verify = optionalCode(fields[3]);
  if (verify === undefined) return { line: lineNo, column: 'Verify', message: `invalid verify code "${fields[3]}"` };
  return {
    line: lineNo,
    pin,
    timeRaw,
    wall,
    status,
    verify,
    workcode: fields.length > 4 ? fields[4].trim() : '',
    extra: fields.length > 7 ? fields.slice(7) : [],
    raw: lineText,
  };
}

/** Parse a whole ATTLOG body (or an attlog.dat file). Blank lines are skipped silently. */
export function parseAttlog(text: string): AttlogParse {
  const records: AttlogRecord[] = [];
  const problems: LineProblem[] = [];
  let pos = 0;
  let lineNo = 0;
  const len = text.length;
  // A UTF-8 BOM from files saved by Windows tools.
  if (text.charCodeAt(0) === 0xfeff) pos = 1;
  while (pos < len) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = len;
    lineNo++;
    let stop = end;
    if (stop > pos && text.charCodeAt(stop - 1) === 13) stop--;
    // Skip lines that are empty or only whitespace/TABs.
    let i = pos;
    while (i < stop) {
      const c = text.charCodeAt(i);
      if (c !== TAB && c !== 32) break;
      i++;
    }
    if (i < stop) {
      const r = parseAttlogLine(text.slice(pos, stop), lineNo);
      if ('pin' in r) records.push(r);
      else problems.push(r);
    }
    pos = end + 1;
  }
  return { records, problems };
}
