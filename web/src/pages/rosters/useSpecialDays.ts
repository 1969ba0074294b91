import { useEffect, useMemo, useState } from 'react';
import type { Dayjs } from 'dayjs';
import type { Id } from '../../api/types';
import { fetchAllOf } from '../../api/typed';
import type { AttendanceGroup } from '../../components/setup/data';

export type SpecialDays = Map<string, { dayType: string; name: string | null }>;

/**
 * The holiday calendar of the roster groups in view, when they share one: its holidays and
 * make-up workdays mark the date headers (HR rosters around 春节 and 国庆 with them in sight).
 */
export function useSpecialDays(rosterGroups: AttendanceGroup[], groupId: Id | undefined, month: Dayjs): SpecialDays {
  const calendarId = useMemo(() => {
    const ids = new Set(
      rosterGroups.filter((g) => groupId === undefined || String(g.id) === String(groupId)).map((g) => g.holidayCalendarId),
    );
    return ids.size === 1 ? ([...ids][0] ?? null) : null;
  }, [rosterGroups, groupId]);
  const [specialDays, setSpecialDays] = useState<SpecialDays>(new Map());
  useEffect(() => {
    if (!calendarId) return setSpecialDays(new Map());
    const c = new AbortController();
    fetchAllOf(
      '/api/v1/holiday-calendars/{id}/days',
      { path: { id: calendarId }, query: { from: month.startOf('month').format('YYYY-MM-DD'), to: month.endOf('month').format('YYYY-MM-DD') } },
      c.signal,
    ).then(
      (days) => setSpecialDays(new Map(days.map((d) => [d.date, d]))),
      () => setSpecialDays(new Map()),
    );
    return () => c.abort();
  }, [calendarId, month]);
  return specialDays;
}
