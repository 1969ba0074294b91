import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/request-actor.js';
import { IdParams } from '../../http/paging.js';
import { Company, CompanyCreate, CompanyPatch } from './companies.schemas.js';
import type { CompaniesService } from './companies.service.js';

export const companiesRoutes: FastifyPluginAsyncTypebox<{ companies: CompaniesService }> = async (app, { companies }) => {
  const tags = ['companies'];
  app.get('/companies', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(Company) }) } } }, async (req) => ({
    items: await companies.list(actorOf(req)),
  }));
  app.get('/companies/:id', { schema: { tags, params: IdParams, response: { 200: Company } } }, async (req) => companies.get(actorOf(req), req.params.id));
  app.post('/companies', { schema: { tags, body: CompanyCreate, response: { 201: Company } } }, async (req, reply) => {
    reply.status(201);
    return companies.create(actorOf(req), req.body);
  });
  app.patch('/companies/:id', { schema: { tags, params: IdParams, body: CompanyPatch, response: { 200: Company } } }, async (req) =>
    companies.update(actorOf(req), req.params.id, req.body),
  );
  app.post('/companies/:id/deactivate', { schema: { tags, params: IdParams, response: { 200: Company } } }, async (req) =>
    companies.deactivate(actorOf(req), req.params.id),
  );
};
