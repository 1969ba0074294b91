/**
 * Where an import row's department cell points. Never a guess: a code, a full path from the
 * root, or a name (or trailing path) that fits exactly one active department. Anything else is
 * unknown or ambiguous, unless the import was told to create missing departments. Pure.
 */
import { DepartmentTree, splitPath, type DeptNode } from '../departments/department-tree.js';

/** An existing department, or a root path (`研发中心/后端组/新组`) whose missing levels the import creates. */
export type DeptTarget = { id: number } | { path: string };

export type DeptResolution =
  | { ok: true; target: DeptTarget }
  | { ok: false; code: 'UNKNOWN_DEPARTMENT' | 'AMBIGUOUS_DEPARTMENT' | 'INVALID_DEPARTMENT'; message: string; candidates?: string[] };

// A row names at most this many levels; deeper trees than this are not made by hand.
const MAX_LEVELS = 32;
const MAX_CANDIDATES = 10;

export class DepartmentResolver {
  private readonly byName = new Map<string, DeptNode[]>();

  constructor(private readonly tree: DepartmentTree) {
    for (const n of tree.nodes) {
      if (n.active !== 1) continue;
      const list = this.byName.get(n.name) ?? [];
      list.push(n);
      this.byName.set(n.name, list);
    }
  }

  resolve(value: string, createMissing: boolean): DeptResolution {
    const byCode = this.tree.activeByCode(value);
    if (byCode) return { ok: true, target: { id: byCode.id } };
    const segments = splitPath(value);
    if (segments.length === 0 || segments.length > MAX_LEVELS) {
      return { ok: false, code: 'INVALID_DEPARTMENT', message: `'${value}' is neither a department code nor a path like 研发中心/后端组` };
    }
    const found = this.find(segments);
    if (found.length === 1) return { ok: true, target: { id: found[0].id } };
    if (found.length > 1) return this.ambiguous(value, found);
    if (!createMissing) {
      return { ok: false, code: 'UNKNOWN_DEPARTMENT', message: `There is no department '${value}'; write its path (研发中心/后端组) or choose to create missing departments` };
    }
    // Hang the new levels under the longest leading part that names exactly one department.
    for (let i = segments.length - 1; i >= 1; i--) {
      const anchor = this.find(segments.slice(0, i));
      if (anchor.length > 1) return this.ambiguous(segments.slice(0, i).join('/'), anchor);
      if (anchor.length === 1) return { ok: true, target: { path: [this.tree.pathOf(anchor[0].id), ...segments.slice(i)].join('/') } };
    }
    return { ok: true, target: { path: segments.join('/') } };
  }

  /** The full path from the root if it exists; otherwise every active department whose path ends with `segments`. */
  private find(segments: string[]): DeptNode[] {
    const rooted = this.tree.findPath(segments);
    if (rooted) return [rooted];
    // Only departments reachable along active ones: their root path is what new levels hang from.
    return (this.byName.get(segments[segments.length - 1]) ?? []).filter((n) => this.endsWith(n, segments) && this.tree.findPath(splitPath(this.tree.pathOf(n.id)))?.id === n.id);
  }

  private endsWith(node: DeptNode, segments: string[]): boolean {
    let cur: DeptNode | undefined = node;
    for (let i = segments.length - 1; i >= 0; i--) {
      if (!cur || cur.active !== 1 || cur.name !== segments[i]) return false;
      cur = cur.parent_id === null ? undefined : this.tree.get(cur.parent_id);
    }
    return true;
  }

  private ambiguous(value: string, found: DeptNode[]): DeptResolution {
    const candidates = found.map((n) => this.tree.pathOf(n.id)).sort().slice(0, MAX_CANDIDATES);
    return { ok: false, code: 'AMBIGUOUS_DEPARTMENT', message: `'${value}' fits several departments (${candidates.join(', ')}); write the full path`, candidates };
  }
}
