import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Paged } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import { ResetPassword, User, UserCreate, UserPatch, UserQuery } from './users.schemas.js';
import type { UsersService } from './users.service.js';

export const usersRoutes: FastifyPluginAsyncTypebox<{ users: UsersService }> = async (app, { users }) => {
  const tags = ['users'];
  app.get('/users', { schema: { tags, querystring: UserQuery, response: { 200: Paged(User) } } }, async (req) => users.list(actorOf(req), req.query));
  app.get('/users/:id', { schema: { tags, params: IdParams, response: { 200: User } } }, async (req) => users.get(actorOf(req), req.params.id));
  app.post('/users', { schema: { tags, body: UserCreate, response: { 201: User } } }, async (req, reply) => {
    reply.status(201);
    return users.create(actorOf(req), req.body);
  });
  app.patch('/users/:id', { schema: { tags, params: IdParams, body: UserPatch, response: { 200: User } } }, async (req) => users.update(actorOf(req), req.params.id, req.body));
  app.post('/users/:id/reset-password', { schema: { tags, params: IdParams, body: ResetPassword, response: { 200: User } } }, async (req) =>
    users.resetPassword(actorOf(req), req.params.id, req.body.password),
  );
};
