/**
 * Events → what to tell whom. Pure: an event and the company's settings in, intents out (a
 * recipient, a notice, a dedupe key that names the fact once). Recipients, channels and quiet
 * hours are applied by the consumer.
 */
import type { AttendanceDayChanged, DevicePayload, EventPayloads, RequestPayload } from './event-types.js';
import type { OutboxEvent } from '../outbox/outbox.types.js';
import { localDate } from '../../shared/dates.js';
import { newAnomalies, reasonsFor } from './anomalies.js';
import { correctionLink, linkTo, type Notice } from './messages.js';
import type { NotificationSettings } from './settings.js';

export type Audience = { to: 'employee'; employeeId: number } | { to: 'manager-of'; employeeId: number } | { to: 'staff' } | { to: 'robot' };

export interface Intent {
  audience: Audience;
  notice: Notice;
  /** The fact, without the recipient: the consumer prefixes who it goes to. */
  factKey: string;
}

/** To HR and admins, and the company's group robot: once per fact. */
export function opsIntents(notice: Notice, factKey: string): Intent[] {
  return [
    { audience: { to: 'staff' }, notice, factKey },
    { audience: { to: 'robot' }, notice, factKey },
  ];
}

/**
 * `zone` is the company's: operations facts count once per local day (a device that flaps, a
 * connector failing every run, tell HR once that day).
 */
export function intentsOf(e: OutboxEvent, s: NotificationSettings, publicUrl: string | null, zone = 'UTC'): Intent[] {
  const on = (k: Notice['kind']) => s.kinds.has(k);
  const day = localDate(e.occurredAtMs, zone);
  switch (e.type) {
    case 'attendance_day.changed': {
      const p = e.payload as unknown as AttendanceDayChanged;
      const out: Intent[] = [];
      for (const anomaly of newAnomalies(p.before, p.after)) {
        const reasons = reasonsFor(anomaly, p.after);
        const fact = `${p.employeeId}:${p.date}:${anomaly}`;
        const link = anomaly === 'missing_punch' || anomaly === 'absent' ? correctionLink(publicUrl, p.date) : linkTo(publicUrl, `/me/month?month=${p.date.slice(0, 7)}&date=${p.date}`);
        if (on('anomaly')) out.push({ audience: { to: 'employee', employeeId: p.employeeId }, notice: { kind: 'anomaly', date: p.date, anomaly, reasons, link }, factKey: `anomaly:${fact}` });
        if (on('anomaly_team')) {
          out.push({
            audience: { to: 'manager-of', employeeId: p.employeeId },
            notice: { kind: 'anomaly_team', date: p.date, anomaly, employeeName: p.name, reasons, link: linkTo(publicUrl, `/attendance/daily?date=${p.date}`) },
            factKey: `team:${fact}`,
          });
        }
      }
      return out;
    }
    case 'request.submitted': {
      const p = e.payload as unknown as RequestPayload;
      if (!on('request_submitted')) return [];
      const notice: Notice = { kind: 'request_submitted', requestId: p.requestId, requestKind: p.kind, employeeName: p.name, from: p.from, to: p.to, link: linkTo(publicUrl, `/requests/approvals?request=${p.requestId}`) };
      return p.approverEmployeeIds.filter((id) => id !== p.employeeId).map((id) => ({ audience: { to: 'employee', employeeId: id }, notice, factKey: `request:${p.requestId}:submitted` }));
    }
    case 'request.approved':
    case 'request.rejected': {
      const p = e.payload as unknown as RequestPayload;
      if (!on('request_decided')) return [];
      const approved = e.type === 'request.approved';
      const notice: Notice = { kind: 'request_decided', requestId: p.requestId, requestKind: p.kind, approved, comment: p.comment, link: linkTo(publicUrl, `/requests/mine?request=${p.requestId}`) };
      return [{ audience: { to: 'employee', employeeId: p.employeeId }, notice, factKey: `request:${p.requestId}:${approved ? 'approved' : 'rejected'}` }];
    }
    case 'device.offline': {
      const p = e.payload as unknown as DevicePayload;
      if (!on('device_offline')) return [];
      const notice: Notice = { kind: 'device_offline', name: p.name ?? p.serial, lastSeenAt: p.lastSeenAt, link: linkTo(publicUrl, '/setup/devices') };
      return opsIntents(notice, `ops:device_offline:${p.deviceId}:${day}`);
    }
    case 'connector.run_failed': {
      const p = e.payload as unknown as EventPayloads['connector.run_failed'];
      // Refused credentials never fix themselves: they are their own kind, with what to do.
      const kind = /^CONNECTOR_(BAD_CREDENTIALS|PERMISSION_DENIED)\b/.test(p.error) ? 'credentials_refused' : 'connector_failed';
      if (!on(kind)) return [];
      const notice: Notice = { kind, platform: p.platform, job: p.job, error: p.error, link: linkTo(publicUrl, '/setup/connectors') };
      return opsIntents(notice, `ops:${kind}:${p.connectorId}:${day}`);
    }
    case 'webhook.disabled': {
      const p = e.payload as unknown as EventPayloads['webhook.disabled'];
      if (!on('webhook_disabled')) return [];
      const notice: Notice = { kind: 'webhook_disabled', url: p.url, reason: p.reason, link: linkTo(publicUrl, '/setup/webhooks') };
      return opsIntents(notice, `ops:webhook_disabled:${p.endpointId}:${e.eventId}`);
    }
    default:
      return [];
  }
}

/** The event types a company's settings listen to. */
export function eventTypesFor(s: NotificationSettings): Set<OutboxEvent['type']> {
  const out = new Set<OutboxEvent['type']>();
  if (!s.enabled) return out;
  if (s.kinds.has('anomaly') || s.kinds.has('anomaly_team')) out.add('attendance_day.changed');
  if (s.kinds.has('request_submitted')) out.add('request.submitted');
  if (s.kinds.has('request_decided')) (out.add('request.approved'), out.add('request.rejected'));
  if (s.kinds.has('device_offline')) out.add('device.offline');
  if (s.kinds.has('connector_failed') || s.kinds.has('credentials_refused')) out.add('connector.run_failed');
  if (s.kinds.has('webhook_disabled')) out.add('webhook.disabled');
  return out;
}
