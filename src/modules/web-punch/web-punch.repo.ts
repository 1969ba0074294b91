/** SQL of web clock-in: who is punching (employee, zone, group, fences), challenges, photos. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Fence } from './geofence.js';

/** Challenges a user may hold at once: enough for a few open tabs, not a stockpile. */
const MAX_OPEN_CHALLENGES = 10;

export class WebPunchRepo {
  constructor(private readonly db: Kysely<DB>) {}

  employee(employeeId: number) {
    return this.db
      .selectFrom('employees')
      .innerJoin('companies', 'companies.id', 'employees.company_id')
      .leftJoin('sites', 'sites.id', 'employees.site_id')
      .select([
        'employees.id',
        'employees.company_id',
        'employees.name',
        'employees.job_number',
        'employees.site_id',
        'employees.status',
        'employees.time_zone as employee_zone',
        'sites.time_zone as site_zone',
        'companies.time_zone as company_zone',
      ])
      .where('employees.id', '=', employeeId)
      .executeTakeFirst();
  }

  group(groupId: number) {
    return this.db.selectFrom('attendance_groups').select(['id', 'name', 'policy', 'time_zone']).where('id', '=', groupId).executeTakeFirst();
  }

  /** The employee's own site's fence when it has one; else every fenced site of the company. */
  async fences(companyId: number, siteId: number | null): Promise<Fence[]> {
    const rows = await this.db
      .selectFrom('sites')
      .select(['id', 'name', 'geo_lat', 'geo_lng', 'geo_radius_m'])
      .where('company_id', '=', companyId)
      .where('active', '=', 1)
      .where('geo_lat', 'is not', null)
      .where('geo_lng', 'is not', null)
      .where('geo_radius_m', '>', 0)
      .orderBy('id')
      .limit(200)
      .execute();
    const all = rows.map((r) => ({ siteId: r.id, name: r.name, lat: Number(r.geo_lat), lng: Number(r.geo_lng), radiusM: Number(r.geo_radius_m) }));
    const own = all.filter((f) => f.siteId === siteId);
    return own.length ? own : all;
  }

  async issueChallenge(userId: number, employeeId: number, tokenHash: string, nowMs: number, ttlMs: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('punch_challenges').where('user_id', '=', userId).where('expires_at_ms', '<', nowMs).execute();
      const open = await trx.selectFrom('punch_challenges').select('token_hash').where('user_id', '=', userId).orderBy('issued_at_ms', 'desc').offset(MAX_OPEN_CHALLENGES - 1).limit(100).execute();
      if (open.length) await trx.deleteFrom('punch_challenges').where('token_hash', 'in', open.map((o) => o.token_hash)).execute();
      await trx.insertInto('punch_challenges').values({ token_hash: tokenHash, user_id: userId, employee_id: employeeId, issued_at_ms: nowMs, expires_at_ms: nowMs + ttlMs }).execute();
    });
  }

  challenge(tokenHash: string) {
    return this.db.selectFrom('punch_challenges').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** The punch a challenge already produced (a double tap or a replay), if any. */
  punchByKey(companyId: number, idempotencyKey: string) {
    return this.db
      .selectFrom('checkins')
      .select(['id', 'at_ms', 'wall_time', 'location'])
      .where('company_id', '=', companyId)
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
  }

  punchesBetween(companyId: number, employeeId: number, fromMs: number, toMs: number) {
    return this.db
      .selectFrom('checkins')
      .select(['id', 'at_ms', 'wall_time', 'source', 'location'])
      .where('company_id', '=', companyId)
      .where('employee_id', '=', employeeId)
      .where('at_ms', '>=', fromMs)
      .where('at_ms', '<', toMs)
      .orderBy('at_ms')
      .limit(50)
      .execute();
  }

  async savePhoto(companyId: number, idempotencyKey: string, mime: 'image/jpeg' | 'image/png' | 'image/webp', bytes: Buffer, nowMs: number): Promise<void> {
    await this.db
      .insertInto('checkin_photos')
      .values({ company_id: companyId, idempotency_key: idempotencyKey, mime, bytes, created_at_ms: nowMs })
      .onConflict((oc) => oc.columns(['company_id', 'idempotency_key']).doNothing())
      .execute();
  }

  photoForCheckin(checkinId: number) {
    return this.db
      .selectFrom('checkins')
      .innerJoin('checkin_photos', (j) => j.onRef('checkin_photos.company_id', '=', 'checkins.company_id').onRef('checkin_photos.idempotency_key', '=', 'checkins.idempotency_key'))
      .select(['checkin_photos.mime', 'checkin_photos.bytes'])
      .where('checkins.id', '=', checkinId)
      .executeTakeFirst();
  }
}
