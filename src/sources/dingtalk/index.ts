/** DingTalk connector, wire layer: client, callbacks, mappers, back-fill, notification channels. */
export { DingTalkClient, type DingTalkAppConfig } from './client.js';
export { openDingTalkCallback, dingTalkEncryptedReply, sealDingTalkCallback, type DingTalkCallbackConfig, type DingTalkCallback } from './callback.js';
export { dingTalkRobotSignature, dingTalkServerApiSignature, signDingTalkRobotUrl, verifyDingTalkRobotSignature } from './signing.js';
export * from './mapper.js';
export { planDingTalkBackfill, runDingTalkBackfill, DINGTALK_BACKFILL_WINDOW, type DingTalkBackfillOptions } from './backfill.js';
export { DingTalkWorkNoticeChannel, DingTalkRobotChannel } from './channel.js';
export type { RobotTarget } from './api-messaging.js';
export type * from './wire.js';
export { connectDingTalkStream, dingTalkStreamListener, type DingTalkStreamConfig, type StreamEventSink } from './stream.js';
export {
  DingTalkStreamClient,
  DINGTALK_STREAM_GATEWAY_PATH,
  type DingTalkStreamClientOptions,
  type StreamAck,
  type StreamFrame,
  type StreamState,
  type StreamStatus,
} from './stream-client.js';
