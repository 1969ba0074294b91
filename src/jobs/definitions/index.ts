/** Registers every background job's worker and schedule. */
import type { Services } from '../../modules/index.js';
import type { JobQueue } from '../queue.js';
import { registerConnectorJobs } from '../../modules/connectors/connector-jobs.js';

export async function registerJobs(queue: JobQueue, services: Services): Promise<void> {
  await registerConnectorJobs(queue, services);
}
