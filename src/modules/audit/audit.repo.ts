import type { Kysely } from 'kysely';
import type { DB, Row } from '../../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { countRows } from '../../db/count.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number | null;
  companyId: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditQuery {
  companyIds: number[] | null;
  entity?: string;
  entityId?: string;
  actorId?: number;
  fromMs?: number;
  toMs?: number;
  limit: number;
  offset: number;
}

const SECRET_FIELD = /password|secret|token_hash|^token$|callback_?token|aes_?key|encoding_?aes|app_?secret/i;

/** Drops secret-looking fields so that audit rows never hold a secret. */
export function redact(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(redact);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_FIELD.test(k) ? '[redacted]' : redact(v);
  return out;
}

export class AuditRepo {
  constructor(private readonly now: () => number = Date.now) {}

  /** Writes inside the caller's transaction, so a mutation and its audit row commit together. */
  async record(db: Kysely<DB>, actor: Actor, entry: AuditEntry): Promise<void> {
    await this.recordMany(db, actor, [entry]);
  }

  /** Many entries of one actor in multi-row inserts (bulk imports write thousands). */
  async recordMany(db: Kysely<DB>, actor: Actor, entries: AuditEntry[]): Promise<void> {
    const at = this.now();
    // 11 columns a row; 500 rows stay under every driver's bound-parameter limit.
    for (let i = 0; i < entries.length; i += 500) {
      await db
        .insertInto('audit_log')
        .values(
          entries.slice(i, i + 500).map((entry) => ({
            at_ms: at,
            actor_user_id: actor.userId,
            actor_name: actor.name,
            actor_token_id: actor.tokenId,
            ip: actor.ip,
            action: entry.action,
            entity: entry.entity,
            entity_id: entry.entityId === null ? null : String(entry.entityId),
            company_id: entry.companyId,
            before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
            after: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
          })),
        )
        .execute();
    }
  }

  async list(db: Kysely<DB>, q: AuditQuery): Promise<{ rows: Row<'audit_log'>[]; total: number }> {
    let base = db.selectFrom('audit_log');
    if (q.companyIds) base = base.where((eb) => eb.or([eb('company_id', 'in', q.companyIds!.length ? q.companyIds! : [-1]), eb('company_id', 'is', null)]));
    if (q.entity) base = base.where('entity', '=', q.entity);
    if (q.entityId) base = base.where('entity_id', '=', q.entityId);
    if (q.actorId !== undefined) base = base.where('actor_user_id', '=', q.actorId);
    if (q.fromMs !== undefined) base = base.where('at_ms', '>=', q.fromMs);
    if (q.toMs !== undefined) base = base.where('at_ms', '<', q.toMs);
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
      countRows(base),
    ]);
    return { rows, total };
  }

  /**
   * Names of the entities and companies a page of entries names, so the log reads 张三 instead of
   * #42. Keys are `${entity}:${id}`; entities without a name column are left out.
   */
  async namesOf(db: Kysely<DB>, rows: Row<'audit_log'>[]): Promise<{ entities: Map<string, string>; companies: Map<number, string> }> {
    const ids = (entity: string) => [...new Set(rows.filter((r) => r.entity === entity && r.entity_id !== null && /^\d{1,15}$/.test(r.entity_id)).map((r) => Number(r.entity_id)))];
    const entities = new Map<string, string>();
    const named: [string, Promise<{ id: number; name: string }[]>][] = [];
    const lookup = (entity: string, run: (list: number[]) => Promise<{ id: number; name: string }[]>) => {
      const list = ids(entity);
      if (list.length) named.push([entity, run(list)]);
    };
    lookup('employee', (l) => db.selectFrom('employees').select(['id', 'name']).where('id', 'in', l).execute());
    lookup('department', (l) => db.selectFrom('departments').select(['id', 'name']).where('id', 'in', l).execute());
    lookup('company', (l) => db.selectFrom('companies').select(['id', 'name']).where('id', 'in', l).execute());
    lookup('site', (l) => db.selectFrom('sites').select(['id', 'name']).where('id', 'in', l).execute());
    lookup('user', (l) => db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', l).execute());
    lookup('shift_type', (l) => db.selectFrom('shift_types').select(['id', 'name']).where('id', 'in', l).execute());
    lookup('attendance_group', (l) => db.selectFrom('attendance_groups').select(['id', 'name']).where('id', 'in', l).execute());
    lookup('holiday_calendar', (l) => db.selectFrom('holiday_calendars').select(['id', 'name']).where('id', 'in', l).execute());
    lookup('device', (l) => db.selectFrom('devices').select(['id', 'name']).where('id', 'in', l).execute());
    lookup('connector', (l) => db.selectFrom('connectors').select(['id', 'name']).where('id', 'in', l).execute());
    for (const [entity, p] of named) for (const r of await p) entities.set(`${entity}:${r.id}`, r.name);
    const companyIds = [...new Set(rows.map((r) => r.company_id).filter((c): c is number => c !== null))];
    const companies = new Map<number, string>();
    if (companyIds.length) for (const c of await db.selectFrom('companies').select(['id', 'name']).where('id', 'in', companyIds).execute()) companies.set(c.id, c.name);
    return { entities, companies };
  }
}
