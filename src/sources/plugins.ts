/** Root-level routes of the sources: device pushes and platform callbacks. */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../modules/index.js';

export function sourcePlugins(services: Services): ((app: FastifyInstance) => Promise<void>)[] {
  void services;
  return [];
}
