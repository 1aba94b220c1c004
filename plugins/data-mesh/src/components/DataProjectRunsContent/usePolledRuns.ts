import { useApi } from '@backstage/frontend-plugin-api';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataMeshApiRef, ListRunsQuery } from '../../api';
import { isActive } from '../DataProjectEntity';

/** How often a page with a queued or running run is read again. */
export const RUNS_POLL_MS = 2000;

/**
 * A page of job runs, read again every `pollIntervalMs` while one of them
 * is queued or running, so that a run started here is followed to its end.
 */
export function usePolledRuns(
  query: ListRunsQuery,
  pollIntervalMs: number = RUNS_POLL_MS,
) {
  const api = useApi(dataMeshApiRef);
  const { project, job, dataset, status, limit, cursor } = query;
  const runs = useAsyncRetry(
    () => api.listRuns(query),
    // The query's fields, not the object: callers build a new one each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, project, job, dataset, status, limit, cursor],
  );
  const active = runs.value?.items.some(run => isActive(run.status)) ?? false;
  const { retry } = runs;
  useEffect(() => {
    if (!active) return undefined;
    const timer = setTimeout(retry, pollIntervalMs);
    return () => clearTimeout(timer);
  }, [active, retry, runs.value, pollIntervalMs]);
  return runs;
}
