/**
 * Hikvision ISAPI event push ("HTTP listening"), registered under prefix `/isapi`.
 * Configure each terminal's httpHosts url as `http(s)://<hub>/isapi/events/<device serial>`; the
 * serial in the path is how the hub knows the device (the envelope only has MAC and IP, and NAT
 * hides the IP). Terminals replay stored events and retry until they get a 200, so ingest is
 * idempotent on (serial, serialNo) and the 200 comes only after the gateway committed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DeviceGateway } from '../device-gateway.js';
import { parseIsapiPush } from './event-parse.js';
import { mapHikEvents, type HikEvent } from './mapper.js';
import { parseIsoInstant } from '../../shared/time.js';

export interface IsapiRoutesOptions {
  gateway: DeviceGateway;
  bodyLimit?: number;
}

export default async function isapiRoutes(app: FastifyInstance, opts: IsapiRoutesOptions): Promise<void> {
  const { gateway } = opts;
  // Raw bytes whatever the declared type: multipart boundaries on these devices need lenient parsing.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: opts.bodyLimit ?? 4 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const params = request.params as { sn?: string };
    const query = request.query as { sn?: string };
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const push = parseIsapiPush(body, request.headers['content-type']);
    if (push.alerts.length === 0) {
      return reply.code(400).send({ error: { code: 'ISAPI_EVENT_UNREADABLE', message: 'No readable event in the body', details: { problems: push.problems } } });
    }
    const sn = params.sn ?? query.sn ?? push.alerts[0]?.macAddress?.replace(/[:-]/g, '').toUpperCase();
    if (!sn) return reply.code(400).send({ error: { code: 'DEVICE_SERIAL_MISSING', message: 'Put the device serial in the URL: /isapi/events/<serial>' } });
    const ctx = await gateway.lookupDevice(sn, request.ip);
    if (!ctx || ctx.status === 'disabled') return reply.code(403).send({ error: { code: 'DEVICE_NOT_ACCEPTED', message: `Device ${sn} is not accepted` } });

    const heartbeats = push.alerts.filter((a) => a.eventType.toLowerCase() === 'heartbeat').length;
    const events: { event: HikEvent; fallbackTime?: string }[] = [];
    for (const a of push.alerts) if (a.event) events.push({ event: a.event, fallbackTime: a.dateTime });
    const batch = mapHikEvents(ctx, events);
    // Alerts that are neither heartbeats nor access events (video, other types) are counted as ignored.
    const otherAlerts = push.alerts.length - heartbeats - events.length;
    // A heartbeat is sent as it happens, so its dateTime is the device clock now.
    const beat = push.alerts.find((a) => a.eventType.toLowerCase() === 'heartbeat' && a.dateTime);
    const deviceClockMs = beat?.dateTime ? parseIsoInstant(beat.dateTime)?.atMs : undefined;
    await gateway.recordContact(ctx.sn, { kind: heartbeats > 0 && events.length === 0 ? 'ping' : 'upload', ip: push.alerts[0]?.ipAddress ?? request.ip, ...(deviceClockMs !== undefined ? { deviceClockMs } : {}) });
    let stored = 0;
    let duplicates = 0;
    if (batch.punches.length > 0) {
      // A picture travels with a single event: stored under that punch's key, where the checkin looks.
      if (push.pictures.length > 0 && batch.punches.length === 1 && gateway.storePhoto) {
        const name = `hik-${ctx.sn}-${batch.punches[0].sourceRecordId ?? 'event'}.jpg`;
        await gateway.storePhoto(ctx, { name, bytes: push.pictures[0].body, punchKey: batch.punches[0].idempotencyKey });
        batch.punches[0].photoRef ??= name;
      }
      ({ stored, duplicates } = await gateway.storePunches(ctx, batch.punches));
    }
    if (push.problems.length > 0) request.log.warn({ sn, problems: push.problems }, 'unreadable ISAPI event parts');
    return reply.code(200).send({
      punches: batch.punches.length,
      stored,
      duplicates,
      ignored: batch.ignoredTotal + Math.max(0, otherAlerts),
      ignoredByReason: batch.ignored,
      heartbeats,
      problems: push.problems.length,
    });
  };

  app.post('/events/:sn', handle);
  app.post('/events', handle);
}
