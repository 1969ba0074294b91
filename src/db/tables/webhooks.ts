/** Signed webhook subscriptions and private calendar feeds. */
import type { ColumnType } from 'kysely';
import type { Id, Json } from './core.js';

export interface WebhookEndpointsTable {
  id: Id;
  company_id: number;
  url: string;
  description: string | null;
  /** JSON array of event type names. */
  event_types: Json;
  /** `whsec_…` sealed with the SecretBox; never returned after creation or rotation. */
  secret_sealed: string;
  /** The secret before the last rotation, still signed with until `previous_secret_until_ms`. */
  previous_secret_sealed: string | null;
  previous_secret_until_ms: number | null;
  /** 'api' (set up by a person) or 'rest_hook' (subscribed by an integration platform). */
  origin: 'api' | 'rest_hook';
  /** 'events': the subscribed events as JSON; 'payroll': the payroll export (CSV) of each closed month. */
  purpose: ColumnType<'events' | 'payroll' | 'notifications', 'events' | 'payroll' | 'notifications' | undefined, 'events' | 'payroll' | 'notifications'>;
  /**
   * A payroll endpoint that writes files instead of POSTing: the folder, relative to the
   * operator's DAKA_PAYROLL_DROP_DIR (then `url` is empty). Null for HTTPS targets.
   */
  drop_folder: ColumnType<string | null, string | null | undefined, string | null>;
  enabled: number;
  disabled_reason: string | null;
  disabled_at_ms: number | null;
  created_by_user_id: number | null;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface CalendarFeedsTable {
  id: Id;
  company_id: number;
  /** The employee whose calendar it is (for 'team', the manager). */
  employee_id: number;
  scope: 'self' | 'team';
  /** SHA-256 (hex) of the URL's token. */
  token_hash: string;
  created_by_user_id: number | null;
  created_at_ms: number;
  revoked_at_ms: number | null;
}

export interface CalendarFeedItemsTable {
  feed_id: number;
  uid: string;
  /** What the feed last said about the event; a different hash raises the SEQUENCE. */
  hash: string;
  sequence: number;
}

/** Approved leave mirrored as a schedule (日程) in the employee's WeCom calendar: one row per request. */
export interface WecomLeaveSchedulesTable {
  connector_id: number;
  request_id: number;
  company_id: number;
  employee_id: number;
  /** WeCom's schedule_id; null until schedule/add answered. */
  schedule_id: string | null;
  /** SHA-256 of what was last sent (title, times, attendee): an unchanged request is not sent again. */
  content_hash: string | null;
  /** 'active' while the schedule is in the calendar; 'deleted' once schedule/del answered. */
  status: 'active' | 'deleted';
  updated_at_ms: number;
  /** Set before schedule/add, cleared once its schedule_id is stored: an add that may have happened. */
  add_marker: string | null;
}
