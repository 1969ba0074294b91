import { describe, expect, it } from 'vitest';
import { dingTalkStreamListener } from '../../../src/sources/dingtalk/stream.js';
import type { StreamFrame } from '../../../src/sources/dingtalk/stream-wire.js';
import type { PlatformEvent } from '../../../src/sources/platform/neutral.js';

const frame = (eventType: string, data: unknown): StreamFrame => ({
  specVersion: '1.0',
  type: 'EVENT',
  headers: {
    appId: 'app',
    connectionId: 'conn',
    contentType: 'application/json',
    messageId: 'msg-1',
    time: '1700000000000',
    topic: '*',
    eventType,
    eventBornTime: '1700000000000',
    eventId: 'evt-1',
    eventCorpId: 'ding1',
  },
  data: JSON.stringify(data),
});

describe('DingTalk Stream listener', () => {
  it('maps the frame, hands it to the sink and acks SUCCESS', () => {
    const got: Array<[PlatformEvent, { messageId: string }]> = [];
    const listener = dingTalkStreamListener((e, f) => got.push([e, f]), { 'PROC-1': 'leave' });
    const ack = listener(frame('bpms_instance_change', { processInstanceId: 'pi', processCode: 'PROC-1', type: 'finish', result: 'agree', staffId: 'u1' }));
    expect(ack).toEqual({ status: 'SUCCESS' });
    expect(got[0][0]).toEqual({
      type: 'approval',
      eventId: 'evt-1',
      tenant: 'ding1',
      atMs: 1700000000000,
      approvalExternalId: 'pi',
      templateExternalId: 'PROC-1',
      kind: 'leave',
      status: 'approved',
      userExternalId: 'u1',
    });
    expect(got[0][1].messageId).toBe('msg-1');
  });

  it('asks for redelivery (LATER) when the sink cannot take the event', () => {
    const listener = dingTalkStreamListener(() => {
      throw new Error('queue full');
    });
    expect(listener(frame('attendance_check_record', { dataList: [] }))).toEqual({ status: 'LATER', message: 'queue full' });
  });
});
