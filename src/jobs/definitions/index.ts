/**
 * Background work. `subscribeEvents` runs on every instance, so that a change received by an
 * API-only replica still queues its follow-up jobs; `registerJobs` (workers and schedules) runs
 * only where DAKA_WORKERS is on.
 */
import type { Services } from '../../modules/index.js';
import { PunchZonesRepo } from '../../modules/attendance/punch-zones.repo.js';
import { subscribeRecompute } from '../../modules/attendance/recompute-triggers.js';
import type { JobQueue } from '../queue.js';
import { registerDevicesJobs } from '../../modules/devices/devices.health.js';
import { registerDeviceSyncJobs } from '../../modules/devices/device-sync.job.js';
import { registerAttendanceJobs } from './attendance.job.js';
import { registerConnectorJobs } from '../../modules/connectors/connector-jobs.js';
import { registerNotificationJobs } from '../../modules/notifications/notifications.module.js';
import { registerLeaveJobs } from '../../modules/leave-balances/leave-jobs.js';

export function subscribeEvents(queue: JobQueue, services: Services): void {
  subscribeRecompute(services.events, queue, new PunchZonesRepo(services.db));
  // Which companies want which events is read once here and after every settings change.
  void services.notifications.reload().catch(() => {});
}

export async function registerJobs(queue: JobQueue, services: Services): Promise<void> {
  await registerAttendanceJobs(queue, services);
  await registerDevicesJobs(queue, services);
  await registerDeviceSyncJobs(queue, services);
  await registerConnectorJobs(queue, services);
  await registerNotificationJobs(queue, services);
  await registerLeaveJobs(queue, services);
  await services.outbox.registerJobs(queue);
}
