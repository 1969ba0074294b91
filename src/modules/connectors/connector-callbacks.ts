/**
 * Encrypted platform callbacks. The wire layer verifies the signature (constant time) first, then
 * the timestamp window, the cipher and the receive id; the nonce of an accepted callback is kept
 * in callback_nonces for the window, so a captured request cannot be replayed. Events are
 * triggers only: each one queues a targeted re-query (that user's punches, that member, that
 * approval) and the reply goes out at once, well inside the platforms' 1-1.5 s.
 */
import type { JobQueue } from '../../jobs/queue.js';
import { DINGTALK_DEFAULT_TEMPLATE_KINDS, dingTalkEncryptedReply, mapDingTalkEvent, mapDingTalkStreamEvent, openDingTalkCallback } from '../../sources/dingtalk/index.js';
import type { DingTalkEncryptedReply } from '../../sources/dingtalk/callback.js';
import { mapWeComEvent, openWeComCallback, verifyWeComUrl } from '../../sources/wecom/index.js';
import { systemClock, type NonceCache } from '../../sources/platform/index.js';
import type { PlatformEvent } from '../../sources/platform/neutral.js';
import { addDays, localDate } from '../../shared/dates.js';
import { notFound } from '../../shared/errors.js';
import { settingsOf, type ConnectorClients } from './connector-config.js';
import { CONNECTOR_SYNC_JOB, connectorJobOptions, type ConnectorJob } from './connector-jobs.js';
import { addPendingRequery, budgetView, recordPushEvent } from './connector-budget.js';
import type { ConnectorRow, ConnectorsRepo } from './connectors.repo.js';

export class ConnectorCallbacks {
  constructor(
    private readonly repo: ConnectorsRepo,
    private readonly clients: ConnectorClients,
    private readonly queue: JobQueue,
    private readonly companyZone: (companyId: number) => Promise<string>,
    private readonly now: () => number = Date.now,
  ) {}

  private async connector(id: number, platform: 'dingtalk' | 'wecom'): Promise<ConnectorRow> {
    const row = Number.isSafeInteger(id) && id > 0 ? await this.repo.find(id) : undefined;
    if (!row || row.platform !== platform) throw notFound('connector', id);
    return row;
  }

  private crypto(row: ConnectorRow, receiveIds: string[]) {
    const secrets = this.clients.secrets(row);
    const maxSkewMs = (settingsOf(row).callbackMaxSkewSec ?? 300) * 1000;
    const nonceCache: NonceCache = {
      remember: async (key, _expiresAtMs, nowMs) => {
        await this.repo.sweepNonces(row.id, nowMs - 2 * maxSkewMs);
        return this.repo.rememberNonce(row.id, key, nowMs);
      },
    };
    return {
      token: secrets.callbackToken,
      encodingAesKey: secrets.encodingAesKey,
      receiveIds,
      maxSkewMs,
      nonceCache,
      clock: { now: this.now, sleep: systemClock.sleep },
    };
  }

  /** DingTalk HTTP push (check_url included): the reply is the encrypted "success" map. */
  async dingtalk(id: number, query: Record<string, string | string[] | undefined>, body: unknown): Promise<DingTalkEncryptedReply> {
    const row = await this.connector(id, 'dingtalk');
    const config = this.crypto(row, [row.corp_id, row.app_key]);
    const opened = await openDingTalkCallback(query, body, config);
    const event = mapDingTalkEvent(opened.event, { ...DINGTALK_DEFAULT_TEMPLATE_KINDS, ...settingsOf(row).templateKinds });
    await this.dispatch(row, event);
    return dingTalkEncryptedReply(config, opened.receiveId, 'success', { clock: config.clock });
  }

  /** A DingTalk Stream EVENT frame (the connection authenticated the app): the same re-queries as an HTTP push. */
  async dingtalkStream(id: number, headers: Record<string, unknown>, data: string): Promise<void> {
    const row = await this.connector(id, 'dingtalk');
    await this.dispatch(row, mapDingTalkStreamEvent(headers, data, { ...DINGTALK_DEFAULT_TEMPLATE_KINDS, ...settingsOf(row).templateKinds }));
  }

  /** WeCom GET URL verification: the decrypted echostr, verbatim. */
  async wecomVerify(id: number, rawQuery: string): Promise<string> {
    const row = await this.connector(id, 'wecom');
    return verifyWeComUrl(rawQuery, this.crypto(row, [row.corp_id]));
  }

  /** WeCom POST event: acknowledged with "success". */
  async wecom(id: number, rawQuery: string, body: string): Promise<string> {
    const row = await this.connector(id, 'wecom');
    const opened = await openWeComCallback(rawQuery, body, this.crypto(row, [row.corp_id]));
    await this.dispatch(row, mapWeComEvent(opened.event, row.corp_id, settingsOf(row).templateKinds ?? {}));
    return 'success';
  }

  private async dispatch(row: ConnectorRow, event: PlatformEvent): Promise<void> {
    if (row.status === 'paused') return;
    const send = (job: ConnectorJob, key: string) => this.queue.send(CONNECTOR_SYNC_JOB, job, connectorJobOptions(job, { singletonKey: `${row.id}:${key}`, retryLimit: 2, retryDelayMs: 10_000 }));
    switch (event.type) {
      case 'punch': {
        if (event.punches.length === 0) return;
        const zone = settingsOf(row).timeZone ?? (await this.companyZone(row.company_id));
        const byUser = new Map<string, string[]>();
        for (const p of event.punches) byUser.set(p.userExternalId, [...(byUser.get(p.userExternalId) ?? []), localDate(p.atMs, zone)]);
        const ranges: Record<string, { from: string; to: string }> = {};
        for (const [userId, dates] of byUser) {
          const sorted = dates.sort();
          // The punch's day and the one before (an overnight shift's out-punch belongs to it).
          ranges[userId] = { from: addDays(sorted[0], -1), to: sorted[sorted.length - 1] };
        }
        await recordPushEvent(this.repo, row.id, this.now());
        const plan = (await budgetView({ repo: this.repo, now: this.now }, row)).plan;
        if (plan.requeries === 'coalesced' || plan.requeries === 'resync_only') {
          // The budget cannot pay a call per person and event: collect them and query 50 people a call.
          await addPendingRequery(this.repo, row.id, ranges, this.now());
          const delayMs = (plan.requeryCoalesceMin ?? 24 * 60) * 60_000;
          const job: ConnectorJob = { connectorId: row.id, kind: 'punches', requery: true };
          await this.queue.send(CONNECTOR_SYNC_JOB, job, connectorJobOptions(job, { singletonKey: `${row.id}:requery`, delayMs, retryLimit: 2, retryDelayMs: 10_000 }));
          return;
        }
        for (const [userId, { from, to }] of Object.entries(ranges)) {
          await send({ connectorId: row.id, kind: 'punches', userIds: [userId], from, to }, `punch:${userId}:${from}:${to}`);
        }
        return;
      }
      case 'contact': {
        if (event.change.startsWith('department_')) {
          await send({ connectorId: row.id, kind: 'directory' }, 'directory');
          return;
        }
        if (event.change === 'other' || event.userExternalIds.length === 0) return;
        const left = event.change === 'user_left';
        await send({ connectorId: row.id, kind: 'directory_users', userIds: event.userExternalIds, left }, `member:${left ? 'left' : 'changed'}:${event.userExternalIds.join(',')}`);
        return;
      }
      case 'approval':
        if (!event.approvalExternalId) return;
        await send({ connectorId: row.id, kind: 'approvals', approvalId: event.approvalExternalId }, `approval:${event.approvalExternalId}:${event.status}`);
        return;
      default:
        return;
    }
  }
}
