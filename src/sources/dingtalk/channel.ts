import { headline, plainText, withDedupe, type NotificationChannel, type OutboundMessage, type OutboundResult } from '../platform/channel.js';
import type { RobotTarget } from './api-messaging.js';
import type { DingTalkClient } from './client.js';
import type { DingTalkMessage } from './wire.js';

/** Work notices (工作通知) to employees: text, markdown, or an action card when there is a link. */
export class DingTalkWorkNoticeChannel implements NotificationChannel {
  readonly kind = 'dingtalk_work_notice' as const;
  constructor(private readonly client: DingTalkClient) {}

  async send(message: OutboundMessage, recipients: string[]): Promise<OutboundResult> {
    const text = withDedupe(message);
    const msg: DingTalkMessage =
      message.format === 'text'
        ? { msgtype: 'text', text: { content: plainText(message) } }
        : message.url
          ? { msgtype: 'action_card', action_card: { title: headline(message), markdown: text, single_title: '查看详情', single_url: message.url } }
          : { msgtype: 'markdown', markdown: { title: headline(message), text } };
    const res = await this.client.sendWorkNotice(recipients, msg);
    // asyncsend_v2 reports refusals only through getsendresult; none are known at send time.
    return { messageIds: res.taskIds, rejectedRecipients: [] };
  }
}

/** A custom group robot (signed when it has a secret). Recipients are @-mentioned by user id. */
export class DingTalkRobotChannel implements NotificationChannel {
  readonly kind = 'dingtalk_robot' as const;
  constructor(
    private readonly client: DingTalkClient,
    private readonly robot: RobotTarget,
  ) {}

  async send(message: OutboundMessage, recipients: string[]): Promise<OutboundResult> {
    const mentions = recipients.map((id) => `@${id}`).join(' ');
    const at = { atUserIds: recipients, isAtAll: false };
    if (message.format === 'text') {
      await this.client.sendRobotMessage(this.robot, { msgtype: 'text', text: { content: `${plainText(message)}${mentions ? `\n${mentions}` : ''}` }, at });
    } else {
      const link = message.url ? `\n\n[查看详情](${message.url})` : '';
      await this.client.sendRobotMessage(this.robot, {
        msgtype: 'markdown',
        markdown: { title: headline(message), text: `${message.title ? `### ${message.title}\n\n` : ''}${withDedupe(message)}${link}${mentions ? `\n\n${mentions}` : ''}` },
        at,
      });
    }
    return { messageIds: [], rejectedRecipients: [] };
  }
}
