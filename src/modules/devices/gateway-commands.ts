/**
 * Commands on the heartbeat: queued commands are handed out on getrequest (claimed so two
 * instances never deliver one twice) and their results, posted to devicecmd, finish them and the
 * joiner/leaver pushes, template copies and gap fills that wait for them.
 *
 * A command that carries a biometric template keeps it sealed beside the command text
 * (`payload_sealed`); it is opened only here, to write the reply, and wiped once the device answered.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { CommandResult, QueuedCommand } from '../../sources/device-gateway.js';
import { commandSucceeded } from '../../sources/zkteco-push/commands.js';
import { infoResultPatch } from './device-context.js';
import type { DeviceUsersRepo } from './device-users.repo.js';
import type { DeviceTemplateCopiesRepo } from './device-template-copies.repo.js';
import type { DevicesRepo } from './devices.repo.js';
import type { DeviceContactRecorder } from './gateway-contact.js';
import type { DeviceStateCache } from './gateway-state.js';

/** One getrequest reply stays under the 900 KB a device downloads at once (devices.md §2.8). */
export const MAX_POLL_REPLY_CHARS = 800_000;

export interface DeviceCommandDeskDeps {
  db: Kysely<DB>;
  repo: DevicesRepo;
  users: DeviceUsersRepo;
  copies: DeviceTemplateCopiesRepo;
  cache: DeviceStateCache;
  contact: DeviceContactRecorder;
  secrets: SecretBox;
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
    const out: QueuedCommand[] = [];
    let chars = 0;
    for (const r of rows) {
      const text = r.payload_sealed === null ? r.command : r.command + this.deps.secrets.open(r.payload_sealed);
      // Always at least one; the rest wait for the next poll when the reply would grow too large.
      if (out.length > 0 && chars + text.length > MAX_POLL_REPLY_CHARS) break;
      chars += text.length + 24;
      out.push({ id: r.id, text });
    }
    const claimed = new Set(await repo.markSent(db, out.map((c) => c.id), now));
    return out.filter((c) => claimed.has(c.id));
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
    if (row.kind === 'copy_template') await this.deps.copies.commandFinished(db, state.id, id, ok, returnCode, now);
    if (!ok) await repo.addEvent(db, state.id, 'command_failed', now, { commandId: id, kind: row.kind, returnCode: row.return_code, cmd: result.cmd });
    if (ok && result.cmd.toUpperCase() === 'INFO') {
      const patch = infoResultPatch(result.fields);
      if (patch.attlog_count !== undefined && patch.attlog_count !== null) await this.deps.contact.noteAttlogCount(state, patch.attlog_count, now);
      await cache.touch(state, now, patch, true);
    }
  }
}
