/** What started a job run. */
export type JobRunTrigger = 'schedule' | 'manual' | 'api';

/** The states a run that has not ended can be in. */
export type ActiveRunStatus = 'queued' | 'running';

/** How a job run ended. */
export type JobRunOutcome = 'succeeded' | 'failed' | 'cancelled';

/** The lifecycle state of a job run. */
export type JobRunStatus = ActiveRunStatus | JobRunOutcome;

/** How a task run ended; a task is skipped when a task it depends on failed. */
export type TaskRunOutcome = JobRunOutcome | 'skipped';

/** The lifecycle state of one task of a job run. */
export type TaskRunStatus = ActiveRunStatus | TaskRunOutcome;

/** One execution of a data project's job. */
export interface JobRun {
  id: string;
  project: string;
  job: string;
  trigger: JobRunTrigger;
  /** The warehouse engine the run executes on, e.g. `duckdb`. */
  engine: string;
  status: JobRunStatus;
  queuedAt: Date;
  startedAt?: Date;
  endedAt?: Date;
  error?: string;
  /** The user entity ref of whoever asked for a manual or API run. */
  requestedBy?: string;
  /** The Databricks run id, for runs on Databricks. */
  externalRunId?: string;
  /** The backend instance that executes the run (`dataMesh.runner.instanceId`). */
  instanceId?: string;
  /**
   * When that instance last said it still executes the run; it refreshes
   * this while the run is queued or running.
   */
  heartbeatAt?: Date;
}

/** One pipeline task of a job run. */
export interface TaskRun {
  id: string;
  jobRunId: string;
  taskKey: string;
  pipeline: string;
  status: TaskRunStatus;
  startedAt?: Date;
  endedAt?: Date;
  rowsWritten?: number;
  error?: string;
  /** The datasets the task's pipeline writes. */
  datasets: string[];
}

/** A job run with its tasks, in the order they started. */
export interface JobRunDetails extends JobRun {
  tasks: TaskRun[];
}

/** The outcome of evaluating one quality rule. */
export type QualityStatus = 'pass' | 'fail' | 'error';

/** The outcome of one contract quality rule after one write. */
export interface QualityResult {
  id: string;
  jobRunId: string;
  taskRunId?: string;
  dataset: string;
  ruleKey: string;
  /** How the rule reads to people, e.g. `order_id is unique`. */
  ruleLabel: string;
  status: QualityStatus;
  checkedRows?: number;
  failingRows?: number;
  /** The measured value, e.g. the row count of a `row_count` rule. */
  observed?: string;
  message?: string;
  evaluatedAt: Date;
}

/** Where a DBU figure comes from. */
export type CostSource = 'estimate' | 'system.billing.usage';

/** DBUs consumed by a run, or by one of its tasks. */
export interface RunCost {
  jobRunId: string;
  /** Absent when the figure covers the run as a whole. */
  taskRunId?: string;
  project: string;
  pipeline?: string;
  /** The team the cost is charged to. */
  team: string;
  dbus: number;
  /** True while the figure is an estimate rather than billed usage. */
  estimated: boolean;
  source: CostSource;
  /** The month the usage falls in, `YYYY-MM`. */
  usageMonth: string;
  recordedAt: Date;
}

/** The dimension costs are summed by. */
export type CostGrouping = 'pipeline' | 'project' | 'team' | 'month';

/**
 * The total DBUs of one group. Only the fields of the grouping are set;
 * grouping by pipeline also sets the project, as pipeline names are unique
 * within a project only.
 */
export interface CostRollupRow {
  project?: string;
  /** Null for figures that cover a whole run rather than one pipeline. */
  pipeline?: string | null;
  team?: string;
  month?: string;
  dbus: number;
  /** The number of distinct job runs that contributed. */
  runCount: number;
  /** True when any contributing figure is still an estimate. */
  estimated: boolean;
}

/**
 * Who read a dataset in a span of time: a user through the portal (a
 * Sample), or a pipeline of the project in its successful task runs.
 */
export interface DatasetReader {
  kind: 'user' | 'pipeline';
  /** The user entity ref, or the pipeline's name in the project. */
  reader: string;
  via: 'sample' | 'job-run';
  reads: number;
  lastReadAt: Date;
}

/** The last successful write of a dataset. */
export interface DatasetFreshness {
  project: string;
  dataset: string;
  tableName: string;
  lastWrittenAt: Date;
  lastJobRunId?: string;
  rowsWritten?: number;
}

/** Whether a breach is ongoing. */
export type AlertStatus = 'open' | 'resolved';

/** The state of one kind of breach, so that it alerts once until recovery. */
export interface AlertState {
  key: string;
  status: AlertStatus;
  openedAt: Date;
  resolvedAt?: Date;
  lastNotifiedAt?: Date;
  recipient: string;
}

/** One page of a listing, newest first. */
export interface Page<T> {
  items: T[];
  /** How many items match the filter across all pages. */
  totalCount: number;
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}
