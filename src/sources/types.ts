/**
 * What every source hands to the checkin ingest: a punch in Daka's own terms.
 * Vendor field names stop at each source's mapper.ts; nothing past it sees them.
 */

export type CheckinSource =
  | 'zkteco'
  | 'hikvision'
  | 'dingtalk'
  | 'wecom'
  | 'api'
  | 'web'
  | 'file'
  | 'correction';

export type VerifyMethod =
  | 'fingerprint'
  | 'face'
  | 'card'
  | 'password'
  | 'palm'
  | 'iris'
  | 'gps'
  | 'wifi'
  | 'bluetooth'
  | 'app'
  | 'manual'
  | 'other';

export type PunchDirection = 'in' | 'out' | 'break_out' | 'break_in' | 'ot_in' | 'ot_out';

/**
 * Who punched, as the source names them. Identity resolution maps it to an employee:
 * `provider` + `tenant` + `externalId` is unique within a company.
 * - devices: provider 'device', tenant '' (PINs are shared by every machine of a company), externalId = PIN
 * - dingtalk: provider 'dingtalk', tenant = corpId, externalId = userid
 * - wecom: provider 'wecom', tenant = corpId, externalId = userid
 * - hikvision: provider 'device', tenant '', externalId = employeeNoString (same PIN space as other machines)
 * - api/web: provider 'employee', tenant '', externalId = the employee id or job number
 */
export interface SourceIdentity {
  provider: 'device' | 'dingtalk' | 'wecom' | 'employee' | 'job_number';
  tenant: string;
  externalId: string;
}

export interface PunchLocation {
  lat?: number | null;
  lng?: number | null;
  accuracyM?: number | null;
  address?: string | null;
  wifiSsid?: string | null;
  wifiBssid?: string | null;
  /** How a web punch's position stood against the geofences (evidence kept with the punch). */
  geofence?: { verdict: 'inside' | 'outside' | 'not_checked'; siteId: number | null; distanceM: number | null } | null;
  /** 外勤: a punch kept outside every geofence, with the reason the employee gave. */
  fieldWorkReason?: string | null;
}

export interface CheckinInput {
  source: CheckinSource;
  /** The source's own record id where it has one (DingTalk record id, WeCom exception-free key, device log id). */
  sourceRecordId: string | null;
  /**
   * Re-delivery of the same punch must produce the same key. Devices: `zk:<SN>:<PIN>:<wall time>`;
   * platforms: `<provider>:<corpId>:<record id>`; API clients may send their own.
   */
  idempotencyKey: string;
  identity: SourceIdentity;
  /** The instant, epoch ms. */
  atMs: number;
  /** Wall clock as the source saw it, `YYYY-MM-DDTHH:mm:ss`, in `timeZone` with `utcOffsetMin`. */
  wallTime: string;
  utcOffsetMin: number;
  timeZone: string;
  deviceSn?: string | null;
  verifyMethod?: VerifyMethod | null;
  direction?: PunchDirection | null;
  location?: PunchLocation | null;
  /** Photo evidence: a URL or a stored blob reference. */
  photoRef?: string | null;
  /** The platform's own verdict (DingTalk timeResult, WeCom exception_type) kept for reconciliation. */
  platformResult?: string | null;
  /** The vendor payload of this one punch, as received. */
  raw: unknown;
}

export interface IngestItemResult {
  idempotencyKey: string;
  outcome: 'created' | 'duplicate' | 'rejected';
  checkinId?: string;
  /** Present when the punch's identity is not linked to an employee yet: kept, listed for HR. */
  unmatched?: boolean;
  error?: { code: string; message: string };
}

export interface IngestSummary {
  created: number;
  duplicates: number;
  rejected: number;
  unmatched: number;
  items: IngestItemResult[];
}

/** The port every source writes through; the checkins module implements it. */
export interface CheckinSink {
  ingest(companyId: number, items: CheckinInput[], opts?: { holdReason?: string | null }): Promise<IngestSummary>;
}
