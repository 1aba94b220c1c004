/**
 * The parts of the Jobs API 2.2 and Workspace API 2.0 request and response
 * bodies that Meshwork sends or reads, with Databricks' field names. Fields
 * Meshwork never reads are left out of the response types rather than typed
 * loosely.
 */

/** @public */
export interface JobTaskDependency {
  task_key: string;
}

/** @public */
export interface JobSqlTask {
  warehouse_id: string;
  file?: { path: string; source?: 'WORKSPACE' | 'GIT' };
  parameters?: Record<string, string>;
}

/** @public */
export interface JobSparkPythonTask {
  python_file: string;
  parameters?: string[];
  source?: 'WORKSPACE' | 'GIT';
}

/** @public */
export interface JobTask {
  task_key: string;
  description?: string;
  depends_on?: JobTaskDependency[];
  run_if?: string;
  sql_task?: JobSqlTask;
  spark_python_task?: JobSparkPythonTask;
  environment_key?: string;
  job_cluster_key?: string;
  max_retries?: number;
  min_retry_interval_millis?: number;
  retry_on_timeout?: boolean;
  timeout_seconds?: number;
}

/** @public */
export interface JobSchedule {
  quartz_cron_expression: string;
  timezone_id: string;
  pause_status?: 'PAUSED' | 'UNPAUSED';
}

/** @public */
export interface JobEmailNotifications {
  on_start?: string[];
  on_success?: string[];
  on_failure?: string[];
  on_duration_warning_threshold_exceeded?: string[];
}

/** @public */
export interface JobEnvironment {
  environment_key: string;
  spec: {
    environment_version?: string;
    client?: string;
    dependencies?: string[];
  };
}

/**
 * The settings of a job: the body of `jobs/create`, and `new_settings` of
 * `jobs/reset`.
 *
 * @public
 */
export interface JobSettings {
  name: string;
  description?: string;
  tasks: JobTask[];
  schedule?: JobSchedule;
  email_notifications?: JobEmailNotifications;
  webhook_notifications?: Record<string, unknown>;
  health?: {
    rules: Array<{ metric: string; op: string; value: number }>;
  };
  timeout_seconds?: number;
  max_concurrent_runs?: number;
  run_as?: { user_name?: string; service_principal_name?: string };
  tags?: Record<string, string>;
  environments?: JobEnvironment[];
  job_clusters?: Array<Record<string, unknown>>;
  queue?: { enabled: boolean };
}

/**
 * A job as `jobs/get` and `jobs/list` return it.
 *
 * @public
 */
export interface Job {
  job_id: number;
  creator_user_name?: string;
  created_time?: number;
  settings: JobSettings;
}

/** @public */
export interface ListJobsResponse {
  jobs?: Job[];
  has_more?: boolean;
  next_page_token?: string;
}

/**
 * The legacy run state, still returned next to `status` in 2.2.
 *
 * @public
 */
export interface RunState {
  life_cycle_state?: string;
  result_state?: string;
  state_message?: string;
  user_cancelled_or_timedout?: boolean;
}

/** @public */
export interface RunStatus {
  state: string;
  termination_details?: { code: string; type?: string; message?: string };
}

/** @public */
export interface RunTask {
  run_id?: number;
  task_key: string;
  state?: RunState;
  status?: RunStatus;
  start_time?: number;
  end_time?: number;
}

/**
 * A run as `jobs/runs/get` returns it.
 *
 * @public
 */
export interface Run {
  run_id: number;
  job_id?: number;
  state?: RunState;
  status?: RunStatus;
  tasks?: RunTask[];
  start_time?: number;
  end_time?: number;
  run_duration?: number;
  run_page_url?: string;
  has_more?: boolean;
  next_page_token?: string;
}

/** @public */
export interface RunNowRequest {
  job_id: number;
  /** At most 64 characters; a repeated token returns the run it started before. */
  idempotency_token?: string;
  job_parameters?: Record<string, string>;
}

/** @public */
export interface WorkspaceImportRequest {
  /** Absolute workspace path, e.g. `/Workspace/Users/me/.bundle/x/dev/files/a.sql`. */
  path: string;
  /** Base64-encoded content. */
  content: string;
  format?: 'AUTO' | 'SOURCE' | 'HTML' | 'JUPYTER' | 'DBC' | 'R_MARKDOWN';
  language?: 'PYTHON' | 'SQL' | 'SCALA' | 'R';
  overwrite?: boolean;
}
