import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { literalUnion } from '../../http/literal-union.js';
import { IdParams } from '../../http/paging.js';
import { ROLES, TOKEN_SCOPES } from '../../shared/enums.js';
import { actorOf } from '../../http/request-actor.js';
import { SCOPES } from './actor.js';
import { SESSION_COOKIE, type AuthService } from './auth.service.js';

const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: literalUnion(ROLES),
  companyIds: Type.Array(Type.Integer()),
  employeeId: Type.Union([Type.Integer(), Type.Null()]),
  locale: Type.Union([Type.String(), Type.Null()]),
  mustChangePassword: Type.Boolean(),
});

const Token = Type.Object({
  id: Type.Integer(),
  userId: Type.Integer(),
  name: Type.String(),
  scopes: Type.Array(literalUnion(TOKEN_SCOPES)),
  createdAtMs: Type.Number(),
  expiresAtMs: Type.Union([Type.Number(), Type.Null()]),
  lastUsedAtMs: Type.Union([Type.Number(), Type.Null()]),
  revokedAtMs: Type.Union([Type.Number(), Type.Null()]),
});

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService }> = async (app, { auth }) => {
  const tags = ['auth'];
  app.post(
    '/auth/login',
    {
      // Per-address limit on top of the per-(username, address) lockout, so guessing across accounts
      // is slow too; high by default, because a whole office may log in from one NAT address at 9:00.
      config: { public: true, rateLimit: { max: auth.loginPerAddressPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        security: [],
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ user: User }) },
      },
    },
    async (req, reply) => {
      const { cookie, user } = await auth.login(req.body.username, req.body.password, req.ip, req.headers['user-agent'] ?? null);
      reply.setCookie(SESSION_COOKIE, cookie, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.protocol === 'https' });
      return { user };
    },
  );
  app.post('/auth/logout', { config: { public: true }, schema: { tags, response: { 204: Type.Null({ description: 'Logged out; the session cookie is cleared' }) } } }, async (req, reply) => {
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie && req.actor) await auth.logout(cookie, req.actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.status(204).send(null);
  });
  app.get('/auth/me', { schema: { tags, response: { 200: Type.Object({ user: User }) } } }, async (req) => ({ user: await auth.me(actorOf(req)) }));
  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 8, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 204: Type.Null({ description: 'Changed; other sessions of the user end' }) },
      },
    },
    async (req, reply) => {
      await auth.changePassword(actorOf(req), req.body.currentPassword, req.body.newPassword, req.cookies[SESSION_COOKIE]);
      reply.status(204).send(null);
    },
  );

  app.get('/tokens', { schema: { tags: ['tokens'], response: { 200: Type.Object({ items: Type.Array(Token) }) } } }, async (req) => ({
    items: await auth.listTokens(actorOf(req)),
  }));
  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(Type.Union(SCOPES.map((s) => Type.Literal(s))), { minItems: 1, uniqueItems: true }),
            expiresAtMs: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: Token, secret: Type.String() }) },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return auth.createToken(actorOf(req), req.body);
    },
  );
  app.delete('/tokens/:id', { schema: { tags: ['tokens'], params: IdParams } }, async (req, reply) => {
    await auth.revokeToken(actorOf(req), req.params.id);
    reply.status(204).send();
  });
};
