import type { FactsStore, TaskRun } from '../../database';

/** What running the whole pipeline is expected to cost, clearly an estimate. */
export interface EstimatedCost {
  /** DBUs of one run; null when nothing to estimate from. */
  readonly dbus: number | null;
  /**
   * `last-runs`: the pipeline's last successful task runs (their recorded
   * cost, else their duration × `dbusPerHour`); `preview`: this preview's
   * query time × `dbusPerHour`, a lower bound; `unknown`: neither.
   */
  readonly basis: 'last-runs' | 'preview' | 'unknown';
  readonly estimated: true;
}

/** Job runs looked at for the pipeline's recent tasks. */
const RECENT_JOB_RUNS = 10;
/** Successful task runs averaged. */
const RECENT_TASK_RUNS = 5;

const HOUR_MS = 3_600_000;

/**
 * Estimates the cost of one run of a pipeline from the facts the backend
 * keeps about its last successful runs, or from the preview's own time.
 */
export async function estimatePipelineCost(options: {
  facts: FactsStore;
  project: string;
  pipeline: string;
  /** The preview query's time, the fallback basis. */
  previewMs: () => Promise<number | undefined>;
  dbusPerHour?: number;
}): Promise<EstimatedCost> {
  const { facts, project, pipeline, dbusPerHour } = options;
  const runs = await facts.listJobRuns({ project, limit: RECENT_JOB_RUNS });
  const details = await Promise.all(
    runs.items.map(run => facts.getJobRun(run.id)),
  );
  const tasks = details
    .flatMap(run => run?.tasks ?? [])
    .filter(
      (task): task is TaskRun & { startedAt: Date; endedAt: Date } =>
        task.pipeline === pipeline &&
        task.status === 'succeeded' &&
        task.startedAt !== undefined &&
        task.endedAt !== undefined,
    )
    .sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime())
    .slice(0, RECENT_TASK_RUNS);

  const perTask = await Promise.all(
    tasks.map(async task => {
      const recorded = (await facts.listCosts(task.jobRunId)).find(
        cost => cost.taskRunId === task.id,
      );
      if (recorded) return recorded.dbus;
      if (dbusPerHour === undefined) return undefined;
      const ms = task.endedAt.getTime() - task.startedAt.getTime();
      return (ms / HOUR_MS) * dbusPerHour;
    }),
  );
  const known = perTask.filter((d): d is number => d !== undefined);
  if (known.length) {
    const mean = known.reduce((sum, d) => sum + d, 0) / known.length;
    return { dbus: round(mean), basis: 'last-runs', estimated: true };
  }
  const previewMs =
    dbusPerHour === undefined ? undefined : await options.previewMs();
  if (dbusPerHour !== undefined && previewMs !== undefined) {
    return {
      dbus: round((previewMs / HOUR_MS) * dbusPerHour),
      basis: 'preview',
      estimated: true,
    };
  }
  return { dbus: null, basis: 'unknown', estimated: true };
}

/** DBUs to six significant digits: more would be false precision. */
function round(dbus: number): number {
  return Number(dbus.toPrecision(6));
}
