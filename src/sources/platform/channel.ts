/**
 * Outbound notifications in Daka's terms. The notify module renders a message once and hands it
 * to whichever channels a company configured; each platform adapter turns it into its own wire
 * format (work notice, app message, robot markdown) and reports per-recipient failures.
 */
export interface OutboundMessage {
  title: string;
  /** Markdown body (both platforms render a subset; keep it simple). */
  markdown: string;
  /** Optional link to the relevant page in Daka. */
  url?: string;
  /**
   * Something unique per send (a date, an id). DingTalk silently drops identical content sent to
   * the same person twice a day, so adapters append it when the platform needs that.
   */
  dedupeToken?: string;
}

export interface OutboundResult {
  /** Platform message / task ids, for recall or delivery polling. */
  messageIds: string[];
  /** Recipients the platform refused (external ids). */
  rejectedRecipients: string[];
}

export interface NotificationChannel {
  readonly kind: 'dingtalk_work_notice' | 'dingtalk_robot' | 'wecom_app' | 'wecom_robot';
  /**
   * Person-addressed channels take external user ids; robots post to their group and ignore
   * `recipients` except to @-mention them where the platform supports it.
   */
  send(message: OutboundMessage, recipients: string[]): Promise<OutboundResult>;
}

export function withDedupe(message: OutboundMessage): string {
  return message.dedupeToken ? `${message.markdown}\n\n<font color="#999999">${message.dedupeToken}</font>` : message.markdown;
}
