/**
 * The signed-webhook channel: a notification POSTed to the company's endpoint of purpose
 * 'notifications', signed and sent by the webhooks module (Standard Webhooks signature, egress
 * policy, response handling), retried by the outbox like every notification. The body names the
 * recipient so the receiver (the company's own messenger, a ticket system) can relay it.
 */
import type { OutboundMessage } from '../../sources/platform/channel.js';
import { plainText } from '../../sources/platform/channel.js';
import type { Delivery, DeliveryOutcome } from '../outbox/outbox.types.js';
import type { NoticeKind } from './messages.js';
import type { Address } from './recipients.js';

/** What notifications need of the webhooks consumer: its signed POST. */
export interface SignedPoster {
  post(d: Delivery, endpointId: number, body: string, contentType: string): Promise<DeliveryOutcome>;
}

export const NOTIFICATION_WEBHOOK_TYPE = 'notification.message';

/**
 * The same bytes on every retry (the timestamp is the delivery's creation), under a `webhook-id`
 * of its own (`ntf_<delivery id>`): one event may notify several people.
 */
export function notificationWebhookBody(d: Pick<Delivery, 'id' | 'companyId' | 'createdAtMs'>, a: Extract<Address, { channel: 'webhook' }>, kind: NoticeKind, m: OutboundMessage): { id: string; body: string } {
  const id = `ntf_${d.id}`;
  const data = {
    kind,
    recipient: { employeeId: a.employeeId, employeeNo: a.employeeNo, name: a.name, email: a.email },
    title: m.title,
    markdown: m.markdown,
    text: plainText({ ...m, title: '', dedupeToken: undefined }),
    url: m.url ?? null,
  };
  return { id, body: JSON.stringify({ id, type: NOTIFICATION_WEBHOOK_TYPE, timestamp: new Date(d.createdAtMs).toISOString(), companyId: d.companyId, data }) };
}
