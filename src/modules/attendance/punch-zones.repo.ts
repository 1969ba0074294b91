/**
 * The zones in which the recompute triggers read the dates of employees' punches: the same
 * precedence as the input builder (schedules/attendance-zone.ts), without resolving groups per date.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { candidateZones } from '../schedules/attendance-zone.js';

/** Zones of one employee's punch dates: their own zone, or every zone their group may have. */
export type PunchZones = (employeeId: number) => readonly string[];

const CHUNK = 500;
const FALLBACK_ZONE = 'Asia/Shanghai';

export class PunchZonesRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async punchZones(companyId: number, employeeIds: number[]): Promise<PunchZones> {
    const ids = [...new Set(employeeIds)];
    const [company, groups, ...chunks] = await Promise.all([
      this.db.selectFrom('companies').select('time_zone').where('id', '=', companyId).executeTakeFirst(),
      this.db.selectFrom('attendance_groups').select('time_zone').distinct().where('company_id', '=', companyId).where('active', '=', 1).execute(),
      ...Array.from({ length: Math.ceil(ids.length / CHUNK) }, (_, i) =>
        this.db
          .selectFrom('employees')
          .select(['id', 'time_zone'])
          .where('company_id', '=', companyId)
          .where('id', 'in', ids.slice(i * CHUNK, (i + 1) * CHUNK))
          .where('time_zone', 'is not', null)
          .execute(),
      ),
    ]);
    const companyZone = company?.time_zone ?? FALLBACK_ZONE;
    const groupZones = groups.map((g) => g.time_zone);
    const shared = candidateZones(null, groupZones, companyZone);
    const own = new Map<number, string[]>();
    for (const rows of chunks) for (const e of rows) own.set(e.id, candidateZones(e.time_zone, groupZones, companyZone));
    return (employeeId) => own.get(employeeId) ?? shared;
  }
}
