/**
 * Commands for ZKTeco push devices (queued here, handed out on the device's next getrequest) and
 * USB/spreadsheet punch-file import for one device. Command text comes from the wire layer's
 * builders; imported punches take the same gateway path as pushed ones, so a punch that arrives by
 * both routes is stored once.
 */
import type { NewRow } from '../../db/schema.js';
import { localDate } from '../../shared/dates.js';
import { AppError, badRequest, validationError } from '../../shared/errors.js';
import { importPunchFile } from '../../sources/file-import/import-file.js';
import {
  buildClockSync,
  buildDeleteUser,
  buildInfo,
  buildQueryAttlog,
  buildReboot,
  buildUpdateUser,
  type DeviceUser,
} from '../../sources/zkteco-push/commands.js';
import { timeZoneOptionValue } from '../../sources/zkteco-push/options.js';
import { currentOffsetMin, parseWallTime } from '../../sources/zkteco-push/wall-time.js';
import type { Actor } from '../auth/actor.js';
import { parseJson, toContext } from './device-context.js';
import type { CommandCreateT, ImportBodyT } from './devices.schemas.js';
import type { DevicesService } from './devices.service.js';
import { companyTimeZone } from '../companies/company-lookups.repo.js';

export function commandDto(r: {
  id: number;
  kind: string;
  command: string;
  status: string;
  return_code: number | null;
  result: string | null;
  created_at_ms: number;
  sent_at_ms: number | null;
  finished_at_ms: number | null;
}) {
  return {
    id: r.id,
    kind: r.kind,
    command: r.command,
    status: r.status,
    returnCode: r.return_code,
    result: parseJson<unknown>(r.result, null),
    createdAtMs: r.created_at_ms,
    sentAtMs: r.sent_at_ms,
    finishedAtMs: r.finished_at_ms,
  };
}

/** `YYYY-MM-DD` (whole day) or a wall time → the device's `YYYY-MM-DD HH:MM:SS`. */
function wallBound(text: string | undefined, end: boolean, path: string): string {
  if (!text) throw validationError([{ path, message: 'required for query_attlog' }]);
  const t = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text} ${end ? '23:59:59' : '00:00:00'}` : text;
  const f = parseWallTime(t);
  if (!f) throw validationError([{ path, message: `'${text}' is not YYYY-MM-DD or YYYY-MM-DD HH:MM:SS` }]);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${f.y}-${p(f.mo)}-${p(f.d)} ${p(f.h)}:${p(f.mi)}:${p(f.s)}`;
}

export class DeviceCommandsService {
  constructor(private readonly devices: DevicesService) {}

  async queue(actor: Actor, deviceId: number, input: CommandCreateT) {
    const { db, repo, audit, gateway } = this.devices;
    const device = await this.devices.visible(actor, deviceId, 'write');
    if (device.vendor !== 'zkteco') throw new AppError('DEVICE_COMMANDS_UNSUPPORTED', `Commands go to ZKTeco push devices only; device ${deviceId} is ${device.vendor}`, 409);
    if (device.status === 'disabled') throw new AppError('DEVICE_DISABLED', `Device ${deviceId} is disabled`, 409);
    const now = this.devices.now();
    const texts: string[] = [];
    let pushOptionsAfter: string | null = null;
    switch (input.kind) {
      case 'sync_users': {
        if (device.company_id === null) throw new AppError('DEVICE_PENDING', 'Approve the device into a company before pushing users to it', 409);
        for (const u of await this.companyUsers(device.company_id, 'active', input.employeeIds)) texts.push(buildUpdateUser(u));
        break;
      }
      case 'delete_user': {
        let pins = input.pins ?? [];
        if (!input.pins) {
          if (device.company_id === null) throw badRequest('DEVICE_PENDING', 'Name the PINs to delete on a pending device');
          pins = (await this.companyUsers(device.company_id, 'leavers', input.employeeIds)).map((u) => u.pin);
        }
        for (const pin of pins) texts.push(buildDeleteUser(pin));
        break;
      }
      case 'query_attlog': {
        const from = wallBound(input.from, false, 'body.from');
        const to = wallBound(input.to, true, 'body.to');
        if (from > to) throw validationError([{ path: 'body.to', message: 'must not be before from' }]);
        texts.push(buildQueryAttlog(from, to));
        break;
      }
      case 'reboot':
        texts.push(buildReboot());
        break;
      case 'info':
        texts.push(buildInfo());
        break;
      case 'sync_clock': {
        // Sending TimeZone= is what moves the clock; an admin asking for the sync confirms the zone.
        const ctx = toContext(device);
        texts.push(...buildClockSync(timeZoneOptionValue(currentOffsetMin(ctx.timeZone, now))));
        pushOptionsAfter = JSON.stringify({ ...ctx.pushOptions, sendTimeZone: true });
        break;
      }
    }
    if (texts.length === 0) throw new AppError('NOTHING_TO_SEND', `No ${input.kind === 'sync_users' ? 'active employees' : 'users'} to send to the device`, 409);
    const rows: NewRow<'device_commands'>[] = texts.map((command) => ({
      device_id: deviceId,
      kind: input.kind,
      command,
      status: 'queued',
      return_code: null,
      result: null,
      created_by_user_id: actor.userId,
      created_at_ms: now,
      sent_at_ms: null,
      finished_at_ms: null,
    }));
    const queued = await db.transaction().execute(async (trx) => {
      const out = await repo.queueCommands(trx, rows);
      if (pushOptionsAfter) await repo.update(trx, deviceId, { push_options: pushOptionsAfter, updated_at_ms: now });
      await audit.record(trx, actor, {
        action: 'device.command',
        entity: 'device',
        entityId: deviceId,
        companyId: device.company_id,
        after: { kind: input.kind, commands: out.length, firstId: out[0]?.id, lastId: out[out.length - 1]?.id },
      });
      return out;
    });
    gateway.commandsQueued(device.serial_number);
    if (pushOptionsAfter) gateway.invalidate(device.serial_number);
    return { items: queued.map(commandDto) };
  }

  async list(actor: Actor, deviceId: number, limit: number, offset: number) {
    await this.devices.visible(actor, deviceId, 'read');
    const rows = await this.devices.repo.commands(this.devices.db, deviceId, limit, offset);
    return { items: rows.map(commandDto) };
  }

  /** Dry run: parse and report. Real: every punch through the gateway, like a device upload. */
  async importFile(actor: Actor, deviceId: number, body: ImportBodyT, dryRun: boolean) {
    const device = await this.devices.visible(actor, deviceId, dryRun ? 'read' : 'write');
    if (!dryRun && device.status === 'disabled') throw new AppError('DEVICE_DISABLED', `Device ${deviceId} is disabled`, 409);
    const bytes = Buffer.from(body.contentBase64, 'base64');
    if (bytes.length === 0) throw validationError([{ path: 'body.contentBase64', message: 'is empty or not base64' }]);
    const ctx = toContext(device);
    const parsed = await importPunchFile(bytes, body.filename, ctx);
    const problems = parsed.problems.map((p) => ({ line: p.line, ...(p.column !== undefined ? { column: p.column } : {}), message: p.message }));
    const base = { format: parsed.format, dryRun, total: parsed.punches.length + problems.length, valid: parsed.punches.length, problems };
    if (dryRun || parsed.punches.length === 0) return base;
    await this.devices.audit.record(this.devices.db, actor, {
      action: 'device.import_started',
      entity: 'device',
      entityId: deviceId,
      companyId: device.company_id,
      after: { filename: body.filename, format: parsed.format, valid: parsed.punches.length, problems: problems.length },
    });
    // Each imported punch names who imported it (shown with the punch's raw record).
    const importedBy = { userId: actor.userId, name: actor.name, filename: body.filename };
    const punches = parsed.punches.map((p) => ({ ...p, raw: { ...(p.raw && typeof p.raw === 'object' ? p.raw : p.raw == null ? {} : { line: p.raw }), importedBy } }));
    let stored = 0;
    let duplicates = 0;
    for (let i = 0; i < punches.length; i += 1000) {
      const r = await this.devices.gateway.storePunches(ctx, punches.slice(i, i + 1000));
      stored += r.stored;
      duplicates += r.duplicates;
    }
    await this.devices.audit.record(this.devices.db, actor, {
      action: 'device.import',
      entity: 'device',
      entityId: deviceId,
      companyId: device.company_id,
      after: { filename: body.filename, format: parsed.format, valid: parsed.punches.length, problems: problems.length, stored, duplicates },
    });
    return { ...base, stored, duplicates };
  }

  /**
   * Users for the device: the PIN is the employee's linked device identity (provider 'device'),
   * else their job number, the PIN the ingest matcher falls back to.
   */
  private async companyUsers(companyId: number, which: 'active' | 'leavers', employeeIds?: number[]): Promise<DeviceUser[]> {
    const { db, repo } = this.devices;
    const zone = await companyTimeZone(db, companyId);
    const today = localDate(this.devices.now(), zone);
    const employees = (await repo.companyEmployees(db, companyId, employeeIds)).filter((e) => {
      const left = e.status === 'inactive' || (e.leave_date !== null && e.leave_date < today);
      return which === 'leavers' ? left : !left;
    });
    if (employeeIds && employees.length === 0 && which === 'active') throw validationError([{ path: 'body.employeeIds', message: 'no active employee of this company among them' }]);
    const pins = new Map<number, string>();
    for (let i = 0; i < employees.length; i += 500) {
      const ids = employees.slice(i, i + 500).map((e) => e.id);
      const rows = await repo.deviceIdentities(db, companyId, ids);
      for (const r of rows) if (!pins.has(r.employee_id)) pins.set(r.employee_id, r.external_id);
    }
    return employees.map((e) => ({ pin: pins.get(e.id) ?? e.job_number, name: e.name }));
  }
}
