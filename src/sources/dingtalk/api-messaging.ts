import { createHash } from 'node:crypto';
import { ConnectorError, isConnectorError } from '../platform/errors.js';
import { signDingTalkRobotUrl } from './signing.js';
import type { DingTalkTransport } from './transport.js';
import type { DingTalkMessage, DingTalkRobotMessage } from './wire.js';

/** Older docs cap userid_list at 100; chunking there is safe for every edition. */
const WORK_NOTICE_CHUNK = 100;

export interface WorkNoticeResult {
  taskIds: string[];
}

/**
 * Work notice (工作通知) via asyncsend_v2. Fire-and-forget on DingTalk's side: identical content
 * reaches an employee once a day, so callers should put something unique (a date, an id) in it.
 */
export async function sendWorkNotice(
  t: DingTalkTransport,
  userIds: string[],
  msg: DingTalkMessage,
  agentId = t.config.agentId,
): Promise<WorkNoticeResult> {
  if (agentId === undefined) {
    throw new ConnectorError('CONNECTOR_BAD_CONFIG', 'DingTalk work notices need the app agentId', { platform: 'dingtalk' });
  }
  const taskIds: string[] = [];
  for (let i = 0; i < userIds.length; i += WORK_NOTICE_CHUNK) {
    const res = await t.oapi<{ task_id?: string | number }>('/topapi/message/corpconversation/asyncsend_v2', {
      body: { agent_id: agentId, userid_list: userIds.slice(i, i + WORK_NOTICE_CHUNK).join(','), msg },
    });
    if (res.task_id !== undefined) taskIds.push(String(res.task_id));
  }
  return { taskIds };
}

export interface RobotTarget {
  /** The full webhook URL including `access_token` (a credential: never log it). */
  webhookUrl: string;
  /** The 加签 secret (SEC…), when the robot uses signing. */
  secret?: string;
}

/** The robot answers that mean its stored credentials are wrong: the signature (or keyword/IP) check, an unknown token. */
const ROBOT_REFUSED: Record<number, string> = {
  310000: "DingTalk refused the group robot's security check (310000): check the robot's signing secret",
  300001: 'DingTalk does not know the group robot (300001): check the webhook URL',
};

/** Custom group robot. Robots allow 20 messages/min each, so each gets its own rate bucket. */
export async function sendRobotMessage(t: DingTalkTransport, robot: RobotTarget, message: DingTalkRobotMessage): Promise<void> {
  const url = robot.secret ? signDingTalkRobotUrl(robot.webhookUrl, robot.secret, t.clock.now()) : robot.webhookUrl;
  const bucket = `robot:${createHash('sha256').update(robot.webhookUrl).digest('hex').slice(0, 16)}`;
  try {
    await t.plain(bucket, url, message);
  } catch (e) {
    const errcode = isConnectorError(e) ? Number(e.info.errcode) : NaN;
    if (ROBOT_REFUSED[errcode]) throw new ConnectorError('CONNECTOR_BAD_CREDENTIALS', ROBOT_REFUSED[errcode], { platform: 'dingtalk', api: '/robot/send', errcode });
    throw e;
  }
}
