/**
 * A file of the compiled project the executor deploys: the bundle
 * (`databricks.yml`, `resources/*.yml`) and the generated code its tasks run.
 *
 * @public
 */
export interface JobExecutorFile {
  /** Relative to the project root, e.g. `generated/sql/ComputeSales.sql`. */
  path: string;
  content: string;
}

/**
 * How a task of a remote run ended.
 *
 * @public
 */
export type RemoteTaskStatus = 'succeeded' | 'failed' | 'skipped' | 'cancelled';

/**
 * A task of a remote run as the platform reports it. `status` is absent
 * while the task has not ended.
 *
 * @public
 */
export interface RemoteTaskState {
  /** The task key in the deployed job, e.g. `compute_sales`. */
  taskKey: string;
  status?: RemoteTaskStatus;
  startedAt?: Date;
  endedAt?: Date;
  /** Why the task failed, in the platform's words. */
  error?: string;
}

/**
 * How a remote run ended.
 *
 * @public
 */
export interface RemoteJobResult {
  /** The platform's id of the run, e.g. a Databricks `run_id`. */
  externalRunId: string;
  /** `succeeded` only when every task that had to run succeeded. */
  status: 'succeeded' | 'failed' | 'cancelled';
  /** The platform's own words for the end state, e.g. `TERMINATED/FAILED`. */
  resultState?: string;
  tasks: Array<RemoteTaskState & { status: RemoteTaskStatus }>;
  message?: string;
  /** A link to the run in the platform's UI, when it has one. */
  url?: string;
}

/**
 * What {@link JobExecutor.runJob} is asked to run.
 *
 * @public
 */
export interface RemoteJobRequest {
  project: string;
  /** The job's name, as in its job file. */
  job: string;
  /** The compiled project: the bundle and the generated code. */
  files: JobExecutorFile[];
  /** The bundle target to deploy to; the executor's configured one if absent. */
  target?: 'dev' | 'prod';
  /** Aborting cancels the remote run; `runJob` still resolves with its end. */
  signal?: AbortSignal;
  /** Called as the run makes progress, first as soon as it has an id. */
  onUpdate?(update: { externalRunId: string; tasks: RemoteTaskState[] }): void;
}

/**
 * The billed usage of one remote run.
 *
 * @public
 */
export interface BilledUsage {
  externalRunId: string;
  dbus: number;
}

/**
 * Runs whole jobs on a data platform rather than statement by statement in
 * the backend: deploys the compiled job, starts it and follows it to its
 * end. Registered through {@link DataMeshEnginesExtensionPoint.addJobExecutor}.
 *
 * @public
 */
export interface JobExecutor {
  /** Referred to by `dataMesh.runner.executor`, e.g. `databricks`. */
  id: string;
  /**
   * Deploys and runs the job, resolving once the run has ended, whatever
   * its result. Rejects only when the run could not be started or followed.
   */
  runJob(request: RemoteJobRequest): Promise<RemoteJobResult>;
  /**
   * The DBUs billed for the given runs. Billing is eventually consistent:
   * a run whose usage is not visible yet is left out of the answer.
   */
  fetchBilledUsage?(externalRunIds: string[]): Promise<BilledUsage[]>;
}
