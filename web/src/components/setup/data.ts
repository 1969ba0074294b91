import { useCallback, useEffect, useState } from 'react';
import { fetchAllOf, getListOf, type ListItem, type ListParams, type ListPath } from '../../api/typed';
import type { Id } from '../../api/types';

/**
 * Every item of a list endpoint, reloadable; empty while `enabled` is false. `unpaged` lists
 * (`{ items }` only, no paging parameters accepted) are read with one plain GET.
 */
export function useAll<P extends ListPath>(path: P, params: ListParams<P>, enabled = true, unpaged = false) {
  const [items, setItems] = useState<ListItem<P>[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const key = JSON.stringify(params);
  useEffect(() => {
    if (!enabled) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    const load = unpaged ? getListOf(path, JSON.parse(key) as ListParams<P>, controller.signal) : fetchAllOf(path, JSON.parse(key) as ListParams<P>, controller.signal);
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
  return useAll('/api/v1/shift-types', { query: { companyId, active: all ? undefined : true } }, !!companyId);
}

/** Holiday calendars the company can use (its own and the shared ones). */
export function useCalendars(companyId: Id | null) {
  return useAll('/api/v1/holiday-calendars', { query: { companyId } }, !!companyId);
}

export function useGroups(companyId: Id | null) {
  return useAll('/api/v1/attendance-groups', { query: { companyId } }, !!companyId);
}

/** `Mon 1 … Sun 0`: the weekday order a Chinese work week is read in. */
export const WEEK_ORDER = ['1', '2', '3', '4', '5', '6', '0'] as const;
