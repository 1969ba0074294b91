import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import { AppError } from '../../shared/errors.js';
import type { CalendarFeedsService } from './calendar-feeds.service.js';

const Feed = Type.Object({ id: Type.Integer(), companyId: Type.Integer(), employeeId: Type.Integer(), scope: Type.String(), createdAt: Type.String() });

export const calendarFeedsRoutes: FastifyPluginAsyncTypebox<{ calendarFeeds: CalendarFeedsService }> = async (app, { calendarFeeds }) => {
  const tags = ['calendar-feeds'];
  app.get('/calendar-feeds', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(Feed) }) } } }, async (req) => calendarFeeds.list(actorOf(req)));
  app.post(
    '/calendar-feeds',
    {
      schema: {
        tags,
        body: Type.Object(
          { employeeId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })), scope: Type.Optional(Type.Union([Type.Literal('self'), Type.Literal('team')])) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ ...Feed.properties, url: Type.String({ description: 'The private ICS address. Shown once: keep it secret; revoke the feed if it leaks.' }) }) },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return calendarFeeds.create(actorOf(req), req.body);
    },
  );
  app.delete('/calendar-feeds/:id', { schema: { tags, params: IdParams, response: { 204: Type.Null() } } }, async (req, reply) => {
    await calendarFeeds.revoke(actorOf(req), req.params.id);
    reply.status(204).send(null);
  });
};

/**
 * The feed itself, outside /api: calendar apps fetch it without a login, the token in the path is
 * the credential (every /api read asks for a login).
 */
export const calendarFeedFileRoute: FastifyPluginAsyncTypebox<{ calendarFeeds: CalendarFeedsService }> = async (app, { calendarFeeds }) => {
  const tags = ['calendar-feeds'];
  app.get(
    '/feeds/calendar/:file',
    { config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { tags, params: Type.Object({ file: Type.String({ maxLength: 120 }) }), response: { 200: Type.String({ description: 'text/calendar' }) } } },
    async (req, reply) => {
      const text = await calendarFeeds.render(req.params.file.replace(/\.ics$/, ''));
      if (text === null) throw new AppError('NOT_FOUND', 'No such calendar feed', 404);
      reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300');
      return text;
    },
  );
};
