import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/request-actor.js';
import { ClockStatus, WebPunchBody, WebPunchResult } from './web-punch.schemas.js';
import type { WebPunchService } from './web-punch.service.js';

export const webPunchRoutes: FastifyPluginAsyncTypebox<{ webPunch: WebPunchService }> = async (app, { webPunch }) => {
  const tags = ['web clock-in'];
  app.get(
    '/me/clock',
    { schema: { tags, summary: "The signed-in employee's clock-in page: group rules, geofences, today's punches and a single-use challenge", response: { 200: ClockStatus } } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return webPunch.status(actorOf(req));
    },
  );
  app.post(
    '/me/clock',
    {
      // A photo is up to ~1.3 MB of base64: allow that, and no more, on this route alone.
      bodyLimit: 1_500_000,
      schema: { tags, summary: 'Punch now from the browser (H5 打卡); the server clock decides the time', body: WebPunchBody, response: { 200: WebPunchResult, 201: WebPunchResult } },
    },
    async (req, reply) => {
      const result = await webPunch.punch(actorOf(req), req.body);
      reply.status(result.outcome === 'created' ? 201 : 200);
      return result;
    },
  );
};
