import type { RateSpec } from '../platform/token-bucket.js';

/**
 * DingTalk's documented call limits as client-side windows (platforms.md §1.5): per app and API,
 * 20 calls/s on the standard edition (40 professional, 60 exclusive; 90018) and 1 500/min (90006).
 * The margin keeps calls reserved exactly one window apart from arriving inside one window.
 */
export const DINGTALK_PER_MINUTE = 1_500;
export const DINGTALK_WINDOW_MARGIN_MS = 20;

export function dingTalkRateSpec(api: string, qps: number): RateSpec {
  // Robots: 20 messages/min each, and a breach mutes the robot for 10 minutes.
  if (api.startsWith('robot:')) return { windows: [{ limit: 20, windowMs: 60_000 }], marginMs: 1_000 };
  // Token endpoints are "blocked when called frequently": keep them slow.
  if (api.includes('token') || api.includes('accessToken')) return { windows: [{ limit: 2, windowMs: 1_000 }], marginMs: DINGTALK_WINDOW_MARGIN_MS };
  return {
    windows: [
      { limit: Math.max(1, Math.floor(qps)), windowMs: 1_000 },
      { limit: DINGTALK_PER_MINUTE, windowMs: 60_000 },
    ],
    marginMs: DINGTALK_WINDOW_MARGIN_MS,
  };
}
