/** What each notification is about: the facts a message is rendered from, one shape per kind. */
import type { ReasonLocale } from '../../shared/reasons/render.js';
import type { AnomalyKind } from './anomalies.js';

export type Locale = ReasonLocale;
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

type Reasons = { code: string; params: Record<string, unknown> }[];

export type Notice =
  | { kind: 'anomaly'; date: string; anomaly: AnomalyKind; reasons: Reasons; link: string | null }
  | { kind: 'anomaly_team'; date: string; anomaly: AnomalyKind; employeeName: string; reasons: Reasons; link: string | null }
  | { kind: 'digest'; period: string; lines: { team: string; employeeName: string; date: string; anomaly: AnomalyKind }[]; link: string | null }
  | { kind: 'request_submitted'; requestId: number; requestKind: string; employeeName: string; from: string | null; to: string | null; link: string | null }
  | { kind: 'request_decided'; requestId: number; requestKind: string; approved: boolean; comment: string | null; link: string | null }
  | { kind: 'request_waiting'; requestId: number; requestKind: string; employeeName: string; hours: number; link: string | null }
  | { kind: 'remind_in' | 'remind_out'; date: string; time: string; link: string | null }
  | { kind: 'device_offline'; name: string; lastSeenAt: string | null; link: string | null }
  | { kind: 'connector_failed' | 'credentials_refused'; platform: string; job: string; error: string; link: string | null }
  | { kind: 'clock_skew'; device: string; skewMinutes: number; allowedMinutes: number; link: string | null }
  | { kind: 'gap_unfilled'; device: string; from: string; to: string; hours: number; link: string | null }
  | { kind: 'budget_low'; platform: string; connector: string; month: string; used: number; limit: number; link: string | null }
  | { kind: 'month_unclosed'; month: string; days: number; link: string | null }
  | { kind: 'webhook_disabled'; url: string; reason: string; link: string | null };

export type NoticeKind = Notice['kind'];
export const NOTICE_KINDS: readonly NoticeKind[] = [
  'anomaly',
  'anomaly_team',
  'digest',
  'request_submitted',
  'request_decided',
  'request_waiting',
  'remind_in',
  'remind_out',
  'device_offline',
  'connector_failed',
  'credentials_refused',
  'clock_skew',
  'gap_unfilled',
  'budget_low',
  'month_unclosed',
  'webhook_disabled',
];

/** Operations alerts: they go to HR and admins (and the group robot), never to the person concerned. */
export const OPS_KINDS: readonly NoticeKind[] = ['device_offline', 'connector_failed', 'credentials_refused', 'clock_skew', 'gap_unfilled', 'budget_low', 'month_unclosed', 'webhook_disabled'];
