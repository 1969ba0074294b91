import type { Id } from '../../api/types';

export type DeviceStatus = 'pending' | 'active' | 'disabled';
export type Vendor = 'zkteco' | 'hikvision' | 'other';

export interface Device {
  id: Id;
  companyId: Id | null;
  siteId: Id | null;
  vendor: Vendor;
  model: string | null;
  serialNumber: string;
  mac: string | null;
  name: string;
  timeZone: string;
  timeZoneSetting: string | null;
  status: DeviceStatus;
  hasAuthToken: boolean;
  allowedIps: string[] | null;
  firmware: string | null;
  pushVersion: string | null;
  language: string | null;
  userCount: number | null;
  fpCount: number | null;
  faceCount: number | null;
  attlogCount: number | null;
  lastSeenAtMs: number | null;
  lastUploadAtMs: number | null;
  lastPunchAtMs: number | null;
  lagMs: number | null;
  /** Device clock minus server clock (positive: ahead, negative: behind). */
  clockSkewMs: number | null;
  lastIp: string | null;
  offlineAfterMin: number;
  online: boolean;
  /** Where an admin registered the device to be pulled from (Hikvision ISAPI). */
  pullUrl: string | null;
  /** The last limit the device ran into, and when. */
  limitHit: 'held_punches' | 'photo_bytes' | null;
  limitHitAtMs: number | null;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface DeviceLimitsStatus {
  limits: { maxPendingDevices: number; newSerialsPerAddressPerHour: number; maxHeldPunchesPerDevice: number; maxPhotoBytesPerDevice: number };
  pendingDevices: number;
  refusals: { new_serials: number; pending_devices: number; held_punches: number; photo_bytes: number; lastAtMs: number | null };
}

export interface DeviceEvent {
  id: Id;
  kind: string;
  atMs: number;
  details: unknown;
}

export interface DeviceDetail extends Device {
  pendingCommands: number;
  heldPunches: number;
  gaps: DeviceEvent[];
  recentEvents: DeviceEvent[];
}

export interface DeviceCommand {
  id: Id;
  kind: string;
  command: string;
  status: string;
  returnCode: number | null;
  result: unknown;
  createdAtMs: number;
  sentAtMs: number | null;
  finishedAtMs: number | null;
}

export interface DeviceImportResult {
  format: string;
  dryRun: boolean;
  total: number;
  valid: number;
  problems: { line: number; column?: string; message: string }[];
  stored?: number;
  duplicates?: number;
}

export const COMMAND_KINDS = ['sync_users', 'delete_user', 'query_attlog', 'reboot', 'sync_clock', 'info'] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];
