import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { literalUnion } from '../../http/literal-union.js';
import { IdParams, Paged, PageQuery, paged, pageOf } from '../../http/paging.js';
import { LINKABLE_PROVIDERS } from '../../shared/enums.js';
import { actorOf } from '../../http/request-actor.js';
import type { IdentitiesService } from './identities.service.js';

const Identity = Type.Object({
  id: Type.Integer(),
  companyId: Type.Integer(),
  employeeId: Type.Integer(),
  provider: Type.String(),
  tenant: Type.String(),
  externalId: Type.String(),
});

/** Punches of one source identity no employee is linked to yet. */
const UnmatchedIdentity = Type.Object({
  provider: Type.String(),
  tenant: Type.String(),
  externalId: Type.String(),
  punchCount: Type.Integer(),
  firstAtMs: Type.Integer(),
  lastAtMs: Type.Integer(),
});

export const identitiesRoutes: FastifyPluginAsyncTypebox<{ identities: IdentitiesService }> = async (app, { identities }) => {
  const tags = ['identities'];
  app.get(
    '/identities/unmatched',
    { schema: { tags, summary: 'Identities with punches but no employee', querystring: Type.Object({ companyId: Type.Integer({ minimum: 1 }), ...PageQuery }, { additionalProperties: false }), response: { 200: Paged(UnmatchedIdentity) } } },
    async (req) => {
      const p = pageOf(req.query);
      const { items, total } = await identities.listUnmatched(actorOf(req), req.query.companyId, p.limit, p.offset);
      return paged(items, total, p);
    },
  );
  app.get(
    '/identities',
    { schema: { tags, querystring: Type.Object({ employeeId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(Identity) }) } } },
    async (req) => ({ items: await identities.listForEmployee(actorOf(req), req.query.employeeId) }),
  );
  app.post(
    '/identities',
    {
      schema: {
        tags,
        summary: 'Link an external identity to an employee; its unmatched punches are attributed',
        body: Type.Object(
          {
            companyId: Type.Integer({ minimum: 1 }),
            employeeId: Type.Integer({ minimum: 1 }),
            provider: literalUnion(LINKABLE_PROVIDERS),
            tenant: Type.Optional(Type.String({ maxLength: 128 })),
            externalId: Type.String({ minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ identity: Identity, attributedPunches: Type.Integer({ description: 'unmatched punches now attributed to the employee' }) }) },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return identities.link(actorOf(req), { ...req.body, tenant: req.body.tenant ?? '' });
    },
  );
  app.delete('/identities/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await identities.unlink(actorOf(req), req.params.id);
    reply.status(204).send();
  });
};
