/**
 * Outbound notifications in Daka's terms. The notify module renders a message once and hands it
 * to whichever channels a company configured; each platform adapter turns it into its own wire
 * format (work notice, app message, robot text or markdown, calendar entry) and reports
 * per-recipient failures.
 */
export interface OutboundMessage {
  title: string;
  /** The body: markdown (both platforms render a subset; keep it simple), or plain text with `format: 'text'`. */
  markdown: string;
  /** Default 'markdown'. Plain text renders everywhere, including WeChat for WeCom app messages. */
  format?: 'markdown' | 'text';
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

export type ChannelKind = 'dingtalk_work_notice' | 'dingtalk_robot' | 'wecom_app' | 'wecom_robot';

export interface NotificationChannel {
  readonly kind: ChannelKind;
  /**
   * Person-addressed channels take external user ids; robots post to their group and ignore
   * `recipients` except to @-mention them where the platform supports it.
   */
  send(message: OutboundMessage, recipients: string[]): Promise<OutboundResult>;
}

/** A calendar entry (a shift, a meeting, a reminder) put into employees' platform calendars. */
export interface CalendarEntry {
  summary: string;
  description?: string;
  location?: string;
  startAtMs: number;
  endAtMs: number;
  /** Minutes before the start at which to remind (0 = at the start); empty or absent: no reminder. */
  remindBeforeMinutes?: number[];
  /** Whole days: start and end are midnights in the platform's zone. */
  allDay?: boolean;
  /** The app's own calendar to add it to (set on add; an entry never changes calendar). */
  calendarId?: string;
}

export interface CalendarChannel {
  readonly kind: 'wecom_schedule';
  /** Adds the entry for the attendees (external ids); resolves with the platform's entry id. */
  add(entry: CalendarEntry, attendees: string[], organizer?: string): Promise<{ entryId: string }>;
  /** Replaces what an entry says (times, title, attendees). */
  update(entryId: string, entry: CalendarEntry, attendees: string[]): Promise<void>;
  /** Removes (cancels) an entry. */
  remove(entryId: string): Promise<void>;
  /** A calendar of the app's own, where its entries can be listed again; resolves with its id. */
  createCalendar(summary: string, description: string): Promise<string>;
  /** The entry of the app's calendar whose description holds `marker` and is not cancelled, or null. */
  findByMarker(calendarId: string, marker: string): Promise<string | null>;
}

/** Everything one connector can send through; null where the platform or the configuration lacks it. */
export interface ConnectorChannels {
  /** Work notices (DingTalk) or app messages (WeCom) to people; both need the app's agent id. */
  person: NotificationChannel | null;
  /** The configured group robot. */
  robot: NotificationChannel | null;
  /** WeCom schedules (日程). */
  calendar: CalendarChannel | null;
}

export function withDedupe(message: OutboundMessage): string {
  if (!message.dedupeToken) return message.markdown;
  return message.format === 'text' ? `${message.markdown}\n\n${message.dedupeToken}` : `${message.markdown}\n\n<font color="#999999">${message.dedupeToken}</font>`;
}

/** A plain-text rendering: title line, body, link. */
export function plainText(message: OutboundMessage): string {
  return [message.title, withDedupe(message), message.url].filter((s) => s).join('\n');
}

/** The title, or for an untitled message its first line without markdown marks (a preview line the platforms require). */
export function headline(message: OutboundMessage): string {
  if (message.title) return message.title;
  const first = message.markdown.split('\n').find((l) => l.trim()) ?? '';
  return first.replace(/[#*>`_~[\]]/g, '').trim().slice(0, 64) || '通知';
}
