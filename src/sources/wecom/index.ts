/** WeCom connector, wire layer: client, callbacks, mappers, back-fill, notification channels. */
export { WeComClient, type WeComAppConfig, type ApprovalFilter, type AppMessageResult } from './client.js';
export { verifyWeComUrl, openWeComCallback, parseWeComPlaintext, sealWeComCallback, type WeComCallbackConfig, type WeComCallback } from './callback.js';
export * from './mapper.js';
export { planWeComBackfill, runWeComBackfill, WECOM_BACKFILL_WINDOW } from './backfill.js';
export { WeComAppChannel, WeComRobotChannel, WeComScheduleChannel, WECOM_REMINDER_MINUTES } from './channel.js';
export type * from './wire.js';
