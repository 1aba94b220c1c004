import {
  AlertState,
  CostGrouping,
  CostRollupRow,
  CostSource,
  DatasetFreshness,
  DatasetReader,
  JobRun,
  JobRunDetails,
  JobRunOutcome,
  JobRunStatus,
  JobRunTrigger,
  Page,
  QualityResult,
  QualityStatus,
  RunCost,
  TaskRun,
  TaskRunOutcome,
} from './types';

export interface CreateJobRunInput {
  /** Defaults to a new UUID. */
  id?: string;
  project: string;
  job: string;
  trigger: JobRunTrigger;
  engine: string;
  /** Defaults to `queued`. */
  status?: 'queued' | 'running';
  queuedAt: Date;
  startedAt?: Date;
  requestedBy?: string;
  /** The backend instance that executes the run. */
  instanceId?: string;
  /** Defaults to `queuedAt`. */
  heartbeatAt?: Date;
}

export interface UpdateJobRunInput {
  status?: 'queued' | 'running';
  startedAt?: Date;
  externalRunId?: string;
}

export interface FinishRunInput<TOutcome> {
  status: TOutcome;
  endedAt: Date;
  error?: string;
}

export interface CreateTaskRunInput {
  /** Defaults to a new UUID. */
  id?: string;
  jobRunId: string;
  taskKey: string;
  pipeline: string;
  /** Defaults to `queued`. */
  status?: 'queued' | 'running';
  startedAt?: Date;
  /** The datasets the task's pipeline writes, so runs can be listed by dataset. */
  datasets?: string[];
}

export interface UpdateTaskRunInput {
  status?: 'queued' | 'running';
  startedAt?: Date;
}

export interface FinishTaskRunInput extends FinishRunInput<TaskRunOutcome> {
  rowsWritten?: number;
}

export interface FailAbandonedRunsInput {
  now: Date;
  /** Runs whose heartbeat is older than this (or that have none) are failed. */
  heartbeatBefore: Date;
  /**
   * Runs of this instance are failed whatever their heartbeat: the instance
   * is starting, so nothing executes them any more.
   */
  instanceId?: string;
  /** The error the runs and their tasks end with. */
  error: string;
}

export interface QualityResultInput {
  jobRunId: string;
  taskRunId?: string;
  dataset: string;
  ruleKey: string;
  ruleLabel: string;
  status: QualityStatus;
  checkedRows?: number;
  failingRows?: number;
  observed?: string;
  message?: string;
  evaluatedAt: Date;
}

export interface RecordCostInput {
  jobRunId: string;
  /** Absent when the figure covers the run as a whole. */
  taskRunId?: string;
  project: string;
  pipeline?: string;
  team: string;
  dbus: number;
  source: CostSource;
  /** `YYYY-MM`. */
  usageMonth: string;
  recordedAt: Date;
}

export interface RecordFreshnessInput {
  project: string;
  dataset: string;
  tableName: string;
  writtenAt: Date;
  jobRunId?: string;
  rowsWritten?: number;
}

export interface ListJobRunsOptions {
  project?: string;
  /** Only these projects (those the caller may read). */
  projects?: readonly string[];
  job?: string;
  /** Only runs with a task that writes this dataset. */
  dataset?: string;
  status?: JobRunStatus;
  /** 1 to 500; defaults to 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ListQualityResultsOptions {
  dataset: string;
  /** Only results of runs of this project, as dataset names are per project. */
  project?: string;
  /** Only these projects (those the caller may read). */
  projects?: readonly string[];
  ruleKey?: string;
  /** Only results of this job run. */
  jobRunId?: string;
  status?: QualityStatus;
  /** 1 to 500; defaults to 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface RecordDatasetReadInput {
  project: string;
  dataset: string;
  /** The user entity ref. */
  reader: string;
  via: 'sample';
  readAt: Date;
}

export interface ListDatasetReadersOptions {
  project: string;
  dataset: string;
  /** The project's pipelines whose inputs include the dataset. */
  pipelines: readonly string[];
  since: Date;
}

export interface CostRollupOptions {
  groupBy: CostGrouping;
  project?: string;
  /** Only these projects (those the caller may read). */
  projects?: readonly string[];
  team?: string;
  /** The first month included, `YYYY-MM`. */
  from?: string;
  /** The last month included, `YYYY-MM`. */
  to?: string;
}

/**
 * The facts the data-mesh backend keeps about job runs: runs and their
 * tasks, quality results, cost, dataset freshness and alert state.
 */
export interface FactsStore {
  createJobRun(input: CreateJobRunInput): Promise<JobRun>;
  /** Throws `NotFoundError` when there is no such run. */
  updateJobRun(id: string, input: UpdateJobRunInput): Promise<void>;
  /**
   * Ends a run. Returns false, changing nothing, when the run had already
   * ended, e.g. because a restart marked it interrupted.
   * Throws `NotFoundError` when there is no such run.
   */
  finishJobRun(
    id: string,
    input: FinishRunInput<JobRunOutcome>,
  ): Promise<boolean>;
  createTaskRun(input: CreateTaskRunInput): Promise<TaskRun>;
  /** Throws `NotFoundError` when there is no such task run. */
  updateTaskRun(id: string, input: UpdateTaskRunInput): Promise<void>;
  /** Like {@link FactsStore.finishJobRun}, for one task. */
  finishTaskRun(id: string, input: FinishTaskRunInput): Promise<boolean>;
  /**
   * Refreshes the heartbeat of the given runs of this instance that are
   * still queued or running, and returns their ids: a run left out has
   * ended, possibly failed as abandoned by another instance.
   */
  heartbeatRuns(
    ids: readonly string[],
    instanceId: string,
    now: Date,
  ): Promise<string[]>;
  /**
   * Fails the queued or running runs, and their active tasks, that no
   * instance executes any more: those whose heartbeat went stale, and those
   * of the given instance. Returns the runs it failed.
   */
  failAbandonedRuns(input: FailAbandonedRunsInput): Promise<JobRun[]>;

  getJobRun(id: string): Promise<JobRunDetails | undefined>;
  listJobRuns(options: ListJobRunsOptions): Promise<Page<JobRun>>;

  recordQualityResults(results: QualityResultInput[]): Promise<void>;
  listQualityResults(
    options: ListQualityResultsOptions,
  ): Promise<Page<QualityResult>>;

  /**
   * Stores the DBUs of a run or task. Billed usage replaces an estimate of
   * the same run or task, and a run-level bill replaces all of the run's
   * estimates; an estimate never replaces billed usage.
   */
  recordCost(input: RecordCostInput): Promise<void>;
  listCosts(jobRunId: string): Promise<RunCost[]>;
  /**
   * Ended runs with an external run id whose cost is not billed yet, that
   * ended at or after `endedAfter`; oldest first.
   */
  listRunsAwaitingBill(options: {
    endedAfter: Date;
    /** 1 to 500; defaults to 100. */
    limit?: number;
  }): Promise<JobRun[]>;
  costRollup(options: CostRollupOptions): Promise<CostRollupRow[]>;

  /** Keeps the latest write; an older one arriving late changes nothing. */
  recordFreshness(input: RecordFreshnessInput): Promise<void>;
  getFreshness(
    project: string,
    dataset: string,
  ): Promise<DatasetFreshness | undefined>;
  listFreshness(project: string): Promise<DatasetFreshness[]>;

  /** Records a read of a dataset the portal made for a user. */
  recordDatasetRead(input: RecordDatasetReadInput): Promise<void>;
  /**
   * Who read a dataset since a time, most recent first: the users the
   * portal read it for, and the given pipelines (those that read it) in
   * their successful task runs.
   */
  listDatasetReaders(
    options: ListDatasetReadersOptions,
  ): Promise<DatasetReader[]>;

  /**
   * Opens the alert for a breach. Returns true when it was not already
   * open, which is when the caller should notify the recipient.
   */
  openAlert(key: string, recipient: string, now: Date): Promise<boolean>;
  /** Closes the alert of a breach that recovered; true when it was open. */
  resolveAlert(key: string, now: Date): Promise<boolean>;
  getAlert(key: string): Promise<AlertState | undefined>;
}
