/**
 * SQL for the device page's lists: the users a terminal reported (with which template kinds it
 * holds, never a template), the employees their PINs match, and the terminal's operation log.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface OplogFilter {
  opType?: number;
  /** Device wall-time bounds `YYYY-MM-DD HH:MM:SS`, inclusive. */
  fromWall?: string;
  toWall?: string;
}

export class DeviceDirectoryRepo {
  async users(db: Kysely<DB>, deviceId: number, search: string | undefined, limit: number, offset: number) {
    let q = db.selectFrom('device_users').where('device_id', '=', deviceId);
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // Explicit ESCAPE: SQLite has no default escape character; lower(): PostgreSQL LIKE is case-sensitive.
      q = q.where(sql<boolean>`(lower(pin) like lower(${like}) escape '\\' or lower(name) like lower(${like}) escape '\\')`);
    }
    const [rows, count] = await Promise.all([
      q.select(['pin', 'name', 'privilege', 'card', 'has_password', 'updated_at_ms']).orderBy('pin').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** How many templates of each kind these PINs have on the terminal. */
  templateKinds(db: Kysely<DB>, deviceId: number, pins: string[]) {
    if (pins.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('device_templates')
      .select((eb) => ['pin', 'kind', eb.fn.countAll<number>().as('n')])
      .where('device_id', '=', deviceId)
      .where('pin', 'in', pins)
      .groupBy(['pin', 'kind'])
      .execute();
  }

  /** Employees of the company these PINs stand for: a linked device identity, else the job number (as ingest matches). */
  async employeesByPin(db: Kysely<DB>, companyId: number, pins: string[]): Promise<Map<string, { id: number; name: string }>> {
    const out = new Map<string, { id: number; name: string }>();
    if (pins.length === 0) return out;
    const linked = await db
      .selectFrom('external_identities')
      .innerJoin('employees', 'employees.id', 'external_identities.employee_id')
      .select(['external_identities.external_id as pin', 'employees.id', 'employees.name'])
      .where('external_identities.company_id', '=', companyId)
      .where('external_identities.provider', '=', 'device')
      .where('external_identities.tenant', '=', '')
      .where('external_identities.external_id', 'in', pins)
      .execute();
    for (const r of linked) if (!out.has(r.pin)) out.set(r.pin, { id: r.id, name: r.name });
    const byJob = await db.selectFrom('employees').select(['job_number', 'id', 'name']).where('company_id', '=', companyId).where('job_number', 'in', pins).execute();
    for (const r of byJob) if (!out.has(r.job_number)) out.set(r.job_number, { id: r.id, name: r.name });
    return out;
  }

  /** The last joiner/leaver push per PIN on this terminal. */
  pushes(db: Kysely<DB>, deviceId: number, pins: string[]) {
    if (pins.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('device_user_pushes')
      .select(['pin', 'action', 'status', 'attempts', 'return_code', 'updated_at_ms'])
      .where('device_id', '=', deviceId)
      .where('pin', 'in', pins)
      .orderBy('updated_at_ms')
      .execute();
  }

  async oplog(db: Kysely<DB>, deviceId: number, f: OplogFilter, limit: number, offset: number) {
    let q = db.selectFrom('device_oplog').where('device_id', '=', deviceId);
    if (f.opType !== undefined) q = q.where('op_type', '=', f.opType);
    if (f.fromWall !== undefined) q = q.where('op_time', '>=', f.fromWall);
    if (f.toWall !== undefined) q = q.where('op_time', '<=', f.toWall);
    const [rows, count] = await Promise.all([
      q.select(['id', 'op_type', 'operator', 'op_time', 'who', 'op_values', 'received_at_ms']).orderBy('op_time', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }
}
