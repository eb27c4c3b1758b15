import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type ScreeningRun } from '../../api.js';
import { useReportError } from '../../lib/use-report-error.js';
import { isRunActive } from './screening-labels.js';

export const POLL_INTERVAL_MS = 700;
const RETRY_INTERVAL_MS = 2000;

/**
 * Calls `load` now and again every 700 ms while `keepPolling` says so; `reload` starts over.
 * A dropped connection is reported once and retried; a 400, 401 or 404 stops the loop.
 */
function usePolling<T>(
  load: (() => Promise<T>) | null,
  keepPolling: (value: T) => boolean,
  deps: unknown[],
): { data: T | undefined; error: unknown; loading: boolean; reload: () => void } {
  const reportError = useReportError();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const keep = useRef(keepPolling);
  keep.current = keepPolling;

  useEffect(() => {
    if (!load) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let reported = false;
    const poll = async () => {
      try {
        const value = await load();
        if (!current) return;
        setData(value);
        setError(null);
        setLoading(false);
        if (keep.current(value)) timer = setTimeout(poll, POLL_INTERVAL_MS);
      } catch (err) {
        if (!current) return;
        setLoading(false);
        if (err instanceof ApiError && [400, 401, 404].includes(err.status)) {
          setError(err);
          return;
        }
        if (!reported) reportError(err);
        reported = true;
        timer = setTimeout(poll, RETRY_INTERVAL_MS);
      }
    };
    void poll();
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers pass what `load` reads
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/** The recent runs, refreshed every 700 ms while one of them is queued or running. */
export function useScreeningRuns() {
  const { data, loading, reload } = usePolling(
    () => api.screeningRuns().then((r) => r.items),
    (runs) => runs.some(isRunActive),
    [],
  );
  return { runs: data ?? [], loading, reload };
}

/** One run, followed every 700 ms until it has succeeded or failed. */
export function useScreeningRun(id: string | undefined) {
  const { data, error, loading } = usePolling(
    id ? () => api.screeningRun(id).then((r) => r.run) : null,
    (run: ScreeningRun) => isRunActive(run),
    [id],
  );
  // A malformed id in the address is a 400 (the API checks the UUID): the run does not exist either way.
  const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
  return { run: data, loading, missing };
}
