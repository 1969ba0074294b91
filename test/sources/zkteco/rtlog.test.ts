import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { MemoryDeviceGateway } from '../../../src/sources/device-gateway.js';
import iclockRoutes from '../../../src/sources/zkteco-push/routes.js';
import { parseRtlog } from '../../../src/sources/zkteco-push/rtlog.js';

const ctx = { sn: 'ACC1', timeZone: 'Asia/Shanghai', statusMap: null };
const body = [
  'time=2026-03-02 08:59:12\tpin=1452\tcardno=0\teventaddr=1\tevent=3\tinoutstatus=0\tverifytype=0000000000000010\tindex=21\tsitecode=0',
  'time=2017-01-10 11:49:32\tpin=0\tcardno=0\teventaddr=1\tevent=206\tinoutstatus=1\tverifytype=0\tindex=22',
  'time=2026-03-02 09:00:00\tpin=9\tevent=27\tinoutstatus=1\tverifytype=4\tindex=23',
  'time=2026-03-02 18:00:05\tpin=1452\tevent=0\tinoutstatus=1\tverifytype=4\tindex=24',
  'time=not-a-time\tpin=7\tevent=0\tinoutstatus=1\tindex=25',
].join('\r\n');

describe('Security PUSH rtlog', () => {
  it('keeps normal-band events with a pin; door/device/error events are ignored; the key matches ATTLOG', () => {
    const r = parseRtlog(body, ctx);
    expect(r.punches.map((p) => [p.idempotencyKey, p.direction, p.verifyMethod, p.sourceRecordId])).toEqual([
      ['zk:ACC1:1452:2026-03-02T08:59:12', 'in', 'face', '21'],
      ['zk:ACC1:1452:2026-03-02T18:00:05', 'out', 'card', '24'],
    ]);
    expect(r.ignored).toBe(2);
    expect(r.problems).toEqual([{ line: 5, column: 'time', message: 'invalid time "not-a-time"' }]);
  });

  it('is stored through /iclock/cdata?table=rtlog', async () => {
    const gw = new MemoryDeviceGateway();
    gw.addDevice('ACC1');
    const app = Fastify();
    await app.register(iclockRoutes, { prefix: '/iclock', gateway: gw });
    const res = await app.inject({ method: 'POST', url: '/iclock/cdata?SN=ACC1&table=rtlog', payload: body, headers: { cookie: 'token=abc' } });
    expect(res.body).toBe('OK');
    expect([...gw.punches.keys()]).toEqual(['zk:ACC1:1452:2026-03-02T08:59:12', 'zk:ACC1:1452:2026-03-02T18:00:05']);
    await app.close();
  });
});
