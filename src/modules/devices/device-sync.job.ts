/**
 * `devices.sync`, every minute: gap fills for windows the health job found silent, then joiners
 * and leavers to the terminals (with retries) and the deletion of leavers' templates, then the
 * copies of templates to the other terminals of their site, then the
 * alertStream followers this instance holds (lease renewed, new ones started). Runs after
 * the health job's own schedule, so a device back online at minute n is queried at minute n or n+1.
 */
import type { JobQueue } from '../../jobs/queue.js';
import type { DeviceGapFill } from './device-gap-fill.js';
import type { DeviceUserSync } from './device-user-sync.js';
import type { DeviceTemplateCopy } from './device-template-copy.js';
import type { DeviceAlertStreams } from './device-alert-streams.js';

export const DEVICES_SYNC_JOB = 'devices.sync';

export async function registerDeviceSyncJobs(queue: JobQueue, services: { deviceGapFill: DeviceGapFill; deviceUserSync: DeviceUserSync; deviceTemplateCopy: DeviceTemplateCopy; deviceAlertStreams: DeviceAlertStreams }): Promise<void> {
  await queue.work(DEVICES_SYNC_JOB, async () => {
    await services.deviceGapFill.run();
    await services.deviceUserSync.run();
    await services.deviceTemplateCopy.run();
    await services.deviceAlertStreams.reconcile();
  });
  await queue.schedule(DEVICES_SYNC_JOB, '* * * * *');
}
