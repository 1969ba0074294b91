import type { ListItem, RequestJson, ResponseJson } from '../../api/typed';

export type NotificationSettings = ResponseJson<'/api/v1/notification-rules'>;
export type NotificationSettingsPut = RequestJson<'/api/v1/notification-rules', 'put'>;
export type MyNotificationPrefs = ResponseJson<'/api/v1/notifications/preferences/me'>;
export type MyNotificationPrefsPut = RequestJson<'/api/v1/notifications/preferences/me', 'put'>;
export type DeliveryLog = ResponseJson<'/api/v1/notifications'>;
export type NoticeKind = NotificationSettings['kinds'][number];
export type NotificationTemplate = ListItem<'/api/v1/notification-templates'>;
export type TemplatePreview = ResponseJson<'/api/v1/notification-templates/preview', 'post'>;

export const NOTICE_KINDS: NoticeKind[] = [
  'anomaly', 'anomaly_team', 'digest', 'request_submitted', 'request_decided', 'request_waiting', 'remind_in', 'remind_out',
  'device_offline', 'connector_failed', 'credentials_refused', 'clock_skew', 'gap_unfilled', 'budget_low', 'month_unclosed', 'webhook_disabled',
];
/** What a person may mute for themselves (digests follow their digest choice). */
export const PERSONAL_KINDS: NoticeKind[] = ['anomaly', 'anomaly_team', 'request_submitted', 'request_decided', 'request_waiting', 'remind_in', 'remind_out'];
export const PERSON_CHANNELS = ['dingtalk', 'wecom', 'email', 'webhook'] as const;
