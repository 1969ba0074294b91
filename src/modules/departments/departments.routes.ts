import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Paged } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import { Department, DepartmentCreate, DepartmentPatch, DepartmentQuery } from './departments.schemas.js';
import type { DepartmentsService } from './departments.service.js';

export const departmentsRoutes: FastifyPluginAsyncTypebox<{ departments: DepartmentsService }> = async (app, { departments }) => {
  const tags = ['departments'];
  app.get('/departments', { schema: { tags, querystring: DepartmentQuery, response: { 200: Paged(Department) } } }, async (req) => departments.list(actorOf(req), req.query));
  app.get('/departments/:id', { schema: { tags, params: IdParams, response: { 200: Department } } }, async (req) => departments.get(actorOf(req), req.params.id));
  app.post('/departments', { schema: { tags, body: DepartmentCreate, response: { 201: Department } } }, async (req, reply) => {
    reply.status(201);
    return departments.create(actorOf(req), req.body);
  });
  app.patch('/departments/:id', { schema: { tags, params: IdParams, body: DepartmentPatch, response: { 200: Department } } }, async (req) =>
    departments.update(actorOf(req), req.params.id, req.body),
  );
  app.post('/departments/:id/deactivate', { schema: { tags, params: IdParams, response: { 200: Department } } }, async (req) =>
    departments.deactivate(actorOf(req), req.params.id),
  );
};
