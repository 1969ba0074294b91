import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Paged } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import { Calendar, CalendarCreate, CalendarDay, CalendarPatch, CalendarQuery, DayParams, DaysPut, DaysQuery, ImportChina, ImportResult } from './calendars.schemas.js';
import type { CalendarsService } from './calendars.service.js';

export const calendarsRoutes: FastifyPluginAsyncTypebox<{ calendars: CalendarsService }> = async (app, { calendars }) => {
  const tags = ['holiday-calendars'];
  app.get('/holiday-calendars', { schema: { tags, querystring: CalendarQuery, response: { 200: Paged(Calendar) } } }, async (req) => calendars.list(actorOf(req), req.query));
  app.get('/holiday-calendars/:id', { schema: { tags, params: IdParams, response: { 200: Calendar } } }, async (req) => calendars.get(actorOf(req), req.params.id));
  app.post('/holiday-calendars', { schema: { tags, body: CalendarCreate, response: { 201: Calendar } } }, async (req, reply) => {
    reply.status(201);
    return calendars.create(actorOf(req), req.body);
  });
  app.patch('/holiday-calendars/:id', { schema: { tags, params: IdParams, body: CalendarPatch, response: { 200: Calendar } } }, async (req) => calendars.update(actorOf(req), req.params.id, req.body));
  app.delete('/holiday-calendars/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await calendars.remove(actorOf(req), req.params.id);
    reply.status(204).send();
  });
  app.get('/holiday-calendars/:id/days', { schema: { tags, params: IdParams, querystring: DaysQuery, response: { 200: Paged(CalendarDay) } } }, async (req) =>
    calendars.days(actorOf(req), req.params.id, req.query),
  );
  app.put('/holiday-calendars/:id/days', { schema: { tags, params: IdParams, body: DaysPut, response: { 200: Type.Object({ saved: Type.Integer() }) } } }, async (req) =>
    calendars.putDays(actorOf(req), req.params.id, req.body),
  );
  app.delete('/holiday-calendars/:id/days/:date', { schema: { tags, params: DayParams } }, async (req, reply) => {
    await calendars.deleteDay(actorOf(req), req.params.id, req.params.date);
    reply.status(204).send();
  });
  app.post(
    '/holiday-calendars/import-china',
    {
      preValidation: async (req) => {
        if (req.body === undefined || req.body === null) req.body = {};
      },
      schema: { tags, description: "Imports China's statutory holidays and 调休 workdays from chinese-days; days edited by hand are kept.", body: ImportChina, response: { 200: ImportResult } },
    },
    async (req) => calendars.importChina(actorOf(req), req.body),
  );
};
