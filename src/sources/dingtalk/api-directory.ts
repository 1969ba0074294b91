import type { DingTalkTransport } from './transport.js';
import type { DingTalkDepartment, DingTalkUser } from './wire.js';

/** Contacts calls are not metered (platforms.md §1.5: 90020 excludes contacts). */

/** One level below `deptId` (root = 1). */
export function listSubDepartments(t: DingTalkTransport, deptId: number | string = 1): Promise<DingTalkDepartment[]> {
  return t.oapi('/topapi/v2/department/listsub', {
    body: { dept_id: Number(deptId) },
    metered: false,
    pick: (b) => (b.result ?? []) as DingTalkDepartment[],
  });
}

export function getDepartment(t: DingTalkTransport, deptId: number | string): Promise<DingTalkDepartment> {
  return t.oapi('/topapi/v2/department/get', {
    body: { dept_id: Number(deptId) },
    metered: false,
    pick: (b) => b.result as DingTalkDepartment,
  });
}

/** The whole tree, breadth first, the root first (listsub is one level only). */
export async function listAllDepartments(t: DingTalkTransport, rootId: number | string = 1): Promise<DingTalkDepartment[]> {
  const root = await getDepartment(t, rootId);
  const out: DingTalkDepartment[] = [{ ...root, parent_id: root.parent_id ?? undefined }];
  const seen = new Set<string>([String(rootId)]);
  let level = [String(rootId)];
  while (level.length > 0) {
    const next: string[] = [];
    for (const id of level) {
      for (const d of await listSubDepartments(t, id)) {
        const key = String(d.dept_id);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ parent_id: id, ...d });
        next.push(key);
      }
    }
    level = next;
  }
  return out;
}

/** Every member of one department (not its sub-departments), following the cursor. */
export async function listDepartmentUsers(t: DingTalkTransport, deptId: number | string): Promise<DingTalkUser[]> {
  const users: DingTalkUser[] = [];
  let cursor = 0;
  for (;;) {
    const page = await t.oapi<{ has_more?: boolean; next_cursor?: number; list?: DingTalkUser[] }>('/topapi/v2/user/list', {
      body: { dept_id: Number(deptId), cursor, size: 100, order_field: 'entry_asc', contain_access_limit: false },
      metered: false,
      pick: (b) => b.result ?? {},
    });
    users.push(...(page.list ?? []));
    if (!page.has_more || page.next_cursor === undefined || Number(page.next_cursor) === cursor) return users;
    cursor = Number(page.next_cursor);
  }
}

export function getUser(t: DingTalkTransport, userid: string): Promise<DingTalkUser> {
  return t.oapi('/topapi/v2/user/get', {
    body: { userid, language: 'zh_CN' },
    metered: false,
    pick: (b) => b.result as DingTalkUser,
  });
}
