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
}
