/** Root-level routes of the sources: device pushes and platform callbacks. */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../modules/index.js';
import { connectorCallbackRoutes } from '../modules/connectors/connectors.routes.js';

export function sourcePlugins(services: Services): ((app: FastifyInstance) => Promise<void>)[] {
  return [connectorCallbackRoutes(services.connectorCallbacks)];
}
