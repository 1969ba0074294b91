/**
 * ZKTeco push (ADMS / iclock) HTTP endpoints, registered under prefix `/iclock`.
 * Devices are HTTP clients with odd habits (devices.md §2, §5): bodies often have no Content-Type,
 * so this plugin reads every body as raw bytes; replies are text/plain with Content-Length and
 * `Connection: close` (half-dead keep-alive sockets keep devices "offline", P21). Node adds `Date`,
 * which devices use to set their clocks. `OK:<n>` is sent only after the gateway has committed.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DeviceContext, DeviceGateway } from '../device-gateway.js';
import type { CheckinInput } from '../types.js';
import { parseAttlog } from './attlog.js';
import { parseCommandResults, renderCommands } from './commands.js';
import { mapAttlogRecord } from './mapper.js';
import { parseAttPhoto, parseInfo, parseOperLog, parseTableData } from './operlog.js';
import { buildHandshakeReply, parseKeyValueList } from './options.js';
import { parseRtlog } from './rtlog.js';
import { splitTransactions } from './transaction.js';
import { decodeDeviceText, encodeDeviceText } from './text.js';

export interface IclockRoutesOptions {
  gateway: DeviceGateway;
  /** Commands handed out per poll (the spec allows several; one reply must stay under 900 KB). */
  maxCommandsPerPoll?: number;
  /** Largest accepted body (default 4 MB): photos and template uploads are the big ones, and anyone can send. */
  bodyLimit?: number;
  /** Injected clock for the TimeZone option (tests). */
  now?: () => number;
}

type Query = Record<string, string | string[] | undefined>;

/** Firmware writes `SN=`, a few proxies lower-case it: both spellings are passed in, nothing is built per call. */
function q(request: FastifyRequest, name: string, alt?: string): string | undefined {
  const query = request.query as Query;
  const v = query[name] ?? (alt === undefined ? undefined : query[alt]);
  return Array.isArray(v) ? v[0] : v;
}

function text(reply: FastifyReply, body: string | Buffer, status = 200): FastifyReply {
  return reply.code(status).header('content-type', 'text/plain').header('connection', 'close').send(body);
}

function bodyOf(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

export default async function iclockRoutes(app: FastifyInstance, opts: IclockRoutesOptions): Promise<void> {
  const { gateway } = opts;
  const maxCommands = opts.maxCommandsPerPoll ?? 8;
  const now = opts.now ?? Date.now;

  // Whatever the device claims (or omits), the body is bytes we decode ourselves.
  app.removeAllContentTypeParsers();
  // Firmware sends `application-push; charset=UTF-8`, which is not a valid media type and would be
  // rejected with 415 before any parser runs: the declared type carries no information here anyway.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.headers['content-type'] !== undefined) request.headers['content-type'] = 'application/octet-stream';
    done();
  });
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: opts.bodyLimit ?? 4 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  /** Resolve the SN to a context, or answer the refusal and return null. */
  async function device(request: FastifyRequest, reply: FastifyReply): Promise<DeviceContext | null> {
    const sn = q(request, 'SN', 'sn');
    if (!sn) {
      text(reply, 'ERROR: missing SN', 400);
      return null;
    }
    let ctx: DeviceContext | null;
    try {
      ctx = await gateway.lookupDevice(sn, request.ip);
    } catch (err) {
      // Too many new or pending devices: a non-OK reply makes the machine retry after ErrorDelay.
      if ((err as { status?: number }).status === 503) {
        text(reply, 'ERROR: limit reached, retry later', 503);
        return null;
      }
      throw err;
    }
    if (!ctx || ctx.status === 'disabled') {
      // Non-OK makes the device back off for ErrorDelay; nothing is stored for refused devices.
      text(reply, 'ERROR: device not accepted', 403);
      return null;
    }
    return ctx;
  }

  app.get('/cdata', async (request, reply) => {
    const ctx = await device(request, reply);
    if (!ctx) return reply;
    if (q(request, 'options') === undefined) return text(reply, 'OK'); // e.g. table=RemoteAtt: no user data to offer
    await gateway.recordContact(ctx.sn, {
      kind: 'handshake',
      pushVersion: q(request, 'pushver'),
      language: q(request, 'language'),
      ip: request.ip,
    });
    const pushver = q(request, 'pushver') ?? '';
    if (pushver.startsWith('3')) return text(reply, securityInitReply(ctx));
    return text(reply, buildHandshakeReply(ctx, now()));
  });

  const upload = async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = await device(request, reply);
    if (!ctx) return reply;
    const table = (q(request, 'table') ?? '').toUpperCase();
    const body = bodyOf(request);
    const stamp = q(request, 'Stamp', 'stamp');
    if (table === 'ATTLOG') {
      const { text: bodyText } = decodeDeviceText(body);
      const parsed = parseAttlog(bodyText);
      const punches: CheckinInput[] = new Array(parsed.records.length);
      for (let i = 0; i < parsed.records.length; i++) punches[i] = mapAttlogRecord(ctx, parsed.records[i]).punch;
      if (parsed.problems.length > 0) request.log.warn({ sn: ctx.sn, problems: parsed.problems.slice(0, 20) }, 'unparseable ATTLOG lines');
      if (punches.length > 0) await gateway.storePunches(ctx, punches);
      await gateway.recordContact(ctx.sn, { kind: 'upload', ...(stamp ? { stamp: { table, value: stamp } } : {}) });
      // n = lines handled: new, duplicate, and unparseable ones (logged above; a resend would fail the
      // same way). Firmware that checks n against what it sent would otherwise re-send forever.
      return text(reply, `OK:${punches.length + parsed.problems.length}`);
    }
    if (table === 'RTLOG') {
      const parsed = parseRtlog(decodeDeviceText(body).text, ctx);
      if (parsed.punches.length > 0) await gateway.storePunches(ctx, parsed.punches);
      await gateway.recordContact(ctx.sn, { kind: 'upload' });
      return text(reply, 'OK');
    }
    if (table === 'OPERLOG' || table === 'BIODATA') {
      // BIODATA bodies are `BIODATA Pin=…` lines: the same record grammar as OPERLOG.
      const records = parseOperLog(decodeDeviceText(body, ctx.charset).text);
      if (records.length > 0 && gateway.storeOperLog) await gateway.storeOperLog(ctx, records);
      await gateway.recordContact(ctx.sn, { kind: 'upload', ...(stamp ? { stamp: { table, value: stamp } } : {}) });
      return text(reply, `OK:${records.length}`);
    }
    if (table === 'ATTPHOTO') {
      const photo = parseAttPhoto(body);
      if (photo && gateway.storePhoto) await gateway.storePhoto(ctx, { name: photo.name, bytes: photo.bytes });
      return text(reply, 'OK');
    }
    if (table === 'OPTIONS') {
      await gateway.recordContact(ctx.sn, { kind: 'upload', deviceOptions: parseKeyValueList(decodeDeviceText(body).text) });
      return text(reply, 'OK');
    }
    if (table === 'TABLEDATA' || table === 'USERPIC' || table === 'BIOPHOTO') {
      // Security PUSH bulk data must be acknowledged `<tablename>=<count>` or the device retries
      // forever (P8); for photos (`table=userpic`) an `OK` makes it re-send the same picture in a
      // loop, and so does a reply without `Connection: close` (P22; every reply here carries it).
      return text(reply, await storeTableData(ctx, table === 'TABLEDATA' ? tableName(request) : table.toLowerCase(), body, table === 'TABLEDATA' ? undefined : table));
    }
    request.log.info({ sn: ctx.sn, table }, 'iclock upload of an unhandled table acknowledged');
    return text(reply, 'OK');
  };
  // A storage failure must never look like success: a non-OK reply makes the device keep the batch
  // and send it again after ErrorDelay.
  const guardedUpload = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return await upload(request, reply);
    } catch (err) {
      // A limit (503) asks the device to back off and send the same data later; so does a failure.
      if ((err as { status?: number }).status === 503) return text(reply, 'ERROR: limit reached, retry later', 503);
      request.log.error({ err, sn: q(request, 'SN', 'sn') }, 'iclock upload failed; device will retry');
      return text(reply, 'ERROR: not stored', 500);
    }
  };
  app.post('/cdata', guardedUpload);
  app.post('/fdata', guardedUpload);

  /** Stores tabledata records (punches, users, templates, photos) and returns the `<tablename>=<count>` ack. */
  async function storeTableData(ctx: DeviceContext, name: string, body: Buffer, tagIfMissing?: string): Promise<string> {
    let bodyText = decodeDeviceText(body, ctx.charset).text;
    // `table=userpic` bodies may start with the fields themselves (`pin=…<HT>content=…`).
    if (tagIfMissing && !/^[a-z]+[\t ]/i.test(bodyText)) bodyText = `${tagIfMissing.toLowerCase()}\t${bodyText}`;
    const records = parseTableData(bodyText);
    // Transaction rows are punches: the same ingest (and key) as ATTLOG; the rest is user data.
    const split = splitTransactions(records, ctx);
    if (split.punches.length > 0) await gateway.storePunches(ctx, split.punches);
    if (split.other.length > 0 && gateway.storeOperLog) await gateway.storeOperLog(ctx, split.other);
    return `${name}=${records.length}`;
  }

  // Answers to `DATA QUERY tablename=…` commands (Security PUSH / newer firmware), possibly in
  // several packets: each packet is stored and acknowledged like a tabledata upload.
  app.post('/querydata', async (request, reply) => {
    try {
      const ctx = await device(request, reply);
      if (!ctx) return reply;
      const ack = await storeTableData(ctx, tableName(request), bodyOf(request));
      await gateway.recordContact(ctx.sn, { kind: 'upload' });
      return text(reply, ack);
    } catch (err) {
      if ((err as { status?: number }).status === 503) return text(reply, 'ERROR: limit reached, retry later', 503);
      request.log.error({ err, sn: q(request, 'SN', 'sn') }, 'iclock querydata failed; device will retry');
      return text(reply, 'ERROR: not stored', 500);
    }
  });

  // The heartbeat: every device, every few seconds. The device check (a cached lookup in the
  // database gateway) comes first, so IP and status rules also guard command delivery: queued
  // commands carry employee names and must not go to a spoofed serial number.
  app.get('/getrequest', async (request, reply) => {
    const ctx = await device(request, reply);
    if (!ctx) return reply;
    const info = q(request, 'INFO', 'info');
    if (info !== undefined) await gateway.recordContact(ctx.sn, { kind: 'poll', ...parseInfo(info), ip: request.ip });
    const cmds = await gateway.takeCommands(ctx.sn, maxCommands);
    if (cmds.length === 0) return text(reply, 'OK');
    const body = renderCommands(cmds);
    // Names in USERINFO must reach GBK firmware as GBK.
    return text(reply, /^[\x00-\x7f]*$/.test(body) ? body : encodeDeviceText(body, ctx.charset));
  });

  app.post('/devicecmd', async (request, reply) => {
    const ctx = await device(request, reply);
    if (!ctx) return reply;
    for (const result of parseCommandResults(decodeDeviceText(bodyOf(request)).text)) {
      await gateway.recordCommandResult(ctx.sn, result);
    }
    return text(reply, 'OK');
  });

  app.get('/ping', async (request, reply) => {
    const ctx = await device(request, reply);
    if (!ctx) return reply;
    await gateway.recordContact(ctx.sn, { kind: 'ping' });
    return text(reply, 'OK');
  });

  // Security PUSH (push 3.x): registration, then configuration download (devices.md §2.11).
  app.post('/registry', async (request, reply) => {
    const sn = q(request, 'SN', 'sn');
    const ctx = sn ? await gateway.lookupDevice(sn, request.ip) : null;
    if (!ctx || ctx.status === 'disabled') return text(reply, 'ERROR: registration refused', 406);
    await gateway.recordContact(ctx.sn, { kind: 'registry', deviceOptions: parseKeyValueList(decodeDeviceText(bodyOf(request)).text), ip: request.ip });
    return text(reply, `RegistryCode=${registryCode(ctx.sn)}`);
  });

  const push = async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = await device(request, reply);
    if (!ctx) return reply;
    return text(reply, securityConfig(ctx));
  };
  app.get('/push', push);
  app.post('/push', push);
}

/** The table a tabledata/querydata upload names, echoed in the ack: only a plain word is echoed back. */
function tableName(request: FastifyRequest): string {
  const name = q(request, 'tablename') ?? '';
  return /^[A-Za-z0-9_]{1,32}$/.test(name) ? name : 'data';
}

/** Stable per SN so every instance behind a load balancer agrees without shared state. */
function registryCode(sn: string): string {
  return createHash('sha256').update(`daka-registry:${sn}`).digest('hex').slice(0, 32);
}

function securityConfig(ctx: DeviceContext): string {
  const o = ctx.pushOptions;
  return (
    [
      'ServerVersion=3.1.2',
      'ServerName=Daka',
      'PushVersion=3.1.2',
      `ErrorDelay=${o.errorDelaySec ?? 30}`,
      `RequestDelay=${o.delaySec ?? 10}`,
      `TransTimes=${o.transTimes ?? '00:00;14:05'}`,
      `TransInterval=${o.transIntervalMin ?? 1}`,
      'TransTables=User Transaction',
      `Realtime=${o.realtime === false ? 0 : 1}`,
      `SessionID=${registryCode(ctx.sn).slice(0, 16)}`,
      'TimeoutSec=10',
    ].join('\n') + '\n'
  );
}

function securityInitReply(ctx: DeviceContext): string {
  return `registry=ok\nRegistryCode=${registryCode(ctx.sn)}\n` + securityConfig(ctx);
}
