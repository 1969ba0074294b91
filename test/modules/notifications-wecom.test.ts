/**
 * Notifications on WeCom, against the simulator through the egress policy: the company default
 * channel is WeCom, an app message reaches the linked employee; platform faults make the delivery
 * wait and retry, and it arrives exactly once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWeComSimulator, type WeComSimulator } from '../../src/sources/wecom/simulator/index.js';
import { domainEvent } from '../../src/modules/outbox/event-payloads.js';
import { NOTIFICATIONS } from '../../src/modules/notifications/notifications.consumer.js';
import { describeEachDb } from '../helpers/test-db.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const KEY = 'A'.repeat(43);

describeEachDb('notifications on WeCom', (db) => {
  let t: TestApp;
  let wecom: WeComSimulator;
  let clock = Date.parse('2026-12-07T10:00:00+08:00');
  let person: { employee_id: number; external_id: string };

  beforeAll(async () => {
    t = await createTestApp(db(), { now: () => clock, env: { DAKA_SESSION_TTL_HOURS: '720' } });
    t.services.connectors.tuning.retry = { transientBackoff: { baseMs: 2, maxMs: 10 }, rateLimitBackoff: { baseMs: 2, maxMs: 10 }, maxRateLimitRetries: 1 };
    wecom = await startWeComSimulator({ seed: 'notify-wecom', company: { users: 2 } });
    const wc = await t.as('hr').post('/api/v1/connectors', {
      companyId: t.companyId, platform: 'wecom', name: '企业微信', corpId: wecom.corpId, agentId: String(wecom.apps[0].agentId),
      appSecret: wecom.apps[0].secret, callbackToken: 'cb-token', encodingAesKey: KEY, baseUrl: wecom.url,
    });
    expect(wc.statusCode, wc.body).toBe(201);
    expect((await t.services.connectors.run({ connectorId: wc.json().id, kind: 'directory' }))?.status).toBe('succeeded');
    person = await db().database.db.selectFrom('external_identities').select(['employee_id', 'external_id']).where('company_id', '=', t.companyId).where('provider', '=', 'wecom').orderBy('external_id').executeTakeFirstOrThrow();
    const put = await t.as('hr').inject({ method: 'PUT', url: '/api/v1/notifications/settings', payload: { companyId: t.companyId, enabled: true, defaultChannel: 'wecom', kinds: ['request_decided'] } });
    expect(put.statusCode, put.body).toBe(200);
  });
  afterAll(async () => {
    await wecom?.close();
  });

  it('retries an app message through platform faults and delivers it once', async () => {
    const e = await db().database.db.selectFrom('employees').select(['name', 'job_number', 'department_id']).where('id', '=', person.employee_id).executeTakeFirstOrThrow();
    wecom.setFaults({ rate: 1, kinds: { server_error: 1 }, paths: ['/cgi-bin/message/send'] });
    const before = wecom.stats.appMessages.length;
    await t.services.outbox.publish([
      domainEvent(t.companyId, 'request.approved', `employee:${person.employee_id}`, {
        employeeId: person.employee_id, employeeNo: e.job_number, name: e.name, departmentId: e.department_id, requestId: 77, kind: 'overtime', status: 'approved',
        from: '2026-12-05', to: '2026-12-05', approverEmployeeIds: [], actorUserId: null, comment: null,
      }, clock),
    ]);
    await t.services.outbox.dispatchAll();
    await t.services.outbox.deliverDue(NOTIFICATIONS);
    const [row] = await t.services.outbox.repo.listDeliveries({ companyId: t.companyId, consumer: NOTIFICATIONS, limit: 5 });
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/^CONNECTOR_/);
    wecom.setFaults(null);
    for (let i = 0; i < 5 && wecom.stats.appMessages.length === before; i++) {
      clock += 10 * 60_000;
      await t.services.outbox.deliverDue(NOTIFICATIONS);
    }
    clock += 60 * 60_000;
    await t.services.outbox.deliverDue(NOTIFICATIONS);
    const sent = wecom.stats.appMessages.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toEqual([person.external_id]);
    expect(JSON.stringify(sent[0].body)).toContain('您的加班申请已通过');
    expect((await t.services.outbox.repo.getDelivery(row.id))).toMatchObject({ status: 'delivered', attempts: 2 });
  });
});
