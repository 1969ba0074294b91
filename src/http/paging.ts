import { Type, type Static } from 'typebox';

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};

export interface Page {
  page: number;
  pageSize: number;
  limit: number;
  offset: number;
}

export function pageOf(q: { page?: number; pageSize?: number }): Page {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}

export function paged<T>(items: T[], total: number, p: Page) {
  return { items, total, page: p.page, pageSize: p.pageSize };
}

export const Paged = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export type IdParamsT = Static<typeof IdParams>;

/** Parses `YYYY-MM-DD` that is a real calendar date. */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
