import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Paged } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import type { LeaveTypesService } from './leave-types.service.js';
import { Decision, LeaveType, LeaveTypeCreate, LeaveTypePatch, LeaveTypeQuery, Request, RequestCreate, RequestQuery, SeedBody } from './requests.schemas.js';
import type { RequestsService } from './requests.service.js';

/** Lets a client POST with no body where every field is optional. */
const emptyBodyIsObject = async (req: { body: unknown }) => {
  if (req.body === undefined || req.body === null) req.body = {};
};

export const requestsRoutes: FastifyPluginAsyncTypebox<{ leaveTypes: LeaveTypesService; requests: RequestsService }> = async (app, { leaveTypes, requests }) => {
  let tags = ['leave-types'];
  app.get('/leave-types', { schema: { tags, querystring: LeaveTypeQuery, response: { 200: Paged(LeaveType) } } }, async (req) => leaveTypes.list(actorOf(req), req.query));
  app.post('/leave-types', { schema: { tags, body: LeaveTypeCreate, response: { 201: LeaveType } } }, async (req, reply) => {
    reply.status(201);
    return leaveTypes.create(actorOf(req), req.body);
  });
  app.post(
    '/leave-types/seed',
    { schema: { tags, description: 'Adds the common types (年假, 事假, 病假, 调休, 婚假, 产假, 丧假) the company lacks', body: SeedBody, response: { 200: Type.Object({ items: Type.Array(LeaveType) }) } } },
    async (req) => leaveTypes.seed(actorOf(req), req.body.companyId),
  );
  app.patch('/leave-types/:id', { schema: { tags, params: IdParams, body: LeaveTypePatch, response: { 200: LeaveType } } }, async (req) => leaveTypes.update(actorOf(req), req.params.id, req.body));
  app.delete('/leave-types/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await leaveTypes.remove(actorOf(req), req.params.id);
    reply.status(204).send();
  });

  tags = ['requests'];
  app.get('/requests', { schema: { tags, querystring: RequestQuery, response: { 200: Paged(Request) } } }, async (req) => requests.list(actorOf(req), req.query));
  app.get('/requests/:id', { schema: { tags, params: IdParams, response: { 200: Request } } }, async (req) => requests.get(actorOf(req), req.params.id));
  app.post('/requests', { schema: { tags, body: RequestCreate, response: { 201: Request } } }, async (req, reply) => {
    reply.status(201);
    return requests.create(actorOf(req), req.body);
  });
  app.post('/requests/:id/approve', { preValidation: emptyBodyIsObject, schema: { tags, params: IdParams, body: Decision, response: { 200: Request } } }, async (req) =>
    requests.decide(actorOf(req), req.params.id, 'approved', req.body?.note),
  );
  app.post('/requests/:id/reject', { preValidation: emptyBodyIsObject, schema: { tags, params: IdParams, body: Decision, response: { 200: Request } } }, async (req) =>
    requests.decide(actorOf(req), req.params.id, 'rejected', req.body?.note),
  );
  app.post('/requests/:id/cancel', { schema: { tags, description: 'Withdraws a pending request (the requester), or cancels an approved one: the requester before its first day, HR, an admin or the manager any time (REQUEST_ALREADY_STARTED otherwise). Approved leave gives its time back to the balance and its days are recomputed; emits request.cancelled', params: IdParams, response: { 200: Request } } }, async (req) => requests.cancel(actorOf(req), req.params.id));
};
