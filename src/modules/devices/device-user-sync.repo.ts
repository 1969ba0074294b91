/**
 * SQL for sending joiners, movers and leavers to the terminals (device-user-sync.ts): the terminals
 * to sync, what each reported, the state of the commands sent, and the company's employees with the
 * device identities that give their PIN.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

const IN_CHUNK = 500;

export class DeviceUserSyncRepo {
  /** Approved ZKTeco terminals of a company: the only ones users are pushed to. */
  syncTerminals(db: Kysely<DB>) {
    return db
      .selectFrom('devices')
      .select(['id', 'company_id', 'site_id', 'serial_number'])
      .where('vendor', '=', 'zkteco')
      .where('status', '=', 'active')
      .where('company_id', 'is not', null)
      .orderBy('id')
      .execute();
  }

  /** PINs the terminal reported in its user list. */
  async reportedPins(db: Kysely<DB>, deviceId: number): Promise<Set<string>> {
    const rows = await db.selectFrom('device_users').select('pin').where('device_id', '=', deviceId).execute();
    return new Set(rows.map((u) => u.pin));
  }

  async commandStates(db: Kysely<DB>, ids: number[]): Promise<Map<number, { status: string; sent_at_ms: number | null }>> {
    const out = new Map<number, { status: string; sent_at_ms: number | null }>();
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const rows = await db.selectFrom('device_commands').select(['id', 'status', 'sent_at_ms']).where('id', 'in', ids.slice(i, i + IN_CHUNK)).execute();
      for (const r of rows) out.set(r.id, r);
    }
    return out;
  }

  companyTimeZone(db: Kysely<DB>, companyId: number) {
    return db.selectFrom('companies').select('time_zone').where('id', '=', companyId).executeTakeFirstOrThrow();
  }

  employees(db: Kysely<DB>, companyId: number) {
    return db.selectFrom('employees').select(['id', 'job_number', 'name', 'status', 'leave_date', 'site_id']).where('company_id', '=', companyId).orderBy('id').execute();
  }

  /** Device identities linked to the company's employees (provider 'device'), lowest PIN first. */
  deviceLinks(db: Kysely<DB>, companyId: number) {
    return deviceIdentities(db, companyId);
  }
}

/** Device identities (provider 'device') of the company's employees, or of those named, lowest PIN first. */
export function deviceIdentities(db: Kysely<DB>, companyId: number, employeeIds?: number[]) {
  let q = db.selectFrom('external_identities').select(['employee_id', 'external_id']).where('company_id', '=', companyId).where('provider', '=', 'device').where('tenant', '=', '');
  if (employeeIds) q = q.where('employee_id', 'in', employeeIds);
  return q.orderBy('external_id').execute();
}
