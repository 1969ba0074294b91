/** SQL of the operations checks: device clocks, device gaps left unfilled, closed months. Read only. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export class OpsAlertsRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** Approved devices of the company whose last measured clock is off by more than `skewMs`, measured since `sinceMs`. */
  skewedDevices(companyId: number, skewMs: number, sinceMs: number) {
    return this.db
      .selectFrom('devices')
      .select(['id', 'serial_number', 'name', 'clock_skew_ms', 'clock_checked_at_ms'])
      .where('company_id', '=', companyId)
      .where('status', '=', 'active')
      .where('clock_checked_at_ms', '>=', sinceMs)
      .where((eb) => eb.or([eb('clock_skew_ms', '>', skewMs), eb('clock_skew_ms', '<', -skewMs)]))
      .orderBy('id')
      .limit(500)
      .execute();
  }

  /**
   * Gaps (a device silent, then back) recorded between `fromMs` and `toMs` whose punches have not
   * been fetched back: no fill queued, or a fill not (yet) answered.
   */
  unfilledGaps(companyId: number, fromMs: number, toMs: number) {
    return this.db
      .selectFrom('device_events')
      .innerJoin('devices', 'devices.id', 'device_events.device_id')
      .leftJoin('device_gap_fills', 'device_gap_fills.event_id', 'device_events.id')
      .select(['device_events.id', 'device_events.at_ms', 'device_events.details', 'devices.id as device_id', 'devices.serial_number', 'devices.name', 'device_gap_fills.status as fill_status'])
      .where('devices.company_id', '=', companyId)
      .where('device_events.kind', '=', 'gap')
      .where('device_events.at_ms', '>=', fromMs)
      .where('device_events.at_ms', '<', toMs)
      .where((eb) => eb.or([eb('device_gap_fills.status', 'is', null), eb('device_gap_fills.status', '!=', 'filled')]))
      .orderBy('device_events.id')
      .limit(500)
      .execute();
  }

  async monthClosed(companyId: number, month: string): Promise<boolean> {
    const r = await this.db.selectFrom('month_closes').select('id').where('company_id', '=', companyId).where('month', '=', month).where('status', '=', 'closed').executeTakeFirst();
    return r !== undefined;
  }
}
