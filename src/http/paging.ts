import { Type, type Static } from 'typebox';
import { isSupportedDate } from '../shared/bounds.js';

/** Far past any real list; keeps `offset` an exact integer on both databases. */
export const MAX_PAGE = 1_000_000;

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
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

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
export type IdParamsT = Static<typeof IdParams>;

/** `YYYY-MM-DD` that is a real calendar date inside the supported window (1970…2199). */
export function isRealDate(s: string): boolean {
  return isSupportedDate(s);
}
