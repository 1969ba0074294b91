/**
 * One simulated ZKTeco Attendance PUSH terminal talking real HTTP to a hub (devices.md §12).
 * It keeps its own attendance log and an upload pointer that moves only on an `OK` reply (B5), so
 * lost replies, offline periods and replays produce exactly the duplicates real devices produce.
 * Every punch it ever generates goes into `ledger`, the ground truth a test compares storage to.
 */
import iconv from 'iconv-lite';
import { zkIdempotencyKey } from './mapper.js';
import { parseHandshakeReply, timeZoneOptionMinutes } from './options.js';
import { executeCommand, type SimUser } from './simulator-commands.js';
import { CANONICAL_WIRE, OK_REPLY, prng, randInt, rawRequest, renderAttlog, wallString, type SimPunch, type WireQuirks } from './simulator-wire.js';
import { parseCommandLines } from './commands.js';

export interface SimulatedDeviceOptions {
  sn: string;
  /** Hub base URL, e.g. http://127.0.0.1:8080 (the device appends /iclock/...). */
  server: string;
  seed?: number;
  /** 83 = Simplified Chinese firmware: names travel as GBK. */
  language?: number;
  pushver?: string;
  users?: SimUser[];
  wire?: Partial<WireQuirks>;
  batchSize?: number;
  /** Start of the device wall clock, `YYYY-MM-DD HH:MM:SS`. */
  startWall?: string;
  /** Milliseconds to wait per second of the hub's ErrorDelay/Delay; 0 makes tests fast. */
  msPerDelaySecond?: number;
  requestTimeoutMs?: number;
  /** Give up on one batch after this many failed attempts. */
  maxAttempts?: number;
  /** B2: set the wall clock from the reply's Date header plus the TimeZone option, as firmware does. */
  applyTimeZoneFromServer?: boolean;
}

export interface DeviceStats {
  requests: number;
  uploads: number;
  failures: number;
  droppedReplies: number;
  commandsExecuted: number;
  linesSent: number;
}

export class SimulatedDevice {
  readonly sn: string;
  readonly log: SimPunch[] = [];
  /** Every punch generated, with the key the hub must store it under. */
  readonly ledger: { key: string; pin: string; wallTime: string; status: number; verify: number }[] = [];
  readonly users = new Map<string, SimUser>();
  readonly stats: DeviceStats = { requests: 0, uploads: 0, failures: 0, droppedReplies: 0, commandsExecuted: 0, linesSent: 0 };
  options: Record<string, string> = {};
  online = true;
  private pointer = 0;
  private wallMs: number;
  private seq = 0;
  private booted = false;
  private firstPoll = true;
  private dropReplies = 0;
  private pendingResults: string[] = [];
  readonly rnd: () => number;
  readonly wire: WireQuirks;

  constructor(readonly opts: SimulatedDeviceOptions) {
    this.sn = opts.sn;
    this.rnd = prng(opts.seed ?? 1);
    this.wire = { ...CANONICAL_WIRE, ...opts.wire };
    this.wallMs = Date.parse((opts.startWall ?? '2026-03-02 07:00:00').replace(' ', 'T') + 'Z');
    for (const u of opts.users ?? [{ pin: '1', name: 'User 1' }]) this.users.set(u.pin, u);
  }

  get gbk(): boolean {
    return this.opts.language === 83;
  }
  get pendingCount(): number {
    return this.log.length - this.pointer;
  }

  // ---- fault injection (B6, B7, B8) ----
  goOffline(): void {
    this.online = false;
  }
  goOnline(): void {
    this.online = true;
    this.booted = false; // a reconnect starts with a new handshake
  }
  /** The hub receives and commits the next n ATTLOG uploads, but the device never sees the replies. */
  dropNextReplies(n = 1): void {
    this.dropReplies += n;
  }
  /** Re-upload the whole log, as firmware does on a new server or Stamp=0 (S5). */
  replayAll(): void {
    this.pointer = 0;
  }

  // ---- the device log ----
  /** Record a punch on the device (a person at the terminal). Wall times strictly increase per device. */
  punch(p: Partial<Pick<SimPunch, 'pin' | 'status' | 'verify'>> = {}): SimPunch {
    this.wallMs += randInt(this.rnd, 1, 900) * 1000;
    const pins = [...this.users.keys()];
    const rec: SimPunch = {
      pin: p.pin ?? pins[randInt(this.rnd, 0, pins.length - 1)],
      wallMs: this.wallMs,
      status: p.status ?? randInt(this.rnd, 0, 1),
      verify: p.verify ?? [1, 15, 4, 3][randInt(this.rnd, 0, 3)],
      seq: ++this.seq,
    };
    this.log.push(rec);
    const wallTime = wallString(rec.wallMs, 'T');
    this.ledger.push({ key: zkIdempotencyKey(this.sn, rec.pin, wallTime), pin: rec.pin, wallTime, status: rec.status, verify: rec.verify });
    return rec;
  }

  /** Keys of punches a CLEAR LOG destroyed before they were uploaded: a real device loses them too. */
  readonly lostByClear = new Set<string>();

  clearLog(): void {
    for (const p of this.log.slice(this.pointer)) this.lostByClear.add(zkIdempotencyKey(this.sn, p.pin, wallString(p.wallMs, 'T')));
    this.log.length = 0;
    this.pointer = 0;
  }

  // ---- HTTP ----
  private async request(method: 'GET' | 'POST', pathAndQuery: string, body: Buffer | null, contentType: string | null, droppable = false) {
    if (!this.online) throw new Error('device offline');
    this.stats.requests++;
    const headers: Record<string, string> = {};
    if (contentType) headers['Content-Type'] = contentType;
    const res = await rawRequest(this.opts.server + pathAndQuery, method, body, headers, this.opts.requestTimeoutMs ?? 10_000);
    if (droppable && this.dropReplies > 0) {
      this.dropReplies--;
      this.stats.droppedReplies++;
      throw new Error('reply lost');
    }
    return res;
  }

  private async pause(seconds: number): Promise<void> {
    const ms = seconds * (this.opts.msPerDelaySecond ?? 0);
    if (ms > 0) await new Promise((r) => setTimeout(r, ms));
  }

  /** B1: handshake; the reply must carry a Date header and the option block. */
  async boot(): Promise<void> {
    const q = `SN=${encodeURIComponent(this.sn)}&options=all&pushver=${this.opts.pushver ?? '2.4.1'}&language=${this.opts.language ?? 69}`;
    const res = await this.request('GET', `/iclock/cdata?${q}`, null, null);
    if (res.status !== 200) throw new Error(`handshake refused: HTTP ${res.status}`);
    if (!res.headers['date']) throw new Error('handshake reply without Date header');
    const parsed = parseHandshakeReply(res.body.toString('utf8'));
    if (!parsed || parsed.sn !== this.sn) throw new Error('unparseable handshake reply');
    this.options = parsed.options;
    if (this.opts.applyTimeZoneFromServer && parsed.options.TimeZone !== undefined) {
      const dateMs = Date.parse(String(res.headers['date']));
      // Whole hours, or minutes when |value| > 60 (330 = +05:30): the +2:30 report came from getting this wrong.
      this.wallMs = dateMs - (dateMs % 1000) + timeZoneOptionMinutes(parsed.options.TimeZone) * 60_000;
    }
    this.booted = true;
    this.firstPoll = true;
    // B11: tell the hub who is enrolled; names in GBK on Chinese firmware.
    await this.postOperlog([...this.users.values()]);
  }

  async ensureBooted(): Promise<void> {
    if (!this.booted) await this.boot();
  }

  async postOperlog(users: SimUser[]): Promise<void> {
    if (users.length === 0) return;
    const text = users.map((u) => `USER PIN=${u.pin}\tName=${u.name}\tPri=${u.pri ?? 0}\tPasswd=\tCard=${u.card ?? ''}\tGrp=1\tTZ=0000000000000000\tVerify=0\tViceCard=\t`).join('\r\n') + '\r\n';
    const body = this.gbk ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
    const res = await this.request('POST', `/iclock/cdata?SN=${encodeURIComponent(this.sn)}&table=OPERLOG&Stamp=9999`, body, this.wire.contentType);
    if (!OK_REPLY.test(res.body.toString('latin1'))) throw new Error(`OPERLOG not acknowledged: ${res.body.toString('latin1')}`);
  }

  /** POST one ATTLOG batch; resolves to true only on an OK:n reply counting every line. */
  async postAttlog(batch: readonly SimPunch[]): Promise<boolean> {
    const body = Buffer.from(renderAttlog(batch, this.wire), 'latin1');
    this.stats.uploads++;
    this.stats.linesSent += batch.length;
    try {
      const res = await this.request('POST', `/iclock/cdata?SN=${encodeURIComponent(this.sn)}&table=ATTLOG&Stamp=${this.seq}`, body, this.wire.contentType, true);
      const m = OK_REPLY.exec(res.body.toString('latin1'));
      if (res.status === 200 && m && (m[1] === undefined || Number(m[1]) === batch.length)) return true;
    } catch {
      // network failure, timeout or lost reply: the device keeps the batch (B7)
    }
    this.stats.failures++;
    return false;
  }

  /** B5 + B7: drain the log from the pointer in batches; a failed batch is retried, maybe re-batched. */
  async uploadPending(): Promise<void> {
    const size = this.opts.batchSize ?? 128;
    let attempts = 0;
    while (this.pointer < this.log.length) {
      await this.ensureBooted().catch(() => undefined);
      const n = attempts > 0 ? randInt(this.rnd, 1, size) : size; // batch boundaries shift on retry
      const batch = this.log.slice(this.pointer, this.pointer + n);
      if (this.booted && (await this.postAttlog(batch))) {
        this.pointer += batch.length;
        attempts = 0;
        continue;
      }
      if (++attempts >= (this.opts.maxAttempts ?? 50)) throw new Error(`${this.sn}: upload failed ${attempts} times`);
      await this.pause(Number(this.options.ErrorDelay ?? 30));
    }
  }

  /** B3 + B10: poll getrequest, execute what comes back, report results on devicecmd. */
  async poll(): Promise<number> {
    await this.ensureBooted();
    let q = `SN=${encodeURIComponent(this.sn)}`;
    if (this.firstPoll) q += `&INFO=${encodeURIComponent(`Ver 2.0.12-20150625,${this.users.size},0,${this.log.length},127.0.0.1,10,7,15,0,111`)}`;
    const res = await this.request('GET', `/iclock/getrequest?${q}`, null, null);
    this.firstPoll = false;
    const text = this.gbk ? iconv.decode(res.body, 'gbk') : res.body.toString('utf8');
    const cmds = parseCommandLines(text);
    let reboot = false;
    for (const cmd of cmds) {
      const outcome = await executeCommand(this, cmd);
      this.stats.commandsExecuted++;
      this.pendingResults.push(outcome.result);
      if (outcome.reboot) reboot = true;
    }
    await this.flushResults();
    if (reboot) this.booted = false;
    return cmds.length;
  }

  async flushResults(): Promise<void> {
    if (this.pendingResults.length === 0) return;
    const body = Buffer.from(this.pendingResults.join('\n') + '\n', 'utf8');
    const res = await this.request('POST', `/iclock/devicecmd?SN=${encodeURIComponent(this.sn)}`, body, this.wire.contentType);
    if (res.status === 200) this.pendingResults = [];
  }

  /** Live punch with Realtime=1: a single-line POST right away (B4); kept for later if it fails. */
  async livePunch(): Promise<void> {
    this.punch();
    if (this.online && this.booted && this.options.Realtime === '1' && this.pointer === this.log.length - 1) {
      if (await this.postAttlog(this.log.slice(this.pointer))) this.pointer = this.log.length;
    }
  }

  /** Records in a wall-time window, for DATA QUERY ATTLOG and VERIFY SUM ATTLOG. */
  recordsBetween(startWallMs: number, endWallMs: number): SimPunch[] {
    return this.log.filter((p) => p.wallMs >= startWallMs && p.wallMs <= endWallMs);
  }
}
