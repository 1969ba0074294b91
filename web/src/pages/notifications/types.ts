import type { RequestJson, ResponseJson } from '../../api/typed';

export type NotificationSettings = ResponseJson<'/api/v1/notifications/settings'>;
export type NotificationSettingsPut = RequestJson<'/api/v1/notifications/settings', 'put'>;
export type MyNotificationPrefs = ResponseJson<'/api/v1/notifications/preferences/me'>;
export type MyNotificationPrefsPut = RequestJson<'/api/v1/notifications/preferences/me', 'put'>;
export type DeliveryLog = ResponseJson<'/api/v1/notifications'>;
export type NoticeKind = NotificationSettings['kinds'][number];

export const NOTICE_KINDS: NoticeKind[] = ['anomaly', 'anomaly_team', 'digest', 'request_submitted', 'request_decided', 'request_waiting', 'remind_in', 'remind_out', 'device_offline', 'connector_failed'];
/** What a person may mute for themselves (digests follow their digest choice). */
export const PERSONAL_KINDS: NoticeKind[] = ['anomaly', 'anomaly_team', 'request_submitted', 'request_decided', 'request_waiting', 'remind_in', 'remind_out'];
