/** Builds the devices module's pieces once, for the composition root. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import { DeviceCommandsService } from './device-commands.service.js';
import { DevicesHealth } from './devices.health.js';
import { DevicesRepo } from './devices.repo.js';
import { DevicesService } from './devices.service.js';
import { DbDeviceGateway, type GatewayIngest } from './gateway.js';
import { DeviceGapFill } from './device-gap-fill.js';
import { DeviceUserSync } from './device-user-sync.js';
import { DeviceUserSyncRepo } from './device-user-sync.repo.js';
import { DeviceTemplateCopy } from './device-template-copy.js';
import { DeviceAlertStreams } from './device-alert-streams.js';
import type { DeviceLimits } from './device-limits.js';
import type { Outbox } from '../outbox/outbox.js';

export interface DevicesModuleDeps {
  db: Kysely<DB>;
  dialect: 'sqlite' | 'postgres';
  access: AccessPolicy;
  audit: AuditRepo;
  checkins: GatewayIngest;
  secrets: SecretBox;
  now: () => number;
  /** Where health transitions are announced (`device.offline` / `device.online`). */
  outbox?: Outbox | null;
  clockSkewMs?: number;
  limits?: Partial<DeviceLimits>;
}

export function createDevicesModule(deps: DevicesModuleDeps) {
  const repo = new DevicesRepo(deps.dialect);
  const deviceGateway = new DbDeviceGateway({ db: deps.db, repo, checkins: deps.checkins, audit: deps.audit, secrets: deps.secrets, now: deps.now, clockSkewMs: deps.clockSkewMs, limits: deps.limits });
  const devices = new DevicesService(deps.db, repo, deps.access, deps.audit, deviceGateway, deps.checkins, deps.secrets, deps.now);
  return {
    devices,
    deviceCommands: new DeviceCommandsService(devices),
    deviceGateway,
    devicesHealth: new DevicesHealth(deps.db, repo, deps.audit, deviceGateway, deps.now, deps.outbox ?? null),
    deviceGapFill: new DeviceGapFill(deps.db, repo, deviceGateway.usersRepo, deps.audit, deviceGateway, deps.now),
    deviceAlertStreams: new DeviceAlertStreams(deps.db, repo, deviceGateway, deps.secrets, deps.audit, deps.now, (actor, id) => devices.visible(actor, id, 'write')),
    deviceUserSync: new DeviceUserSync(deps.db, repo, deviceGateway.usersRepo, new DeviceUserSyncRepo(), deps.audit, deviceGateway, deps.now),
    deviceTemplateCopy: new DeviceTemplateCopy(deps.db, repo, deviceGateway.copiesRepo, deps.audit, deviceGateway, deps.now),
  };
}
