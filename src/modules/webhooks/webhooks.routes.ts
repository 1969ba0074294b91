import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Paged } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import {
  DeliveryParams,
  DeliveryQuery,
  RestHookCreated,
  RestHookRemoved,
  RestHookSubscribe,
  SampleEnvelope,
  SampleParams,
  SampleQuery,
  WebhookCreate,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookPatch,
  WebhookQuery,
  WebhookRotate,
} from './webhooks.schemas.js';
import type { WebhooksService } from './webhooks.service.js';

export const webhooksRoutes: FastifyPluginAsyncTypebox<{ webhooks: WebhooksService }> = async (app, { webhooks }) => {
  const tags = ['webhooks'];
  app.get('/webhooks', { schema: { tags, querystring: WebhookQuery, response: { 200: Paged(WebhookEndpoint) } } }, async (req) => webhooks.list(actorOf(req), req.query));
  app.post('/webhooks', { schema: { tags, body: WebhookCreate, response: { 201: WebhookEndpointWithSecret } } }, async (req, reply) => {
    reply.status(201);
    return webhooks.create(actorOf(req), req.body);
  });
  app.get('/webhooks/:id', { schema: { tags, params: IdParams, response: { 200: WebhookEndpoint } } }, async (req) => webhooks.get(actorOf(req), req.params.id));
  app.patch('/webhooks/:id', { schema: { tags, params: IdParams, body: WebhookPatch, response: { 200: WebhookEndpoint } } }, async (req) => webhooks.update(actorOf(req), req.params.id, req.body));
  app.delete('/webhooks/:id', { schema: { tags, params: IdParams, response: { 204: Type.Null() } } }, async (req, reply) => {
    await webhooks.remove(actorOf(req), req.params.id);
    reply.status(204).send(null);
  });
  app.post('/webhooks/:id/rotate-secret', { schema: { tags, params: IdParams, body: WebhookRotate, response: { 200: WebhookEndpointWithSecret } } }, async (req) =>
    webhooks.rotateSecret(actorOf(req), req.params.id, req.body.overlapHours),
  );
  app.get('/webhooks/:id/deliveries', { schema: { tags, params: IdParams, querystring: DeliveryQuery, response: { 200: WebhookDeliveryList } } }, async (req) => webhooks.deliveries(actorOf(req), req.params.id, req.query));
  app.post('/webhooks/:id/deliveries/:deliveryId/redeliver', { schema: { tags, params: DeliveryParams, response: { 200: WebhookDelivery } } }, async (req) =>
    webhooks.redeliver(actorOf(req), req.params.id, req.params.deliveryId),
  );

  // REST hooks (Zapier's shape): subscribe returns an id, unsubscribe by that id, samples as a list.
  const hookTags = ['rest-hooks'];
  app.post('/hooks', { schema: { tags: hookTags, body: RestHookSubscribe, response: { 201: RestHookCreated } } }, async (req, reply) => {
    reply.status(201);
    return webhooks.restSubscribe(actorOf(req), req.body);
  });
  app.delete('/hooks/:id', { schema: { tags: hookTags, params: IdParams, response: { 200: RestHookRemoved } } }, async (req) => webhooks.restUnsubscribe(actorOf(req), req.params.id));
  app.get(
    '/hooks/samples/:event',
    { schema: { tags: hookTags, params: SampleParams, querystring: SampleQuery, response: { 200: Type.Array(SampleEnvelope) } } },
    async (req) => webhooks.sample(actorOf(req), req.params.event, req.query.companyId),
  );
};
