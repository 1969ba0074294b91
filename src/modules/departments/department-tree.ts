/**
 * A company's departments as a tree, built from one flat query. Pure, so the cycle check,
 * subtree filters and import path lookups are the same code everywhere.
 */
export interface DeptNode {
  id: number;
  parent_id: number | null;
  name: string;
  code: string | null;
  active: number;
}

export class DepartmentTree<T extends DeptNode = DeptNode> {
  private readonly byId = new Map<number, T>();
  private readonly children = new Map<number | null, T[]>();

  constructor(readonly nodes: T[]) {
    for (const n of nodes) {
      this.byId.set(n.id, n);
      const list = this.children.get(n.parent_id) ?? [];
      list.push(n);
      this.children.set(n.parent_id, list);
    }
  }

  get(id: number): T | undefined {
    return this.byId.get(id);
  }

  childrenOf(id: number | null): T[] {
    return this.children.get(id) ?? [];
  }

  /** The department and everything below it. */
  subtree(id: number): number[] {
    const out: number[] = [];
    const seen = new Set<number>();
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      if (seen.has(cur)) continue;
      seen.add(cur);
      out.push(cur);
      for (const c of this.childrenOf(cur)) stack.push(c.id);
    }
    return out;
  }

  /** True when `candidate` is `id` itself or lies below it: making it the parent would close a loop. */
  wouldCycle(id: number, candidateParent: number): boolean {
    return this.subtree(id).includes(candidateParent);
  }

  /** `研发部/后端组` style path of names from the root. */
  pathOf(id: number): string {
    const names: string[] = [];
    const seen = new Set<number>();
    let cur = this.byId.get(id);
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id);
      names.unshift(cur.name);
      cur = cur.parent_id === null ? undefined : this.byId.get(cur.parent_id);
    }
    return names.join('/');
  }

  /** An active child of `parent` named `name` (the oldest if several exist). */
  activeChild(parent: number | null, name: string): T | undefined {
    return this.childrenOf(parent)
      .filter((c) => c.active === 1 && c.name === name)
      .sort((a, b) => a.id - b.id)[0];
  }

  /** Resolves a path of names along active departments; undefined if any step is missing. */
  findPath(segments: string[]): T | undefined {
    let parent: number | null = null;
    let found: T | undefined;
    for (const s of segments) {
      found = this.activeChild(parent, s);
      if (!found) return undefined;
      parent = found.id;
    }
    return found;
  }

  activeByCode(code: string): T | undefined {
    return this.nodes.find((n) => n.active === 1 && n.code === code);
  }
}

/** Splits `研发部 / 后端组` into trimmed, non-empty names. */
export const splitPath = (path: string) =>
  path
    .split('/')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
