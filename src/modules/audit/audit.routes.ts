import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { DB } from '../../db/schema.js';
import { PageQuery, paged, pageOf } from '../../http/paging.js';
import { actorOf } from '../../http/request-actor.js';
import type { AccessPolicy } from '../auth/access.js';
import type { AuditRepo } from './audit.repo.js';

const parse = (s: string | null) => (s === null ? null : (JSON.parse(s) as unknown));

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditRepo; access: AccessPolicy; db: Kysely<DB> }> = async (app, { audit, access, db }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: Type.Object(
          {
            ...PageQuery,
            entity: Type.Optional(Type.String()),
            entityId: Type.Optional(Type.String()),
            actorId: Type.Optional(Type.Integer()),
            fromMs: Type.Optional(Type.Integer()),
            toMs: Type.Optional(Type.Integer()),
          },
          { additionalProperties: false },
        ),
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
