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
import { boundedInputs } from './0010_bounded_inputs.js';
import { credentialsDevices } from './0011_credentials_devices.js';
import { reasonCodes } from './0012_reason_codes.js';
import { connectorBudgets } from './0013_connector_budgets.js';
import { jobGuard } from './0014_job_guard.js';
import { outbox } from './0015_outbox.js';
import { webPunch } from './0016_web_punch.js';
import { leaveBalances } from './0017_leave_balances.js';
import { notifications } from './0018_notifications.js';
import { webhooks } from './0019_webhooks.js';
import { deviceUsers } from './0020_device_users.js';
import { monthScopesAdjustments } from './0021_month_scopes_adjustments.js';
import { notificationTemplates } from './0023_notification_templates.js';
import { payrollDropWecomLeave } from './0024_payroll_drop_wecom_leave.js';
import { deviceTemplateCopies } from './0025_device_template_copies.js';
import { wecomScheduleLimits } from './0026_wecom_schedule_limits.js';
import { templateDigests } from './0028_template_digests.js';
import { dayAnnouncements } from './0029_day_announcements.js';
import { deliveryHeads } from './0030_delivery_heads.js';
import { outboxPayloadStorage } from './0031_outbox_payload_storage.js';

export const migrations: DakaMigration[] = [core, attendance, devices, connectors, devicePhotos, dayResultHash, connectorLifecycle, boundedInputs, credentialsDevices, reasonCodes, connectorBudgets, jobGuard, outbox, webPunch, leaveBalances, notifications, webhooks, deviceUsers, monthScopesAdjustments, notificationTemplates, payrollDropWecomLeave, deviceTemplateCopies, wecomScheduleLimits, templateDigests, dayAnnouncements, deliveryHeads, outboxPayloadStorage];
