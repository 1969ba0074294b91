/** Resolves the caller (session cookie or Bearer API token) once per request. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, unauthorized } from '../shared/errors.js';
import type { Actor } from '../modules/auth/actor.js';
import { SESSION_COOKIE, type AuthService } from '../modules/auth/auth.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** The route answers callers who are not logged in (login itself, device pushes, callbacks). */
    public?: boolean;
  }
}

export function installActorResolution(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    // Only the API knows users: a device's `Authorization: Bearer <device token>` on /iclock or
    // /isapi is the device's business (checked by the device routes), not an API token.
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.actor = await auth.actorFromToken(header.slice(7).trim(), request.ip);
      if (!request.actor) throw unauthorized('The API token is unknown, expired or revoked');
    } else {
      const cookie = request.cookies?.[SESSION_COOKIE];
      if (cookie) request.actor = await auth.actorFromSession(cookie, request.ip);
    }
    // Refuse before validation runs, so an anonymous caller learns nothing about the API's shape.
    if (!request.actor && request.url.startsWith('/api/v1/') && request.routeOptions.config?.public !== true) throw unauthorized();
    // A password someone else set is good for one thing: choosing a new one.
    if (request.actor?.mustChangePassword && !request.url.startsWith('/api/v1/auth/')) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Change the password you were given before doing anything else', 403);
    }
  });
}

/** The authenticated actor, or a 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
