/**
 * Device management: list, inspect, register, edit, approve pending machines into a company,
 * disable. Admin and HR of the device's company; pending devices (no company yet) are visible to
 * admins only. Every change drops the gateway's cached context so devices see it on their next call.
 */
import type { Kysely } from 'kysely';
import type { DB, NewRow, RowPatch } from '../../db/schema.js';
import { AppError, conflict, notFound, validationError, type FieldProblem } from '../../shared/errors.js';
import type { SecretBox } from '../../shared/secret-box.js';
import { isValidTimeZone } from '../../shared/time.js';
import type { CheckinInput } from '../../sources/types.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy, Need } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { parseJson, toContext, validAllowedIp } from './device-context.js';
import type { DeviceApproveT, DeviceCreateT, DevicePatchT, DeviceQueryT } from './devices.schemas.js';
import type { DevicesRepo, DeviceWithZones } from './devices.repo.js';
import { deviceDto, eventDto } from './devices.dto.js';
import { reread } from './held-punches.js';
import type { DbDeviceGateway, GatewayIngest } from './gateway.js';
import { companyExists } from '../companies/company-lookups.repo.js';

export class DevicesService {
  constructor(
    readonly db: Kysely<DB>,
    readonly repo: DevicesRepo,
    readonly access: AccessPolicy,
    readonly audit: AuditRepo,
    readonly gateway: DbDeviceGateway,
    readonly checkins: GatewayIngest,
    readonly secrets: SecretBox,
    readonly now: () => number = Date.now,
  ) {}

  async list(actor: Actor, q: DeviceQueryT, limit: number, offset: number) {
    this.access.assertRole(actor, ['admin', 'hr'], 'read');
    if (q.companyId !== undefined) this.access.assertCompany(actor, q.companyId, 'read');
    await this.gateway.flush();
    const { rows, total } = await this.repo.list(this.db, {
      companyIds: this.access.companyFilter(actor),
      includePending: actor.role === 'admin',
      companyId: q.companyId,
      status: q.status,
      siteId: q.siteId,
      online: q.online,
      limit,
      offset,
    });
    return { items: rows.map(deviceDto), total };
  }

  async get(actor: Actor, id: number) {
    await this.gateway.flush();
    const row = await this.visible(actor, id, 'read');
    const [pendingCommands, heldPunches, gaps, recent] = await Promise.all([
      this.repo.countCommands(this.db, id, ['queued', 'sent']),
      this.repo.countHeld(this.db, id),
      this.repo.events(this.db, id, ['gap'], 50),
      this.repo.events(this.db, id, null, 20),
    ]);
    // Each gap shows its automatic fill: the window queried and whether the terminal answered.
    const fills = new Map((await this.gateway.usersRepo.gapFills(this.db, gaps.map((g) => g.id))).map((f) => [f.event_id, f]));
    const gapDtos = gaps.map((g) => {
      const dto = eventDto(g);
      const f = fills.get(g.id);
      if (!f) return dto;
      const fill = { status: f.status, from: f.from_wall, to: f.to_wall, commandId: f.command_id, finishedAtMs: f.finished_at_ms };
      return { ...dto, details: { ...(dto.details && typeof dto.details === 'object' ? dto.details : {}), fill } };
    });
    return { ...deviceDto(row), pendingCommands, heldPunches, gaps: gapDtos, recentEvents: recent.map(eventDto) };
  }

  async register(actor: Actor, input: DeviceCreateT) {
    this.access.assertCompany(actor, input.companyId, 'write');
    const problems = await this.check(input.companyId, input);
    if (problems.length) throw validationError(problems);
    const now = this.now();
    const row = await this.db.transaction().execute(async (trx) => {
      const clashId = await this.repo.idBySerial(trx, input.serialNumber);
      if (clashId !== undefined) throw conflict('DUPLICATE_DEVICE_SERIAL', `A device with serial number '${input.serialNumber}' exists already`, { field: 'body.serialNumber', deviceId: actor.role === 'admin' ? clashId : undefined });
      const values: NewRow<'devices'> = {
        company_id: input.companyId,
        site_id: input.siteId ?? null,
        vendor: input.vendor,
        model: input.model ?? null,
        serial_number: input.serialNumber,
        mac: input.mac ?? null,
        name: input.name,
        time_zone: input.timeZone ?? null,
        status: 'active',
        status_map: input.statusMap ? JSON.stringify(input.statusMap) : null,
        push_options: JSON.stringify(input.pushOptions ?? {}),
        auth_token_sealed: input.authToken ? this.secrets.seal(input.authToken) : null,
        allowed_ips: input.allowedIps ? JSON.stringify(input.allowedIps) : null,
        firmware: null,
        push_version: null,
        language: null,
        user_count: null,
        fp_count: null,
        face_count: null,
        attlog_count: null,
        stamps: JSON.stringify({ attlog: '0', operlog: '0', photo: '0' }),
        last_seen_at_ms: null,
        last_upload_at_ms: null,
        last_punch_at_ms: null,
        clock_skew_ms: null,
        clock_checked_at_ms: null,
        last_ip: null,
        offline_after_min: input.offlineAfterMin ?? 10,
        online: 0,
        created_at_ms: now,
        updated_at_ms: now,
      };
      const created = await this.repo.insert(trx, values);
      await this.audit.record(trx, actor, { action: 'device.create', entity: 'device', entityId: created.id, companyId: input.companyId, after: deviceDto(created) });
      return created;
    });
    this.gateway.invalidate(row.serial_number);
    return deviceDto((await this.repo.byId(this.db, row.id))!);
  }

  async update(actor: Actor, id: number, patch: DevicePatchT) {
    const before = await this.visible(actor, id, 'write');
    if (before.company_id !== null) {
      const problems = await this.check(before.company_id, patch);
      if (problems.length) throw validationError(problems);
    } else if (patch.siteId) {
      throw validationError([{ path: 'body.siteId', message: 'approve the device into a company before giving it a site' }]);
    }
    const set: RowPatch<'devices'> = { updated_at_ms: this.now() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.siteId !== undefined) set.site_id = patch.siteId;
    if (patch.model !== undefined) set.model = patch.model;
    if (patch.mac !== undefined) set.mac = patch.mac;
    if (patch.timeZone !== undefined) set.time_zone = patch.timeZone;
    if (patch.statusMap !== undefined) set.status_map = patch.statusMap === null ? null : JSON.stringify(patch.statusMap);
    if (patch.authToken !== undefined) set.auth_token_sealed = patch.authToken === null ? null : this.secrets.seal(patch.authToken);
    if (patch.allowedIps !== undefined) set.allowed_ips = patch.allowedIps === null ? null : JSON.stringify(patch.allowedIps);
    if (patch.pushOptions !== undefined) set.push_options = JSON.stringify({ ...parseJson<object>(before.push_options, {}), ...patch.pushOptions });
    if (patch.offlineAfterMin !== undefined) set.offline_after_min = patch.offlineAfterMin;
    if (patch.pullUrl !== undefined) {
      // Daka sends the device's credentials there: an admin decides, not whoever may pull.
      if (actor.role !== 'admin') throw new AppError('ADMIN_ONLY_FIELD', 'Only an admin registers the address a device is pulled from', 403, { field: 'body.pullUrl' });
      set.pull_url = patch.pullUrl === null ? null : patch.pullUrl.replace(/\/+$/, '');
    }
    await this.db.transaction().execute(async (trx) => {
      await this.repo.update(trx, id, set);
      const after = (await this.repo.byId(trx, id))!;
      await this.audit.record(trx, actor, { action: 'device.update', entity: 'device', entityId: id, companyId: before.company_id, before: deviceDto(before), after: deviceDto(after) });
    });
    this.gateway.invalidate(before.serial_number);
    return deviceDto((await this.repo.byId(this.db, id))!);
  }

  async setStatus(actor: Actor, id: number, status: 'disabled' | 'active') {
    const before = await this.visible(actor, id, 'write');
    if (status === 'active' && before.company_id === null) {
      throw new AppError('DEVICE_PENDING', 'A pending device is activated by approving it into a company', 409);
    }
    await this.db.transaction().execute(async (trx) => {
      await this.repo.update(trx, id, { status, updated_at_ms: this.now(), ...(status === 'disabled' ? { online: 0 } : {}) });
      await this.audit.record(trx, actor, {
        action: status === 'disabled' ? 'device.disable' : 'device.enable',
        entity: 'device',
        entityId: id,
        companyId: before.company_id,
        before: { status: before.status },
        after: { status },
      });
    });
    this.gateway.invalidate(before.serial_number);
    return deviceDto((await this.repo.byId(this.db, id))!);
  }

  /**
   * Give a pending device to a company. Held punches go through the normal ingest (read in the
   * device's zone as now configured), then leave the holding table; a punch that arrives while this
   * runs is either held and swept below, or sees the active status and is ingested directly.
   */
  async approve(actor: Actor, id: number, input: DeviceApproveT) {
    this.access.assertRole(actor, ['admin']);
    const before = await this.visible(actor, id, 'write');
    if (before.status !== 'pending') throw new AppError('DEVICE_NOT_PENDING', `Device ${id} is ${before.status}, not pending`, 409);
    if (input.lockToAddress && !before.last_ip) throw validationError([{ path: 'body.lockToAddress', message: 'the device has not been seen from any address yet' }]);
    const problems = await this.check(input.companyId, input);
    if (problems.length) throw validationError(problems);
    const now = this.now();
    await this.db.transaction().execute(async (trx) => {
      const st = await this.repo.statusForUpdate(trx, id);
      if (st?.status !== 'pending') throw new AppError('DEVICE_NOT_PENDING', `Device ${id} is not pending any more`, 409);
      await this.repo.update(trx, id, {
        company_id: input.companyId,
        site_id: input.siteId ?? null,
        status: 'active',
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
        ...(input.statusMap !== undefined ? { status_map: input.statusMap === null ? null : JSON.stringify(input.statusMap) } : {}),
        ...(input.lockToAddress ? { allowed_ips: JSON.stringify([before.last_ip]) } : {}),
        limit_hit: null,
        limit_hit_at_ms: null,
        updated_at_ms: now,
      });
    });
    this.gateway.invalidate(before.serial_number);
    const device = (await this.repo.byId(this.db, id))!;
    const ctx = toContext(device);
    const totals = { moved: 0, created: 0, duplicates: 0, unmatched: 0 };
    // Ingest first, delete after: a crash in between leaves rows that a second sweep ingests as duplicates.
    for (;;) {
      const held = await this.repo.heldPunches(this.db, id, 2000);
      if (held.length === 0) break;
      const punches = held.map((h) => reread(parseJson<CheckinInput>(h.payload, null as unknown as CheckinInput), ctx.timeZone, ctx.statusMap));
      const summary = await this.checkins.ingest(input.companyId, punches);
      await this.repo.deleteHeld(this.db, id, held.map((h) => h.idempotency_key));
      totals.moved += held.length;
      totals.created += summary.created;
      totals.duplicates += summary.duplicates;
      totals.unmatched += summary.unmatched;
    }
    await this.db.transaction().execute(async (trx) => {
      await this.repo.addEvent(trx, id, 'approved', this.now(), { companyId: input.companyId, ...totals });
      await this.audit.record(trx, actor, {
        action: 'device.approve',
        entity: 'device',
        entityId: id,
        companyId: input.companyId,
        before: deviceDto(before),
        after: { ...deviceDto(device), heldPunches: totals },
      });
    });
    return { device: deviceDto(device), ...totals };
  }

  /** The device endpoints' limits and how close the pending queue is to its own. */
  async limitsStatus(actor: Actor) {
    this.access.assertRole(actor, ['admin', 'hr'], 'read');
    return { limits: this.gateway.limits, pendingDevices: await this.repo.countPending(this.db), refusals: { ...this.gateway.refusals } };
  }

  /** The device row, if the actor may see it (404 otherwise, like a missing one). */
  async visible(actor: Actor, id: number, need: Need): Promise<DeviceWithZones> {
    const row = await this.repo.byId(this.db, id);
    if (!row) throw notFound('device', id);
    if (row.company_id === null) {
      this.access.assertScope(actor, need);
      if (actor.role !== 'admin') throw notFound('device', id);
      return row;
    }
    this.access.assertCompany(actor, row.company_id, need, ['admin', 'hr']);
    this.access.assertRole(actor, ['admin', 'hr'], need);
    return row;
  }

  /** Site belongs to the company, zone is real, allowed IPs parse. */
  private async check(
    companyId: number,
    input: { siteId?: number | null; timeZone?: string | null; allowedIps?: string[] | null },
  ): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (!(await companyExists(this.db, companyId))) throw notFound('company', companyId);
    if (input.siteId) {
      const siteCompanyId = await this.repo.siteCompanyId(this.db, input.siteId);
      if (siteCompanyId !== companyId) problems.push({ path: 'body.siteId', message: `site ${input.siteId} is not a site of company ${companyId}` });
    }
    if (input.timeZone && !isValidTimeZone(input.timeZone)) problems.push({ path: 'body.timeZone', message: `'${input.timeZone}' is not an IANA time zone` });
    input.allowedIps?.forEach((ip, i) => {
      if (!validAllowedIp(ip)) problems.push({ path: `body.allowedIps[${i}]`, message: `'${ip}' is not an IP address or IPv4 CIDR block` });
    });
    return problems;
  }
}
