/**
 * Commands on the heartbeat: queued commands are handed out on getrequest (claimed so two
 * instances never deliver one twice) and their results, posted to devicecmd, finish them and the
 * joiner/leaver pushes, template copies and gap fills that wait for them.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CommandResult, QueuedCommand } from '../../sources/device-gateway.js';
import { commandSucceeded } from '../../sources/zkteco-push/commands.js';
import { infoResultPatch } from './device-context.js';
import type { DeviceUsersRepo } from './device-users.repo.js';
import type { DevicesRepo } from './devices.repo.js';
import type { DeviceContactRecorder } from './gateway-contact.js';
import type { DeviceStateCache } from './gateway-state.js';

export interface DeviceCommandDeskDeps {
  db: Kysely<DB>;
  repo: DevicesRepo;
  users: DeviceUsersRepo;
  cache: DeviceStateCache;
  contact: DeviceContactRecorder;
  now: () => number;
  /** How long an empty command queue is trusted (commands queued on another instance wait at most this). */
  idleQueueTtlMs: number;
}

export class DeviceCommandDesk {
  constructor(private readonly deps: DeviceCommandDeskDeps) {}

  async take(sn: string, max: number): Promise<QueuedCommand[]> {
    const { db, repo, cache } = this.deps;
    const state = await cache.get(sn);
    if (!state || state.status === 'disabled') return [];
    const now = this.deps.now();
    // The heartbeat is the device's proof of life; written at most every touchIntervalMs.
    await cache.touch(state, now, {}, false);
    if (state.noCommandsUntil > now) return [];
    const rows = await repo.queued(db, state.id, max);
    if (rows.length === 0) {
      // Commands queued through this instance clear the flag at once; others' within a TTL.
      state.noCommandsUntil = now + this.deps.idleQueueTtlMs;
      return [];
    }
    const claimed = new Set(await repo.markSent(db, rows.map((r) => r.id), now));
    return rows.filter((r) => claimed.has(r.id)).map((r) => ({ id: r.id, text: r.command }));
  }

  async recordResult(sn: string, result: CommandResult): Promise<void> {
    const { db, repo, cache } = this.deps;
    const state = await cache.get(sn);
    if (!state) return;
    const id = Number(result.id);
    if (!/^\d+$/.test(result.id) || !Number.isSafeInteger(id)) return;
    const now = this.deps.now();
    const ok = commandSucceeded(result);
    const returnCode = Number.isFinite(result.returnCode) ? result.returnCode : null;
    const row = await repo.finishCommand(db, state.id, id, {
      status: ok ? 'done' : 'failed',
      return_code: returnCode,
      result: JSON.stringify({ cmd: result.cmd, fields: result.fields }),
      finished_at_ms: now,
    });
    if (!row) return;
    await this.deps.users.commandFinished(db, state.id, id, ok, returnCode, now);
    if (!ok) await repo.addEvent(db, state.id, 'command_failed', now, { commandId: id, kind: row.kind, returnCode: row.return_code, cmd: result.cmd });
    if (ok && result.cmd.toUpperCase() === 'INFO') {
      const patch = infoResultPatch(result.fields);
      if (patch.attlog_count !== undefined && patch.attlog_count !== null) await this.deps.contact.noteAttlogCount(state, patch.attlog_count, now);
      await cache.touch(state, now, patch, true);
    }
  }
}
