/**
 * SQL for what terminals report about their users (user list, sealed biometric templates,
 * operation log) and what the hub pushes back (joiner/leaver commands, gap-fill queries).
 */
import type { Kysely } from 'kysely';
import type { DB, NewRow, Row } from '../../db/schema.js';

export type DeviceUserPushRow = Row<'device_user_pushes'>;

export class DeviceUsersRepo {
  /** Last write wins per (device, PIN): the terminal's newest view of the user. */
  async upsertUsers(db: Kysely<DB>, rows: NewRow<'device_users'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      await db
        .insertInto('device_users')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) =>
          oc.columns(['device_id', 'pin']).doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            privilege: eb.ref('excluded.privilege'),
            card: eb.ref('excluded.card'),
            user_group: eb.ref('excluded.user_group'),
            has_password: eb.ref('excluded.has_password'),
            updated_at_ms: eb.ref('excluded.updated_at_ms'),
          })),
        )
        .execute();
    }
  }

  async upsertTemplates(db: Kysely<DB>, rows: NewRow<'device_templates'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100) await upsertDeviceTemplates(db, rows.slice(i, i + 100));
  }

  /** Idempotent on (device, record key); returns how many entries were new. */
  async insertOplog(db: Kysely<DB>, rows: NewRow<'device_oplog'>[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < rows.length; i += 200) {
      const r = await db
        .insertInto('device_oplog')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) => oc.columns(['device_id', 'record_key']).doNothing())
        .executeTakeFirst();
      n += Number(r.numInsertedOrUpdatedRows ?? 0n);
    }
    return n;
  }

  async count(db: Kysely<DB>, table: 'device_users' | 'device_templates' | 'device_oplog', deviceId: number): Promise<number> {
    const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('device_id', '=', deviceId).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Templates of these PINs on the company's devices: what a leaver leaves behind. */
  templatesOfPins(db: Kysely<DB>, companyId: number, pins: string[]) {
    if (pins.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('device_templates')
      .innerJoin('devices', 'devices.id', 'device_templates.device_id')
      .select(['device_templates.device_id', 'device_templates.pin', 'device_templates.kind', 'device_templates.slot'])
      .where('devices.company_id', '=', companyId)
      .where('device_templates.pin', 'in', pins)
      .execute();
  }

  async deleteTemplates(db: Kysely<DB>, deviceId: number, pins: string[]): Promise<number> {
    if (pins.length === 0) return 0;
    const r = await db.deleteFrom('device_templates').where('device_id', '=', deviceId).where('pin', 'in', pins).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  // ---- joiner / leaver pushes ----
  pushes(db: Kysely<DB>, deviceId: number) {
    return db.selectFrom('device_user_pushes').selectAll().where('device_id', '=', deviceId).execute();
  }

  async savePush(db: Kysely<DB>, row: NewRow<'device_user_pushes'>): Promise<void> {
    await db
      .insertInto('device_user_pushes')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['device_id', 'employee_id']).doUpdateSet((eb) => ({
          pin: eb.ref('excluded.pin'),
          action: eb.ref('excluded.action'),
          status: eb.ref('excluded.status'),
          command_id: eb.ref('excluded.command_id'),
          attempts: eb.ref('excluded.attempts'),
          return_code: eb.ref('excluded.return_code'),
          updated_at_ms: eb.ref('excluded.updated_at_ms'),
        })),
      )
      .execute();
  }

  // ---- gap fills ----
  /** Gap events of active ZKTeco devices with no fill yet, newest first, since `sinceMs`. */
  unfilledGaps(db: Kysely<DB>, sinceMs: number, limit: number) {
    return db
      .selectFrom('device_events')
      .innerJoin('devices', 'devices.id', 'device_events.device_id')
      .leftJoin('device_gap_fills', 'device_gap_fills.event_id', 'device_events.id')
      .select(['device_events.id', 'device_events.device_id', 'device_events.details', 'device_events.at_ms'])
      .where('device_events.kind', '=', 'gap')
      .where('device_events.at_ms', '>=', sinceMs)
      .where('device_gap_fills.event_id', 'is', null)
      .where('devices.vendor', '=', 'zkteco')
      .where('devices.status', '=', 'active')
      .orderBy('device_events.id', 'desc')
      .limit(limit)
      .execute();
  }

  async insertGapFill(db: Kysely<DB>, row: NewRow<'device_gap_fills'>): Promise<void> {
    await db.insertInto('device_gap_fills').values(row).onConflict((oc) => oc.column('event_id').doNothing()).execute();
  }

  gapFills(db: Kysely<DB>, eventIds: number[]) {
    if (eventIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('device_gap_fills').selectAll().where('event_id', 'in', eventIds).execute();
  }

  /** A command's result reached the device's push and gap-fill records that wait for it. */
  async commandFinished(db: Kysely<DB>, deviceId: number, commandId: number, ok: boolean, returnCode: number | null, atMs: number): Promise<void> {
    const pushed = await db
      .updateTable('device_user_pushes')
      .set({ status: ok ? 'acked' : 'failed', return_code: returnCode, updated_at_ms: atMs })
      .where('device_id', '=', deviceId)
      .where('command_id', '=', commandId)
      .returning(['pin', 'action'])
      .executeTakeFirst();
    // The terminal confirmed the removal: it no longer holds the user (nor, per the spec, their templates).
    if (ok && pushed?.action === 'delete') {
      await db.deleteFrom('device_users').where('device_id', '=', deviceId).where('pin', '=', pushed.pin).execute();
      await db.deleteFrom('device_templates').where('device_id', '=', deviceId).where('pin', '=', pushed.pin).execute();
    }
    // A query over a window with no records answers -1 (devices.md §2.8): nothing was missing.
    const filled = ok || returnCode === -1;
    await db
      .updateTable('device_gap_fills')
      .set({ status: filled ? 'filled' : 'failed', finished_at_ms: atMs })
      .where('device_id', '=', deviceId)
      .where('command_id', '=', commandId)
      .execute();
  }
}

/**
 * One statement storing templates a terminal holds; the newest content wins per (device, PIN, kind,
 * slot). Shared by what terminals report and by confirmed copies, so both keep the same columns.
 */
export async function upsertDeviceTemplates(db: Kysely<DB>, rows: NewRow<'device_templates'>[]): Promise<void> {
  await db
    .insertInto('device_templates')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['device_id', 'pin', 'kind', 'slot']).doUpdateSet((eb) => ({
        valid: eb.ref('excluded.valid'),
        size: eb.ref('excluded.size'),
        format: eb.ref('excluded.format'),
        template_sealed: eb.ref('excluded.template_sealed'),
        content_digest: eb.ref('excluded.content_digest'),
        received_at_ms: eb.ref('excluded.received_at_ms'),
      })),
    )
    .execute();
}
