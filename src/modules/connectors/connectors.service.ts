/**
 * DingTalk and WeCom connectors of a company: configuration with sealed secrets (write-only over
 * the API), health, runs and usage, on-demand syncs (queued), reconciliation results, deletion and
 * the outbound channels (messages, group robot, WeCom schedules). Only admins and the company's HR
 * see or touch a connector.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { ConnectorChannels, NotificationChannel } from '../../sources/platform/index.js';
import { addDays, localDate } from '../../shared/dates.js';
import { AppError, badRequest, forbidden, notFound } from '../../shared/errors.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { checkBaseUrl, checkPushChannel, type ConnectorClients } from './connector-config.js';
import { checkSettings, checkSyncBody } from './connector-checks.js';
import type { ConnectorRow, ConnectorsRepo, RunRow } from './connectors.repo.js';
import { auditView, connectorDto, diffDto, runDto } from './connectors.dto.js';
import type { ConnectorCreateT, ConnectorPatchT, DiffQueryT, MessageBodyT, ScheduleBodyT, SyncBodyT } from './connectors.schemas.js';
import { ConnectorOutbound, channelsOf } from './connector-outbound.js';
import { applyRobot, withRobot } from './connector-robot.js';
import { targetOf, type SyncDeps, type SyncTarget } from './sync-context.js';
import { budgetView, dailyCapsView } from './connector-budget.js';
import { activePause } from './connector-throttle.js';
import { runConnectorJob, connectorJobOptions, CONNECTOR_SYNC_JOB, type ConnectorJob } from './connector-jobs.js';
import { streamStatusOf } from './connector-streams.js';
import { tryCredentials } from './credentials-test.js';
import { companyExists } from '../companies/company-lookups.repo.js';

const MANAGERS = ['admin', 'hr'] as const;

export { connectorDto, runDto } from './connectors.dto.js';

export type ConnectorDeletedListener = (connectorId: number) => void | Promise<void>;

export class ConnectorsService {
  private readonly outbound: ConnectorOutbound;
  private readonly deletedListeners: ConnectorDeletedListener[] = [];
  private readonly changedListeners: Array<(connectorId: number) => void> = [];

  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: ConnectorsRepo,
    private readonly clients: ConnectorClients,
    private readonly box: SecretBox,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly queue: JobQueue,
    readonly syncDeps: SyncDeps,
    private readonly now: () => number = Date.now,
  ) {
    this.outbound = new ConnectorOutbound(db, repo, audit, now);
  }

  /** Called after a connector is deleted (a live connection to the platform, e.g. DingTalk Stream, must close). */
  onDeleted(listener: ConnectorDeletedListener): void {
    this.deletedListeners.push(listener);
  }

  /** Called after a connector is created, reconfigured, paused or resumed (its Stream connection follows). */
  onChanged(listener: (connectorId: number) => void): void {
    this.changedListeners.push(listener);
  }

  private changed(id: number): void {
    for (const l of this.changedListeners) l(id);
  }

  /** Tuning of every platform client this process builds (retry policy, timeouts, concurrency). */
  get tuning() {
    return this.clients.tuning;
  }

  private dto(r: ConnectorRow) {
    return connectorDto(r, this.clients.secretsOf(r));
  }

  private async visible(actor: Actor, id: number, need: 'read' | 'write', withDeleted = false): Promise<ConnectorRow> {
    const row = withDeleted ? await this.repo.findWithDeleted(id) : await this.repo.find(id);
    if (!row || !this.access.canSeeCompany(actor, row.company_id)) throw notFound('connector', id);
    this.assertManager(actor, row.company_id, need);
    return row;
  }

  /** A connector the actor may read (or change), with its settings and platform client. */
  async target(actor: Actor, id: number, need: 'read' | 'write'): Promise<SyncTarget> {
    return targetOf(this.syncDeps, await this.visible(actor, id, need));
  }

  private assertManager(actor: Actor, companyId: number, need: 'read' | 'write') {
    this.access.assertCompany(actor, companyId, need, [...MANAGERS]);
    if (!(MANAGERS as readonly string[]).includes(actor.role)) throw forbidden('Only admin or hr manage platform connectors');
  }

  async create(actor: Actor, input: ConnectorCreateT) {
    this.assertManager(actor, input.companyId, 'write');
    if (!(await companyExists(this.db, input.companyId))) throw notFound('company', input.companyId);
    if (input.platform === 'dingtalk' && !input.appKey) throw badRequest('APP_KEY_REQUIRED', 'a DingTalk connector needs the AppKey', { field: 'body.appKey' });
    if (input.platform === 'wecom' && !input.appKey && !input.agentId) throw badRequest('AGENT_ID_REQUIRED', 'a WeCom connector needs the AgentId', { field: 'body.agentId' });
    checkSettings(input.settings);
    checkPushChannel(input.platform, input.settings);
    const baseUrl = checkBaseUrl(input.baseUrl, input.platform);
    const { robot, changed: robotSet } = applyRobot(input.platform, undefined, input, baseUrl);
    const now = this.now();
    const sealed = this.box.seal(JSON.stringify(withRobot({ appSecret: input.appSecret, callbackToken: input.callbackToken, encodingAesKey: input.encodingAesKey }, robot)));
    const row = await this.db.transaction().execute(async (trx) => {
      const r = await this.repo.insert(trx, {
        company_id: input.companyId,
        platform: input.platform,
        name: input.name.trim(),
        corp_id: input.corpId,
        app_key: input.appKey ?? String(input.agentId),
        agent_id: input.agentId ?? null,
        secrets_sealed: sealed,
        base_url: baseUrl,
        settings: JSON.stringify(input.settings ?? {}),
        status: 'active',
        last_error: null,
        created_at_ms: now,
        updated_at_ms: now,
      });
      await this.audit.record(trx, actor, { action: 'connector.create', entity: 'connector', entityId: r.id, companyId: r.company_id, after: { ...auditView(r), credentialsSet: ['appSecret', 'callbackToken', 'encodingAesKey', ...robotSet] } });
      return r;
    });
    this.changed(row.id);
    return this.dto(row);
  }

  async list(actor: Actor, q: { companyId?: number }) {
    this.access.assertScope(actor, 'read');
    if (q.companyId !== undefined) this.assertManager(actor, q.companyId, 'read');
    else if (!(MANAGERS as readonly string[]).includes(actor.role)) throw forbidden('Only admin or hr manage platform connectors');
    const rows = await this.repo.list(this.access.companyFilter(actor), q.companyId);
    return { items: rows.map((r) => this.dto(r)) };
  }

  async get(actor: Actor, id: number) {
    const row = await this.visible(actor, id, 'read');
    const { rows } = await this.repo.runs(id, 5, 0);
    return {
      ...this.dto(row),
      lastRuns: rows.map(runDto),
      usage: await budgetView(this.syncDeps, row),
      dailyCaps: await dailyCapsView(this.syncDeps, row),
      stream: await streamStatusOf(this.repo, row),
      throttle: await activePause(this.repo, id, this.now()),
    };
  }

  async update(actor: Actor, id: number, patch: ConnectorPatchT) {
    const before = await this.visible(actor, id, 'write');
    checkSettings(patch.settings);
    checkPushChannel(before.platform, patch.settings);
    const baseUrl = patch.baseUrl !== undefined ? checkBaseUrl(patch.baseUrl, before.platform) : before.base_url;
    let secrets = this.clients.secretsOf(before);
    const replaced: string[] = (['appSecret', 'callbackToken', 'encodingAesKey'] as const).filter((k) => patch[k] !== undefined);
    for (const k of ['appSecret', 'callbackToken', 'encodingAesKey'] as const) if (patch[k] !== undefined) secrets[k] = patch[k]!;
    const robot = applyRobot(before.platform, secrets.robot, patch, baseUrl);
    secrets = withRobot(secrets, robot.robot);
    replaced.push(...robot.changed);
    const row = await this.db.transaction().execute(async (trx) => {
      const r = await this.repo.update(trx, id, {
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.corpId !== undefined ? { corp_id: patch.corpId } : {}),
        ...(patch.appKey !== undefined ? { app_key: patch.appKey } : {}),
        ...(patch.agentId !== undefined ? { agent_id: patch.agentId } : {}),
        ...(patch.baseUrl !== undefined ? { base_url: baseUrl } : {}),
        ...(patch.settings !== undefined ? { settings: JSON.stringify(patch.settings) } : {}),
        ...(replaced.length ? { secrets_sealed: this.box.seal(JSON.stringify(secrets)) } : {}),
        updated_at_ms: Math.max(this.now(), before.updated_at_ms + 1),
      });
      await this.audit.record(trx, actor, { action: 'connector.update', entity: 'connector', entityId: id, companyId: r.company_id, before: auditView(before), after: { ...auditView(r), credentialsReplaced: replaced } });
      return r;
    });
    this.clients.forget(id);
    this.changed(id);
    return this.dto(row);
  }

  async setPaused(actor: Actor, id: number, paused: boolean) {
    const before = await this.visible(actor, id, 'write');
    const row = await this.db.transaction().execute(async (trx) => {
      const r = await this.repo.update(trx, id, { status: paused ? 'paused' : 'active', ...(paused ? {} : { last_error: null }) });
      await this.audit.record(trx, actor, { action: paused ? 'connector.pause' : 'connector.resume', entity: 'connector', entityId: id, companyId: r.company_id, before: { status: before.status }, after: { status: r.status } });
      return r;
    });
    this.changed(id);
    return this.dto(row);
  }

  /** Fetches an access token with the stored credentials and says in words what went wrong. */
  async test(actor: Actor, id: number) {
    const row = await this.visible(actor, id, 'write');
    const result = await tryCredentials(row, await targetOf(this.syncDeps, row));
    await this.db.transaction().execute((trx) =>
      this.audit.record(trx, actor, { action: 'connector.test', entity: 'connector', entityId: id, companyId: row.company_id, after: { ok: result.ok, code: result.code } }),
    );
    if (!result.ok && row.status !== 'paused') await this.repo.setHealth(id, 'error', `${result.code}: ${result.message}`);
    return result;
  }

  async requestSync(actor: Actor, id: number, body: SyncBodyT) {
    const row = await this.visible(actor, id, 'write');
    if (row.status === 'paused') throw new AppError('CONNECTOR_PAUSED', `connector ${id} is paused: resume it first`, 409);
    checkSyncBody(body);
    let { from, to } = body;
    if (body.kind === 'reconcile' && (!from || !to)) {
      const zone = (await targetOf(this.syncDeps, row)).zone;
      to ??= addDays(localDate(this.now(), zone), -1);
      from ??= to;
    }
    const job: ConnectorJob = { connectorId: id, kind: body.kind, ...(from ? { from } : {}), ...(to ? { to } : {}) };
    const jobId = await this.queue.send(CONNECTOR_SYNC_JOB, job, connectorJobOptions(job, { singletonKey: `${id}:${body.kind}:${from ?? ''}:${to ?? ''}`, retryLimit: 2, retryDelayMs: 30_000 }));
    await this.db.transaction().execute((trx) =>
      this.audit.record(trx, actor, { action: 'connector.sync_requested', entity: 'connector', entityId: id, companyId: row.company_id, after: job }),
    );
    return { queued: jobId !== null, jobId, kind: body.kind, from: from ?? null, to: to ?? null };
  }

  /** Runs one sync now, in this process (the job worker and tests call it). */
  run(job: ConnectorJob) {
    return runConnectorJob(this.syncDeps, job);
  }

  /** Run history; it outlives a deleted connector, for audit. */
  async runs(actor: Actor, id: number, q: { limit: number; offset: number; kind?: string }) {
    await this.visible(actor, id, 'read', true);
    const { rows, total } = await this.repo.runs(id, q.limit, q.offset, q.kind as RunRow['kind'] | undefined);
    return { items: rows.map(runDto), total };
  }

  async reconciliation(actor: Actor, id: number, q: DiffQueryT, limit: number, offset: number) {
    await this.visible(actor, id, 'read');
    const { rows, total } = await this.repo.diffs(id, { fromDate: q.date ?? q.from, toDate: q.date ?? q.to, kind: q.kind, employeeId: q.employeeId, limit, offset });
    return { items: rows.map(diffDto), total };
  }

  /**
   * Deletes the connector: a tombstone stays (runs keep their history), its secrets are overwritten,
   * cursors, nonces and open differences go; syncs, queued jobs and callbacks find nothing from now
   * on. Punches, employees and their external identities are untouched.
   */
  async remove(actor: Actor, id: number): Promise<void> {
    const before = await this.visible(actor, id, 'write');
    let destroyed: string[];
    try {
      const secrets = this.clients.secretsOf(before);
      destroyed = ['appSecret', 'callbackToken', 'encodingAesKey', ...(secrets.robot ? ['robotWebhookUrl'] : []), ...(secrets.robot?.secret ? ['robotSecret'] : [])];
    } catch {
      destroyed = ['secrets'];
    }
    await this.db.transaction().execute(async (trx) => {
      await this.repo.tombstone(trx, id, Math.max(this.now(), before.updated_at_ms + 1));
      await this.audit.record(trx, actor, { action: 'connector.delete', entity: 'connector', entityId: id, companyId: before.company_id, before: auditView(before), after: { deleted: true, credentialsDestroyed: destroyed } });
    });
    this.clients.forget(id);
    for (const listener of this.deletedListeners) {
      // The deletion is committed; a listener's failure must not turn it into an error.
      await Promise.resolve()
        .then(() => listener(id))
        .catch(() => undefined);
    }
  }

  private async channelsOfRow(row: ConnectorRow): Promise<ConnectorChannels> {
    if (row.status === 'paused') throw new AppError('CONNECTOR_PAUSED', `connector ${row.id} is paused`, 409);
    const pc = (await targetOf(this.syncDeps, row)).pc;
    return channelsOf(pc, row, this.clients.secretsOf(row).robot);
  }

  /** Every outbound channel of the connector: people, the group robot, WeCom schedules (null where absent). */
  async channels(connectorId: number): Promise<ConnectorChannels> {
    const row = await this.repo.find(connectorId);
    if (!row) throw notFound('connector', connectorId);
    return this.channelsOfRow(row);
  }

  /** One outbound channel: work notices / app messages to people (default), or the group robot. */
  async channel(connectorId: number, target: 'person' | 'robot' = 'person'): Promise<NotificationChannel> {
    const channel = (await this.channels(connectorId))[target];
    if (channel) return channel;
    throw target === 'person'
      ? new AppError('CONNECTOR_BAD_CONFIG', `connector ${connectorId} has no agent id: messages need one`, 400)
      : new AppError('ROBOT_NOT_CONFIGURED', `connector ${connectorId} has no group robot`, 409);
  }

  async sendMessage(actor: Actor, id: number, body: MessageBodyT) {
    const row = await this.visible(actor, id, 'write');
    return this.outbound.send(actor, row, await this.channelsOfRow(row), body);
  }

  async addSchedule(actor: Actor, id: number, body: ScheduleBodyT) {
    const row = await this.visible(actor, id, 'write');
    return this.outbound.schedule(actor, row, await this.channelsOfRow(row), body);
  }

  async testMessage(actor: Actor, id: number, body: { employeeId: number; text: string }) {
    const row = await this.visible(actor, id, 'write');
    return this.outbound.testMessage(actor, row, () => this.channel(id), body);
  }
}
