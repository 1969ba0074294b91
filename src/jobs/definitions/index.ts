/** Registers every background job's worker and schedule. */
import type { Services } from '../../modules/index.js';
import type { JobQueue } from '../queue.js';

export async function registerJobs(queue: JobQueue, services: Services): Promise<void> {
  void queue;
  void services;
}
