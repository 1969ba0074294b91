/**
 * Platform-neutral shapes the DingTalk and WeCom mappers produce for the directory, approvals and
 * callback events. Nothing here names a vendor field; the DB-backed services consume these.
 */

export interface DirectoryUser {
  externalId: string;
  name: string;
  jobNumber?: string;
  email?: string;
  mobile?: string;
  departmentExternalIds: string[];
  managerExternalId?: string;
  active: boolean;
  /**
   * Neutral fields the platform did not return (WeCom apps created after 2022-06-20 get no mobile
   * or email; DingTalk needs a sensitive-field permission). HR sees why a field is blank.
   */
  missingFields: string[];
}

export interface DirectoryDepartment {
  externalId: string;
  name: string;
  /** null for top-level departments. */
  parentExternalId: string | null;
  managerExternalIds: string[];
  order?: number;
}

export type ApprovalKind = 'leave' | 'correction' | 'overtime';
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'deleted';

export interface ApprovalRecord {
  kind: ApprovalKind;
  /** The platform's id for the approval (instance id, SpNo); stable across re-fetches. */
  externalId: string;
  userExternalId: string;
  status: ApprovalStatus;
  /** The period the approval covers, [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  /** The leave type as the platform names it (年假, 事假, a leave code…). */
  leaveType?: string;
  /** Half-day leave: which half. */
  half?: 'am' | 'pm';
  /** Missed-punch corrections: the instant the punch is corrected to. */
  correctionAtMs?: number;
  /** Duration as stated by the platform, in minutes, when it states one. */
  durationMin?: number;
}

/** Template → kind, configured per tenant (template ids and process codes differ per company). */
export type TemplateKindMap = Readonly<Record<string, ApprovalKind>>;

export type ContactChange =
  | 'user_created'
  | 'user_updated'
  | 'user_left'
  | 'user_activated'
  | 'department_created'
  | 'department_updated'
  | 'department_removed'
  | 'other';

interface EventBase {
  /** Deduplication key: platforms redeliver events. */
  eventId: string;
  tenant: string;
  atMs: number | null;
}

export type PlatformEvent =
  | (EventBase & { type: 'check_url' })
  | (EventBase & {
      type: 'punch';
      /** A trigger, not the truth: re-query the punches of these users around these instants. */
      punches: Array<{ userExternalId: string; atMs: number }>;
    })
  | (EventBase & {
      type: 'contact';
      change: ContactChange;
      userExternalIds: string[];
      departmentExternalIds: string[];
    })
  | (EventBase & {
      type: 'approval';
      approvalExternalId: string;
      templateExternalId: string | null;
      kind: ApprovalKind | null;
      status: ApprovalStatus;
      userExternalId: string | null;
    })
  | (EventBase & { type: 'other'; name: string });

/** A leave type as the platform's leave management configures it. */
export interface PlatformLeaveType {
  externalId: string;
  name: string;
  /** What the platform counts it in. */
  unit: 'day' | 'hour';
  /** Hours one day is worth when converting between days and hours. */
  hoursPerDay: number;
  /** Time off in lieu of overtime (调休). */
  compensatory: boolean;
}

/** One member's quota of one platform leave type, in that type's unit. */
export interface PlatformLeaveQuota {
  typeExternalId: string;
  name: string;
  unit: 'day' | 'hour';
  hoursPerDay: number;
  granted: number;
  used: number;
  left: number;
}
