import pLimit from 'p-limit';
import type { DataMeshApi, JobRunDetails, TaskRun } from '../../api';
import type { ProjectDataset } from '../DataProductHealthCard/useMeasuredHealth';

/** A job run that wrote the dataset, with the tasks that wrote it. */
export interface DatasetRun {
  run: JobRunDetails;
  /** The run's tasks whose pipeline writes the dataset. */
  writers: TaskRun[];
}

/** The latest runs that wrote a dataset, and how many there are in all. */
export interface DatasetRunHistory {
  runs: DatasetRun[];
  totalCount: number;
}

/**
 * How many runs the Freshness and Cost tabs show. A daily job reaches a
 * month back; each run costs one request for its tasks and cost.
 */
export const RUNS_SHOWN = 30;
// Enough to overlap the requests without queueing up the backend.
const CONCURRENT_REQUESTS = 4;

/**
 * The latest runs with a task that writes the dataset, oldest first, each
 * with its tasks and cost. The run list carries neither, so each run's
 * details are read; the list is capped at {@link RUNS_SHOWN}.
 */
export async function loadDatasetRunHistory(
  api: Pick<DataMeshApi, 'listRuns' | 'getRun'>,
  { project, dataset }: ProjectDataset,
  limit: number = RUNS_SHOWN,
): Promise<DatasetRunHistory> {
  const page = await api.listRuns({ project, dataset, limit });
  const throttled = pLimit(CONCURRENT_REQUESTS);
  const details = await Promise.all(
    page.items.map(run => throttled(() => api.getRun(run.id))),
  );
  const runs = details
    .map(run => ({
      run,
      writers: run.tasks.filter(task => task.datasets.includes(dataset)),
    }))
    .reverse();
  return { runs, totalCount: page.totalCount };
}
