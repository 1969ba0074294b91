import type { DWClient, DWClientDownStream, EventAckData } from 'dingtalk-stream';
import type { PlatformEvent, TemplateKindMap } from '../platform/neutral.js';
import { mapDingTalkStreamEvent } from './mapper-event.js';

/**
 * DingTalk Stream mode (the recommended push channel: no public URL). The SDK's listener is
 * synchronous and un-acked events are re-pushed within about a minute, so the contract is:
 * `accept` must only enqueue (durably if it can) and return quickly; throwing asks DingTalk to
 * deliver the event again later.
 */
export type StreamEventSink = (event: PlatformEvent, frame: { messageId: string; topic: string }) => void;

export function dingTalkStreamListener(
  accept: StreamEventSink,
  templateKinds: TemplateKindMap = {},
): (msg: DWClientDownStream) => EventAckData {
  return (msg) => {
    try {
      const event = mapDingTalkStreamEvent(msg.headers as unknown as Record<string, unknown>, msg.data, templateKinds);
      accept(event, { messageId: msg.headers.messageId, topic: msg.headers.topic });
      return { status: 'SUCCESS' as EventAckData['status'] };
    } catch (e) {
      return { status: 'LATER' as EventAckData['status'], message: (e as Error).message };
    }
  };
}

export interface DingTalkStreamConfig {
  appKey: string;
  appSecret: string;
  templateKinds?: TemplateKindMap;
}

/** Open the Stream connection (EVENT topic "*"); call `disconnect()` on the result to stop. */
export async function connectDingTalkStream(config: DingTalkStreamConfig, accept: StreamEventSink): Promise<DWClient> {
  // The SDK (and its websocket stack) loads only when a Stream connection is opened.
  const { DWClient: Client } = await import('dingtalk-stream');
  const client = new Client({ clientId: config.appKey, clientSecret: config.appSecret, keepAlive: true });
  client.registerAllEventListener(dingTalkStreamListener(accept, config.templateKinds));
  await client.connect();
  return client;
}
