import type {
  CostRollupRow,
  JobRun,
  JobRunDetails,
  Page,
  QualityResult,
  RunCost,
  TaskRun,
} from '../../database';
import type { components } from '../../schema/openapi/generated';
import type { DatasetFreshnessReport } from '../freshness/datasetFreshness';

/**
 * What the API answers, as the contract (src/schema/openapi.yaml) says.
 * The mappers below build these field by field from the store's types, so
 * a column added to the store stays internal until the contract names it
 * (as the backend instance and heartbeat of a run do).
 */
type Schemas = components['schemas'];
export type ApiJobRun = Schemas['JobRun'];
export type ApiJobRunDetails = Schemas['JobRunDetails'];
export type ApiTaskRun = Schemas['TaskRun'];
export type ApiRunCost = Schemas['RunCost'];
export type ApiQualityResult = Schemas['QualityResult'];
export type ApiCostRollup = Schemas['CostRollup'];
export type ApiDatasetFreshness = Schemas['DatasetFreshness'];

function iso(date: Date): string;
function iso(date: Date | undefined): string | undefined;
function iso(date: Date | undefined): string | undefined {
  return date?.toISOString();
}

export function jobRunToApi(run: JobRun): ApiJobRun {
  return {
    id: run.id,
    project: run.project,
    job: run.job,
    trigger: run.trigger,
    engine: run.engine,
    status: run.status,
    queuedAt: iso(run.queuedAt),
    startedAt: iso(run.startedAt),
    endedAt: iso(run.endedAt),
    error: run.error,
    requestedBy: run.requestedBy,
    externalRunId: run.externalRunId,
  };
}

export function taskRunToApi(task: TaskRun): ApiTaskRun {
  return {
    id: task.id,
    jobRunId: task.jobRunId,
    taskKey: task.taskKey,
    pipeline: task.pipeline,
    status: task.status,
    startedAt: iso(task.startedAt),
    endedAt: iso(task.endedAt),
    rowsWritten: task.rowsWritten,
    error: task.error,
    datasets: [...task.datasets],
  };
}

export function runCostToApi(cost: RunCost): ApiRunCost {
  return {
    jobRunId: cost.jobRunId,
    taskRunId: cost.taskRunId,
    project: cost.project,
    pipeline: cost.pipeline,
    team: cost.team,
    dbus: cost.dbus,
    estimated: cost.estimated,
    source: cost.source,
    usageMonth: cost.usageMonth,
    recordedAt: iso(cost.recordedAt),
  };
}

export function jobRunDetailsToApi(
  run: JobRunDetails,
  costs: readonly RunCost[],
): ApiJobRunDetails {
  return {
    ...jobRunToApi(run),
    tasks: run.tasks.map(taskRunToApi),
    costs: costs.map(runCostToApi),
  };
}

export function qualityResultToApi(result: QualityResult): ApiQualityResult {
  return {
    id: result.id,
    jobRunId: result.jobRunId,
    taskRunId: result.taskRunId,
    dataset: result.dataset,
    ruleKey: result.ruleKey,
    ruleLabel: result.ruleLabel,
    status: result.status,
    checkedRows: result.checkedRows,
    failingRows: result.failingRows,
    observed: result.observed,
    message: result.message,
    evaluatedAt: iso(result.evaluatedAt),
  };
}

export function costRollupToApi(row: CostRollupRow): ApiCostRollup {
  return {
    project: row.project,
    pipeline: row.pipeline,
    team: row.team,
    month: row.month,
    dbus: row.dbus,
    runCount: row.runCount,
    estimated: row.estimated,
  };
}

export function datasetFreshnessToApi(
  report: DatasetFreshnessReport,
): ApiDatasetFreshness {
  return {
    project: report.project,
    dataset: report.dataset,
    table: report.table,
    owner: report.owner,
    slaHours: report.slaHours,
    lastWrittenAt: iso(report.lastWrittenAt),
    lastJobRunId: report.lastJobRunId,
    rowsWritten: report.rowsWritten,
    status: report.status,
    ageHours: report.ageHours,
    message: report.message,
  };
}

/** A page of the store's items as a page of the API's. */
export function pageToApi<T, U>(
  page: Page<T>,
  toApi: (item: T) => U,
): { items: U[]; totalCount: number; nextCursor?: string } {
  return {
    items: page.items.map(item => toApi(item)),
    totalCount: page.totalCount,
    nextCursor: page.nextCursor,
  };
}
