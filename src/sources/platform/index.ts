/** Shared connector machinery for DingTalk and WeCom (see the platform folders for the clients). */
export { ConnectorError, isConnectorError, type ConnectorErrorCode, type ConnectorErrorDetails, type Platform } from './errors.js';
export { ApiCaller, defaultRetryPolicy, type RetryPolicy, type CallEvent, type Failure } from './api-caller.js';
export { TokenCache, type AccessToken, type TokenStore, type TokenCacheOptions } from './token-cache.js';
export { TokenBucket, RateLimiterRegistry, PauseGate, type RateSpec } from './token-bucket.js';
export { backoffDelay, type BackoffPolicy } from './backoff.js';
export { MeteredBudget, MemoryBudgetStore, type BudgetStore, type BudgetWarning, type MeteredBudgetOptions } from './budget.js';
export { MemoryNonceCache, type NonceCache } from './nonce-cache.js';
export { openSignedEnvelope, type CallbackSecrets, type CallbackVerifyOptions, type OpenedCallback } from './callback-verifier.js';
export {
  callbackSignature,
  verifyCallbackSignature,
  decryptCallbackPayload,
  encryptCallbackPayload,
  parseEncodingAesKey,
} from './callback-crypto.js';
export {
  planBackfill,
  runBackfill,
  emptyCursor,
  markDone,
  isDone,
  cursorComplete,
  type BackfillBatch,
  type BackfillCursor,
  type BackfillPlan,
  type BackfillProgress,
  type BackfillWindow,
} from './backfill.js';
export type { NotificationChannel, OutboundMessage, OutboundResult, ChannelKind, CalendarChannel, CalendarEntry, ConnectorChannels } from './channel.js';
export type { PlatformDayResult } from './day-result.js';
export type * from './neutral.js';
export { systemClock, type Clock } from './clock.js';
