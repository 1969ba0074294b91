import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Paged, PageQuery, paged, pageOf } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import { CheckinBatch, CheckinDetail, CheckinExportQuery, CheckinItem, CheckinQuery, CheckinView, RejectedBatch } from './checkins.schemas.js';
import type { CheckinsService } from './checkins.service.js';
import { checkinsCsv, MAX_EXPORT_ROWS } from './checkins-export.js';
import { contentDisposition } from '../reports/reports.routes.js';

const IngestResult = Type.Object({
  created: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  unmatched: Type.Integer(),
  items: Type.Array(
    Type.Object({
      idempotencyKey: Type.String(),
      outcome: Type.String(),
      checkinId: Type.Optional(Type.String()),
      unmatched: Type.Optional(Type.Boolean()),
    }),
  ),
});

export const checkinsRoutes: FastifyPluginAsyncTypebox<{ checkins: CheckinsService }> = async (app, { checkins }) => {
  const tags = ['checkins'];
  app.post(
    '/checkins/batch',
    {
      schema: {
        tags,
        summary: 'Ingest up to 10,000 punches; idempotent per item',
        description: 'Re-sending a batch changes nothing: each item reports created or duplicate. One invalid item rejects the whole batch.',
        body: CheckinBatch,
        response: { 200: IngestResult },
      },
    },
    async (req) => checkins.ingestFromApi(actorOf(req), req.body),
  );
  app.post(
    '/checkins',
    {
      schema: {
        tags,
        summary: 'Ingest one punch',
        body: Type.Object({ companyId: Type.Integer({ minimum: 1 }), ...CheckinItem.properties }, { additionalProperties: false }),
        response: { 200: IngestResult },
      },
    },
    async (req) => {
      const { companyId, ...item } = req.body as { companyId: number } & Record<string, unknown>;
      return checkins.ingestFromApi(actorOf(req), { companyId, items: [item as never] });
    },
  );
  app.get('/checkins', { schema: { tags, querystring: CheckinQuery, response: { 200: Paged(CheckinView) } } }, async (req) => {
    const p = pageOf(req.query);
    const { items, total } = await checkins.list(actorOf(req), req.query, p.limit, p.offset);
    return paged(items, total, p);
  });
  app.get(
    '/checkins/export',
    {
      schema: {
        tags,
        summary: 'The punch records as CSV (工号, 姓名, 部门, device name and site), with the list\'s filters',
        description: `At most ${MAX_EXPORT_ROWS} punches, newest first; the header x-export-truncated is true when more matched.`,
        querystring: CheckinExportQuery,
        response: { 200: { description: 'CSV in UTF-8 with a BOM', type: 'string' } },
      },
    },
    async (req, reply) => {
      const { text, rows, truncated } = await checkinsCsv(checkins, actorOf(req), req.query);
      const name = `punches-${req.query.from ?? 'all'}-${req.query.to ?? 'all'}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(name))
        .header('cache-control', 'no-store')
        .header('x-export-rows', String(rows))
        .header('x-export-truncated', String(truncated))
        .send(text);
    },
  );
  app.get(
    '/checkins/rejected',
    {
      schema: {
        tags,
        summary: 'Punches refused at ingest (an instant outside 1970…2199 from a device or platform), newest first',
        querystring: Type.Object({ companyId: Type.Integer({ minimum: 1 }), ...PageQuery }, { additionalProperties: false }),
        response: { 200: Paged(RejectedBatch) },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const { items, total } = await checkins.rejected(actorOf(req), req.query.companyId, p.limit, p.offset);
      return paged(items, total, p);
    },
  );
  app.get('/checkins/:id', { schema: { tags, params: IdParams, response: { 200: CheckinDetail } } }, async (req) => checkins.get(actorOf(req), req.params.id));
};
