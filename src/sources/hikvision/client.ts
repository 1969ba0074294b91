/**
 * ISAPI pull client: `POST /ISAPI/AccessControl/AcsEvent?format=json` with Digest auth, for the
 * nightly reconciliation and gap back-fill (devices.md §8.3). Pages hold about 30 rows whatever
 * maxResults says, so the position advances by numOfMatches; `major` is mandatory.
 */
import { randomUUID } from 'node:crypto';
import { egressRequest } from '../../shared/egress/index.js';
import { AppError } from '../../shared/errors.js';
import type { DeviceContext } from '../device-gateway.js';
import { DigestSession } from './digest.js';
import { hikTime, mapHikEvents, type HikBatch, type HikEvent } from './mapper.js';

export interface HikvisionClientOptions {
  /** e.g. http://192.168.1.64 (no trailing slash needed): the address an admin registered on the device. */
  baseUrl: string;
  username: string;
  password: string;
  timeoutMs?: number;
}

export interface AcsEventQuery {
  /** 5 = access events (required by the device). */
  major: number;
  /** 0 = every minor. */
  minor?: number;
  /** ISO with offset; some firmware rejects time filters (badJsonContent): `searchEvents` then filters locally. */
  startTime?: string;
  endTime?: string;
  employeeNoString?: string;
  maxResults?: number;
  /** Safety stop against a device that keeps saying MORE. */
  maxPages?: number;
}

/**
 * Most pages a search without time filters may read, on firmware that rejects them: the whole log is
 * scanned and filtered here, so this bounds that scan (about 60,000 events at the usual 30 rows a
 * page). A scan that reaches it says so (`complete: false`).
 */
export const LOCAL_SCAN_MAX_PAGES = 2000;

/** ISAPI reasons (ResponseStatus `subStatusCode`, statusCode 6 "Invalid Content") firmware gives for time filters it does not take. */
const TIME_FILTER_REJECTED = new Set(['badJsonContent', 'badParameters']);

export interface AcsEventSearch {
  events: HikEvent[];
  /** Where the time window was applied: by the device, here after an unfiltered search, or not asked for. */
  timeFilter: 'device' | 'local' | 'none';
  /** False when paging stopped at its maximum before the device said it had nothing more. */
  complete: boolean;
}

interface AcsEventPage {
  AcsEvent?: {
    searchID?: string;
    totalMatches?: number;
    responseStatusStrg?: string;
    numOfMatches?: number;
    InfoList?: HikEvent[];
  };
}

export class HikvisionClient {
  private readonly session: DigestSession;
  private readonly base: string;

  constructor(private readonly opts: HikvisionClientOptions) {
    this.session = new DigestSession(opts.username, opts.password);
    this.base = opts.baseUrl.replace(/\/+$/, '');
  }

  /**
   * One authenticated request. The nonce of an earlier challenge is reused (nc increments); when the
   * device rejects it (expired, stale or not), one fresh challenge is answered, and a 401 to that
   * one means the credentials are wrong.
   */
  async request(method: 'GET' | 'POST' | 'PUT', uri: string, body?: unknown): Promise<unknown> {
    let answeredFresh = false;
    for (;;) {
      const headers: Record<string, string> = { accept: 'application/json' };
      const auth = this.session.authorization(method, uri);
      if (auth) headers.authorization = auth;
      if (body !== undefined) headers['content-type'] = 'application/json';
      // Through the egress policy: no redirects, bounded time and size. The device's answers are
      // never put into errors (a wrong address would otherwise report what another service says).
      const res = await egressRequest('device', this.base + uri, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.opts.timeoutMs ?? 15_000,
        registered: [this.base],
        maxResponseBytes: 8 * 1024 * 1024,
      });
      if (res.status === 401) {
        const challenge = res.headers.get('www-authenticate');
        if (answeredFresh || !this.session.accept(challenge)) {
          throw new AppError('HIKVISION_AUTH_FAILED', `Device ${this.base} refused the credentials`, 502);
        }
        answeredFresh = true;
        continue;
      }
      const text = res.body.toString('utf8');
      if (res.status === 404 || res.status === 405 || (res.status === 400 && /notSupport/i.test(text))) {
        throw new AppError('HIKVISION_NOT_SUPPORTED', `Device ${this.base} does not support ${method} ${uri.split('?')[0]}`, 502, { status: res.status });
      }
      if (res.status < 200 || res.status >= 300) {
        throw new AppError('HIKVISION_REQUEST_FAILED', `Device ${this.base} answered ${res.status} to ${method} ${uri.split('?')[0]}`, 502, { status: res.status, subStatusCode: subStatusOf(text) });
      }
      try {
        return text === '' ? null : JSON.parse(text);
      } catch {
        throw new AppError('HIKVISION_BAD_RESPONSE', `Device ${this.base} sent a non-JSON reply to ${uri.split('?')[0]}`, 502);
      }
    }
  }

  /** Every event matching the query, page by page, filtered by the device. */
  async *acsEvents(q: AcsEventQuery): AsyncGenerator<HikEvent[]> {
    yield* this.pages(q, { complete: false });
  }

  /** Pages of one search; `end.complete` tells whether the device said it was done (not the page limit). */
  private async *pages(q: AcsEventQuery, end: { complete: boolean }): AsyncGenerator<HikEvent[]> {
    const searchID = randomUUID();
    let position = 0;
    for (let page = 0; page < (q.maxPages ?? 10_000); page++) {
      const cond: Record<string, unknown> = { searchID, searchResultPosition: position, maxResults: q.maxResults ?? 30, major: q.major, minor: q.minor ?? 0 };
      if (q.startTime) cond.startTime = q.startTime;
      if (q.endTime) cond.endTime = q.endTime;
      if (q.employeeNoString) cond.employeeNoString = q.employeeNoString;
      const res = (await this.request('POST', '/ISAPI/AccessControl/AcsEvent?format=json', { AcsEventCond: cond })) as AcsEventPage;
      const ev = res?.AcsEvent;
      const list = ev?.InfoList ?? [];
      const got = ev?.numOfMatches ?? list.length;
      if (list.length > 0) yield list;
      position += got;
      end.complete = ev?.responseStatusStrg !== 'MORE' || got === 0 || (ev.totalMatches !== undefined && position >= ev.totalMatches);
      if (end.complete) return;
    }
  }

  private async collect(q: AcsEventQuery): Promise<{ events: HikEvent[]; complete: boolean }> {
    const end = { complete: false };
    const events: HikEvent[] = [];
    for await (const page of this.pages(q, end)) events.push(...page);
    return { events, complete: end.complete };
  }

  /**
   * The events of a time window. Firmware that refuses `startTime`/`endTime` (it answers the first
   * page with Invalid Content, devices.md §8.3) is searched again without them, at most
   * LOCAL_SCAN_MAX_PAGES pages, and the window is applied here. Times without an offset are read
   * in `timeZone`; an event whose time cannot be read is kept, so the mapper counts it as bad_time.
   */
  async searchEvents(q: AcsEventQuery, timeZone: string): Promise<AcsEventSearch> {
    const timed = q.startTime !== undefined || q.endTime !== undefined;
    try {
      return { ...(await this.collect(q)), timeFilter: timed ? 'device' : 'none' };
    } catch (err) {
      if (!timed || !timeFilterRejected(err)) throw err;
    }
    const { startTime, endTime, ...rest } = q;
    const from = startTime !== undefined ? hikTime(startTime, timeZone)?.atMs : undefined;
    const to = endTime !== undefined ? hikTime(endTime, timeZone)?.atMs : undefined;
    const scan = await this.collect({ ...rest, maxPages: Math.min(q.maxPages ?? LOCAL_SCAN_MAX_PAGES, LOCAL_SCAN_MAX_PAGES) });
    const events = scan.events.filter((e) => {
      const at = typeof e.time === 'string' ? hikTime(e.time, timeZone)?.atMs : undefined;
      return at === undefined || ((from === undefined || at >= from) && (to === undefined || at <= to));
    });
    return { events, timeFilter: 'local', complete: scan.complete };
  }

  async fetchAllEvents(q: AcsEventQuery): Promise<HikEvent[]> {
    const all: HikEvent[] = [];
    for await (const page of this.acsEvents(q)) all.push(...page);
    return all;
  }

  /** Pull and map: the reconciliation path into the same idempotent store as the push route. */
  async pullPunches(
    ctx: Pick<DeviceContext, 'sn' | 'timeZone'>,
    q: Omit<AcsEventQuery, 'major'> & { major?: number },
  ): Promise<HikBatch & Pick<AcsEventSearch, 'timeFilter' | 'complete'>> {
    const search = await this.searchEvents({ ...q, major: q.major ?? 5 }, ctx.timeZone);
    const batch = mapHikEvents(
      ctx,
      search.events.map((event) => ({ event })),
    );
    return { ...batch, timeFilter: search.timeFilter, complete: search.complete };
  }
}

/** A 400 whose ISAPI reason is one firmware gives for time filters it does not take. */
function timeFilterRejected(err: unknown): boolean {
  if (!(err instanceof AppError) || err.code !== 'HIKVISION_REQUEST_FAILED') return false;
  const d = (err as AppError & { details?: { status?: number; subStatusCode?: string | null } }).details;
  return d?.status === 400 && typeof d.subStatusCode === 'string' && TIME_FILTER_REJECTED.has(d.subStatusCode);
}

/** ISAPI's own reason word (`badJsonContent`, `notSupport`), the one part of an error answer worth keeping. */
function subStatusOf(text: string): string | null {
  const m = /"subStatusCode"\s*:\s*"([A-Za-z]{1,40})"/.exec(text.slice(0, 2000));
  return m ? m[1] : null;
}
