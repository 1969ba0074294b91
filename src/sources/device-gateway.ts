/**
 * The port between the device protocols (ZKTeco push, Hikvision ISAPI, file import) and storage.
 * The wire layers only parse, map and reply; everything durable goes through a DeviceGateway.
 * The DB-backed implementation lives in the devices/checkins modules; MemoryDeviceGateway below
 * serves tests and the simulator's self-test.
 */
import type { CheckinInput, PunchDirection } from './types.js';

export type DeviceStatus = 'active' | 'pending' | 'disabled';

/**
 * Device status code → direction. Keys are the raw status codes as strings ("0".."5", "255").
 * A code that is absent or maps to null yields no direction (the rules engine pairs by order).
 */
export type StatusMap = Readonly<Record<string, PunchDirection | null>>;

/** Options the hub sends at handshake; all optional, the plugin has sane defaults. */
export interface PushOptions {
  /** Seconds between getrequest polls. */
  delaySec?: number;
  /** Seconds before reconnecting after a network failure. */
  errorDelaySec?: number;
  transTimes?: string;
  /** Minutes between interval uploads. */
  transIntervalMin?: number;
  realtime?: boolean;
  /** Tables listed in `TransFlag=TransData …` (format 2). */
  transFlag?: string[];
  /**
   * Send `TimeZone=` only once an admin has confirmed the device's zone: a wrong value shifts the
   * device clock (devices.md §3).
   */
  sendTimeZone?: boolean;
  /** Extra raw `key=value` lines appended to the option block. */
  extra?: Readonly<Record<string, string>>;
}

export interface DeviceContext {
  deviceId: string;
  companyId: string;
  sn: string;
  /** IANA zone the device's wall clock runs in (the gateway falls back to the company's zone). */
  timeZone: string;
  /** null → the default mapping (0 in, 1 out, 2 break_out, 3 break_in, 4 ot_in, 5 ot_out). */
  statusMap: StatusMap | null;
  status: DeviceStatus;
  /** Per-table resume markers returned at handshake; '0' asks the device to re-upload the table. */
  stamps: { attlog: string; operlog: string; photo: string; biodata?: string };
  pushOptions: PushOptions;
  /**
   * Charset of names in device text, learned at handshake: GBK for language=83 on push 2.x firmware,
   * else UTF-8. Undefined = not known yet (bytes are then sniffed).
   */
  charset?: 'utf8' | 'gbk';
}

export type ContactKind = 'handshake' | 'poll' | 'upload' | 'registry' | 'ping';

export interface ContactInfo {
  kind: ContactKind;
  firmware?: string;
  pushVersion?: string;
  /** ZK `language` code; 83 means GBK names. */
  language?: string;
  userCount?: number;
  fpCount?: number;
  attlogCount?: number;
  faceCount?: number;
  ip?: string;
  /** Upload resume marker the device sent with `table=…&Stamp=…`. */
  stamp?: { table: string; value: string };
  /** Parameters from `table=options` or a Security PUSH registry body. */
  deviceOptions?: Readonly<Record<string, string>>;
  /** The device's own clock when it sent this (a Hikvision heartbeat's dateTime): measures its skew. */
  deviceClockMs?: number;
}

/** One OPERLOG record: OPLOG (audit) or USER (PIN ↔ name), other tags kept raw. */
export interface OperLogRecord {
  tag: string;
  fields: Readonly<Record<string, string>>;
  /** OPLOG positional values: type, operator, time, who, value1..3. */
  values?: readonly string[];
  raw: string;
}

/** A user as a terminal reports it (vendor-neutral; the password itself is never passed on). */
export interface DeviceUserRecord {
  pin: string;
  name: string | null;
  privilege: number | null;
  card: string | null;
  group: number | null;
  hasPassword: boolean;
}

export type TemplateKind = 'fingerprint' | 'face' | 'finger_vein' | 'palm' | 'other';

/** One biometric template: `template` is the device's base64 text, sealed before it is stored. */
export interface TemplateRecord {
  pin: string;
  kind: TemplateKind;
  /** Which of the person's templates (finger index, or type:no:index). */
  slot: string;
  valid: number | null;
  size: number;
  format: string | null;
  template: string;
}

/** One operation-log entry; `key` identifies the record across re-uploads. */
export interface OpLogEntry {
  key: string;
  opType: number | null;
  operator: string | null;
  time: string | null;
  who: string | null;
  values: string[];
}

/** What an OPERLOG / BIODATA / tabledata upload carries, vendor codes already mapped. */
export interface DeviceDataBatch {
  users: DeviceUserRecord[];
  templates: TemplateRecord[];
  oplog: OpLogEntry[];
  pictures: { pin: string; name: string; bytes: Buffer }[];
  /** Records of other kinds, or rejected as malformed or oversized. */
  ignored: number;
}

export interface CommandResult {
  /** The command id as the device echoed it; numeric ids round-trip as strings of digits. */
  id: string;
  returnCode: number;
  cmd: string;
  /** Every key=value of the result (INFO and VERIFY SUM carry data here). */
  fields: Readonly<Record<string, string>>;
  raw: string;
}

export interface QueuedCommand {
  id: number;
  text: string;
}

/**
 * Call pattern, for implementers: lookupDevice runs on every upload and handshake (cache contexts
 * per SN for a few seconds); takeCommands runs on every heartbeat of every device (keep the empty
 * case to one indexed read, or a cached "nothing queued" flag). Command ids go out as numbers and
 * come back in results as the device echoes them (strings).
 */
export interface DeviceGateway {
  /** Unknown SN: register it as pending and return that context. null: refuse the device. */
  lookupDevice(sn: string, remoteIp: string): Promise<DeviceContext | null>;
  recordContact(sn: string, info: ContactInfo): Promise<void>;
  /**
   * Persist punches idempotently (duplicates by idempotencyKey are no-ops). Resolves only after the
   * commit, because the device drops its copy once it sees `OK`. Pending devices' punches are kept
   * but not counted until the device is approved.
   */
  storePunches(device: DeviceContext, punches: CheckinInput[]): Promise<{ stored: number; duplicates: number }>;
  /** Users, templates, operation log and user pictures of an upload; resolves after the commit. */
  storeOperLog?(device: DeviceContext, records: OperLogRecord[]): Promise<unknown>;
  /**
   * A photo taken with a punch. `punchKey` is that punch's idempotency key when the source knows it
   * (a Hikvision event carries its picture); photos are stored under the key of their punch, so the
   * checkin finds its photo whichever of the two arrives first.
   */
  storePhoto?(device: DeviceContext, photo: { name: string; bytes: Buffer; punchKey?: string }): Promise<void>;
  /**
   * Commands to deliver now (marks them sent). Also the device's heartbeat: the one gateway call a
   * routine poll makes, so it must be cheap and return [] for unknown or disabled devices.
   */
  takeCommands(sn: string, max: number): Promise<QueuedCommand[]>;
  recordCommandResult(sn: string, result: CommandResult): Promise<void>;
}

/** In-memory gateway: tests, the simulator's self-test, and a reference for the DB implementation. */
export class MemoryDeviceGateway implements DeviceGateway {
  readonly devices = new Map<string, DeviceContext>();
  /** Stored punches by idempotency key, first write wins. */
  readonly punches = new Map<string, CheckinInput & { deviceId: string; pending: boolean }>();
  readonly contacts: { sn: string; info: ContactInfo }[] = [];
  readonly operLogs: { sn: string; record: OperLogRecord }[] = [];
  readonly photos: { sn: string; name: string; size: number; punchKey?: string }[] = [];
  readonly results: { sn: string; result: CommandResult }[] = [];
  readonly commandQueues = new Map<string, QueuedCommand[]>();
  readonly lastSeen = new Map<string, number>();
  storeCalls = 0;
  /** Test hook: make storePunches fail (simulates a database outage). */
  failStores = false;
  private nextCommandId = 1;

  constructor(private readonly defaults: { companyId?: string; timeZone?: string; autoRegister?: boolean } = {}) {}

  addDevice(sn: string, patch: Partial<DeviceContext> = {}): DeviceContext {
    const ctx: DeviceContext = {
      deviceId: `dev-${sn}`,
      companyId: this.defaults.companyId ?? 'company-1',
      sn,
      timeZone: this.defaults.timeZone ?? 'Asia/Shanghai',
      statusMap: null,
      status: 'active',
      stamps: { attlog: '0', operlog: '0', photo: '0' },
      pushOptions: {},
      ...patch,
    };
    this.devices.set(sn, ctx);
    return ctx;
  }

  enqueueCommand(sn: string, text: string): number {
    const id = this.nextCommandId++;
    const queue = this.commandQueues.get(sn) ?? [];
    queue.push({ id, text });
    this.commandQueues.set(sn, queue);
    return id;
  }

  async lookupDevice(sn: string, _remoteIp: string): Promise<DeviceContext | null> {
    const known = this.devices.get(sn);
    if (known) return known;
    if (this.defaults.autoRegister === false) return null;
    return this.addDevice(sn, { status: 'pending' });
  }

  async recordContact(sn: string, info: ContactInfo): Promise<void> {
    this.contacts.push({ sn, info });
    this.lastSeen.set(sn, Date.now());
    const dev = this.devices.get(sn);
    if (dev && info.stamp?.table === 'ATTLOG') dev.stamps.attlog = info.stamp.value;
    // Chinese-language push 2.x firmware writes names in GBK; Security PUSH 3.5+ is UTF-8 throughout.
    if (dev && info.kind === 'handshake' && info.language !== undefined) {
      dev.charset = info.language === '83' && !(info.pushVersion ?? '').startsWith('3') ? 'gbk' : 'utf8';
    }
  }

  async storePunches(device: DeviceContext, punches: CheckinInput[]): Promise<{ stored: number; duplicates: number }> {
    this.storeCalls++;
    // Yield once so callers cannot rely on synchronous completion, as with a real database.
    await Promise.resolve();
    if (this.failStores) throw new Error('storage unavailable');
    let stored = 0;
    let duplicates = 0;
    for (const p of punches) {
      if (this.punches.has(p.idempotencyKey)) {
        duplicates++;
        continue;
      }
      this.punches.set(p.idempotencyKey, { ...p, deviceId: device.deviceId, pending: device.status === 'pending' });
      stored++;
    }
    return { stored, duplicates };
  }

  async storeOperLog(device: DeviceContext, records: OperLogRecord[]): Promise<void> {
    for (const record of records) this.operLogs.push({ sn: device.sn, record });
  }

  async storePhoto(device: DeviceContext, photo: { name: string; bytes: Buffer; punchKey?: string }): Promise<void> {
    this.photos.push({ sn: device.sn, name: photo.name, size: photo.bytes.length, ...(photo.punchKey ? { punchKey: photo.punchKey } : {}) });
  }

  async takeCommands(sn: string, max: number): Promise<QueuedCommand[]> {
    this.lastSeen.set(sn, Date.now());
    const queue = this.commandQueues.get(sn);
    if (!queue || queue.length === 0) return [];
    const dev = this.devices.get(sn);
    if (!dev || dev.status === 'disabled') return [];
    return queue.splice(0, max);
  }

  async recordCommandResult(sn: string, result: CommandResult): Promise<void> {
    this.results.push({ sn, result });
  }
}
