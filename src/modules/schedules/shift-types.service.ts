import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import { paged, pageOf } from '../../http/paging.js';
import { conflict, notFound } from '../../shared/errors.js';
import type { DomainEvents } from '../../shared/events.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { rejectProblems } from '../employees/field-rules.js';
import { checkShiftRules, DEFAULT_SHIFT_KNOBS, rulesFromStored, storedFromRules, type ShiftRules, type StoredShift } from './shift-def.js';
import type { ShiftTypeCreateT, ShiftTypePatchT, ShiftTypeQueryT } from './shift-types.schemas.js';
import { companyZone, recomputeWindow } from './setup-change.js';
import { countRows } from '../../db/count.js';

export function shiftTypeDto(r: Row<'shift_types'>) {
  return {
    id: r.id,
    companyId: r.company_id,
    code: r.code,
    name: r.name,
    color: r.color,
    active: r.active === 1,
    ...rulesFromStored(JSON.parse(r.definition) as StoredShift),
  };
}
export type ShiftTypeDto = ReturnType<typeof shiftTypeDto>;

const RULE_KEYS = ['start', 'end', 'crossesMidnight', 'break', 'graceLateMin', 'graceEarlyMin', 'seriousLateMin', 'absenteeismLateMin', 'checkInEarliestMin', 'checkOutLatestMin', 'halfDayBelowMin', 'absentBelowMin', 'flex'] as const;

function pickRules(base: ShiftRules, v: Partial<ShiftRules>): ShiftRules {
  const out = { ...base } as Record<string, unknown>;
  for (const k of RULE_KEYS) if (v[k] !== undefined) out[k] = v[k];
  return out as unknown as ShiftRules;
}

export class ShiftTypesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly events: DomainEvents,
    private readonly now: () => number = Date.now,
  ) {}

  async list(actor: Actor, q: ShiftTypeQueryT) {
    this.access.assertCompany(actor, q.companyId);
    let base = this.db.selectFrom('shift_types').where('company_id', '=', q.companyId);
    if (q.active !== undefined) base = base.where('active', '=', q.active ? 1 : 0);
    const p = pageOf(q);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('code').orderBy('id').limit(p.limit).offset(p.offset).execute(),
      countRows(base),
    ]);
    return paged(rows.map(shiftTypeDto), total, p);
  }

  async get(actor: Actor, id: number) {
    return shiftTypeDto(await this.visible(actor, id));
  }

  async create(actor: Actor, input: ShiftTypeCreateT) {
    this.access.assertCompany(actor, input.companyId, 'write');
    const rules = pickRules({ ...DEFAULT_SHIFT_KNOBS, start: input.start, end: input.end }, input);
    rejectProblems(checkShiftRules(rules, 'body'));
    const now = this.now();
    return this.db.transaction().execute(async (trx) => {
      await this.checkCode(trx, input.companyId, input.code, null);
      const row = await trx
        .insertInto('shift_types')
        .values({ company_id: input.companyId, code: input.code, name: input.name, definition: JSON.stringify(storedFromRules(rules)), color: input.color ?? null, active: 1, created_at_ms: now, updated_at_ms: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'shift_type.create', entity: 'shift_type', entityId: row.id, companyId: row.company_id, after: shiftTypeDto(row) });
      return shiftTypeDto(row);
    });
  }

  async update(actor: Actor, id: number, patch: ShiftTypePatchT) {
    const current = await this.writable(actor, id);
    const rules = pickRules(rulesFromStored(JSON.parse(current.definition) as StoredShift), patch);
    rejectProblems(checkShiftRules(rules, 'body'));
    const result = await this.db.transaction().execute(async (trx) => {
      if (patch.code !== undefined) await this.checkCode(trx, current.company_id, patch.code, id);
      if (patch.active === false && current.active === 1) await this.assertUnused(trx, current.company_id, id);
      const row = await trx
        .updateTable('shift_types')
        .set({
          ...(patch.code !== undefined ? { code: patch.code } : {}),
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.color !== undefined ? { color: patch.color } : {}),
          ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
          definition: JSON.stringify(storedFromRules(rules)),
          updated_at_ms: this.now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'shift_type.update', entity: 'shift_type', entityId: id, companyId: row.company_id, before: shiftTypeDto(current), after: shiftTypeDto(row) });
      return shiftTypeDto(row);
    });
    if (dtoChanged(current, result)) await this.emitChanged(current.company_id, 'shift_type.update');
    return result;
  }

  /** Shift types stay for history (rosters, results); deleting one only hides it, and only when no active group uses it. */
  async remove(actor: Actor, id: number) {
    const current = await this.writable(actor, id);
    await this.db.transaction().execute(async (trx) => {
      await this.assertUnused(trx, current.company_id, id);
      const row = await trx.updateTable('shift_types').set({ active: 0, updated_at_ms: this.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'shift_type.delete', entity: 'shift_type', entityId: id, companyId: row.company_id, before: shiftTypeDto(current), after: shiftTypeDto(row) });
    });
  }

  private async emitChanged(companyId: number, reason: string) {
    const w = recomputeWindow(await companyZone(this.db, companyId), this.now());
    await this.events.emit('attendance.inputs_changed', { companyId, employeeIds: 'all', ...w, reason });
  }

  private async assertUnused(trx: Kysely<DB>, companyId: number, id: number) {
    const groups = await trx.selectFrom('attendance_groups').select(['id', 'weekly', 'roster_cycle']).where('company_id', '=', companyId).where('active', '=', 1).execute();
    const users = groups.filter((g) => usesShift(g.weekly, id) || usesShift(g.roster_cycle, id)).map((g) => g.id);
    if (users.length) throw conflict('SHIFT_TYPE_IN_USE', `Shift type ${id} is used by attendance groups ${users.join(', ')}`, { groupIds: users });
  }

  private async checkCode(trx: Kysely<DB>, companyId: number, code: string, selfId: number | null) {
    const clash = await trx.selectFrom('shift_types').select('id').where('company_id', '=', companyId).where('code', '=', code).where('id', '!=', selfId ?? -1).executeTakeFirst();
    if (clash) throw conflict('DUPLICATE_SHIFT_CODE', `A shift type with code '${code}' exists already`, { field: 'body.code' });
  }

  private async visible(actor: Actor, id: number) {
    this.access.assertScope(actor, 'read');
    const row = await this.db.selectFrom('shift_types').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !this.access.canSeeCompany(actor, row.company_id)) throw notFound('shift_type', id);
    return row;
  }

  private async writable(actor: Actor, id: number) {
    const row = await this.visible(actor, id);
    this.access.assertCompany(actor, row.company_id, 'write');
    return row;
  }
}

function dtoChanged(before: Row<'shift_types'>, after: ShiftTypeDto): boolean {
  return JSON.stringify(shiftTypeDto(before)) !== JSON.stringify(after);
}

/** True when a weekly map or roster cycle (JSON) names the shift type. */
export function usesShift(json: string | null, shiftTypeId: number): boolean {
  if (!json) return false;
  const v = JSON.parse(json) as Record<string, unknown> | { shiftTypeIds: (number | null)[] };
  const ids = 'shiftTypeIds' in v && Array.isArray(v.shiftTypeIds) ? v.shiftTypeIds : Object.values(v);
  return ids.includes(shiftTypeId);
}
