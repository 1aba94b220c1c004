import {
  AlertState,
  AlertStatus,
  CostSource,
  DatasetFreshness,
  JobRun,
  JobRunStatus,
  JobRunTrigger,
  QualityResult,
  QualityStatus,
  RunCost,
  TaskRun,
  TaskRunStatus,
} from './types';

// PostgreSQL returns timestamps as Dates and bigint/decimal as strings;
// SQLite (better-sqlite3) returns timestamps as the epoch milliseconds knex
// bound them as, and numbers as numbers.
export type DbTimestamp = Date | number | string;
export type DbNumber = number | string;

export interface JobRunRow {
  id: string;
  project: string;
  job: string;
  trigger: string;
  engine: string;
  status: string;
  queued_at: DbTimestamp;
  started_at: DbTimestamp | null;
  ended_at: DbTimestamp | null;
  error: string | null;
  requested_by: string | null;
  external_run_id: string | null;
  instance_id: string | null;
  heartbeat_at: DbTimestamp | null;
}

export interface TaskRunRow {
  id: string;
  job_run_id: string;
  task_key: string;
  pipeline: string;
  status: string;
  started_at: DbTimestamp | null;
  ended_at: DbTimestamp | null;
  rows_written: DbNumber | null;
  error: string | null;
}

export interface QualityResultRow {
  id: string;
  job_run_id: string;
  task_run_id: string | null;
  dataset: string;
  rule_key: string;
  rule_label: string;
  status: string;
  checked_rows: DbNumber | null;
  failing_rows: DbNumber | null;
  observed: string | null;
  message: string | null;
  evaluated_at: DbTimestamp;
}

export interface RunCostRow {
  id: string;
  job_run_id: string;
  task_run_id: string | null;
  scope: string;
  project: string;
  pipeline: string | null;
  team: string;
  dbus: DbNumber;
  estimated: boolean | number;
  source: string;
  usage_month: string;
  recorded_at: DbTimestamp;
}

export interface DatasetFreshnessRow {
  project: string;
  dataset: string;
  table_name: string;
  last_written_at: DbTimestamp;
  last_job_run_id: string | null;
  rows_written: DbNumber | null;
}

export interface AlertStateRow {
  key: string;
  status: string;
  opened_at: DbTimestamp;
  resolved_at: DbTimestamp | null;
  last_notified_at: DbTimestamp | null;
  recipient: string;
}

export function toDate(value: DbTimestamp): Date {
  return value instanceof Date ? value : new Date(value);
}

function toOptionalDate(value: DbTimestamp | null): Date | undefined {
  return value === null ? undefined : toDate(value);
}

export function toNumber(value: DbNumber): number {
  return typeof value === 'number' ? value : Number(value);
}

function toOptionalNumber(value: DbNumber | null): number | undefined {
  return value === null ? undefined : toNumber(value);
}

/** DBUs are kept to the six decimals of the column on both databases. */
export function roundDbus(value: DbNumber | null): number {
  return value === null ? 0 : Math.round(toNumber(value) * 1e6) / 1e6;
}

export function jobRunFromRow(row: JobRunRow): JobRun {
  return {
    id: row.id,
    project: row.project,
    job: row.job,
    trigger: row.trigger as JobRunTrigger,
    engine: row.engine,
    status: row.status as JobRunStatus,
    queuedAt: toDate(row.queued_at),
    startedAt: toOptionalDate(row.started_at),
    endedAt: toOptionalDate(row.ended_at),
    error: row.error ?? undefined,
    requestedBy: row.requested_by ?? undefined,
    externalRunId: row.external_run_id ?? undefined,
    instanceId: row.instance_id ?? undefined,
    heartbeatAt: toOptionalDate(row.heartbeat_at),
  };
}

export function taskRunFromRow(row: TaskRunRow, datasets: string[]): TaskRun {
  return {
    id: row.id,
    jobRunId: row.job_run_id,
    taskKey: row.task_key,
    pipeline: row.pipeline,
    status: row.status as TaskRunStatus,
    startedAt: toOptionalDate(row.started_at),
    endedAt: toOptionalDate(row.ended_at),
    rowsWritten: toOptionalNumber(row.rows_written),
    error: row.error ?? undefined,
    datasets,
  };
}

export function qualityResultFromRow(row: QualityResultRow): QualityResult {
  return {
    id: row.id,
    jobRunId: row.job_run_id,
    taskRunId: row.task_run_id ?? undefined,
    dataset: row.dataset,
    ruleKey: row.rule_key,
    ruleLabel: row.rule_label,
    status: row.status as QualityStatus,
    checkedRows: toOptionalNumber(row.checked_rows),
    failingRows: toOptionalNumber(row.failing_rows),
    observed: row.observed ?? undefined,
    message: row.message ?? undefined,
    evaluatedAt: toDate(row.evaluated_at),
  };
}

export function runCostFromRow(row: RunCostRow): RunCost {
  return {
    jobRunId: row.job_run_id,
    taskRunId: row.task_run_id ?? undefined,
    project: row.project,
    pipeline: row.pipeline ?? undefined,
    team: row.team,
    dbus: roundDbus(row.dbus),
    estimated: Boolean(row.estimated),
    source: row.source as CostSource,
    usageMonth: row.usage_month,
    recordedAt: toDate(row.recorded_at),
  };
}

export function freshnessFromRow(row: DatasetFreshnessRow): DatasetFreshness {
  return {
    project: row.project,
    dataset: row.dataset,
    tableName: row.table_name,
    lastWrittenAt: toDate(row.last_written_at),
    lastJobRunId: row.last_job_run_id ?? undefined,
    rowsWritten: toOptionalNumber(row.rows_written),
  };
}

export function alertStateFromRow(row: AlertStateRow): AlertState {
  return {
    key: row.key,
    status: row.status as AlertStatus,
    openedAt: toDate(row.opened_at),
    resolvedAt: toOptionalDate(row.resolved_at),
    lastNotifiedAt: toOptionalDate(row.last_notified_at),
    recipient: row.recipient,
  };
}
