import type { Budget, CostRollup, RunCost } from '../../api';
import type { DatasetRun } from '../DataProductRunHistory';

/**
 * A bar of a cost chart. The figure sits in `estimatedDbus` or
 * `billedDbus`, so each kind is its own series with its own legend entry
 * and fill.
 */
export interface CostBar {
  dbus: number;
  estimated: boolean;
  estimatedDbus?: number;
  billedDbus?: number;
}

/** What one run that wrote the dataset cost. */
export interface RunCostBar extends CostBar {
  jobRunId: string;
  job: string;
  time: number;
  startedAt: string;
  /** The pipelines the figure covers, or `whole run` for a run's bill. */
  covers: string;
}

function bar(dbus: number, estimated: boolean): CostBar {
  return estimated
    ? { dbus, estimated, estimatedDbus: dbus }
    : { dbus, estimated, billedDbus: dbus };
}

const sum = (costs: RunCost[]) => costs.reduce((total, c) => total + c.dbus, 0);

/**
 * The cost of each run to the dataset, oldest first. Estimates are made
 * per task, so only the tasks that write the dataset count; a bill covers
 * the whole run (the warehouse bills jobs, not tasks) and, once there, is
 * the figure shown. Runs with no cost recorded yet are left out.
 */
export function runCostBars(runs: DatasetRun[]): RunCostBar[] {
  return runs.flatMap(({ run, writers }) => {
    const writerIds = new Set(writers.map(task => task.id));
    const relevant = run.costs.filter(
      c => c.taskRunId === undefined || writerIds.has(c.taskRunId),
    );
    const billed = relevant.filter(c => !c.estimated);
    const counted = billed.length > 0 ? billed : relevant;
    if (counted.length === 0) {
      return [];
    }
    const pipelines = [
      ...new Set(
        counted.flatMap(c =>
          c.taskRunId === undefined ? [] : [c.pipeline ?? c.taskRunId],
        ),
      ),
    ];
    const startedAt = run.startedAt ?? run.queuedAt;
    return [
      {
        ...bar(sum(counted), billed.length === 0),
        jobRunId: run.id,
        job: run.job,
        time: new Date(startedAt).getTime(),
        startedAt,
        covers: counted.some(c => c.taskRunId === undefined)
          ? 'whole run'
          : pipelines.join(', '),
      },
    ];
  });
}

/** A month's bar of the project's cost. */
export interface MonthCostBar extends CostBar {
  month: string;
  runCount: number;
}

/** The project's cost per month, oldest first. */
export function monthCostBars(rollups: CostRollup[]): MonthCostBar[] {
  return rollups
    .filter(rollup => rollup.month)
    .map(rollup => ({
      ...bar(rollup.dbus, rollup.estimated),
      month: rollup.month!,
      runCount: rollup.runCount,
    }))
    .sort((a, b) => a.month.localeCompare(b.month));
}

/** The project's own monthly budget among the budgets the API gave. */
export function projectBudget(
  budgets: Budget[],
  project: string,
): Budget | undefined {
  return budgets.find(b => b.scope === 'project' && b.name === project);
}
