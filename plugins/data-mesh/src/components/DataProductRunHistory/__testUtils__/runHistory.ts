import type { DataProductEntity } from '@meshwork/data-mesh-common';
import type {
  DataMeshApi,
  JobRunDetails,
  RunCost,
  TaskRun,
} from '../../../api';
import { totalSales } from '../../DataProductEntity/__testUtils__/totalSales';

/** TotalSales as the provider publishes it: linked to its project dataset. */
export const publishedTotalSales: DataProductEntity = {
  ...totalSales,
  metadata: {
    ...totalSales.metadata,
    annotations: {
      'meshwork.io/project': 'hello-world',
      'meshwork.io/dataset': 'TotalSales',
    },
  },
};

/** A task of a DailySummary run; ComputeSales writes TotalSales. */
export function task(
  id: string,
  pipeline: string,
  extra: Partial<TaskRun> = {},
): TaskRun {
  return {
    id,
    jobRunId: id.split('/')[0],
    taskKey: pipeline,
    pipeline,
    status: 'succeeded',
    datasets: pipeline === 'ComputeSales' ? ['DailySummary', 'TotalSales'] : [],
    ...extra,
  };
}

/** A cost figure of a run, an estimate of one task unless said otherwise. */
export function cost(
  jobRunId: string,
  dbus: number,
  extra: Partial<RunCost> = {},
): RunCost {
  return {
    jobRunId,
    project: 'hello-world',
    team: 'group:default/sales-analytics',
    dbus,
    estimated: true,
    source: 'estimate',
    usageMonth: '2026-12',
    recordedAt: '2026-12-05T06:10:00Z',
    ...extra,
  };
}

/** A succeeded DailySummary run with the tasks and costs given. */
export function run(
  id: string,
  startedAt: string,
  tasks: TaskRun[],
  costs: RunCost[] = [],
): JobRunDetails {
  return {
    id,
    project: 'hello-world',
    job: 'DailySummary',
    trigger: 'schedule',
    engine: 'duckdb',
    status: 'succeeded',
    queuedAt: startedAt,
    startedAt,
    tasks,
    costs,
  };
}

/**
 * The run listing and run details of the runs given (newest first, as
 * the API answers), as fakes of the data-mesh API.
 */
export function runsApi(
  runs: JobRunDetails[],
): Pick<DataMeshApi, 'listRuns' | 'getRun'> {
  return {
    listRuns: jest.fn(async () => ({
      items: runs.map(({ tasks, costs, ...jobRun }) => jobRun),
      totalCount: runs.length,
    })),
    getRun: jest.fn(async (id: string) => {
      const found = runs.find(r => r.id === id);
      if (!found) throw new Error(`no run ${id}`);
      return found;
    }),
  };
}
