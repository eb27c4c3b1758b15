import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export const DEFAULT_PAGE_SIZE = 20;

export interface ListParams<K extends string> {
  filters: Record<K, string>;
  page: number;
  pageSize: number;
  /** Changing a filter goes back to page 1. */
  setFilters: (patch: Partial<Record<K, string>>) => void;
  setPage: (page: number, pageSize: number) => void;
  reset: () => void;
}

/**
 * List filters and paging live in the URL, so a filtered list can be bookmarked, shared and
 * survives a reload. Keys not in `keys` (e.g. an open drawer) are left alone.
 */
export function useListParams<K extends string>(keys: readonly K[]): ListParams<K> {
  const [params, setParams] = useSearchParams();

  const filters = useMemo(() => {
    const out = {} as Record<K, string>;
    for (const key of keys) out[key] = params.get(key) ?? '';
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keys is a constant per page
  }, [params]);
  const page = positive(params.get('page'), 1);
  const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE);

  const setFilters = useCallback(
    (patch: Partial<Record<K, string>>) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch) as Array<[string, string | undefined]>) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        next.delete('page');
        return next;
      }),
    [setParams],
  );

  const setPage = useCallback(
    (nextPage: number, nextSize: number) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (nextPage > 1) next.set('page', String(nextPage));
        else next.delete('page');
        if (nextSize !== DEFAULT_PAGE_SIZE) next.set('pageSize', String(nextSize));
        else next.delete('pageSize');
        return next;
      }),
    [setParams],
  );

  const reset = useCallback(
    () =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const key of [...keys, 'page']) next.delete(key);
        return next;
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keys is a constant per page
    [setParams],
  );

  return { filters, page, pageSize, setFilters, setPage, reset };
}

function positive(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
