import { useEffect, useState } from 'react';
import type { Id } from '../../api/types';
import { apiClient, fetchAllOf, unwrap, type ResponseJson } from '../../api/typed';
import type { LeaveType } from './types';

const leaveTypeCache = new Map<string, Promise<LeaveType[]>>();

/** The company's leave types (code → name), read once per company. */
export function useLeaveTypes(companyId: Id | null): LeaveType[] {
  const [items, setItems] = useState<LeaveType[]>([]);
  useEffect(() => {
    if (!companyId) return;
    const key = String(companyId);
    let p = leaveTypeCache.get(key);
    if (!p) {
      p = fetchAllOf('/api/v1/leave-types', { query: { companyId } }).catch(() => {
        leaveTypeCache.delete(key);
        return [];
      });
      leaveTypeCache.set(key, p);
    }
    let live = true;
    void p.then((list) => live && setItems(list));
    return () => {
      live = false;
    };
  }, [companyId]);
  return items;
}

export function leaveTypeName(types: LeaveType[], code: string | null): string {
  if (!code) return '';
  return types.find((x) => x.code === code)?.name ?? code;
}

/** What the lookups show of a shift type or an attendance group. */
type Named = Pick<ResponseJson<'/api/v1/shift-types/{id}'>, 'id' | 'name' | 'code'> | Pick<ResponseJson<'/api/v1/attendance-groups/{id}'>, 'id' | 'name'>;
const namedCache = new Map<string, Promise<Named | null>>();

/** The name of one shift type or attendance group; null when the caller may not read it. */
export function useNamed(kind: 'shift-types' | 'attendance-groups', id: Id | null | undefined): Named | null {
  const [found, setFound] = useState<Named | null>(null);
  useEffect(() => {
    setFound(null);
    if (id === null || id === undefined) return;
    const key = `${kind}/${id}`;
    let p = namedCache.get(key);
    if (!p) {
      const path = { path: { id } };
      p = unwrap<Named>(kind === 'shift-types' ? apiClient.GET('/api/v1/shift-types/{id}', { params: path }) : apiClient.GET('/api/v1/attendance-groups/{id}', { params: path })).catch(() => null);
      namedCache.set(key, p);
    }
    let live = true;
    void p.then((n) => live && setFound(n));
    return () => {
      live = false;
    };
  }, [kind, id]);
  return found;
}
