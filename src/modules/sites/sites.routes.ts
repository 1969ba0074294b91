import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Paged } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import { Site, SiteCreate, SitePatch, SiteQuery } from './sites.schemas.js';
import type { SitesService } from './sites.service.js';

export const sitesRoutes: FastifyPluginAsyncTypebox<{ sites: SitesService }> = async (app, { sites }) => {
  const tags = ['sites'];
  app.get('/sites', { schema: { tags, querystring: SiteQuery, response: { 200: Paged(Site) } } }, async (req) => sites.list(actorOf(req), req.query));
  app.get('/sites/:id', { schema: { tags, params: IdParams, response: { 200: Site } } }, async (req) => sites.get(actorOf(req), req.params.id));
  app.post('/sites', { schema: { tags, body: SiteCreate, response: { 201: Site } } }, async (req, reply) => {
    reply.status(201);
    return sites.create(actorOf(req), req.body);
  });
  app.patch('/sites/:id', { schema: { tags, params: IdParams, body: SitePatch, response: { 200: Site } } }, async (req) => sites.update(actorOf(req), req.params.id, req.body));
  app.post('/sites/:id/deactivate', { schema: { tags, params: IdParams, response: { 200: Site } } }, async (req) => sites.deactivate(actorOf(req), req.params.id));
};
