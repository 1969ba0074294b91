import type { WeComRouteContext, WeComRouteResult } from './routes.js';

/**
 * The simulated app's calendars and schedules (日程), as documented (platforms.md §6.3 and the
 * schedule pages): calendar/add returns a cal_id; schedule/add takes an optional cal_id (one of the
 * app's calendars) and counts against the app's day: at most 10 000 schedules per app per China
 * day (the documents name no error code for it; the simulator answers 45009, WeCom's frequency
 * code); schedule/update overwrites, schedule/del cancels; schedule/get reads 1–1000 ids and
 * schedule/get_by_calendar lists a calendar of the app's own, offset/limit (1–1000) paged.
 */
export const SCHEDULES_PER_APP_PER_DAY = 10_000;

const INVALID_PARAM = 40058;
const FREQ_LIMIT = 45009;
/** remind_before_event_secs values WeCom accepts (remind_time_diffs: the same, negated). */
const REMIND_SECS = new Set([0, 300, 900, 3600, 86_400]);

const ok = (extra: Record<string, unknown>): WeComRouteResult => ({ body: { errcode: 0, errmsg: 'ok', ...extra } });
const err = (errcode: number, errmsg: string): WeComRouteResult => ({ body: { errcode, errmsg } });

/** What schedule/add and schedule/update refuse: the documented limits of a schedule's fields. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function invalidSchedule(s: any): string | null {
  if (!(Number(s.start_time) > 0) || !(Number(s.start_time) < Number(s.end_time))) return 'start_time must be earlier than end_time';
  if (String(s.summary ?? '').length > 128 || String(s.description ?? '').length > 1000 || String(s.location ?? '').length > 128) return 'summary, description or location too long';
  const attendees: unknown = s.attendees ?? [];
  if (!Array.isArray(attendees) || attendees.length > 1000 || attendees.some((a) => typeof a?.userid !== 'string' || a.userid.length > 64)) return 'invalid attendees';
  if (s.is_whole_day !== undefined && s.is_whole_day !== 0 && s.is_whole_day !== 1) return 'invalid is_whole_day';
  const r = s.reminders ?? {};
  if (r.remind_before_event_secs !== undefined && !REMIND_SECS.has(Number(r.remind_before_event_secs))) return 'invalid remind_before_event_secs';
  if (r.remind_time_diffs !== undefined && (!Array.isArray(r.remind_time_diffs) || r.remind_time_diffs.some((d: unknown) => !REMIND_SECS.has(-Number(d))))) return 'invalid remind_time_diffs';
  return null;
}

const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function handleScheduleRoute(route: string, b: Record<string, any>, ctx: WeComRouteContext): WeComRouteResult | null {
  const { stats } = ctx;
  switch (route) {
    case 'POST /cgi-bin/oa/calendar/add': {
      const c = b.calendar ?? {};
      const summary = String(c.summary ?? '');
      if (summary.length < 1 || summary.length > 128) return err(INVALID_PARAM, 'calendar summary must be 1 ~ 128 characters');
      if (!/^#[0-9A-Fa-f]{6}$/.test(String(c.color ?? ''))) return err(INVALID_PARAM, 'invalid calendar color');
      const id = `cal-${stats.calendars.size + 1}`;
      stats.calendars.set(id, { ...c, cal_id: id });
      return ok({ cal_id: id });
    }
    case 'POST /cgi-bin/oa/schedule/add': {
      const s = b.schedule ?? {};
      if (b.agentid !== undefined && Number(b.agentid) !== ctx.app.agentId) return err(40056, 'invalid agentid');
      const invalid = invalidSchedule(s);
      if (invalid) return err(INVALID_PARAM, invalid);
      if (s.cal_id !== undefined && !stats.calendars.has(String(s.cal_id))) return err(INVALID_PARAM, 'invalid cal_id');
      const day = chinaDay(ctx.now());
      const made = stats.schedulesAddedPerDay.get(day) ?? 0;
      if (made >= SCHEDULES_PER_APP_PER_DAY) {
        stats.overLimit.schedulesPerDay = (stats.overLimit.schedulesPerDay ?? 0) + 1;
        return err(FREQ_LIMIT, 'api freq out of limit: schedules per app per day');
      }
      stats.schedulesAddedPerDay.set(day, made + 1);
      stats.schedules.push(s);
      const id = `sch-${stats.schedules.length}`;
      stats.scheduleStore.set(id, { schedule: { ...s, schedule_id: id }, status: 0, updates: 0 });
      return ok({ schedule_id: id });
    }
    // schedule/update overwrites the whole schedule (the documented behaviour: not a merge); the
    // organizer and the calendar cannot change. The documents name no error code for an unknown
    // or cancelled schedule_id; the simulator answers the invalid-parameter code.
    case 'POST /cgi-bin/oa/schedule/update': {
      const s = b.schedule ?? {};
      const stored = stats.scheduleStore.get(String(s.schedule_id ?? ''));
      if (!stored || stored.status === 1) return err(INVALID_PARAM, 'invalid schedule_id');
      if (s.organizer !== undefined && s.organizer !== stored.schedule.organizer) return err(INVALID_PARAM, 'organizer cannot be changed');
      const invalid = invalidSchedule(s);
      if (invalid) return err(INVALID_PARAM, invalid);
      const attendees = Number(b.skip_attendees) === 1 ? stored.schedule.attendees : s.attendees;
      const kept = { organizer: stored.schedule.organizer, cal_id: stored.schedule.cal_id, attendees, schedule_id: stored.schedule.schedule_id };
      stats.scheduleStore.set(stored.schedule.schedule_id as string, { schedule: { ...s, ...kept }, status: 0, updates: stored.updates + 1 });
      return ok({});
    }
    case 'POST /cgi-bin/oa/schedule/del': {
      const stored = stats.scheduleStore.get(String(b.schedule_id ?? ''));
      if (!stored || stored.status === 1) return err(INVALID_PARAM, 'invalid schedule_id');
      stored.status = 1;
      return ok({});
    }
    case 'POST /cgi-bin/oa/schedule/get': {
      const ids: unknown = b.schedule_id_list;
      if (!Array.isArray(ids) || ids.length < 1 || ids.length > 1000) return err(INVALID_PARAM, 'schedule_id_list must hold 1 ~ 1000 ids');
      const list = ids.flatMap((id) => {
        const stored = stats.scheduleStore.get(String(id));
        return stored ? [{ ...stored.schedule, status: stored.status }] : [];
      });
      return ok({ schedule_list: list });
    }
    case 'POST /cgi-bin/oa/schedule/get_by_calendar': {
      const calId = String(b.cal_id ?? '');
      if (!stats.calendars.has(calId)) return err(INVALID_PARAM, 'invalid cal_id');
      const offset = b.offset === undefined ? 0 : Number(b.offset);
      const limit = b.limit === undefined ? 500 : Number(b.limit);
      if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 1000) return err(INVALID_PARAM, 'invalid offset or limit');
      const all = [...stats.scheduleStore.values()].filter((x) => x.schedule.cal_id === calId);
      return ok({ schedule_list: all.slice(offset, offset + limit).map((x) => ({ ...x.schedule, status: x.status })) });
    }
    default:
      return null;
  }
}
