import { useCallback, useEffect, useMemo, useState } from 'react';
import { fetchAllOf } from './typed';
import type { Department, Id } from './types';

export interface DepartmentNode extends Department {
  children?: DepartmentNode[];
}

/** Builds the department tree from the flat list; departments whose parent is missing become roots. */
export function buildTree(items: Department[]): DepartmentNode[] {
  const byId = new Map<string, DepartmentNode>(items.map((d) => [String(d.id), { ...d }]));
  const roots: DepartmentNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId != null ? byId.get(String(node.parentId)) : undefined;
    if (parent && parent !== node) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sort = (nodes: DepartmentNode[]) => {
    nodes.sort((a, b) => (a.code ?? a.name).localeCompare(b.code ?? b.name, 'zh-CN'));
    nodes.forEach((n) => n.children && sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Ids of a department and everything under it (a department cannot move under its own subtree). */
export function subtreeIds(items: Department[], rootId: Id): Set<string> {
  const ids = new Set([String(rootId)]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of items) {
      if (d.parentId != null && ids.has(String(d.parentId)) && !ids.has(String(d.id))) {
        ids.add(String(d.id));
        grew = true;
      }
    }
  }
  return ids;
}

/** All departments of a company (they are few; the tree needs them all). */
export function useDepartments(companyId: Id | null) {
  const [items, setItems] = useState<Department[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    if (!companyId) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    fetchAllOf('/api/v1/departments', { query: { companyId } }, controller.signal)
      .then(setItems)
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [companyId, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const tree = useMemo(() => buildTree(items), [items]);
  /** Departments by `String(id)`. */
  const byId = useMemo(() => new Map(items.map((d) => [String(d.id), d])), [items]);
  return { items, tree, byId, loading, error, reload };
}
