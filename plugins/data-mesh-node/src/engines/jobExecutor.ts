import type { ManifestJob } from '@meshwork/data-mesh-common';

/**
 * A file the executor runs the job from: for a `bundle` executor a file of
 * the compiled project (`databricks.yml`, `resources/*.yml` and the
 * generated code its tasks run), for a `project` executor one of the
 * project's own files (`meshwork.yaml`, `pipelines/*.pipeline.yaml`, …).
 *
 * @public
 */
export interface JobExecutorFile {
  /** Relative to the project root, e.g. `generated/sql/ComputeSales.sql`. */
  path: string;
  content: string;
}

/**
 * What an executor runs a job from.
 *
 * - `bundle`: the project compiled to its Databricks Asset Bundle. Any
 *   compiler error in the project refuses the run, since the bundle must
 *   match the committed project as a whole. Tasks are reported by the keys
 *   of the deployed job: the `bundleKey` of each of the manifest's tasks
 *   ({@link RemoteJobRequest.manifest}).
 * - `project`: the project's source files; the executor compiles the job's
 *   pipelines itself, e.g. for its warehouse's SQL dialect, and reports
 *   tasks by the job file's keys.
 *
 * @public
 */
export type JobExecutorInput = 'bundle' | 'project';

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
  /**
   * Rows the task inserted, updated or deleted, when the platform counts
   * them; otherwise the backend counts the rows of the tables it wrote.
   */
  rowsWritten?: number;
}

/**
 * How a remote run ended.
 *
 * @public
 */
export interface RemoteJobResult {
  /**
   * The platform's id of the run, e.g. a Databricks `run_id`; absent for
   * executors whose runs have no id of their own, such as a run in the
   * backend itself.
   */
  externalRunId?: string;
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
  /**
   * What the job runs from, as the executor's {@link JobExecutor.input}
   * asks: the compiled project (the bundle and the generated code), or the
   * project's source files.
   */
  files: JobExecutorFile[];
  /**
   * The job as the manifest of the compiled project describes it
   * (`jobs[]` of `generated/manifest.json`, see docs/manifest.md): its key
   * in the bundle, its tasks in run order with their keys in the job file
   * and in the bundle, and the datasets each task writes. Executors take
   * these from here rather than work them out again.
   */
  manifest: ManifestJob;
  /**
   * Job parameters set for this run, by name; the others keep their
   * defaults. Checked against the job before the run is queued.
   */
  parameters?: Record<string, string>;
  /** The bundle target to deploy to; the executor's configured one if absent. */
  target?: 'dev' | 'prod';
  /** Aborting cancels the remote run; `runJob` still resolves with its end. */
  signal?: AbortSignal;
  /**
   * Called as the run makes progress: first as soon as it has an id, then
   * whenever a task starts or ends. A task reported with a `status` has
   * ended; the backend records what it wrote and checks its quality then,
   * while the rest of the job goes on.
   */
  onUpdate?(update: { externalRunId?: string; tasks: RemoteTaskState[] }): void;
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
 * Runs whole jobs: deploys the compiled job on a data platform, starts it
 * and follows it to its end, or, in the backend, runs each pipeline on a
 * warehouse engine. The backend records what the executor reports (tasks,
 * their times and errors) and does the rest the same way whatever runs the
 * job: freshness, quality checks, cost estimates and alerts. Registered
 * through {@link DataMeshEnginesExtensionPoint.addJobExecutor}.
 *
 * @public
 */
export interface JobExecutor {
  /** Referred to by `dataMesh.runner.executor`, e.g. `databricks`. */
  id: string;
  /** What {@link RemoteJobRequest.files} holds; `bundle` when absent. */
  readonly input?: JobExecutorInput;
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
