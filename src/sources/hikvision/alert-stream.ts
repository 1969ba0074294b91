/**
 * ISAPI's long connection, `GET /ISAPI/Event/notification/alertStream` (devices.md §8.2): for
 * terminals that cannot reach the hub, the hub holds one HTTP connection open and the device writes
 * a `multipart/mixed` stream of `--MIME_boundary` parts into it: JSON or XML event documents and
 * JPEG parts, each usually with its own Content-Length. The device allows one session at a time and
 * a killed one stays occupied for a while, so reconnects back off from 5 s to 300 s. The request
 * goes through the egress policy to the address an admin registered, with Digest auth.
 */
import { egressStream } from '../../shared/egress/index.js';
import { AppError } from '../../shared/errors.js';
import { DigestSession } from './digest.js';
import { parseDocument, type EventAlert } from './event-parse.js';

export const ALERT_STREAM_PATH = '/ISAPI/Event/notification/alertStream';
/** A part larger than this (a picture is a few hundred KB) ends the connection: it cannot be a real event. */
export const MAX_PART_BYTES = 4 * 1024 * 1024;

export interface StreamPart {
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Incremental multipart reader: bytes in, complete parts out. The boundary is matched
 * case-insensitively (devices announce `boundary=mime_boundary` and write `--MIME_boundary`, P20).
 * A part with Content-Length is cut by length; one without ends at the next delimiter.
 */
export class MultipartStreamReader {
  private buf: Buffer = Buffer.alloc(0);
  private readonly delim: string;

  constructor(boundary: string) {
    this.delim = '--' + boundary.toLowerCase();
  }

  push(chunk: Buffer): StreamPart[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const parts: StreamPart[] = [];
    for (;;) {
      const lower = this.buf.toString('latin1').toLowerCase();
      const start = lower.indexOf(this.delim);
      if (start < 0) {
        this.guard();
        return parts;
      }
      let headStart = start + this.delim.length;
      const eol = lower.indexOf('\n', headStart);
      if (eol < 0) return parts;
      headStart = eol + 1;
      let headEnd = lower.indexOf('\r\n\r\n', headStart);
      let sep = 4;
      const lf = lower.indexOf('\n\n', headStart);
      if (headEnd < 0 || (lf >= 0 && lf < headEnd)) {
        headEnd = lf;
        sep = 2;
      }
      if (headEnd < 0) {
        this.guard();
        return parts;
      }
      const headers: Record<string, string> = {};
      for (const line of this.buf.subarray(headStart, headEnd).toString('utf8').split(/\r?\n/)) {
        const c = line.indexOf(':');
        if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
      }
      const bodyStart = headEnd + sep;
      const length = Number(headers['content-length']);
      let bodyEnd: number;
      let consumed: number;
      if (Number.isSafeInteger(length) && length >= 0) {
        if (length > MAX_PART_BYTES) throw new AppError('HIKVISION_STREAM_PART_TOO_LARGE', `A stream part announced ${length} bytes`, 502);
        if (this.buf.length < bodyStart + length) return parts;
        bodyEnd = bodyStart + length;
        consumed = bodyEnd;
      } else {
        const next = lower.indexOf(this.delim, bodyStart);
        if (next < 0) {
          this.guard();
          return parts;
        }
        bodyEnd = next;
        if (lower[bodyEnd - 1] === '\n') bodyEnd--;
        if (lower[bodyEnd - 1] === '\r') bodyEnd--;
        consumed = next;
      }
      parts.push({ headers, body: Buffer.from(this.buf.subarray(bodyStart, bodyEnd)) });
      this.buf = this.buf.subarray(consumed);
    }
  }

  private guard(): void {
    if (this.buf.length > MAX_PART_BYTES + 64 * 1024) throw new AppError('HIKVISION_STREAM_PART_TOO_LARGE', 'A stream part exceeded the size limit', 502);
  }
}

export interface AlertStreamOptions {
  baseUrl: string;
  username: string;
  password: string;
  /** Called for each event document and picture, in order; the stream waits for it. */
  onAlert(alert: EventAlert): Promise<void>;
  onPicture?(part: StreamPart): Promise<void>;
  /** Connection state, for the device page and logs. */
  onState?(state: { connected: boolean; error?: string; retryInMs?: number }): void;
  signal: AbortSignal;
  connectTimeoutMs?: number;
  /** Devices send heartbeats (about every 30 s); silence this long means a half-dead connection. */
  idleTimeoutMs?: number;
  backoff?: { firstMs: number; maxMs: number };
  /** Injected for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const BOUNDARY_RE = /boundary="?([^";\s]+)"?/i;

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/** One connection: authenticate, then read parts until the device closes it or it goes idle. */
async function connectOnce(o: AlertStreamOptions, session: DigestSession, onData: () => void): Promise<void> {
  const base = o.baseUrl.replace(/\/+$/, '');
  let freshChallenge = false;
  for (;;) {
    const headers: Record<string, string> = { accept: 'multipart/mixed' };
    const auth = session.authorization('GET', ALERT_STREAM_PATH);
    if (auth) headers.authorization = auth;
    const res = await egressStream('device', base + ALERT_STREAM_PATH, {
      method: 'GET',
      headers,
      registered: [base],
      signal: o.signal,
      connectTimeoutMs: o.connectTimeoutMs ?? 15_000,
      idleTimeoutMs: o.idleTimeoutMs ?? 90_000,
    });
    if (res.status === 401) {
      res.close();
      if (freshChallenge || !session.accept(res.headers.get('www-authenticate'))) throw new AppError('HIKVISION_AUTH_FAILED', `Device ${base} refused the credentials`, 502);
      freshChallenge = true;
      continue;
    }
    if (res.status !== 200) {
      res.close();
      throw new AppError(res.status === 404 ? 'HIKVISION_NOT_SUPPORTED' : 'HIKVISION_REQUEST_FAILED', `Device ${base} answered ${res.status} to the alert stream`, 502, { status: res.status });
    }
    const boundary = BOUNDARY_RE.exec(res.headers.get('content-type') ?? '')?.[1] ?? 'MIME_boundary';
    const reader = new MultipartStreamReader(boundary);
    o.onState?.({ connected: true });
    try {
      for await (const chunk of res.chunks) {
        for (const part of reader.push(chunk)) {
          onData();
          const type = part.headers['content-type'] ?? '';
          if (/^image\//i.test(type) || part.body[0] === 0xff) {
            if (o.onPicture) await o.onPicture(part);
            continue;
          }
          const problems: string[] = [];
          const alert = parseDocument(part.body.toString('utf8'), problems);
          if (alert) await o.onAlert(alert);
        }
      }
    } finally {
      res.close();
    }
    return;
  }
}

/**
 * Follows the stream until `signal` aborts: reconnects after the device closes the connection or
 * an error, waiting `firstMs`, doubling up to `maxMs`; a connection that delivered parts resets the wait.
 */
export async function followAlertStream(o: AlertStreamOptions): Promise<void> {
  const session = new DigestSession(o.username, o.password);
  const first = o.backoff?.firstMs ?? 5_000;
  const max = o.backoff?.maxMs ?? 300_000;
  const sleep = o.sleep ?? abortableSleep;
  let wait = first;
  while (!o.signal.aborted) {
    let delivered = false;
    let error: string | undefined;
    try {
      await connectOnce(o, session, () => (delivered = true));
    } catch (err) {
      if (o.signal.aborted) break;
      error = err instanceof AppError ? err.code : 'HIKVISION_STREAM_FAILED';
    }
    if (o.signal.aborted) break;
    if (delivered) wait = first;
    o.onState?.({ connected: false, ...(error ? { error } : {}), retryInMs: wait });
    await sleep(wait, o.signal);
    wait = Math.min(max, wait * 2);
  }
}
