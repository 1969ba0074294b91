/**
 * OPERLOG bodies mix record types, one tag per record (`OPLOG `, `USER `, `FP `, `FACE `…), with TABs
 * between key=value pairs (devices.md §2.6). A base64 template value can be split by a CRLF (P7),
 * so a physical line that does not start with a known tag continues the previous record.
 */
import type { OperLogRecord } from '../device-gateway.js';

const TAGS = ['OPLOG', 'USER', 'FP', 'FACE', 'FVEIN', 'USERPIC', 'BIOPHOTO', 'BIODATA', 'ERRORLOG', 'IDCARD', 'WORKCODE', 'SMS', 'USER_SMS'];

function tagOf(line: string): string | null {
  const sp = line.indexOf(' ');
  if (sp <= 0) return null;
  const tag = line.slice(0, sp);
  return TAGS.includes(tag) ? tag : null;
}

function toRecord(tag: string, body: string, raw: string): OperLogRecord {
  const parts = body.split('\t');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (tag === 'OPLOG') {
    // Positional: type, operator, time, who, value1..3.
    const names = ['type', 'operator', 'time', 'who', 'value1', 'value2', 'value3'];
    const fields: Record<string, string> = {};
    parts.forEach((p, i) => {
      if (i < names.length) fields[names[i]] = p.trim();
    });
    return { tag, fields, values: parts, raw };
  }
  const fields: Record<string, string> = {};
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq > 0) fields[p.slice(0, eq).trim()] = p.slice(eq + 1);
  }
  return { tag, fields, raw };
}

export function parseOperLog(text: string): OperLogRecord[] {
  const out: OperLogRecord[] = [];
  let tag: string | null = null;
  let body = '';
  let raw = '';
  const flush = () => {
    if (tag) out.push(toRecord(tag, body, raw));
    tag = null;
  };
  for (const line of text.split(/\r?\n/)) {
    const t = tagOf(line);
    if (t) {
      flush();
      tag = t;
      body = line.slice(t.length + 1);
      raw = line;
    } else if (tag && line !== '') {
      body += line;
      raw += '\r\n' + line;
    }
  }
  flush();
  return out;
}

/**
 * Security PUSH `tabledata` bodies: `user uid=5<HT>cardno=<HT>pin=4<HT>…`, lowercase table tags and
 * keys. Kept as records tagged with the upper-cased table name (USER, USERPIC, BIOPHOTO…).
 */
export function parseTableData(text: string): OperLogRecord[] {
  const out: OperLogRecord[] = [];
  for (const line of text.split(/\r?\n/)) {
    const sp = line.search(/[ \t]/);
    const eq0 = line.indexOf('=');
    // `content=` may start on a line of its own (userpic, biophoto): it belongs to the record above.
    if (eq0 > 0 && (sp < 0 || eq0 < sp) && out.length > 0) {
      const prev = out[out.length - 1];
      (prev.fields as Record<string, string>)[line.slice(0, eq0).trim()] = line.slice(eq0 + 1);
      prev.raw += '\n' + line;
      continue;
    }
    if (sp <= 0) continue;
    const fields: Record<string, string> = {};
    for (const part of line.slice(sp + 1).split('\t')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1);
    }
    out.push({ tag: line.slice(0, sp).toUpperCase(), fields, raw: line });
  }
  return out;
}

/** The INFO query parameter of getrequest: `fw,users,fps,attlogs,ip,fpAlg,faceAlg,facesToEnroll,faces,funcBits[,…]`. */
export function parseInfo(info: string): { firmware?: string; userCount?: number; fpCount?: number; attlogCount?: number; ip?: string; faceCount?: number } {
  const p = info.split(',');
  const num = (s: string | undefined) => {
    const n = Number(s);
    return s !== undefined && s !== '' && Number.isFinite(n) ? n : undefined;
  };
  return {
    firmware: p[0] || undefined,
    userCount: num(p[1]),
    fpCount: num(p[2]),
    attlogCount: num(p[3]),
    ip: p[4] || undefined,
    faceCount: num(p[8]),
  };
}

/** ATTPHOTO: `PIN=<name>.jpg\nSN=…\nsize=…\nCMD=uploadphoto\0<jpeg>`: a binary body, never read as a string. */
export function parseAttPhoto(body: Buffer): { name: string; header: Record<string, string>; bytes: Buffer } | null {
  const nul = body.indexOf(0);
  if (nul < 0) return null;
  const header: Record<string, string> = {};
  for (const line of body.subarray(0, nul).toString('latin1').split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0) header[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { name: header['PIN'] ?? '', header, bytes: body.subarray(nul + 1) };
}
