/** Attendance machines: devices, their command queue, punches of pending devices, events. */
import type { ColumnType } from 'kysely';
import type { Id, Json } from './core.js';

export interface DevicesTable {
  id: Id;
  /** Null while pending: an unknown machine has not been given to a company yet. */
  company_id: number | null;
  site_id: number | null;
  vendor: 'zkteco' | 'hikvision' | 'other';
  model: string | null;
  serial_number: string;
  mac: string | null;
  name: string;
  /** Null: the site's zone, else the company's. */
  time_zone: string | null;
  status: 'pending' | 'active' | 'disabled';
  /** JSON StatusMap (status code → direction) or null for the default mapping. */
  status_map: Json | null;
  /** JSON PushOptions sent at handshake. */
  push_options: Json;
  /** Sealed (SecretBox) token a device must present, or null. */
  auth_token_sealed: string | null;
  /** JSON array of allowed source IPs/CIDRs, or null for any. */
  allowed_ips: Json | null;
  firmware: string | null;
  push_version: string | null;
  language: string | null;
  user_count: number | null;
  fp_count: number | null;
  face_count: number | null;
  attlog_count: number | null;
  /** JSON { attlog, operlog, photo } upload resume markers. */
  stamps: Json;
  last_seen_at_ms: number | null;
  last_upload_at_ms: number | null;
  /** Newest punch instant received from the device (lag = last upload − this). */
  last_punch_at_ms: number | null;
  /** Device clock minus server clock at the last measurement (positive: ahead, negative: behind). */
  clock_skew_ms: number | null;
  clock_checked_at_ms: number | null;
  last_ip: string | null;
  offline_after_min: number;
  /** The address an admin registered for pulling the device (e.g. ISAPI http://192.168.1.64). */
  pull_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** The last limit the device ran into: 'held_punches' | 'photo_bytes'. */
  limit_hit: ColumnType<string | null, string | null | undefined, string | null>;
  limit_hit_at_ms: ColumnType<number | null, number | null | undefined, number | null>;
  /** 1 while heartbeats arrive; flips to 0 (with an event) after offline_after_min of silence. */
  online: number;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface DeviceCommandsTable {
  id: Id;
  device_id: number;
  kind: string;
  command: string;
  status: 'queued' | 'sent' | 'done' | 'failed';
  return_code: number | null;
  result: Json | null;
  created_by_user_id: number | null;
  created_at_ms: number;
  sent_at_ms: number | null;
  finished_at_ms: number | null;
  /** A sealed template the command carries after its text; wiped once the device answered. */
  payload_sealed: string | null;
}

export interface DeviceHeldPunchesTable {
  device_id: number;
  idempotency_key: string;
  at_ms: number;
  /** JSON CheckinInput, ingested when the device is approved into a company. */
  payload: Json;
  received_at_ms: number;
}

export interface DeviceEventsTable {
  id: Id;
  device_id: number;
  kind: 'registered' | 'approved' | 'online' | 'offline' | 'gap' | 'reset' | 'command_failed' | 'clock_skew';
  at_ms: number;
  details: Json | null;
}

export interface DevicePhotosTable {
  device_id: number;
  /** The key of the punch the photo shows (`zk:<SN>:<PIN>:<wall time>`): it may arrive before the punch. */
  idempotency_key: string;
  name: string;
  bytes: Buffer;
  received_at_ms: number;
}

/** A terminal's user list as its OPERLOG `USER` lines report it (the password itself is never kept). */
export interface DeviceUsersTable {
  device_id: number;
  pin: string;
  name: string | null;
  privilege: number | null;
  card: string | null;
  user_group: number | null;
  has_password: number;
  updated_at_ms: number;
}

/** A biometric template on a terminal; the template is sealed (SecretBox) and never returned by the API. */
export interface DeviceTemplatesTable {
  device_id: number;
  pin: string;
  kind: 'fingerprint' | 'face' | 'finger_vein' | 'palm' | 'other';
  /** Which template of the person: FID, or BIODATA `type:no:index`. */
  slot: string;
  valid: number | null;
  size: number;
  /** BIODATA format/version facts, for copying to a terminal of the same algorithm. */
  format: string | null;
  template_sealed: string;
  /** SecretBox.digest of the template: tells a re-enrolled template from a re-sent one. Null: stored before digests. */
  content_digest: string | null;
  received_at_ms: number;
}

export interface DeviceOplogTable {
  id: Id;
  device_id: number;
  /** Hash of the record as the device sent it: a re-upload stores nothing twice. */
  record_key: string;
  op_type: number | null;
  operator: string | null;
  /** The device's wall time of the operation (no zone). */
  op_time: string | null;
  who: string | null;
  /** JSON array of Value1..3. */
  op_values: Json;
  received_at_ms: number;
}

/** The last joiner/leaver push of an employee to a terminal and its outcome. */
export interface DeviceUserPushesTable {
  device_id: number;
  employee_id: number;
  pin: string;
  action: 'update' | 'delete';
  status: 'pending' | 'acked' | 'failed';
  command_id: number | null;
  attempts: number;
  return_code: number | null;
  updated_at_ms: number;
}

/** A template copied to a terminal of the source terminal's site, and the outcome. */
export interface DeviceTemplateCopiesTable {
  device_id: number;
  pin: string;
  kind: string;
  slot: string;
  source_device_id: number;
  /** Digest of the template content this copy carries (see DeviceTemplatesTable). */
  content_digest: string | null;
  status: 'pending' | 'acked' | 'failed';
  command_id: number | null;
  attempts: number;
  return_code: number | null;
  updated_at_ms: number;
}

/** A `DATA QUERY ATTLOG` queued for a gap event, keyed by that event. */
export interface DeviceGapFillsTable {
  event_id: number;
  device_id: number;
  from_wall: string;
  to_wall: string;
  command_id: number | null;
  status: 'queued' | 'filled' | 'failed';
  created_at_ms: number;
  finished_at_ms: number | null;
}

/** A Hikvision terminal followed over alertStream; the instance holding its connection renews the lease. */
export interface DeviceAlertStreamsTable {
  device_id: number;
  username: string;
  password_sealed: string;
  lease_owner: string | null;
  lease_until_ms: number | null;
  updated_at_ms: number;
}
