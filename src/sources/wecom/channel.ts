import { headline, plainText, type CalendarChannel, type CalendarEntry, type NotificationChannel, type OutboundMessage, type OutboundResult } from '../platform/channel.js';
import { wallTimeOf } from '../platform/zone.js';
import type { WeComClient } from './client.js';

const clip = (s: string, bytes: number) => {
  const b = Buffer.from(s);
  if (b.length <= bytes) return s;
  // Cut on a character boundary: decoding a truncated buffer may end in U+FFFD, drop it.
  return b.subarray(0, bytes - 3).toString('utf8').replace(/\uFFFD$/, '') + '…';
};

/**
 * App messages. Text as text; markdown with a link as a textcard (renders in WeChat too), without
 * one as markdown (WeCom client only). WeCom reports refused recipients in lower case; they are
 * matched back to the ids we sent.
 */
export class WeComAppChannel implements NotificationChannel {
  readonly kind = 'wecom_app' as const;
  constructor(private readonly client: WeComClient) {}

  async send(message: OutboundMessage, recipients: string[]): Promise<OutboundResult> {
    const res = await this.client.sendAppMessage(
      recipients,
      message.format === 'text'
        ? { msgtype: 'text', text: { content: clip(plainText(message), 2048) } }
        : message.url
          ? { msgtype: 'textcard', textcard: { title: clip(headline(message), 128), description: clip(message.markdown, 512), url: message.url, btntxt: '详情' } }
          : { msgtype: 'markdown', markdown: { content: clip(`${message.title ? `**${message.title}**\n` : ''}${message.markdown}`, 2048) } },
    );
    const refused = new Set(res.invalidUsers);
    return {
      messageIds: res.msgid ? [res.msgid] : [],
      rejectedRecipients: recipients.filter((r) => refused.has(r.toLowerCase())),
    };
  }
}

/** A group-robot webhook (消息推送). Text mentions through `mentioned_list`, markdown through <@userid>. */
export class WeComRobotChannel implements NotificationChannel {
  readonly kind = 'wecom_robot' as const;
  constructor(
    private readonly client: WeComClient,
    private readonly webhookUrl: string,
  ) {}

  async send(message: OutboundMessage, recipients: string[]): Promise<OutboundResult> {
    if (message.format === 'text') {
      await this.client.sendRobotMessage(this.webhookUrl, { msgtype: 'text', text: { content: clip(plainText(message), 2048), mentioned_list: recipients } });
      return { messageIds: [], rejectedRecipients: [] };
    }
    const mentions = recipients.map((id) => `<@${id}>`).join(' ');
    const link = message.url ? `\n[查看详情](${message.url})` : '';
    await this.client.sendRobotMessage(this.webhookUrl, {
      msgtype: 'markdown',
      markdown: { content: clip(`${message.title ? `**${message.title}**\n` : ''}${message.markdown}${link}${mentions ? `\n${mentions}` : ''}`, 4096) },
    });
    return { messageIds: [], rejectedRecipients: [] };
  }
}

/** WeCom only accepts these reminder offsets (seconds before the start). */
export const WECOM_REMINDER_MINUTES = [0, 5, 15, 60, 1440] as const;

/** Schedules (日程) in the attendees' WeCom calendars, created by the app. */
export class WeComScheduleChannel implements CalendarChannel {
  readonly kind = 'wecom_schedule' as const;
  constructor(private readonly client: WeComClient) {}

  async add(entry: CalendarEntry, attendees: string[], organizer?: string): Promise<{ entryId: string }> {
    const entryId = await this.client.addSchedule({ ...(organizer ? { organizer } : {}), ...(entry.calendarId ? { cal_id: entry.calendarId } : {}), ...this.schedule(entry, attendees) });
    return { entryId };
  }

  async update(entryId: string, entry: CalendarEntry, attendees: string[]): Promise<void> {
    await this.client.updateSchedule({ schedule_id: entryId, ...this.schedule(entry, attendees) });
  }

  async remove(entryId: string): Promise<void> {
    await this.client.deleteSchedule(entryId);
  }

  createCalendar(summary: string, description: string): Promise<string> {
    // Read-only for people: only the app adds to it, so listing it finds exactly the app's schedules.
    return this.client.addCalendar({ summary: summary.slice(0, 128), color: '#1677FF', description: description.slice(0, 512), readonly: 1 });
  }

  async findByMarker(calendarId: string, marker: string): Promise<string | null> {
    const found = (await this.client.schedulesOfCalendar(calendarId)).find((s) => s.status !== 1 && (s.description ?? '').includes(marker));
    return found?.schedule_id ?? null;
  }

  /** The schedule's fields; schedule/update overwrites, so add and update send the same set. */
  private schedule(entry: CalendarEntry, attendees: string[]) {
    const reminders = [...new Set(entry.remindBeforeMinutes ?? [])].sort((a, b) => a - b);
    const offsetHours = Math.round(wallTimeOf(entry.startAtMs, this.client.timeZone).utcOffsetMin / 60);
    return {
      start_time: Math.floor(entry.startAtMs / 1000),
      end_time: Math.floor(entry.endAtMs / 1000),
      ...(entry.allDay ? { is_whole_day: 1 as const } : {}),
      attendees: attendees.map((userid) => ({ userid })),
      summary: entry.summary,
      ...(entry.description ? { description: entry.description } : {}),
      ...(entry.location ? { location: entry.location } : {}),
      // remind_time_diffs (several reminders) wins where WeCom knows it; older servers read the single value.
      reminders: reminders.length
        ? { is_remind: 1 as const, remind_before_event_secs: reminders[0] * 60, remind_time_diffs: reminders.map((m) => -m * 60), timezone: offsetHours }
        : { is_remind: 0 as const, timezone: offsetHours },
    };
  }

}
