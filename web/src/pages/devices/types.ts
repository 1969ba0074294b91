import type { ListItem, ResponseJson } from '../../api/typed';

/** A device as listed; its detail adds pending commands, held punches, gaps and recent events. */
export type Device = ListItem<'/api/v1/devices'>;
export type DeviceStatus = Device['status'];
export type Vendor = Device['vendor'];
export type DeviceLimitsStatus = ResponseJson<'/api/v1/devices/limits'>;
export type DeviceDetail = ResponseJson<'/api/v1/devices/{id}'>;
export type DeviceEvent = DeviceDetail['recentEvents'][number];
export type DeviceCommand = ListItem<'/api/v1/devices/{id}/commands'>;
export type DeviceImportResult = ResponseJson<'/api/v1/devices/{id}/import', 'post'>;
export type DeviceApproval = ResponseJson<'/api/v1/devices/{id}/approve', 'post'>;
export type QueuedCommands = ResponseJson<'/api/v1/devices/{id}/commands', 'post'>;

export const COMMAND_KINDS = ['sync_users', 'delete_user', 'query_attlog', 'reboot', 'sync_clock', 'info'] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];
