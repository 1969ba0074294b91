/** Registers every background job's worker and schedule. */
import type { Services } from '../../modules/index.js';
import type { JobQueue } from '../queue.js';
import { registerDevicesJobs } from '../../modules/devices/devices.health.js';
import { registerConnectorJobs } from '../../modules/connectors/connector-jobs.js';

export async function registerJobs(queue: JobQueue, services: Services): Promise<void> {
  await registerDevicesJobs(queue, services);
  await registerConnectorJobs(queue, services);
}
