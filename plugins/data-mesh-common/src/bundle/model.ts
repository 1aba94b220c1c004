/**
 * The input of the bundle generator. The compiler maps a data project's
 * `meshwork.yaml` and `jobs/*.job.yaml` onto these types; keeping them apart
 * from the project file format lets either evolve without the other.
 */

/**
 * Where and into what a target deploys.
 *
 * @public
 */
export interface BundleTarget {
  /** Workspace URL, e.g. `https://adb-123.azuredatabricks.net`. Omitted: taken from the CLI profile. */
  host?: string;
  /** Unity Catalog catalog that the generated code writes to in this target. */
  catalog: string;
  /** Schema inside {@link BundleTarget.catalog}. */
  schema: string;
  /** SQL warehouse for this target; overrides {@link BundleProject.warehouseId}. */
  warehouseId?: string;
  /**
   * Workspace folder the bundle deploys to. Recommended for production, so
   * that one shared copy is deployed rather than one per deploying user.
   */
  rootPath?: string;
}

/**
 * The serverless Python environment that Python tasks run in.
 *
 * @public
 */
export interface BundlePythonEnvironment {
  /** Serverless environment version, e.g. `"2"`. Default `"2"`. */
  environmentVersion?: string;
  /** pip requirement lines installed before the task runs. */
  dependencies?: string[];
}

/**
 * The project-wide settings of a bundle.
 *
 * @public
 */
export interface BundleProject {
  /** Project name; becomes the bundle name. */
  name: string;
  /** Owning team; tagged on every job for cost attribution. */
  owner: string;
  domain?: string;
  standardsVersion?: string;
  targets: { dev: BundleTarget; prod: BundleTarget };
  /** Default SQL warehouse id (the `warehouse_id` variable's default). */
  warehouseId?: string;
  pythonEnvironment?: BundlePythonEnvironment;
}

/**
 * When a task runs, in terms of the outcome of the tasks it depends on
 * (Jobs API `run_if`).
 *
 * @public
 */
export type BundleRunIf =
  | 'ALL_SUCCESS'
  | 'AT_LEAST_ONE_SUCCESS'
  | 'NONE_FAILED'
  | 'ALL_DONE'
  | 'AT_LEAST_ONE_FAILED'
  | 'ALL_FAILED';

/**
 * One task of a job: one compiled pipeline.
 *
 * @public
 */
export interface BundleTask {
  /** Unique within the job; other tasks name it in `dependsOn`. */
  key: string;
  /** The pipeline this task runs (for tags and descriptions). */
  pipeline: string;
  /** Keys of tasks that must finish first. */
  dependsOn: string[];
  /** What the pipeline compiles to: a SQL file run on a warehouse, or a PySpark entry point. */
  kind: 'sql' | 'python';
  /** Repository-relative path of the generated file, e.g. `generated/sql/ComputeSales.sql`. */
  file: string;
  /** Extra command-line arguments of a Python task. */
  parameters?: string[];
  /**
   * Values of the pipeline's parameters, by name: literal text, or a
   * `{{job.parameters.<name>}}` reference. A SQL task gets them as named
   * parameters (`:name` in the SQL), a Python task as `--name value`.
   */
  pipelineParameters?: Record<string, string>;
  runIf?: BundleRunIf;
}

/**
 * A job's schedule.
 *
 * @public
 */
export interface BundleSchedule {
  /** Quartz cron: seconds minutes hours day-of-month month day-of-week [year]. */
  quartzCron: string;
  /** Time zone id, e.g. `Europe/Amsterdam`. */
  timezone: string;
  paused: boolean;
}

/**
 * Who a job emails, by event.
 *
 * @public
 */
export interface BundleNotifications {
  onFailure?: string[];
  onSuccess?: string[];
  /** Needs {@link BundleJob.durationWarningSeconds}. */
  onDurationWarning?: string[];
}

/**
 * The identity a job runs as: a user or a service principal, not both.
 *
 * @public
 */
export type BundleRunAs =
  | { userName: string; servicePrincipalName?: undefined }
  | { servicePrincipalName: string; userName?: undefined };

/**
 * A job-level parameter (Jobs API `parameters`): tasks read it as
 * `{{job.parameters.<name>}}`.
 *
 * @public
 */
export interface BundleJobParameter {
  name: string;
  default: string;
}

/**
 * A job: pipelines run in dependency order, on a schedule.
 *
 * @public
 */
export interface BundleJob {
  /** Display name; the resource key and file name are derived from it. */
  name: string;
  description?: string;
  tasks: BundleTask[];
  schedule?: BundleSchedule;
  notifications?: BundleNotifications;
  /** Warn (health rule) when a run takes longer than this. */
  durationWarningSeconds?: number;
  /** Retries of a failed task (the Jobs API retries per task). */
  maxRetries?: number;
  minRetryIntervalMillis?: number;
  /** Timeout of a whole run. */
  timeoutSeconds?: number;
  maxConcurrentRuns?: number;
  /** Job parameters, with the defaults runs use unless they set them. */
  parameters?: BundleJobParameter[];
  /** Extra job tags; the `meshwork_*` cost-attribution tags cannot be overridden. */
  tags?: Record<string, string>;
  runAs?: BundleRunAs;
}

/**
 * One generated file, with a path relative to the project's repository root.
 *
 * @public
 */
export interface BundleFile {
  path: string;
  content: string;
}
