/**
 * Group-robot configuration: a webhook URL (its access_token / key is the credential) and, for a
 * DingTalk robot with 加签, its signing secret. Stored in the sealed secrets, never returned.
 */
import { badRequest } from '../../shared/errors.js';
import { egressPolicy } from '../../shared/egress/index.js';
import type { ConnectorSecrets, RobotSecrets } from './connector-config.js';

const WEBHOOKS = {
  dingtalk: { origin: 'https://oapi.dingtalk.com', path: '/robot/send', param: 'access_token' },
  wecom: { origin: 'https://qyapi.weixin.qq.com', path: '/cgi-bin/webhook/send', param: 'key' },
} as const;

const FIELD = 'body.robotWebhookUrl';

/**
 * The webhook as the platform shows it. It must point at the platform's own robot endpoint, or at
 * the same endpoint under the connector's baseUrl (private deployments, simulators): a webhook
 * elsewhere would send messages, and the credential in them, to an arbitrary host.
 */
export function checkRobotWebhook(platform: 'dingtalk' | 'wecom', url: string, baseUrl: string | null): string {
  const spec = WEBHOOKS[platform];
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw badRequest('INVALID_ROBOT_WEBHOOK', 'robotWebhookUrl is not a URL', { field: FIELD });
  }
  const base = baseUrl ? new URL(baseUrl) : null;
  const prefix = base && u.origin === base.origin ? base.pathname.replace(/\/$/, '') : u.origin === spec.origin ? '' : null;
  if (prefix === null || u.pathname !== `${prefix}${spec.path}`) {
    throw badRequest('INVALID_ROBOT_WEBHOOK', `robotWebhookUrl must be ${spec.origin}${spec.path}?${spec.param}=… (or that path under the connector's baseUrl)`, { field: FIELD });
  }
  if (u.username || u.password || u.hash) throw badRequest('INVALID_ROBOT_WEBHOOK', 'robotWebhookUrl takes no credentials or fragment', { field: FIELD });
  const params = [...u.searchParams.keys()];
  if (!u.searchParams.get(spec.param) || params.length !== 1) {
    throw badRequest('INVALID_ROBOT_WEBHOOK', `robotWebhookUrl needs its ${spec.param} and nothing else (Daka signs each message itself)`, { field: FIELD });
  }
  // Under the connector's baseUrl is only a shape check: the host must still pass the egress policy.
  egressPolicy().assertConfigurable(platform, u.toString(), FIELD);
  return u.toString();
}

export interface RobotInput {
  robotWebhookUrl?: string | null;
  robotSecret?: string | null;
}

/**
 * The robot after applying a create or patch input to the current one: undefined fields keep what
 * is stored, null removes it. Returns the new robot and the names of what changed (for the audit).
 */
export function applyRobot(platform: 'dingtalk' | 'wecom', current: RobotSecrets | undefined, input: RobotInput, baseUrl: string | null): { robot: RobotSecrets | undefined; changed: string[] } {
  const changed: string[] = [];
  if (input.robotSecret !== undefined && input.robotSecret !== null && platform !== 'dingtalk') {
    throw badRequest('FIELD_NOT_FOR_PLATFORM', 'only DingTalk robots are signed with a secret; a WeCom robot is its webhook key', { field: 'body.robotSecret' });
  }
  let robot = current ? { ...current } : undefined;
  if (input.robotWebhookUrl === null) {
    if (robot) changed.push('robotWebhookUrl');
    if (robot?.secret) changed.push('robotSecret');
    robot = undefined;
  } else if (input.robotWebhookUrl !== undefined) {
    robot = { ...robot, webhookUrl: checkRobotWebhook(platform, input.robotWebhookUrl, baseUrl) };
    changed.push('robotWebhookUrl');
  }
  if (input.robotSecret !== undefined) {
    if (input.robotSecret !== null && !robot) {
      throw badRequest('ROBOT_WEBHOOK_REQUIRED', 'set robotWebhookUrl together with (or before) robotSecret', { field: 'body.robotWebhookUrl' });
    }
    if (robot && (input.robotSecret !== null || robot.secret)) {
      if (input.robotSecret === null) delete robot.secret;
      else robot.secret = input.robotSecret;
      if (!changed.includes('robotSecret')) changed.push('robotSecret');
    }
  }
  return { robot, changed };
}

export function withRobot(secrets: ConnectorSecrets, robot: RobotSecrets | undefined): ConnectorSecrets {
  const { robot: _old, ...rest } = secrets;
  return robot ? { ...rest, robot } : rest;
}
