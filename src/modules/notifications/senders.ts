/**
 * The last step of a delivery: one message to one address, through the platform app (DingTalk
 * work notice, WeCom app message), a group robot, or SMTP. Each failure is sorted into "try
 * again later" (timeouts, rate limits, 4xx SMTP replies, a paused connector) and "will never
 * work as it is" (a refused recipient, bad credentials, a 5xx SMTP reply).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { isConnectorError } from '../../sources/platform/errors.js';
import type { ConnectorChannels, OutboundMessage } from '../../sources/platform/channel.js';
import { plainText } from '../../sources/platform/channel.js';
import { AppError } from '../../shared/errors.js';
import type { DeliveryOutcome } from '../outbox/outbox.types.js';
import type { SmtpSettings } from './settings.js';

export interface ChannelSource {
  channels(connectorId: number): Promise<ConnectorChannels>;
}

const PERMANENT = new Set(['CONNECTOR_INVALID_RECIPIENTS', 'CONNECTOR_PERMISSION_DENIED', 'CONNECTOR_BAD_CREDENTIALS', 'CONNECTOR_REQUEST_REJECTED', 'CONNECTOR_BAD_CONFIG', 'CONNECTOR_IP_NOT_ALLOWED', 'NOT_FOUND', 'ROBOT_NOT_CONFIGURED']);

function outcomeOfError(e: unknown): DeliveryOutcome {
  if (isConnectorError(e)) {
    const status = typeof e.info.httpStatus === 'number' ? e.info.httpStatus : null;
    return PERMANENT.has(e.code) ? { kind: 'rejected', error: e.code, responseStatus: status } : { kind: 'failed', error: e.code, responseStatus: status };
  }
  if (e instanceof AppError) return PERMANENT.has(e.code) ? { kind: 'rejected', error: e.code } : { kind: 'failed', error: e.code };
  return { kind: 'failed', error: e instanceof Error ? e.message.slice(0, 200) : 'SEND_FAILED' };
}

export async function sendToPerson(source: ChannelSource, connectorId: number, externalId: string, message: OutboundMessage): Promise<DeliveryOutcome> {
  try {
    const channel = (await source.channels(connectorId)).person;
    if (!channel) return { kind: 'rejected', error: 'CONNECTOR_NO_AGENT' };
    const res = await channel.send(message, [externalId]);
    if (res.rejectedRecipients.includes(externalId)) return { kind: 'rejected', error: 'RECIPIENT_REFUSED' };
    return { kind: 'delivered', remoteId: res.messageIds[0] ?? null };
  } catch (e) {
    return outcomeOfError(e);
  }
}

export async function sendToRobot(source: ChannelSource, connectorId: number, message: OutboundMessage): Promise<DeliveryOutcome> {
  try {
    const robot = (await source.channels(connectorId)).robot;
    if (!robot) return { kind: 'rejected', error: 'ROBOT_NOT_CONFIGURED' };
    const res = await robot.send(message, []);
    return { kind: 'delivered', remoteId: res.messageIds[0] ?? null };
  } catch (e) {
    return outcomeOfError(e);
  }
}

/** SMTP transports per company, rebuilt when the settings change. */
export class MailSender {
  private transports = new Map<number, { key: string; transport: Transporter }>();

  forget(companyId: number): void {
    this.transports.get(companyId)?.transport.close();
    this.transports.delete(companyId);
  }

  private transportOf(companyId: number, smtp: SmtpSettings): Transporter {
    const key = JSON.stringify(smtp);
    const known = this.transports.get(companyId);
    if (known?.key === key) return known.transport;
    known?.transport.close();
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      // Never log the conversation: it carries the credentials.
      logger: false,
      debug: false,
    });
    this.transports.set(companyId, { key, transport });
    return transport;
  }

  async send(companyId: number, smtp: SmtpSettings, to: string, message: OutboundMessage): Promise<DeliveryOutcome> {
    try {
      const info = await this.transportOf(companyId, smtp).sendMail({ from: smtp.from, to, subject: message.title, text: plainText({ ...message, title: '', dedupeToken: undefined }) });
      if (info.rejected?.length) return { kind: 'rejected', error: 'RECIPIENT_REFUSED' };
      return { kind: 'delivered', remoteId: info.messageId ?? null };
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      if (typeof code === 'number' && code >= 500) return { kind: 'rejected', error: `SMTP ${code}`, responseStatus: code };
      return { kind: 'failed', error: typeof code === 'number' ? `SMTP ${code}` : `SMTP ${(e as { code?: string }).code ?? 'ERROR'}`, ...(typeof code === 'number' ? { responseStatus: code } : {}) };
    }
  }

  close(): void {
    for (const id of [...this.transports.keys()]) this.forget(id);
  }
}
