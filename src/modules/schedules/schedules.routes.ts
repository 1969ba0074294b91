import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Paged } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import { Group, GroupCreate, GroupPatch, GroupQuery, Member, MemberCreate, MemberEnd, MemberParams, MemberQuery } from './groups.schemas.js';
import type { GroupsService } from './groups.service.js';
import type { MembersService } from './members.service.js';
import { RosterGrid, RosterPut, RosterPutResult, RosterQuery } from './rosters.schemas.js';
import type { RostersService } from './rosters.service.js';
import { ShiftType, ShiftTypeCreate, ShiftTypePatch, ShiftTypeQuery } from './shift-types.schemas.js';
import type { ShiftTypesService } from './shift-types.service.js';

export interface SchedulesDeps {
  shiftTypes: ShiftTypesService;
  groups: GroupsService;
  members: MembersService;
  rosters: RostersService;
}

export const schedulesRoutes: FastifyPluginAsyncTypebox<SchedulesDeps> = async (app, { shiftTypes, groups, members, rosters }) => {
  let tags = ['shift-types'];
  app.get('/shift-types', { schema: { tags, querystring: ShiftTypeQuery, response: { 200: Paged(ShiftType) } } }, async (req) => shiftTypes.list(actorOf(req), req.query));
  app.get('/shift-types/:id', { schema: { tags, params: IdParams, response: { 200: ShiftType } } }, async (req) => shiftTypes.get(actorOf(req), req.params.id));
  app.post('/shift-types', { schema: { tags, body: ShiftTypeCreate, response: { 201: ShiftType } } }, async (req, reply) => {
    reply.status(201);
    return shiftTypes.create(actorOf(req), req.body);
  });
  app.patch('/shift-types/:id', { schema: { tags, params: IdParams, body: ShiftTypePatch, response: { 200: ShiftType } } }, async (req) =>
    shiftTypes.update(actorOf(req), req.params.id, req.body),
  );
  app.delete('/shift-types/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await shiftTypes.remove(actorOf(req), req.params.id);
    reply.status(204).send();
  });

  tags = ['attendance-groups'];
  app.get('/attendance-groups', { schema: { tags, querystring: GroupQuery, response: { 200: Paged(Group) } } }, async (req) => groups.list(actorOf(req), req.query));
  app.get('/attendance-groups/:id', { schema: { tags, params: IdParams, response: { 200: Group } } }, async (req) => groups.get(actorOf(req), req.params.id));
  app.post('/attendance-groups', { schema: { tags, body: GroupCreate, response: { 201: Group } } }, async (req, reply) => {
    reply.status(201);
    return groups.create(actorOf(req), req.body);
  });
  app.patch('/attendance-groups/:id', { schema: { tags, params: IdParams, body: GroupPatch, response: { 200: Group } } }, async (req) => groups.update(actorOf(req), req.params.id, req.body));
  app.delete('/attendance-groups/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await groups.remove(actorOf(req), req.params.id);
    reply.status(204).send();
  });
  app.get('/attendance-groups/:id/members', { schema: { tags, params: IdParams, querystring: MemberQuery, response: { 200: Paged(Member) } } }, async (req) =>
    members.list(actorOf(req), req.params.id, req.query),
  );
  app.post('/attendance-groups/:id/members', { schema: { tags, params: IdParams, body: MemberCreate, response: { 201: Member } } }, async (req, reply) => {
    reply.status(201);
    return members.add(actorOf(req), req.params.id, req.body);
  });
  app.post('/attendance-groups/:id/members/:memberId/end', { schema: { tags, params: MemberParams, body: MemberEnd, response: { 200: Member } } }, async (req) =>
    members.end(actorOf(req), req.params.id, req.params.memberId, req.body.effectiveTo),
  );

  tags = ['rosters'];
  app.put('/rosters', { schema: { tags, body: RosterPut, response: { 200: RosterPutResult } } }, async (req) => rosters.put(actorOf(req), req.body));
  app.get('/rosters', { schema: { tags, querystring: RosterQuery, response: { 200: RosterGrid } } }, async (req) => rosters.grid(actorOf(req), req.query));
};
