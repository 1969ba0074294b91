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
