import { useEffect, useRef, useState } from 'react';
import { api, ApiError, type ImportJob } from '../../api.js';
import { useReportError } from '../../lib/use-report-error.js';

export const POLL_INTERVAL_MS = 500;
const RETRY_INTERVAL_MS = 2000;

export const isActive = (job: ImportJob | null | undefined): boolean =>
  job?.status === 'queued' || job?.status === 'running';

/**
 * Follows one import job: fetches it, then polls every 500 ms while it is queued or running.
 * `initial` (the job the upload answered with) is shown at once, before the first poll.
 */
export function useImportJob(
  id: string | null,
  initial: ImportJob | null,
  onSettled: (job: ImportJob) => void,
): { job: ImportJob | null; missing: boolean } {
  const reportError = useReportError();
  const [job, setJob] = useState<ImportJob | null>(initial && initial.id === id ? initial : null);
  const [missing, setMissing] = useState(false);
  const settled = useRef(onSettled);
  settled.current = onSettled;

  useEffect(() => {
    setMissing(false);
    setJob(initial && initial.id === id ? initial : null);
    if (!id) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let reported = false;

    const poll = async () => {
      try {
        const { job: latest } = await api.getImport(id);
        if (!current) return;
        setJob(latest);
        if (isActive(latest)) timer = setTimeout(poll, POLL_INTERVAL_MS);
        else settled.current(latest);
      } catch (err) {
        if (!current) return;
        if (err instanceof ApiError && (err.status === 404 || err.status === 401)) {
          setMissing(err.status === 404);
          return;
        }
        // A dropped connection while polling: say so once, keep trying.
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
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `initial` only seeds a new id
  }, [id]);

  return { job, missing };
}
