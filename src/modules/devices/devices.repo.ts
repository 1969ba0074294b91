/**
 * SQL for devices, their command queue, held punches and events. Everything the gateway and the
 * management service read or write goes through here, typed by Kysely, on both dialects.
 */
import { sql, type Kysely } from 'kysely';
import type { DB, NewRow, Row, RowPatch } from '../../db/schema.js';
import { countRows } from '../../db/count.js';
import { deviceIdentities } from './device-user-sync.repo.js';

export type DeviceRow = Row<'devices'>;
export type DeviceEventKind = Row<'device_events'>['kind'];

/** A device with the zones it falls back to (site, then company). */
export type DeviceWithZones = DeviceRow & {
  site_time_zone: string | null;
  company_time_zone: string | null;
  /** The company's device policy (null while pending). */
  company_require_token: number | null;
  company_require_allowed_ips: number | null;
};

export interface DeviceListFilter {
  companyIds: number[] | null;
  /** Admins see pending devices (no company); everyone else only their companies' devices. */
  includePending: boolean;
  companyId?: number;
  status?: DeviceRow['status'];
  siteId?: number;
  online?: boolean;
  limit: number;
  offset: number;
}

export class DevicesRepo {
  /** Dialect matters for row locks: SQLite serialises writers anyway and has no FOR UPDATE. */
  constructor(private readonly dialect: 'sqlite' | 'postgres') {}

  bySerial(db: Kysely<DB>, sn: string): Promise<DeviceWithZones | undefined> {
    return db
      .selectFrom('devices')
      .leftJoin('sites', 'sites.id', 'devices.site_id')
      .leftJoin('companies', 'companies.id', 'devices.company_id')
      .selectAll('devices')
      .select(['sites.time_zone as site_time_zone', 'companies.time_zone as company_time_zone', 'companies.device_require_token as company_require_token', 'companies.device_require_allowed_ips as company_require_allowed_ips'])
      .where('devices.serial_number', '=', sn)
      .executeTakeFirst();
  }

  byId(db: Kysely<DB>, id: number): Promise<DeviceWithZones | undefined> {
    return db
      .selectFrom('devices')
      .leftJoin('sites', 'sites.id', 'devices.site_id')
      .leftJoin('companies', 'companies.id', 'devices.company_id')
      .selectAll('devices')
      .select(['sites.time_zone as site_time_zone', 'companies.time_zone as company_time_zone', 'companies.device_require_token as company_require_token', 'companies.device_require_allowed_ips as company_require_allowed_ips'])
      .where('devices.id', '=', id)
      .executeTakeFirst();
  }

  /** The id of the device with this serial number, if there is one. */
  async idBySerial(db: Kysely<DB>, sn: string): Promise<number | undefined> {
    return (await db.selectFrom('devices').select('id').where('serial_number', '=', sn).executeTakeFirst())?.id;
  }

  /** Locks the row on PostgreSQL so approval and a concurrent pending upload serialise. */
  async statusForUpdate(db: Kysely<DB>, id: number): Promise<Pick<DeviceRow, 'status' | 'company_id'> | undefined> {
    let q = db.selectFrom('devices').select(['status', 'company_id']).where('id', '=', id);
    if (this.dialect === 'postgres') q = q.forUpdate();
    return q.executeTakeFirst();
  }

  /** Insert unless the serial exists (two first contacts can race); returns the row either way. */
  async insertIfAbsent(db: Kysely<DB>, row: NewRow<'devices'>): Promise<{ row: DeviceRow; created: boolean }> {
    const inserted = await db
      .insertInto('devices')
      .values(row)
      .onConflict((oc) => oc.column('serial_number').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { row: inserted, created: true };
    const existing = await db.selectFrom('devices').selectAll().where('serial_number', '=', row.serial_number).executeTakeFirstOrThrow();
    return { row: existing, created: false };
  }

  async insert(db: Kysely<DB>, row: NewRow<'devices'>): Promise<DeviceRow> {
    return db.insertInto('devices').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async update(db: Kysely<DB>, id: number, patch: RowPatch<'devices'>): Promise<void> {
    await db.updateTable('devices').set(patch).where('id', '=', id).execute();
  }

  async list(db: Kysely<DB>, f: DeviceListFilter): Promise<{ rows: DeviceRow[]; total: number }> {
    let base = db.selectFrom('devices');
    if (f.companyIds) {
      const ids = f.companyIds.length ? f.companyIds : [-1];
      base = base.where('company_id', 'in', ids);
    } else if (!f.includePending) {
      base = base.where('company_id', 'is not', null);
    }
    if (f.companyId !== undefined) base = base.where('company_id', '=', f.companyId);
    if (f.status) base = base.where('status', '=', f.status);
    if (f.siteId !== undefined) base = base.where('site_id', '=', f.siteId);
    if (f.online !== undefined) base = base.where('online', '=', f.online ? 1 : 0);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('id').limit(f.limit).offset(f.offset).execute(),
      countRows(base),
    ]);
    return { rows, total };
  }

  /** Devices the health job watches: everything not disabled. */
  watched(db: Kysely<DB>) {
    return db
      .selectFrom('devices')
      .select(['id', 'company_id', 'serial_number', 'name', 'site_id', 'online', 'last_seen_at_ms', 'offline_after_min', 'created_at_ms'])
      .where('status', '!=', 'disabled')
      .execute();
  }

  // ---- events ----
  async addEvent(db: Kysely<DB>, deviceId: number, kind: DeviceEventKind, atMs: number, details?: unknown): Promise<void> {
    await db
      .insertInto('device_events')
      .values({ device_id: deviceId, kind, at_ms: atMs, details: details === undefined ? null : JSON.stringify(details) })
      .execute();
  }

  events(db: Kysely<DB>, deviceId: number, kinds: DeviceEventKind[] | null, limit: number) {
    let q = db.selectFrom('device_events').selectAll().where('device_id', '=', deviceId);
    if (kinds) q = q.where('kind', 'in', kinds);
    return q.orderBy('at_ms', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  async lastEvent(db: Kysely<DB>, deviceId: number, kind: DeviceEventKind) {
    return db.selectFrom('device_events').selectAll().where('device_id', '=', deviceId).where('kind', '=', kind).orderBy('id', 'desc').limit(1).executeTakeFirst();
  }

  // ---- commands ----
  async queueCommands(db: Kysely<DB>, rows: NewRow<'device_commands'>[]): Promise<Row<'device_commands'>[]> {
    if (rows.length === 0) return [];
    const out: Row<'device_commands'>[] = [];
    for (let i = 0; i < rows.length; i += 200) out.push(...(await db.insertInto('device_commands').values(rows.slice(i, i + 200)).returningAll().execute()));
    return out;
  }

  /** The heartbeat's one read: queued commands of a device, oldest first (index device_id, status, id). */
  queued(db: Kysely<DB>, deviceId: number, max: number) {
    return db
      .selectFrom('device_commands')
      .select(['id', 'command', 'payload_sealed'])
      .where('device_id', '=', deviceId)
      .where('status', '=', 'queued')
      .orderBy('id')
      .limit(max)
      .execute();
  }

  /** Claims commands for delivery; only rows still queued are claimed (another instance may race). */
  async markSent(db: Kysely<DB>, ids: number[], atMs: number): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .updateTable('device_commands')
      .set({ status: 'sent', sent_at_ms: atMs })
      .where('id', 'in', ids)
      .where('status', '=', 'queued')
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async finishCommand(
    db: Kysely<DB>,
    deviceId: number,
    id: number,
    patch: { status: 'done' | 'failed'; return_code: number | null; result: string; finished_at_ms: number },
  ): Promise<Row<'device_commands'> | undefined> {
    // A template the command carried is not needed once the device answered.
    return db
      .updateTable('device_commands')
      .set({ ...patch, payload_sealed: null })
      .where('id', '=', id)
      .where('device_id', '=', deviceId)
      .returningAll()
      .executeTakeFirst();
  }

  commands(db: Kysely<DB>, deviceId: number, limit: number, offset: number) {
    return db.selectFrom('device_commands').selectAll().where('device_id', '=', deviceId).orderBy('id', 'desc').limit(limit).offset(offset).execute();
  }

  async countCommands(db: Kysely<DB>, deviceId: number, statuses: Row<'device_commands'>['status'][]): Promise<number> {
    const r = await db
      .selectFrom('device_commands')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('device_id', '=', deviceId)
      .where('status', 'in', statuses)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  // ---- held punches of pending devices ----
  /** Idempotent on (device, key); returns how many rows were new. */
  async holdPunches(db: Kysely<DB>, rows: NewRow<'device_held_punches'>[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < rows.length; i += 100) {
      const r = await db
        .insertInto('device_held_punches')
        .values(rows.slice(i, i + 100))
        .onConflict((oc) => oc.columns(['device_id', 'idempotency_key']).doNothing())
        .executeTakeFirst();
      inserted += Number(r.numInsertedOrUpdatedRows ?? 0n);
    }
    return inserted;
  }

  heldPunches(db: Kysely<DB>, deviceId: number, limit: number) {
    return db.selectFrom('device_held_punches').selectAll().where('device_id', '=', deviceId).orderBy('at_ms').orderBy('idempotency_key').limit(limit).execute();
  }

  async deleteHeld(db: Kysely<DB>, deviceId: number, keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 500) {
      await db.deleteFrom('device_held_punches').where('device_id', '=', deviceId).where('idempotency_key', 'in', keys.slice(i, i + 500)).execute();
    }
  }

  async countHeld(db: Kysely<DB>, deviceId: number): Promise<number> {
    const r = await db.selectFrom('device_held_punches').select((eb) => eb.fn.countAll<number>().as('n')).where('device_id', '=', deviceId).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async countPending(db: Kysely<DB>): Promise<number> {
    const r = await db.selectFrom('devices').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async hasPhoto(db: Kysely<DB>, deviceId: number, key: string): Promise<boolean> {
    return (await db.selectFrom('device_photos').select('device_id').where('device_id', '=', deviceId).where('idempotency_key', '=', key).executeTakeFirst()) !== undefined;
  }

  async photoBytes(db: Kysely<DB>, deviceId: number): Promise<number> {
    const len = this.dialect === 'postgres' ? sql<number>`coalesce(sum(octet_length(bytes)), 0)` : sql<number>`coalesce(sum(length(bytes)), 0)`;
    const r = await db.selectFrom('device_photos').select(len.as('n')).where('device_id', '=', deviceId).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  // ── companies, sites, employees (checks and users for commands) ──────────

  /** The company a site belongs to, or undefined when there is no such site. */
  async siteCompanyId(db: Kysely<DB>, siteId: number): Promise<number | undefined> {
    return (await db.selectFrom('sites').select('company_id').where('id', '=', siteId).executeTakeFirst())?.company_id;
  }


  /** The company's employees (only those listed, when ids are given), by id. */
  companyEmployees(db: Kysely<DB>, companyId: number, employeeIds?: number[]) {
    let q = db.selectFrom('employees').select(['id', 'job_number', 'name', 'status', 'leave_date']).where('company_id', '=', companyId);
    if (employeeIds) q = q.where('id', 'in', employeeIds);
    return q.orderBy('id').execute();
  }

  /** Device identities (provider 'device') of these employees of the company, lowest PIN first. */
  deviceIdentities(db: Kysely<DB>, companyId: number, employeeIds: number[]) {
    return deviceIdentities(db, companyId, employeeIds);
  }

  /** The photo a machine took of a checkin's punch, if it sent one. */
  async photoForCheckin(db: Kysely<DB>, checkinId: number) {
    return db
      .selectFrom('checkins')
      .innerJoin('devices', 'devices.serial_number', 'checkins.device_sn')
      .innerJoin('device_photos', (j) => j.onRef('device_photos.device_id', '=', 'devices.id').onRef('device_photos.idempotency_key', '=', 'checkins.idempotency_key'))
      .select(['device_photos.name', 'device_photos.bytes'])
      .where('checkins.id', '=', checkinId)
      .executeTakeFirst();
  }
}
