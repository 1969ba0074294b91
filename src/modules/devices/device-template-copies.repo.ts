/**
 * SQL for copying biometric templates between the terminals of one site: what each terminal of a
 * site holds and knows, the copies sent with their outcome, and their cancellation for leavers.
 * Sealed templates are read here only to be handed on sealed; they are never opened.
 */
import type { Kysely } from 'kysely';
import type { DB, NewRow, Row } from '../../db/schema.js';
import { upsertDeviceTemplates } from './device-users.repo.js';

export type TemplateCopyRow = Row<'device_template_copies'>;

const IN_CHUNK = 500;

export class DeviceTemplateCopiesRepo {
  /** Approved ZKTeco terminals that belong to a site: the only ones templates are copied between. */
  siteTerminals(db: Kysely<DB>) {
    return db
      .selectFrom('devices')
      .select(['id', 'company_id', 'site_id', 'serial_number', 'push_version'])
      .where('vendor', '=', 'zkteco')
      .where('status', '=', 'active')
      .where('company_id', 'is not', null)
      .where('site_id', 'is not', null)
      .orderBy('id')
      .execute();
  }

  /** Template facts (never the template) held by these terminals. */
  templateFacts(db: Kysely<DB>, deviceIds: number[], limit: number) {
    return db
      .selectFrom('device_templates')
      .select(['device_id', 'pin', 'kind', 'slot', 'valid', 'size', 'format', 'content_digest', 'received_at_ms'])
      .where('device_id', 'in', deviceIds)
      .orderBy('pin')
      .orderBy('kind')
      .orderBy('slot')
      .orderBy('device_id')
      .limit(limit)
      .execute();
  }

  /** PINs each terminal knows: reported in its user list, or a joiner push it confirmed. */
  async knownPins(db: Kysely<DB>, deviceIds: number[]): Promise<Set<string>> {
    const out = new Set<string>();
    const reported = await db.selectFrom('device_users').select(['device_id', 'pin']).where('device_id', 'in', deviceIds).execute();
    for (const r of reported) out.add(`${r.device_id}\u0000${r.pin}`);
    const pushed = await db.selectFrom('device_user_pushes').select(['device_id', 'pin']).where('device_id', 'in', deviceIds).where('action', '=', 'update').where('status', '=', 'acked').execute();
    for (const r of pushed) out.add(`${r.device_id}\u0000${r.pin}`);
    return out;
  }

  copies(db: Kysely<DB>, deviceIds: number[]) {
    return db.selectFrom('device_template_copies').selectAll().where('device_id', 'in', deviceIds).execute();
  }

  async commandStates(db: Kysely<DB>, ids: number[]) {
    const out = new Map<number, { status: string; sent_at_ms: number | null }>();
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const rows = await db.selectFrom('device_commands').select(['id', 'status', 'sent_at_ms']).where('id', 'in', ids.slice(i, i + IN_CHUNK)).execute();
      for (const r of rows) out.set(r.id, r);
    }
    return out;
  }

  /** The sealed template as stored (it stays sealed: the command carries the same sealed value). */
  async sealedTemplate(db: Kysely<DB>, deviceId: number, t: { pin: string; kind: string; slot: string }): Promise<{ sealed: string; digest: string | null } | null> {
    const r = await db
      .selectFrom('device_templates')
      .select(['template_sealed', 'content_digest'])
      .where('device_id', '=', deviceId)
      .where('pin', '=', t.pin)
      .where('kind', '=', t.kind as Row<'device_templates'>['kind'])
      .where('slot', '=', t.slot)
      .executeTakeFirst();
    return r ? { sealed: r.template_sealed, digest: r.content_digest } : null;
  }

  async wipePayload(db: Kysely<DB>, commandId: number): Promise<void> {
    await db.updateTable('device_commands').set({ payload_sealed: null }).where('id', '=', commandId).execute();
  }

  /**
   * A copy replaced by one of newer content: if its command is still waiting to be sent it is
   * cancelled, so the terminal never gets the old template after the new one.
   */
  async supersede(db: Kysely<DB>, commandId: number, atMs: number): Promise<void> {
    await db
      .updateTable('device_commands')
      .set({ status: 'failed', result: JSON.stringify({ cancelled: 'template_changed' }), finished_at_ms: atMs })
      .where('id', '=', commandId)
      .where('status', '=', 'queued')
      .execute();
  }

  async saveCopy(db: Kysely<DB>, row: NewRow<'device_template_copies'>): Promise<void> {
    await db
      .insertInto('device_template_copies')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['device_id', 'pin', 'kind', 'slot']).doUpdateSet((eb) => ({
          source_device_id: eb.ref('excluded.source_device_id'),
          content_digest: eb.ref('excluded.content_digest'),
          status: eb.ref('excluded.status'),
          command_id: eb.ref('excluded.command_id'),
          attempts: eb.ref('excluded.attempts'),
          return_code: eb.ref('excluded.return_code'),
          updated_at_ms: eb.ref('excluded.updated_at_ms'),
        })),
      )
      .execute();
  }

  /**
   * A copy's command was answered. Acknowledged: the terminal now holds the template, so it is
   * recorded as the terminal's own (and a leaver's copy is deleted with the rest), replacing the
   * older content it held. If the source's template changed again meanwhile, the terminal holds
   * content the source no longer has: nothing is recorded, and the next run copies the new one.
   */
  async commandFinished(db: Kysely<DB>, deviceId: number, commandId: number, ok: boolean, returnCode: number | null, atMs: number): Promise<void> {
    const copy = await db
      .updateTable('device_template_copies')
      .set({ status: ok ? 'acked' : 'failed', return_code: returnCode, updated_at_ms: atMs })
      .where('device_id', '=', deviceId)
      .where('command_id', '=', commandId)
      .returningAll()
      .executeTakeFirst();
    if (!ok || !copy) return;
    const source = await db
      .selectFrom('device_templates')
      .selectAll()
      .where('device_id', '=', copy.source_device_id)
      .where('pin', '=', copy.pin)
      .where('kind', '=', copy.kind as Row<'device_templates'>['kind'])
      .where('slot', '=', copy.slot)
      .executeTakeFirst();
    if (!source || source.content_digest !== copy.content_digest) return;
    await upsertDeviceTemplates(db, [{ ...source, device_id: deviceId, received_at_ms: atMs }]);
  }

  /**
   * A leaver's copies on the company's terminals: commands not yet answered are cancelled and their
   * sealed templates wiped, and the copy records go. Returns how many copies were forgotten.
   */
  async forgetPins(db: Kysely<DB>, companyId: number, pins: string[], atMs: number): Promise<number> {
    if (pins.length === 0) return 0;
    const rows = await db
      .selectFrom('device_template_copies')
      .innerJoin('devices', 'devices.id', 'device_template_copies.device_id')
      .select(['device_template_copies.device_id', 'device_template_copies.pin', 'device_template_copies.command_id'])
      .where('devices.company_id', '=', companyId)
      .where('device_template_copies.pin', 'in', pins)
      .execute();
    if (rows.length === 0) return 0;
    const commandIds = rows.map((r) => r.command_id).filter((id): id is number => id !== null);
    for (let i = 0; i < commandIds.length; i += IN_CHUNK) {
      const chunk = commandIds.slice(i, i + IN_CHUNK);
      await db
        .updateTable('device_commands')
        .set({ status: 'failed', result: JSON.stringify({ cancelled: 'employee_left' }), finished_at_ms: atMs })
        .where('id', 'in', chunk)
        .where('status', '=', 'queued')
        .execute();
      await db.updateTable('device_commands').set({ payload_sealed: null }).where('id', 'in', chunk).execute();
    }
    const byDevice = new Map<number, string[]>();
    for (const r of rows) byDevice.set(r.device_id, [...(byDevice.get(r.device_id) ?? []), r.pin]);
    for (const [deviceId, devicePins] of byDevice) {
      await db.deleteFrom('device_template_copies').where('device_id', '=', deviceId).where('pin', 'in', devicePins).execute();
    }
    return rows.length;
  }

  /** Per terminal and PIN: copies pending / acked / failed (for the users list). */
  async copyStates(db: Kysely<DB>, deviceId: number, pins: string[]) {
    if (pins.length === 0) return [];
    return db.selectFrom('device_template_copies').select(['pin', 'kind', 'status', 'return_code', 'updated_at_ms']).where('device_id', '=', deviceId).where('pin', 'in', pins).execute();
  }
}
