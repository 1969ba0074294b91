/**
 * Building blocks of the ZKTeco push device simulator: a seeded PRNG, the device's wall clock,
 * ATTLOG rendering with the wire quirks of real firmware (devices.md §12, B13), and a raw HTTP
 * client. node:http rather than fetch, because a device must be able to send a body with no
 * Content-Type at all (S6), which fetch does not allow.
 */
import http from 'node:http';

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const randInt = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

const p2 = (n: number) => (n < 10 ? '0' + n : String(n));

/**
 * The device's wall clock as a count of wall-clock milliseconds. It is not an instant: devices have
 * no zone, so UTC field getters are only a way to print the fields.
 */
export function wallString(wallMs: number, sep: ' ' | 'T' = ' '): string {
  const d = new Date(wallMs);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}${sep}${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

export function wallMsOf(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

export interface SimPunch {
  pin: string;
  wallMs: number;
  status: number;
  verify: number;
  /** Device storage counter (the MB10-VL's field 11). */
  seq: number;
}

export interface WireQuirks {
  /** 'mixed' alternates CRLF and LF inside one body. */
  lineEnding: '\n' | '\r\n' | 'mixed';
  trailingTab: boolean;
  emptyWorkcode: boolean;
  fieldCount: 7 | 10 | 11;
  /** null = send no Content-Type header at all. */
  contentType: string | null;
}

export const CANONICAL_WIRE: WireQuirks = { lineEnding: '\n', trailingTab: false, emptyWorkcode: false, fieldCount: 7, contentType: 'text/plain' };

export function renderAttlog(punches: readonly SimPunch[], wire: WireQuirks): string {
  let out = '';
  for (let i = 0; i < punches.length; i++) {
    const p = punches[i];
    let line = `${p.pin}\t${wallString(p.wallMs)}\t${p.status}\t${p.verify}\t${wire.emptyWorkcode ? '' : '0'}\t0\t0`;
    if (wire.fieldCount === 10) line += '\t0\t0\t0';
    if (wire.fieldCount === 11) line += `\t0\t0\t0\t${p.seq}`;
    if (wire.trailingTab) line += '\t';
    const eol = wire.lineEnding === 'mixed' ? (i % 2 === 0 ? '\r\n' : '\n') : wire.lineEnding;
    out += line + eol;
  }
  return out;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request on its own connection, as devices do (`Connection: close`). */
export function rawRequest(
  url: string,
  method: 'GET' | 'POST',
  body: Buffer | null,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string | number> = { 'User-Agent': 'iClock Proxy/1.09', Accept: '*/*', Connection: 'close', ...headers };
    if (body) h['Content-Length'] = body.length;
    const req = http.request(url, { method, headers: h, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/** What a device accepts as a successful upload reply (`OK:n`, `OK: n`, bare `OK`). */
export const OK_REPLY = /^OK(?::\s*(\d+))?\s*$/;
