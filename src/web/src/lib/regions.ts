import { useEffect, useState } from 'react';
import { api, type Region } from '../api.js';

let cache: Promise<Region[]> | null = null;

/** Regions change rarely: fetched once per page load and shared by every select. */
export function loadRegions(): Promise<Region[]> {
  cache ??= api.regions().then(
    (r) => r.items,
    (err: unknown) => {
      cache = null; // let the next caller try again
      throw err;
    },
  );
  return cache;
}

export function useRegions(): Region[] {
  const [regions, setRegions] = useState<Region[]>([]);
  useEffect(() => {
    let current = true;
    loadRegions().then(
      (items) => current && setRegions(items),
      () => undefined, // the select simply stays empty; lists still work without it
    );
    return () => {
      current = false;
    };
  }, []);
  return regions;
}

export function regionName(regions: Region[], code: string | null | undefined): string {
  if (!code) return '—';
  return regions.find((r) => r.code === code)?.name ?? code;
}
