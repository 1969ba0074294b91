/**
 * Automatic gap fill for ZKTeco push devices. A `gap` event (the health job records one when a
 * device comes back after an offline period) marks a window whose punches may still sit on the
 * terminal; this queues `DATA QUERY ATTLOG StartTime=… EndTime=…` for it, in the device's own wall
 * clock. The answer arrives as ordinary ATTLOG uploads, which are idempotent, so a record that did
 * arrive is a duplicate and nothing is counted twice. The device page shows each gap's fill and
 * whether the terminal answered (the command result moves the fill to filled/failed).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { utcOffsetMinAt } from '../../shared/zone-wall.js';
import { buildQueryAttlog } from '../../sources/zkteco-push/commands.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import { systemActor } from '../auth/actor.js';
import { parseJson, toContext } from './device-context.js';
import type { DeviceUsersRepo } from './device-users.repo.js';
import type { DevicesRepo } from './devices.repo.js';
import type { DbDeviceGateway } from './gateway.js';

const ACTOR = systemActor('device-gap-fill');
/** Gaps older than this are left to an admin (the device may have rotated its log). */
const MAX_AGE_MS = 30 * 24 * 3_600_000;
/** Margin around the silent window: the last upload before it may have been cut short. */
const MARGIN_MS = 5 * 60_000;
const PER_RUN = 200;

/** Epoch ms → the device's `YYYY-MM-DD HH:MM:SS` in its zone. */
export function deviceWall(ms: number, zone: string): string {
  const local = new Date(ms + utcOffsetMinAt(zone, ms) * 60_000);
  return local.toISOString().slice(0, 19).replace('T', ' ');
}

export class DeviceGapFill {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: DevicesRepo,
    private readonly users: DeviceUsersRepo,
    private readonly audit: AuditRepo,
    private readonly gateway: DbDeviceGateway,
    private readonly now: () => number,
  ) {}

  async run(): Promise<{ queued: number }> {
    const now = this.now();
    let queued = 0;
    for (const gap of await this.users.unfilledGaps(this.db, now - MAX_AGE_MS, PER_RUN)) {
      const d = parseJson<{ fromMs?: unknown; toMs?: unknown }>(gap.details, {});
      const device = await this.repo.byId(this.db, gap.device_id);
      if (!device || typeof d.fromMs !== 'number' || typeof d.toMs !== 'number' || !(d.toMs >= d.fromMs)) continue;
      const zone = toContext(device).timeZone;
      const fromWall = deviceWall(d.fromMs - MARGIN_MS, zone);
      const toWall = deviceWall(d.toMs + MARGIN_MS, zone);
      const command = buildQueryAttlog(fromWall, toWall);
      const done = await this.db.transaction().execute(async (trx) => {
        // The fill row is the claim: a second instance running at the same moment inserts nothing.
        const claimed = await trx
          .insertInto('device_gap_fills')
          .values({ event_id: gap.id, device_id: gap.device_id, from_wall: fromWall, to_wall: toWall, command_id: null, status: 'queued', created_at_ms: now, finished_at_ms: null })
          .onConflict((oc) => oc.column('event_id').doNothing())
          .executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
        const [cmd] = await this.repo.queueCommands(trx, [
          { device_id: gap.device_id, kind: 'gap_fill', command, status: 'queued', return_code: null, result: null, created_by_user_id: null, created_at_ms: now, sent_at_ms: null, finished_at_ms: null },
        ]);
        await trx.updateTable('device_gap_fills').set({ command_id: cmd.id }).where('event_id', '=', gap.id).execute();
        await this.audit.record(trx, ACTOR, {
          action: 'device.command',
          entity: 'device',
          entityId: gap.device_id,
          companyId: device.company_id,
          after: { kind: 'gap_fill', commands: 1, firstId: cmd.id, gapEventId: gap.id, from: fromWall, to: toWall },
        });
        return true;
      });
      if (done) {
        queued++;
        this.gateway.commandsQueued(device.serial_number);
      }
    }
    return { queued };
  }
}
