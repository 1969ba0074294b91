/**
 * Cross-site request refusal for the API. A browser attaches the session cookie to requests that
 * another site makes it send (a form post, an image, a fetch with credentials), so a mutation that
 * relies on the cookie must come from Daka's own pages. Browsers say where a request comes from in
 * `Sec-Fetch-Site` and `Origin`; a request without either is not from a browser page. Bearer
 * tokens are not sent by browsers on their own, so token calls are left alone.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(text: string): string | null {
  try {
    return new URL(text).origin;
  } catch {
    return null;
  }
}

export function crossSiteRefusal(request: FastifyRequest, publicOrigin: string | null): string | null {
  if (SAFE.has(request.method)) return null;
  if (request.headers.authorization?.startsWith('Bearer ')) return null;
  // Pages cannot forge Sec-Fetch-Site, and it does not depend on the Host a reverse proxy passes on;
  // Origin is the fallback for browsers that do not send it.
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none' ? null : `Sec-Fetch-Site is ${String(site)}`;
  const origin = request.headers.origin;
  if (origin === undefined) return null;
  const own = new Set([originOf(`${request.protocol}://${request.host}`), publicOrigin]);
  const given = originOf(origin);
  if (given === null || !own.has(given)) return `Origin ${origin} is not this site`;
  return null;
}

export function installCrossSiteGuard(app: FastifyInstance, publicUrl: string | null): void {
  const publicOrigin = publicUrl ? originOf(publicUrl) : null;
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const why = crossSiteRefusal(request, publicOrigin);
    if (why) throw new AppError('CROSS_SITE_REQUEST', `Refused a request from another site (${why})`, 403);
  });
}
