/**
 * Root-level routes of the sources: device pushes (`/iclock` ZKTeco, `/isapi` Hikvision), all
 * writing through the devices module's gateway. Before the wire layer sees a request, a device that
 * has an auth token must present it (ZK `pushcommkey`, `?token=`, `Cookie: token=` as Security PUSH
 * firmware sends, or a Bearer header); allowed IPs are checked by the gateway itself.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../modules/index.js';
import type { DbDeviceGateway } from '../modules/devices/gateway.js';
import isapiRoutes from './hikvision/routes.js';
import iclockRoutes from './zkteco-push/routes.js';
import { connectorCallbackRoutes } from '../modules/connectors/connectors.routes.js';

type Query = Record<string, string | string[] | undefined>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function presentedToken(request: FastifyRequest): string | undefined {
  const query = request.query as Query;
  const fromQuery = first(query.pushcommkey) ?? first(query.token);
  if (fromQuery) return fromQuery;
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const cookie = request.headers.cookie;
  if (cookie) {
    for (const part of cookie.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === 'token') return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return undefined;
}

function tokenGuard(gateway: DbDeviceGateway, serialOf: (request: FastifyRequest) => string | undefined, refuse: (reply: FastifyReply) => FastifyReply) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const sn = serialOf(request);
    if (!sn) return;
    if (!(await gateway.acceptsToken(sn, presentedToken(request)))) return refuse(reply);
  };
}

export function sourcePlugins(services: Services): ((app: FastifyInstance) => Promise<void>)[] {
  const gateway = services.deviceGateway;
  const iclock = async (app: FastifyInstance) => {
    app.addHook(
      'onRequest',
      tokenGuard(
        gateway,
        (req) => {
          const q = req.query as Query;
          return first(q.SN) ?? first(q.sn);
        },
        (reply) => reply.code(403).header('content-type', 'text/plain').header('connection', 'close').send('ERROR: device not accepted'),
      ),
    );
    await app.register(iclockRoutes, { prefix: '/iclock', gateway: gateway.forVendor('zkteco') });
  };
  const isapi = async (app: FastifyInstance) => {
    app.addHook(
      'onRequest',
      tokenGuard(
        gateway,
        (req) => (req.params as { sn?: string }).sn ?? first((req.query as Query).sn),
        (reply) => reply.code(403).send({ error: { code: 'DEVICE_NOT_ACCEPTED', message: 'The device token is missing or wrong' } }),
      ),
    );
    await app.register(isapiRoutes, { prefix: '/isapi', gateway: gateway.forVendor('hikvision') });
  };
  return [iclock, isapi, connectorCallbackRoutes(services.connectorCallbacks)];
}
