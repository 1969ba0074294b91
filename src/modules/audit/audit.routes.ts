import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { DB } from '../../db/schema.js';
import { Paged, PageQuery, paged, pageOf } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import type { AccessPolicy } from '../auth/access.js';
import type { AuditRepo } from './audit.repo.js';

const parse = (s: string | null) => (s === null ? null : (JSON.parse(s) as unknown));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** One audited change; secrets in `before` / `after` were redacted when it was recorded. */
const AuditEntry = Type.Object({
  id: Type.Integer(),
  atMs: Type.Integer(),
  actorId: Nullable(Type.Integer()),
  actorName: Nullable(Type.String()),
  tokenId: Nullable(Type.Integer({ description: 'the API token the change was made with, if any' })),
  ip: Nullable(Type.String()),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.String()),
  entityName: Type.Optional(Nullable(Type.String({ description: "the entity's current name, when it has one" }))),
  companyId: Nullable(Type.Integer()),
  companyName: Type.Optional(Nullable(Type.String())),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditRepo; access: AccessPolicy; db: Kysely<DB> }> = async (app, { audit, access, db }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: Type.Object(
          {
            ...PageQuery,
            entity: Type.Optional(Type.String({ maxLength: 64 })),
            entityId: Type.Optional(Type.String({ maxLength: 128 })),
            actorId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
            fromMs: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
            toMs: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Paged(AuditEntry) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      access.assertRole(actor, ['admin'], 'admin');
      const p = pageOf(req.query);
      const { rows, total } = await audit.list(db, { ...req.query, companyIds: access.companyFilter(actor), limit: p.limit, offset: p.offset });
      const names = await audit.namesOf(db, rows);
      const items = rows.map((r) => ({
        id: r.id,
        atMs: r.at_ms,
        actorId: r.actor_user_id,
        actorName: r.actor_name,
        tokenId: r.actor_token_id,
        ip: r.ip,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        companyId: r.company_id,
        companyName: r.company_id === null ? null : (names.companies.get(r.company_id) ?? null),
        entityName: r.entity_id === null ? null : (names.entities.get(`${r.entity}:${r.entity_id}`) ?? null),
        before: parse(r.before),
        after: parse(r.after),
      }));
      return paged(items, total, p);
    },
  );
};
