/**
 * The connector a test or benchmark creates against a simulated DingTalk or WeCom tenant: the
 * simulator's own corp, app and secret, a fresh callback AES key, and the simulator's URL.
 */
import { randomBytes } from 'node:crypto';
import type { DingTalkSimulator } from '../../dingtalk/simulator/server.js';
import type { WeComSimulator } from '../../wecom/simulator/server.js';

/** A 43-character callback EncodingAESKey, as the platforms generate them. */
export const simulatorAesKey = (): string => randomBytes(48).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 43);

export function dingTalkConnectorBody(sim: DingTalkSimulator, companyId: number, name = '钉钉') {
  return {
    companyId,
    platform: 'dingtalk' as const,
    name,
    corpId: sim.corpId,
    appKey: sim.apps[0].appKey,
    agentId: String(sim.apps[0].agentId),
    appSecret: sim.apps[0].appSecret,
    callbackToken: 'tok',
    encodingAesKey: simulatorAesKey(),
    baseUrl: sim.url,
  };
}

export function weComConnectorBody(sim: WeComSimulator, companyId: number, name = '企业微信') {
  return {
    companyId,
    platform: 'wecom' as const,
    name,
    corpId: sim.corpId,
    agentId: String(sim.apps[0].agentId),
    appSecret: sim.apps[0].secret,
    callbackToken: 'tok',
    encodingAesKey: simulatorAesKey(),
    baseUrl: sim.url,
  };
}
