/**
 * A tiny local Hikvision access-control terminal for tests: digest-protected ISAPI with the
 * AcsEvent search as real firmware behaves (major required, ~30 rows per page whatever maxResults
 * says, MORE/OK/NO MATCH), nonces that expire after a number of uses, and an event renderer for
 * pushes (multipart with the boundary-case quirk, P20).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyDigest } from './digest.js';
import type { HikEvent } from './mapper.js';

export interface HikSimOptions {
  username?: string;
  password?: string;
  realm?: string;
  events: HikEvent[];
  /** Rows per page cap (firmware returns about 30 whatever maxResults asks for). */
  pageCap?: number;
  /** A nonce stops working after this many uses; the next request gets 401 stale=true. */
  nonceMaxUses?: number;
  /**
   * Firmware that refuses startTime/endTime: the whole search is answered 400 with ISAPI's
   * ResponseStatus "Invalid Content" and this reason (DS-K1T341AM V3.2.30: badJsonContent;
   * `true` means that one).
   */
  rejectTimeFilter?: boolean | 'badJsonContent' | 'badParameters';
}

export interface HikSimulator {
  url: string;
  /** Requests as seen: method, uri, status, and the parsed AcsEventCond if any. */
  log: { method: string; uri: string; status: number; cond?: Record<string, unknown> }[];
  close(): Promise<void>;
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

export async function startHikvisionSimulator(opts: HikSimOptions): Promise<HikSimulator> {
  const realm = opts.realm ?? 'DS-K1T341AM';
  const users = { [opts.username ?? 'admin']: opts.password ?? 'Passw0rd!' };
  const nonces = new Map<string, { uses: number; lastNc: number }>();
  const log: HikSimulator['log'] = [];

  const challenge = (res: http.ServerResponse, stale: boolean, uri: string, method: string) => {
    const nonce = randomBytes(16).toString('hex');
    nonces.set(nonce, { uses: 0, lastNc: 0 });
    log.push({ method, uri, status: 401 });
    const h = `Digest realm="${realm}", qop="auth", nonce="${nonce}", opaque="${randomBytes(8).toString('hex')}", algorithm=MD5${stale ? ', stale=TRUE' : ''}`;
    json(res, 401, { statusCode: 4, statusString: 'Invalid Operation', subStatusCode: 'unauthorized' }, { 'www-authenticate': h });
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const uri = req.url ?? '/';
      const method = req.method ?? 'GET';
      const auth = verifyDigest(req.headers.authorization, method, users, realm);
      const state = auth.nonce ? nonces.get(auth.nonce) : undefined;
      if (!auth.ok || !state) return challenge(res, false, uri, method);
      // Replayed or out-of-order nonce counts are refused, as RFC 7616 allows.
      if (auth.nc === undefined || auth.nc <= state.lastNc) return challenge(res, false, uri, method);
      if (opts.nonceMaxUses !== undefined && state.uses >= opts.nonceMaxUses) return challenge(res, true, uri, method);
      state.uses++;
      state.lastNc = auth.nc;
      if (method !== 'POST' || !uri.startsWith('/ISAPI/AccessControl/AcsEvent') || !/format=json/.test(uri)) {
        log.push({ method, uri, status: 404 });
        return json(res, 404, { statusCode: 4, statusString: 'Invalid Operation', subStatusCode: 'notSupport' });
      }
      let cond: Record<string, unknown>;
      try {
        cond = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { AcsEventCond: Record<string, unknown> }).AcsEventCond;
        if (!cond) throw new Error('no AcsEventCond');
      } catch {
        log.push({ method, uri, status: 400 });
        return json(res, 400, { statusCode: 6, statusString: 'Invalid Content', subStatusCode: 'badJsonContent' });
      }
      if (cond.major === undefined) {
        log.push({ method, uri, status: 400, cond });
        return json(res, 400, { statusCode: 6, statusString: 'Invalid Content', subStatusCode: 'MessageParametersLack', errorMsg: 'major' });
      }
      if (opts.rejectTimeFilter && (cond.startTime !== undefined || cond.endTime !== undefined)) {
        log.push({ method, uri, status: 400, cond });
        const reason = opts.rejectTimeFilter === true ? 'badJsonContent' : opts.rejectTimeFilter;
        return json(res, 400, { requestURL: uri, statusCode: 6, statusString: 'Invalid Content', subStatusCode: reason });
      }
      const start = typeof cond.startTime === 'string' ? Date.parse(cond.startTime) : -Infinity;
      const end = typeof cond.endTime === 'string' ? Date.parse(cond.endTime) : Infinity;
      const matches = opts.events.filter((e) => {
        if (e.major !== cond.major) return false;
        if (cond.minor && e.minor !== cond.minor) return false;
        if (cond.employeeNoString && e.employeeNoString !== cond.employeeNoString) return false;
        const t = Date.parse(String(e.time));
        return t >= start && t <= end;
      });
      const pos = Number(cond.searchResultPosition ?? 0);
      const size = Math.min(Number(cond.maxResults ?? 30), opts.pageCap ?? 30);
      const page = matches.slice(pos, pos + size);
      const status = matches.length === 0 ? 'NO MATCH' : pos + page.length < matches.length ? 'MORE' : 'OK';
      log.push({ method, uri, status: 200, cond });
      json(res, 200, {
        AcsEvent: { searchID: cond.searchID, totalMatches: matches.length, responseStatusStrg: status, numOfMatches: page.length, ...(page.length ? { InfoList: page } : {}) },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/**
 * An `EventNotificationAlert` push body as terminals send it: multipart/form-data with a TAB-indented
 * JSON part and an optional JPEG. `boundaryCaseMismatch` writes the boundary upper-case in the body
 * while the header announces it lower-case (P20).
 */
export function renderEventPush(
  alert: Record<string, unknown>,
  opts: { picture?: Buffer; boundaryCaseMismatch?: boolean } = {},
): { contentType: string; body: Buffer } {
  const boundary = 'mime_boundary';
  const written = opts.boundaryCaseMismatch ? 'MIME_boundary' : boundary;
  const parts: Buffer[] = [
    Buffer.from(
      `--${written}\r\nContent-Disposition: form-data; name="AccessControllerEvent"\r\nContent-Type: application/json\r\nContent-Length: ` +
        `${Buffer.byteLength(JSON.stringify(alert, null, '\t'))}\r\n\r\n${JSON.stringify(alert, null, '\t')}\r\n`,
    ),
  ];
  if (opts.picture) {
    parts.push(Buffer.from(`--${written}\r\nContent-Disposition: form-data; name="Picture"; filename="Picture.jpg"\r\nContent-Type: image/jpeg\r\nContent-Length: ${opts.picture.length}\r\n\r\n`));
    parts.push(opts.picture, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${written}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}
