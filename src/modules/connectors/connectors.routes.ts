import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Paged, paged, pageOf } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import type { ConnectorCallbacks } from './connector-callbacks.js';
import {
  Connector,
  ConnectorCreate,
  ConnectorDetail,
  ConnectorPatch,
  ConnectorQuery,
  Diff,
  DiffQuery,
  MessageBody,
  MessageResult,
  Run,
  RunsQuery,
  ScheduleBody,
  ScheduleResult,
  SyncBody,
  SyncQueued,
  TestMessageBody,
  TestMessageResult,
  TestResult,
} from './connectors.schemas.js';
import type { ConnectorsService } from './connectors.service.js';

/** `/api/v1/connectors…`: admin and the company's HR. */
export const connectorsRoutes: FastifyPluginAsyncTypebox<{ connectors: ConnectorsService }> = async (app, { connectors }) => {
  const tags = ['connectors'];
  app.get('/connectors', { schema: { tags, querystring: ConnectorQuery, response: { 200: Type.Object({ items: Type.Array(Connector) }) } } }, async (req) =>
    connectors.list(actorOf(req), req.query),
  );
  app.post('/connectors', { schema: { tags, summary: 'Add a DingTalk or WeCom app; secrets are sealed and never returned', body: ConnectorCreate, response: { 201: Connector } } }, async (req, reply) => {
    reply.status(201);
    return connectors.create(actorOf(req), req.body);
  });
  app.get('/connectors/:id', { schema: { tags, params: IdParams, response: { 200: ConnectorDetail } } }, async (req) => connectors.get(actorOf(req), req.params.id));
  app.patch('/connectors/:id', { schema: { tags, summary: 'Change settings; secrets can be replaced, not read', params: IdParams, body: ConnectorPatch, response: { 200: Connector } } }, async (req) =>
    connectors.update(actorOf(req), req.params.id, req.body),
  );
  /**
   * Deletes a connector.
   * Kept: punches already synced, the employees and their external identities (they are the
   * employees' links: a new connector for the same corp finds them again), the run history
   * (GET /connectors/:id/runs keeps answering, for audit), metered usage, and the audit log with the
   * connector's state before deletion (never a secret).
   * Gone: the sealed secrets (app secret, callback token, AES key, robot webhook and secret are
   * overwritten), sync cursors, callback nonces and open reconciliation differences. Scheduled and
   * queued syncs skip it, its callbacks answer 404, and so does every endpoint but its runs. The row
   * stays as a tombstone so the id is never reused. Admin or the company's HR; 204.
   */
  app.delete(
    '/connectors/:id',
    {
      schema: {
        tags,
        summary: 'Delete a connector: secrets destroyed, syncs and callbacks stop; punches, identities and run history kept',
        description:
          'Kept: synced punches, employees and their external identities, run history (GET /connectors/:id/runs), metered usage, the audit log. ' +
          'Gone: sealed secrets, cursors, callback nonces, open reconciliation differences. Callbacks and every other endpoint answer 404 afterwards.',
        params: IdParams,
      },
    },
    async (req, reply) => {
      await connectors.remove(actorOf(req), req.params.id);
      reply.status(204).send();
    },
  );
  app.post('/connectors/:id/pause', { schema: { tags, params: IdParams, response: { 200: Connector } } }, async (req) => connectors.setPaused(actorOf(req), req.params.id, true));
  app.post('/connectors/:id/resume', { schema: { tags, params: IdParams, response: { 200: Connector } } }, async (req) => connectors.setPaused(actorOf(req), req.params.id, false));
  app.post('/connectors/:id/test', { schema: { tags, summary: 'Fetch an access token with the stored credentials', params: IdParams, response: { 200: TestResult } } }, async (req) =>
    connectors.test(actorOf(req), req.params.id),
  );
  app.post('/connectors/:id/sync', { schema: { tags, summary: 'Queue a sync; from/to back-fill a date range', params: IdParams, body: SyncBody, response: { 202: SyncQueued } } }, async (req, reply) => {
    reply.status(202);
    return connectors.requestSync(actorOf(req), req.params.id, req.body);
  });
  app.get('/connectors/:id/runs', { schema: { tags, params: IdParams, querystring: RunsQuery, response: { 200: Paged(Run) } } }, async (req) => {
    const p = pageOf(req.query);
    const { items, total } = await connectors.runs(actorOf(req), req.params.id, { limit: p.limit, offset: p.offset, kind: req.query.kind });
    return paged(items, total, p);
  });
  app.get('/connectors/:id/reconciliation', { schema: { tags, summary: 'Differences between the platform and Daka per employee-day', params: IdParams, querystring: DiffQuery, response: { 200: Paged(Diff) } } }, async (req) => {
    const p = pageOf(req.query);
    const { items, total } = await connectors.reconciliation(actorOf(req), req.params.id, req.query, p.limit, p.offset);
    return paged(items, total, p);
  });
  app.post('/connectors/:id/test-message', { schema: { tags, summary: 'Send a message to one linked employee through the platform', params: IdParams, body: TestMessageBody, response: { 200: TestMessageResult } } }, async (req) =>
    connectors.testMessage(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/connectors/:id/messages',
    {
      schema: {
        tags,
        summary: 'Send text or markdown to employees (work notice / app message) or post it to the group robot',
        description:
          'Employees are Daka employee ids, sent to through their identity on this connector; one without an identity is reported as not_linked. ' +
          'With target robot the message goes to the configured group robot and the employees are @-mentioned.',
        params: IdParams,
        body: MessageBody,
        response: { 200: MessageResult },
      },
    },
    async (req) => connectors.sendMessage(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/connectors/:id/schedules',
    { schema: { tags, summary: "Put a schedule (日程) into employees' WeCom calendars", params: IdParams, body: ScheduleBody, response: { 201: ScheduleResult } } },
    async (req, reply) => {
      reply.status(201);
      return connectors.addSchedule(actorOf(req), req.params.id, req.body);
    },
  );
};

type Query = Record<string, string | string[] | undefined>;

/** Root-level, public: `/callbacks/dingtalk/:id` and `/callbacks/wecom/:id`. */
export function connectorCallbackRoutes(callbacks: ConnectorCallbacks) {
  return async (app: FastifyInstance) => {
    await app.register(async (scope) => {
      // Bodies are read as text: signatures cover the exact bytes, and WeCom sends XML.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => done(null, body));
      const config = { public: true, rateLimit: { max: 1200, timeWindow: '1 minute' } };
      const idOf = (params: unknown) => Number((params as { id: string }).id);
      const rawQuery = (url: string) => (url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
      scope.post('/callbacks/dingtalk/:id', { config, schema: { hide: true } }, async (req) => callbacks.dingtalk(idOf(req.params), req.query as Query, req.body ?? ''));
      scope.get('/callbacks/wecom/:id', { config, schema: { hide: true } }, async (req, reply) =>
        reply.type('text/plain; charset=utf-8').send(await callbacks.wecomVerify(idOf(req.params), rawQuery(req.url))),
      );
      scope.post('/callbacks/wecom/:id', { config, schema: { hide: true } }, async (req, reply) =>
        reply.type('text/plain; charset=utf-8').send(await callbacks.wecom(idOf(req.params), rawQuery(req.url), typeof req.body === 'string' ? req.body : '')),
      );
    });
  };
}
