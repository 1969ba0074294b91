/**
 * HTTP Digest authentication (RFC 7616, MD5, qop=auth): ISAPI answers Basic with 401 (devices.md §8).
 * Client side: answer a challenge and keep reusing its nonce with an increasing nonce count.
 * Server side (the device simulator): issue challenges and verify responses.
 */
import { createHash, randomBytes } from 'node:crypto';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop?: string;
  opaque?: string;
  algorithm?: string;
  stale?: boolean;
}

/** Parse `WWW-Authenticate: Digest realm="…", nonce="…", qop="auth", …` (quoted or bare values). */
export function parseDigestHeader(header: string): Record<string, string> | null {
  const m = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!m) return null;
  const out: Record<string, string> = {};
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (let p = re.exec(m[1]); p; p = re.exec(m[1])) out[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  return out;
}

export function parseChallenge(header: string | null | undefined): DigestChallenge | null {
  // A server may offer several schemes in one header; take the Digest one.
  const at = header ? header.search(/Digest\s/i) : -1;
  const p = at >= 0 ? parseDigestHeader(header!.slice(at)) : null;
  if (!p || !p.realm || !p.nonce) return null;
  return { realm: p.realm, nonce: p.nonce, qop: p.qop, opaque: p.opaque, algorithm: p.algorithm, stale: p.stale?.toLowerCase() === 'true' };
}

export function digestResponse(a: { username: string; password: string; realm: string; method: string; uri: string; nonce: string; nc: string; cnonce: string; qop?: string }): string {
  const ha1 = md5(`${a.username}:${a.realm}:${a.password}`);
  const ha2 = md5(`${a.method}:${a.uri}`);
  return a.qop ? md5(`${ha1}:${a.nonce}:${a.nc}:${a.cnonce}:${a.qop}:${ha2}`) : md5(`${ha1}:${a.nonce}:${ha2}`);
}

/** Client state for one device: the current challenge and its nonce count. */
export class DigestSession {
  private challenge: DigestChallenge | null = null;
  private nc = 0;

  constructor(private readonly username: string, private readonly password: string) {}

  get hasChallenge(): boolean {
    return this.challenge !== null;
  }

  /** Take a 401's challenge; returns false when it cannot be answered (no Digest, unsupported algorithm). */
  accept(header: string | null | undefined): boolean {
    const c = parseChallenge(header);
    if (!c) return false;
    if (c.algorithm && c.algorithm.toUpperCase() !== 'MD5') return false;
    if (c.qop && !c.qop.split(',').map((s) => s.trim()).includes('auth')) return false;
    this.challenge = c;
    this.nc = 0;
    return true;
  }

  /** The Authorization header for one request, or null before the first challenge. */
  authorization(method: string, uri: string): string | null {
    const c = this.challenge;
    if (!c) return null;
    const nc = (++this.nc).toString(16).padStart(8, '0');
    const cnonce = randomBytes(8).toString('hex');
    const qop = c.qop ? 'auth' : undefined;
    const response = digestResponse({ username: this.username, password: this.password, realm: c.realm, method, uri, nonce: c.nonce, nc, cnonce, qop });
    let h = `Digest username="${this.username}", realm="${c.realm}", nonce="${c.nonce}", uri="${uri}", algorithm=MD5, response="${response}"`;
    if (qop) h += `, qop=${qop}, nc=${nc}, cnonce="${cnonce}"`;
    if (c.opaque !== undefined) h += `, opaque="${c.opaque}"`;
    return h;
  }
}

/** Server side: verify an Authorization header against a known password and issued nonce. */
export function verifyDigest(header: string | undefined, method: string, users: Record<string, string>, realm: string): { ok: boolean; nonce?: string; nc?: number; username?: string } {
  const p = header ? parseDigestHeader(header) : null;
  if (!p || !p.username || !p.nonce || !p.response || !p.uri) return { ok: false };
  const password = users[p.username];
  if (password === undefined || p.realm !== realm) return { ok: false };
  const expected = digestResponse({ username: p.username, password, realm, method, uri: p.uri, nonce: p.nonce, nc: p.nc ?? '', cnonce: p.cnonce ?? '', qop: p.qop });
  return { ok: expected === p.response, nonce: p.nonce, nc: p.nc ? parseInt(p.nc, 16) : undefined, username: p.username };
}
