import type { NotificationChannel, OutboundMessage, OutboundResult } from '../platform/channel.js';
import type { WeComClient } from './client.js';

const clip = (s: string, bytes: number) => {
  const b = Buffer.from(s);
  if (b.length <= bytes) return s;
  // Cut on a character boundary: decoding a truncated buffer may end in U+FFFD, drop it.
  return b.subarray(0, bytes - 3).toString('utf8').replace(/\uFFFD$/, '') + '…';
};

/**
 * App messages. With a link: a textcard (renders in WeChat too); without: markdown (WeCom client
 * only). WeCom reports refused recipients in lower case; they are matched back to the ids we sent.
 */
export class WeComAppChannel implements NotificationChannel {
  readonly kind = 'wecom_app' as const;
  constructor(private readonly client: WeComClient) {}

  async send(message: OutboundMessage, recipients: string[]): Promise<OutboundResult> {
    const res = await this.client.sendAppMessage(
      recipients,
      message.url
        ? { msgtype: 'textcard', textcard: { title: clip(message.title, 128), description: clip(message.markdown, 512), url: message.url, btntxt: '详情' } }
        : { msgtype: 'markdown', markdown: { content: clip(`**${message.title}**\n${message.markdown}`, 2048) } },
    );
    const refused = new Set(res.invalidUsers);
    return {
      messageIds: res.msgid ? [res.msgid] : [],
      rejectedRecipients: recipients.filter((r) => refused.has(r.toLowerCase())),
    };
  }
}

/** A group-robot webhook (消息推送). Markdown supports <@userid> mentions. */
export class WeComRobotChannel implements NotificationChannel {
  readonly kind = 'wecom_robot' as const;
  constructor(
    private readonly client: WeComClient,
    private readonly webhookUrl: string,
  ) {}

  async send(message: OutboundMessage, recipients: string[]): Promise<OutboundResult> {
    const mentions = recipients.map((id) => `<@${id}>`).join(' ');
    const link = message.url ? `\n[查看详情](${message.url})` : '';
    await this.client.sendRobotMessage(this.webhookUrl, {
      msgtype: 'markdown',
      markdown: { content: clip(`**${message.title}**\n${message.markdown}${link}${mentions ? `\n${mentions}` : ''}`, 4096) },
    });
    return { messageIds: [], rejectedRecipients: [] };
  }
}
