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
  return costFrom(await recentRunsCost(options), options);
}

/** The estimate from what the last runs cost, else from the preview's time. */
async function costFrom(
  lastRuns: number | undefined,
  options: {
    previewMs: () => Promise<number | undefined>;
    dbusPerHour?: number;
  },
): Promise<EstimatedCost> {
  if (lastRuns !== undefined) {
    return { dbus: round(lastRuns), basis: 'last-runs', estimated: true };
  }
  const { dbusPerHour } = options;
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

/** The mean DBUs of the pipeline's last successful task runs, if any is known. */
async function recentRunsCost(options: {
  facts: FactsStore;
  project: string;
  pipeline: string;
  dbusPerHour?: number;
}): Promise<number | undefined> {
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
  return known.length
    ? known.reduce((sum, d) => sum + d, 0) / known.length
    : undefined;
}

/**
 * {@link estimatePipelineCost} for previews, which come in bursts while
 * someone edits a pipeline: what the last runs of a pipeline cost changes
 * only when a run finishes, so it is looked up at most once per `maxAgeMs`
 * (and once for simultaneous previews), not with every preview. The
 * lookup runs while the preview query does, and on the same thread as the
 * engine's driver, so sparing it shortens the preview.
 */
export class PipelineCostEstimator {
  private readonly recent = new Map<
    string,
    { expires: number; dbus: Promise<number | undefined> }
  >();

  constructor(
    private readonly options: {
      readonly facts: FactsStore;
      readonly dbusPerHour?: number;
      /** How long a lookup is used; a finished run shows up within it. */
      readonly maxAgeMs: number;
      /** A monotonic clock in milliseconds. */
      readonly now: () => number;
    },
  ) {}

  estimate(request: {
    project: string;
    pipeline: string;
    previewMs: () => Promise<number | undefined>;
  }): Promise<EstimatedCost> {
    const { facts, dbusPerHour, maxAgeMs, now } = this.options;
    const key = JSON.stringify([request.project, request.pipeline]);
    let entry = this.recent.get(key);
    if (!entry || entry.expires <= now()) {
      for (const [k, e] of this.recent) {
        if (e.expires <= now()) this.recent.delete(k);
      }
      const dbus = recentRunsCost({ ...request, facts, dbusPerHour });
      entry = { expires: now() + maxAgeMs, dbus };
      this.recent.set(key, entry);
      // A failed lookup is not kept: the next preview tries again.
      dbus.catch(() => {
        if (this.recent.get(key) === entry) this.recent.delete(key);
      });
    }
    return entry.dbus.then(dbus =>
      costFrom(dbus, { previewMs: request.previewMs, dbusPerHour }),
    );
  }
}

/** DBUs to six significant digits: more would be false precision. */
function round(dbus: number): number {
  return Number(dbus.toPrecision(6));
}
