import { useCallback, useEffect, useState } from 'react';
import { api, fetchAll, request, type Query } from '../../api/client';
import type { ListItem } from '../../api/typed';
import type { Id } from '../../api/types';

/** PUT with a JSON body (the shared client has no shorthand for it). */
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body });

/**
 * Every item of a list endpoint, reloadable; empty while `enabled` is false. `unpaged` lists
 * (`{ items }` only, no paging parameters accepted) are read with one plain GET.
 */
export function useAll<T>(path: string, query: Query, enabled = true, unpaged = false) {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const key = JSON.stringify(query);
  useEffect(() => {
    if (!enabled) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    const load = unpaged
      ? api.get<{ items: T[] }>(path, JSON.parse(key) as Query, controller.signal).then((r) => r.items)
      : fetchAll<T>(path, JSON.parse(key) as Query, controller.signal);
    load
      .then(setItems)
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [path, key, enabled, unpaged, reloads]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { items, loading, error, reload };
}

export type ShiftType = ListItem<'/api/v1/shift-types'>;
export type HolidayCalendar = ListItem<'/api/v1/holiday-calendars'>;

export type AttendanceGroup = ListItem<'/api/v1/attendance-groups'>;
export type GroupKind = AttendanceGroup['kind'];
export type Policy = AttendanceGroup['policy'];
export type Weekly = NonNullable<AttendanceGroup['weekly']>;
export type Window = { start: string; end: string };

export type GroupMember = ListItem<'/api/v1/attendance-groups/{id}/members'>;

/** Shift types of a company (active ones unless `all`). */
export function useShiftTypes(companyId: Id | null, all = false) {
  return useAll<ShiftType>('/shift-types', { companyId, active: all ? undefined : true }, !!companyId);
}

/** Holiday calendars the company can use (its own and the shared ones). */
export function useCalendars(companyId: Id | null) {
  return useAll<HolidayCalendar>('/holiday-calendars', { companyId }, !!companyId);
}

export function useGroups(companyId: Id | null) {
  return useAll<AttendanceGroup>('/attendance-groups', { companyId }, !!companyId);
}

/** `Mon 1 … Sun 0`: the weekday order a Chinese work week is read in. */
export const WEEK_ORDER = ['1', '2', '3', '4', '5', '6', '0'] as const;
