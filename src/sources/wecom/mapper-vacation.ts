import type { PlatformLeaveQuota, PlatformLeaveType } from '../platform/neutral.js';
import type { WeComVacationConf, WeComVacationQuota } from './wire.js';

/**
 * 假期管理 → neutral leave types and quotas. WeCom keeps every duration in seconds: a type counted
 * by the day (time_attr 0) divides by 86 400, one counted by the hour by 3 600; perday_duration is
 * the seconds one working day is worth, which converts days and hours into each other.
 */
const DAY_SEC = 86_400;
const HOUR_SEC = 3_600;
const DEFAULT_DAY_HOURS = 8;
const round2 = (x: number) => Math.round(x * 100) / 100;

export function mapWeComVacationTypes(conf: WeComVacationConf[]): PlatformLeaveType[] {
  return conf
    .filter((c) => Number.isFinite(Number(c.id)) && typeof c.name === 'string')
    .map((c) => ({
      externalId: String(c.id),
      name: c.name,
      unit: Number(c.time_attr) === 1 ? 'hour' : 'day',
      hoursPerDay: Number(c.perday_duration) > 0 ? round2(Number(c.perday_duration) / HOUR_SEC) : DEFAULT_DAY_HOURS,
      compensatory: Number(c.is_newovertime) === 1,
    }));
}

/** A member's quotas; a type missing from the configuration is taken as counted by the day. */
export function mapWeComVacationQuotas(quotas: WeComVacationQuota[], types: PlatformLeaveType[]): PlatformLeaveQuota[] {
  const byId = new Map(types.map((t) => [t.externalId, t]));
  return quotas
    .filter((q) => Number.isFinite(Number(q.id)))
    .map((q) => {
      const type = byId.get(String(q.id));
      const unit = type?.unit ?? 'day';
      const per = unit === 'hour' ? HOUR_SEC : DAY_SEC;
      const amount = (sec: unknown) => round2((Number(sec) || 0) / per);
      return {
        typeExternalId: String(q.id),
        name: typeof q.vacationname === 'string' && q.vacationname !== '' ? q.vacationname : (type?.name ?? String(q.id)),
        unit,
        hoursPerDay: type?.hoursPerDay ?? DEFAULT_DAY_HOURS,
        granted: amount(q.assignduration),
        used: amount(q.usedduration),
        left: amount(q.leftduration),
      };
    });
}
