import { useCallback, useEffect, useState } from 'react';
import type { Page } from './client';
import { getPageOf, type ListItem, type ListParams, type ListPath } from './typed';

export interface ResourceList<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  error: unknown;
  /** Page change from the table (1-based), keeping filters. */
  setPage(page: number, pageSize?: number): void;
  reload(): void;
}

export interface ResourceListOptions {
  pageSize?: number;
  /** false while a required filter (usually the company) is not known yet. */
  enabled?: boolean;
}

/**
 * One page of a list path (`{ items, total, page, pageSize }`) for the given parameters and filters.
 * Empty filter values are left out of the query; changing a filter goes back to page 1.
 */
export function useResourceList<P extends ListPath>(path: P, params: ListParams<P>, options: ResourceListOptions = {}): ResourceList<ListItem<P>> {
  type T = ListItem<P>;
  const enabled = options.enabled ?? true;
  const filterKey = JSON.stringify(params);
  const [paging, setPaging] = useState({ page: 1, pageSize: options.pageSize ?? 20, filterKey });
  const [data, setData] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);

  // New filters start from the first page (adjusted during render, not in an effect, to avoid a stale fetch).
  let { page } = paging;
  if (paging.filterKey !== filterKey) {
    page = 1;
    setPaging({ ...paging, page: 1, filterKey });
  }
  const { pageSize } = paging;

  useEffect(() => {
    if (!enabled) {
      setData(null);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    getPageOf(path, JSON.parse(filterKey) as ListParams<P>, page, pageSize, controller.signal)
      .then((res) => {
        setData(res);
        // A page past the end (e.g. after a delete) falls back to the last page that has rows.
        if (res.items.length === 0 && res.total > 0 && page > 1) {
          setPaging((p) => ({ ...p, page: Math.max(1, Math.ceil(res.total / pageSize)) }));
        }
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [path, filterKey, page, pageSize, reloads, enabled]);

  const setPage = useCallback((next: number, nextSize?: number) => {
    setPaging((p) => ({ ...p, page: nextSize && nextSize !== p.pageSize ? 1 : next, pageSize: nextSize ?? p.pageSize }));
  }, []);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  return {
    items: data?.items ?? [],
    total: data?.total ?? 0,
    page,
    pageSize,
    loading,
    error,
    setPage,
    reload,
  };
}
