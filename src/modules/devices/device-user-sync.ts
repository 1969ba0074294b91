/**
 * Joiners, movers and leavers reach the terminals. An active employee whose site has ZKTeco push
 * devices is sent to each of them (`DATA UPDATE USERINFO`); one who left, or moved to another site,
 * is removed (`DATA DELETE USERINFO`) from every terminal it was sent to or that reported it. Each
 * (device, employee) keeps its last push with the command that carried it: pending until the
 * device's result arrives (acked / failed), sent again when the device never answered or answered
 * "busy", up to MAX_ATTEMPTS. A leaver's biometric templates are deleted from the hub the same run.
 */
import type { Kysely } from 'kysely';
import type { DB, NewRow } from '../../db/schema.js';
import { localDate } from '../../shared/dates.js';
import { buildDeleteUser, buildUpdateUser } from '../../sources/zkteco-push/commands.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import { systemActor } from '../auth/actor.js';
import type { DeviceUserSyncRepo } from './device-user-sync.repo.js';
import type { DeviceUserPushRow, DeviceUsersRepo } from './device-users.repo.js';
import type { DevicesRepo } from './devices.repo.js';
import type { DbDeviceGateway } from './gateway.js';

const ACTOR = systemActor('device-user-sync');
export const MAX_PUSH_ATTEMPTS = 5;
/** A command delivered this long ago without a result is sent again. */
export const PUSH_ACK_TIMEOUT_MS = 10 * 60_000;
/** Return codes worth another try: timed out, busy, memory error (devices.md §2.9). */
export const RETRIABLE_RETURN_CODES = new Set([-1003, -1005, -1007]);
const MAX_COMMANDS_PER_DEVICE_RUN = 500;

interface Person {
  id: number;
  pin: string;
  name: string;
  siteId: number | null;
  left: boolean;
}

type Plan = { employeeId: number; pin: string; action: 'update' | 'delete'; name: string; attempts: number };

export class DeviceUserSync {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: DevicesRepo,
    private readonly users: DeviceUsersRepo,
    private readonly sync: DeviceUserSyncRepo,
    private readonly audit: AuditRepo,
    private readonly gateway: DbDeviceGateway,
    private readonly now: () => number,
  ) {}

  async run(): Promise<{ queued: number; templatesDeleted: number }> {
    const devices = await this.sync.syncTerminals(this.db);
    const companies = [...new Set(devices.map((d) => d.company_id!))];
    let queued = 0;
    let templatesDeleted = 0;
    for (const companyId of companies) {
      const people = await this.people(companyId);
      templatesDeleted += await this.purgeLeaverTemplates(companyId, people);
      for (const d of devices.filter((x) => x.company_id === companyId)) queued += await this.syncDevice({ ...d, company_id: companyId }, people);
    }
    return { queued, templatesDeleted };
  }

  private async syncDevice(device: { id: number; company_id: number; site_id: number | null; serial_number: string }, people: Map<number, Person>): Promise<number> {
    const now = this.now();
    const pushes = new Map((await this.users.pushes(this.db, device.id)).map((p) => [p.employee_id, p]));
    const commandState = await this.sync.commandStates(this.db, [...pushes.values()].filter((p) => p.status === 'pending' && p.command_id !== null).map((p) => p.command_id!));
    const reported = await this.sync.reportedPins(this.db, device.id);
    const plans: Plan[] = [];
    for (const person of people.values()) {
      const row = pushes.get(person.id);
      const wanted = !person.left && device.site_id !== null && person.siteId === device.site_id;
      const action: 'update' | 'delete' | null = wanted ? 'update' : (row && row.action === 'update') || (person.left && reported.has(person.pin)) ? 'delete' : null;
      if (!action) continue;
      if (!row || row.action !== action || (action === 'update' && row.pin !== person.pin)) {
        plans.push({ employeeId: person.id, pin: action === 'delete' && row ? row.pin : person.pin, action, name: person.name, attempts: 1 });
      } else if (this.retryDue(row, commandState, now)) {
        plans.push({ employeeId: person.id, pin: row.pin, action, name: person.name, attempts: row.attempts + 1 });
      }
      if (plans.length >= MAX_COMMANDS_PER_DEVICE_RUN) break;
    }
    if (plans.length === 0) return 0;
    await this.db.transaction().execute(async (trx) => {
      const rows: NewRow<'device_commands'>[] = plans.map((p) => ({
        device_id: device.id,
        kind: p.action === 'update' ? 'push_user' : 'remove_user',
        command: p.action === 'update' ? buildUpdateUser({ pin: p.pin, name: p.name }) : buildDeleteUser(p.pin),
        status: 'queued',
        return_code: null,
        result: null,
        created_by_user_id: null,
        created_at_ms: now,
        sent_at_ms: null,
        finished_at_ms: null,
      }));
      const cmds = await this.repo.queueCommands(trx, rows);
      for (let i = 0; i < plans.length; i++) {
        const p = plans[i];
        await this.users.savePush(trx, { device_id: device.id, employee_id: p.employeeId, pin: p.pin, action: p.action, status: 'pending', command_id: cmds[i].id, attempts: p.attempts, return_code: null, updated_at_ms: now });
      }
      await this.audit.record(trx, ACTOR, {
        action: 'device.command',
        entity: 'device',
        entityId: device.id,
        companyId: device.company_id,
        after: {
          kind: 'user_sync',
          commands: cmds.length,
          firstId: cmds[0]?.id,
          lastId: cmds[cmds.length - 1]?.id,
          updates: plans.filter((p) => p.action === 'update').map((p) => p.employeeId).slice(0, 100),
          removals: plans.filter((p) => p.action === 'delete').map((p) => p.employeeId).slice(0, 100),
          retries: plans.filter((p) => p.attempts > 1).length,
        },
      });
    });
    this.gateway.commandsQueued(device.serial_number);
    return plans.length;
  }

  private retryDue(row: DeviceUserPushRow, commands: Map<number, { status: string; sent_at_ms: number | null }>, now: number): boolean {
    if (row.attempts >= MAX_PUSH_ATTEMPTS) return false;
    if (row.status === 'failed') return row.return_code !== null && RETRIABLE_RETURN_CODES.has(row.return_code);
    if (row.status !== 'pending' || row.command_id === null) return false;
    const cmd = commands.get(row.command_id);
    // The command vanished (device re-registered) or was delivered and never answered.
    return !cmd || (cmd.status === 'sent' && cmd.sent_at_ms !== null && now - cmd.sent_at_ms >= PUSH_ACK_TIMEOUT_MS);
  }

  /**
   * A leaver's templates are deleted from every device of the company, each deletion audited; copies
   * of them still waiting for delivery are cancelled (their sealed templates wiped).
   */
  private async purgeLeaverTemplates(companyId: number, people: Map<number, Person>): Promise<number> {
    const leavers = [...people.values()].filter((p) => p.left);
    const byPin = new Map(leavers.map((p) => [p.pin, p.id]));
    let deleted = 0;
    for (let i = 0; i < leavers.length; i += 500) {
      const chunk = leavers.slice(i, i + 500).map((p) => p.pin);
      await this.db.transaction().execute(async (trx) => {
        const forgotten = await this.gateway.copiesRepo.forgetPins(trx, companyId, chunk, this.now());
        if (forgotten === 0) return;
        await this.audit.record(trx, ACTOR, {
          action: 'device.template_copies_cancelled',
          entity: 'company',
          entityId: companyId,
          companyId,
          after: { reason: 'employee_left', copies: forgotten, employeeIds: chunk.map((p) => byPin.get(p)).slice(0, 100) },
        });
      });
      const found = await this.users.templatesOfPins(this.db, companyId, chunk);
      const perDevice = new Map<number, Set<string>>();
      for (const t of found) perDevice.set(t.device_id, (perDevice.get(t.device_id) ?? new Set()).add(t.pin));
      for (const [deviceId, pins] of perDevice) {
        deleted += await this.db.transaction().execute(async (trx) => {
          const n = await this.users.deleteTemplates(trx, deviceId, [...pins]);
          await this.audit.record(trx, ACTOR, {
            action: 'device.templates_deleted',
            entity: 'device',
            entityId: deviceId,
            companyId,
            after: { reason: 'employee_left', templates: n, employeeIds: [...pins].map((p) => byPin.get(p)).slice(0, 100) },
          });
          return n;
        });
      }
    }
    return deleted;
  }

  /**
   * The company's employees with their PIN: the linked device identity (provider 'device'), else
   * the job number, the PIN the ingest matcher falls back to.
   */
  private async people(companyId: number): Promise<Map<number, Person>> {
    const company = await this.sync.companyTimeZone(this.db, companyId);
    const today = localDate(this.now(), company.time_zone);
    const employees = await this.sync.employees(this.db, companyId);
    const pins = new Map<number, string>();
    const links = await this.sync.deviceLinks(this.db, companyId);
    for (const l of links) if (l.employee_id !== null && !pins.has(l.employee_id)) pins.set(l.employee_id, l.external_id);
    const out = new Map<number, Person>();
    for (const e of employees) {
      const left = e.status === 'inactive' || (e.leave_date !== null && e.leave_date < today);
      out.set(e.id, { id: e.id, pin: pins.get(e.id) ?? e.job_number, name: e.name, siteId: e.site_id, left });
    }
    return out;
  }
}
