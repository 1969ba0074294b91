import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Paged, paged, pageOf, PageQuery } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import type { DeviceCommandsService } from './device-commands.service.js';
import {
  ApproveResult,
  CommandCreate,
  Device,
  DeviceApprove,
  DeviceCommand,
  DeviceCreate,
  DeviceDetail,
  DevicePatch,
  DeviceQuery,
  ImportBody,
  ImportQuery,
  ImportResultSchema,
} from './devices.schemas.js';
import type { DevicesService } from './devices.service.js';
import type { CheckinsService } from '../checkins/checkins.service.js';
import type { WebPunchRepo } from '../web-punch/web-punch.repo.js';
import { notFound } from '../../shared/errors.js';
import type { DeviceAlertStreams } from './device-alert-streams.js';

const AlertStreamLogin = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
const AlertStreamResult = Type.Object({ following: Type.Boolean() });
import { PullBody, PullResult, pullHikvisionRange } from './device-pull.js';
import { DeviceOplogEntry, DeviceOplogQuery, DeviceUser, DeviceUsersQuery, listDeviceOplog, listDeviceUsers } from './device-directory.js';

export const devicesRoutes: FastifyPluginAsyncTypebox<{ devices: DevicesService; commands: DeviceCommandsService; checkins: CheckinsService; webPhotos: WebPunchRepo; alertStreams: DeviceAlertStreams }> = async (
  app,
  { devices, commands, checkins, webPhotos, alertStreams },
) => {
  const tags = ['devices'];
  app.get('/devices', { schema: { tags, querystring: DeviceQuery, response: { 200: Paged(Device) } } }, async (req) => {
    const p = pageOf(req.query);
    const { items, total } = await devices.list(actorOf(req), req.query, p.limit, p.offset);
    return paged(items, total, p);
  });
  app.get(
    '/devices/limits',
    {
      schema: {
        tags,
        description: 'What unknown devices may make Daka store, how many devices wait for approval, and refusals since this instance started',
        response: {
          200: Type.Object({
            limits: Type.Object({ maxPendingDevices: Type.Integer(), newSerialsPerAddressPerHour: Type.Integer(), maxHeldPunchesPerDevice: Type.Integer(), maxPhotoBytesPerDevice: Type.Integer() }),
            pendingDevices: Type.Integer(),
            refusals: Type.Object({ new_serials: Type.Integer(), pending_devices: Type.Integer(), held_punches: Type.Integer(), photo_bytes: Type.Integer(), lastAtMs: Type.Union([Type.Number(), Type.Null()]) }),
          }),
        },
      },
    },
    async (req) => devices.limitsStatus(actorOf(req)),
  );
  app.get('/devices/:id', { schema: { tags, params: IdParams, response: { 200: DeviceDetail } } }, async (req) => devices.get(actorOf(req), req.params.id));
  app.post('/devices', { schema: { tags, body: DeviceCreate, response: { 201: Device } } }, async (req, reply) => {
    reply.status(201);
    return devices.register(actorOf(req), req.body);
  });
  app.patch('/devices/:id', { schema: { tags, params: IdParams, body: DevicePatch, response: { 200: Device } } }, async (req) =>
    devices.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/devices/:id/approve',
    {
      schema: {
        tags,
        summary: 'Give a pending device to a company; its held punches are ingested',
        params: IdParams,
        body: DeviceApprove,
        response: { 200: ApproveResult },
      },
    },
    async (req) => devices.approve(actorOf(req), req.params.id, req.body),
  );
  app.post('/devices/:id/disable', { schema: { tags, params: IdParams, response: { 200: Device } } }, async (req) =>
    devices.setStatus(actorOf(req), req.params.id, 'disabled'),
  );
  app.post('/devices/:id/enable', { schema: { tags, params: IdParams, response: { 200: Device } } }, async (req) =>
    devices.setStatus(actorOf(req), req.params.id, 'active'),
  );
  app.post(
    '/devices/:id/commands',
    {
      schema: {
        tags,
        summary: 'Queue a command; the device fetches it on its next poll',
        params: IdParams,
        body: CommandCreate,
        response: { 201: Type.Object({ items: Type.Array(DeviceCommand) }) },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return commands.queue(actorOf(req), req.params.id, req.body);
    },
  );
  app.get(
    '/devices/:id/commands',
    { schema: { tags, params: IdParams, querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(DeviceCommand) }) } } },
    async (req) => {
      const p = pageOf(req.query);
      return commands.list(actorOf(req), req.params.id, p.limit, p.offset);
    },
  );
  app.get(
    '/devices/:id/users',
    {
      schema: {
        tags,
        summary: "The users the terminal reported: PIN, name, masked card, privilege, which template kinds it holds (never a template), the matched employee and the hub's push state",
        params: IdParams,
        querystring: DeviceUsersQuery,
        response: { 200: Paged(DeviceUser) },
      },
    },
    async (req) => listDeviceUsers(devices, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/devices/:id/oplog',
    { schema: { tags, summary: "The terminal's operation log, newest first", params: IdParams, querystring: DeviceOplogQuery, response: { 200: Paged(DeviceOplogEntry) } } },
    async (req) => listDeviceOplog(devices, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/checkins/:id/photo',
    { schema: { tags: ['checkins'], summary: 'The photo taken with this punch: by the machine (JPEG) or by the phone camera (web clock-in)', params: IdParams } },
    async (req, reply) => {
      // Seeing the photo needs exactly the right to see the checkin.
      await checkins.get(actorOf(req), req.params.id);
      const photo = await devices.repo.photoForCheckin(devices.db, req.params.id);
      // A punch from the phone browser keeps its camera photo beside the punch instead.
      const web = photo ? null : await webPhotos.photoForCheckin(req.params.id);
      if (!photo && !web) throw notFound('photo of checkin', req.params.id);
      reply.header('content-type', web?.mime ?? 'image/jpeg').header('cache-control', 'private, max-age=86400');
      return reply.send(Buffer.from((photo ?? web)!.bytes));
    },
  );
  app.post(
    '/devices/:id/pull',
    {
      schema: {
        tags,
        summary: 'Back-fill a date range from a Hikvision terminal over ISAPI (the credentials are used once, never stored)',
        params: IdParams,
        body: PullBody,
        response: { 200: PullResult },
      },
    },
    async (req) => pullHikvisionRange(devices, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/devices/:id/import',
    {
      schema: {
        tags,
        summary: 'Import attlog.dat / CSV / XLSX punches of this device (dryRun=true only checks)',
        params: IdParams,
        querystring: ImportQuery,
        body: ImportBody,
        response: { 200: ImportResultSchema },
      },
    },
    async (req) => commands.importFile(actorOf(req), req.params.id, req.body, req.query.dryRun ?? true),
  );
  app.put(
    '/devices/:id/alert-stream',
    {
      schema: {
        tags,
        summary: 'Follow a Hikvision terminal over ISAPI alertStream at its registered address (the password is sealed, never returned)',
        params: IdParams,
        body: AlertStreamLogin,
        response: { 200: AlertStreamResult },
      },
    },
    async (req) => alertStreams.set(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/devices/:id/alert-stream',
    { schema: { tags, summary: 'Stop following the terminal and forget its login', params: IdParams, response: { 200: AlertStreamResult } } },
    async (req) => alertStreams.clear(actorOf(req), req.params.id),
  );
};
