import type { PlatformEvent, TemplateKindMap } from '../platform/neutral.js';
import { mapDingTalkStreamEvent } from './mapper-event.js';
import { DingTalkStreamClient, type DingTalkStreamClientOptions, type StreamAck, type StreamFrame } from './stream-client.js';

/**
 * DingTalk Stream mode (the recommended push channel: no public URL). Un-acked events are
 * re-pushed within about a minute, so the contract is: `accept` must only enqueue (durably if it
 * can) and return quickly; throwing or rejecting asks DingTalk to deliver the event again later.
 */
/** May return a promise: the ack waits for it. */
export type StreamEventSink = (event: PlatformEvent, frame: { messageId: string; topic: string }) => unknown;

const SUCCESS: StreamAck = { status: 'SUCCESS' };
const later = (e: unknown): StreamAck => ({ status: 'LATER', message: e instanceof Error ? e.message : String(e) });

/** Frame → neutral event → `accept`; the ack is synchronous when `accept` is. */
export function dingTalkStreamListener(accept: StreamEventSink, templateKinds: TemplateKindMap = {}): (frame: StreamFrame) => StreamAck | Promise<StreamAck> {
  return (frame) => {
    try {
      const event = mapDingTalkStreamEvent(frame.headers as Record<string, unknown>, frame.data, templateKinds);
      const done = accept(event, { messageId: frame.headers.messageId ?? '', topic: frame.headers.topic ?? '' });
      return done instanceof Promise ? done.then(() => SUCCESS, later) : SUCCESS;
    } catch (e) {
      return later(e);
    }
  };
}

export interface DingTalkStreamConfig extends Omit<DingTalkStreamClientOptions, 'clientId' | 'clientSecret' | 'onEvent'> {
  appKey: string;
  appSecret: string;
  templateKinds?: TemplateKindMap;
}

/** Opens the Stream connection (EVENT topic "*") in the background; `close()` the result to stop. */
export function connectDingTalkStream(config: DingTalkStreamConfig, accept: StreamEventSink): DingTalkStreamClient {
  const { appKey, appSecret, templateKinds, ...rest } = config;
  const client = new DingTalkStreamClient({ ...rest, clientId: appKey, clientSecret: appSecret, onEvent: dingTalkStreamListener(accept, templateKinds) });
  client.start();
  return client;
}
