/**
 * The ordered list of migrations. Each module that owns tables adds its migration here;
 * names sort in the order they must run.
 */
import type { DakaMigration } from './helpers.js';
import { core } from './0001_core.js';
import { attendance } from './0002_attendance.js';
import { devices } from './0003_devices.js';
import { connectors } from './0004_connectors.js';
import { devicePhotos } from './0005_device_photos.js';
import { dayResultHash } from './0006_day_result_hash.js';
import { connectorLifecycle } from './0007_connector_lifecycle.js';
import { connectorBudgets } from './0013_connector_budgets.js';

export const migrations: DakaMigration[] = [core, attendance, devices, connectors, devicePhotos, dayResultHash, connectorLifecycle, connectorBudgets];
