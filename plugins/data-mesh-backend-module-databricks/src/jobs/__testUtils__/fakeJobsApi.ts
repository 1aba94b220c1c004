import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JobSettings, JobTask } from '../types';

/**
 * A local stand-in for the Databricks Jobs API 2.2 and the Workspace API
 * endpoints that deploying a job uses. It checks request bodies as strictly
 * as Databricks does (required fields, unknown fields answered with 400
 * INVALID_PARAMETER_VALUE), keeps jobs, runs and workspace files in memory,
 * and moves a run one step per `runs/get`: PENDING, RUNNING, TERMINATED.
 */

/** One request the fake received, for assertions. */
export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
  /** The status the fake answered with. */
  status: number;
}

export interface FakeJob {
  job_id: number;
  created_time: number;
  creator_user_name: string;
  settings: JobSettings;
}

export interface FakeRun {
  run_id: number;
  job_id: number;
  /** The job's settings when the run started. */
  settings: JobSettings;
  idempotencyToken?: string;
  /** How many times runs/get has seen this run. */
  polls: number;
  cancelRequested: boolean;
  start_time: number;
  end_time?: number;
  /** Set once the run has terminated. */
  outcome?: {
    result: 'SUCCESS' | 'FAILED' | 'CANCELED';
    tasks: Map<string, { result: string; message?: string; end: number }>;
  };
}

export type FakeWorkspaceObject =
  | { type: 'DIRECTORY' }
  | { type: 'FILE'; content: string };

export interface FakeJobsApiState {
  jobs: Map<number, FakeJob>;
  runs: Map<number, FakeRun>;
  /** Workspace objects by path, without the `/Workspace` prefix. */
  workspace: Map<string, FakeWorkspaceObject>;
  requests: FakeRequest[];
  /** Task keys that fail when they run, with the error they fail with. */
  failingTasks: Map<string, string>;
  userName: string;
  /** Milliseconds since the epoch; advances one second per runs/get. */
  clock: number;
}

export interface FakeJobsApi {
  url: string;
  token: string;
  state: FakeJobsApiState;
  close(): Promise<void>;
  /**
   * Answers the next `times` requests to `path` (e.g. `/api/2.2/jobs/create`)
   * with `status`, before any other check; with `Retry-After: retryAfter`
   * when given, and with `error` as the body when given.
   */
  failNext(
    path: string,
    status: number,
    times: number,
    retryAfter?: number,
    error?: { error_code: string; message: string },
  ): void;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string) =>
  new ApiError(400, 'INVALID_PARAMETER_VALUE', message);

const JOB_SETTINGS_FIELDS = new Set([
  'name',
  'description',
  'tasks',
  'job_clusters',
  'environments',
  'schedule',
  'continuous',
  'trigger',
  'email_notifications',
  'webhook_notifications',
  'notification_settings',
  'timeout_seconds',
  'health',
  'max_concurrent_runs',
  'tags',
  'run_as',
  'queue',
  'parameters',
  'git_source',
  'format',
  'edit_mode',
  'deployment',
  'budget_policy_id',
  'performance_target',
  'access_control_list',
]);

const TASK_FIELDS = new Set([
  'task_key',
  'description',
  'depends_on',
  'run_if',
  'sql_task',
  'spark_python_task',
  'notebook_task',
  'python_wheel_task',
  'spark_jar_task',
  'pipeline_task',
  'run_job_task',
  'condition_task',
  'for_each_task',
  'dbt_task',
  'environment_key',
  'job_cluster_key',
  'existing_cluster_id',
  'new_cluster',
  'libraries',
  'max_retries',
  'min_retry_interval_millis',
  'retry_on_timeout',
  'timeout_seconds',
  'email_notifications',
  'webhook_notifications',
  'notification_settings',
  'health',
  'disable_auto_optimization',
]);

const TASK_TYPES = [
  'sql_task',
  'spark_python_task',
  'notebook_task',
  'python_wheel_task',
  'spark_jar_task',
  'pipeline_task',
  'run_job_task',
  'condition_task',
  'for_each_task',
  'dbt_task',
];

const RUN_IF = new Set([
  'ALL_SUCCESS',
  'AT_LEAST_ONE_SUCCESS',
  'NONE_FAILED',
  'ALL_DONE',
  'AT_LEAST_ONE_FAILED',
  'ALL_FAILED',
]);

const IMPORT_FORMATS = new Set([
  'AUTO',
  'SOURCE',
  'HTML',
  'JUPYTER',
  'DBC',
  'R_MARKDOWN',
]);

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function onlyFields(
  value: Record<string, any>,
  allowed: Set<string>,
  at: string,
) {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) {
      throw invalid(`Unknown field '${key}' in ${at}`);
    }
  }
}

function requireString(value: unknown, at: string) {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalid(`Missing required field: ${at}`);
  }
}

function requireStringList(value: unknown, at: string) {
  if (
    value !== undefined &&
    (!Array.isArray(value) || value.some(v => typeof v !== 'string'))
  ) {
    throw invalid(`${at} must be a list of strings`);
  }
}

function requireNonNegativeInteger(value: unknown, at: string) {
  if (value !== undefined && !(Number.isInteger(value) && Number(value) >= 0)) {
    throw invalid(`${at} must be a non-negative integer`);
  }
}

function validateTask(
  task: unknown,
  index: number,
  environmentKeys: Set<string>,
) {
  const at = `tasks[${index}]`;
  if (!isObject(task)) {
    throw invalid(`${at} must be an object`);
  }
  onlyFields(task, TASK_FIELDS, at);
  requireString(task.task_key, `${at}.task_key`);
  const types = TASK_TYPES.filter(type => task[type] !== undefined);
  if (types.length !== 1) {
    throw invalid(
      `Task ${task.task_key} must have exactly one task type, found ${types.length}`,
    );
  }
  if (task.sql_task !== undefined) {
    const sql = task.sql_task;
    if (!isObject(sql)) {
      throw invalid(`${at}.sql_task must be an object`);
    }
    onlyFields(
      sql,
      new Set([
        'warehouse_id',
        'file',
        'query',
        'dashboard',
        'alert',
        'parameters',
      ]),
      `${at}.sql_task`,
    );
    requireString(sql.warehouse_id, `${at}.sql_task.warehouse_id`);
    if (sql.file === undefined && sql.query === undefined) {
      throw invalid(
        `${at}.sql_task needs one of file, query, dashboard, alert`,
      );
    }
    if (sql.file !== undefined) {
      if (!isObject(sql.file)) {
        throw invalid(`${at}.sql_task.file must be an object`);
      }
      onlyFields(sql.file, new Set(['path', 'source']), `${at}.sql_task.file`);
      requireString(sql.file.path, `${at}.sql_task.file.path`);
    }
    if (
      sql.parameters !== undefined &&
      (!isObject(sql.parameters) ||
        Object.values(sql.parameters).some(v => typeof v !== 'string'))
    ) {
      throw invalid(`${at}.sql_task.parameters must be a map of strings`);
    }
  }
  if (task.spark_python_task !== undefined) {
    const python = task.spark_python_task;
    if (!isObject(python)) {
      throw invalid(`${at}.spark_python_task must be an object`);
    }
    onlyFields(
      python,
      new Set(['python_file', 'parameters', 'source']),
      `${at}.spark_python_task`,
    );
    requireString(python.python_file, `${at}.spark_python_task.python_file`);
    requireStringList(python.parameters, `${at}.spark_python_task.parameters`);
  }
  if (task.run_if !== undefined && !RUN_IF.has(task.run_if)) {
    throw invalid(`${at}.run_if: unknown value ${task.run_if}`);
  }
  if (
    task.environment_key !== undefined &&
    !environmentKeys.has(task.environment_key)
  ) {
    throw invalid(
      `Task ${task.task_key} refers to environment ${task.environment_key}, which the job does not define`,
    );
  }
  requireNonNegativeInteger(
    task.min_retry_interval_millis,
    `${at}.min_retry_interval_millis`,
  );
  requireNonNegativeInteger(task.timeout_seconds, `${at}.timeout_seconds`);
  if (
    task.max_retries !== undefined &&
    !(Number.isInteger(task.max_retries) && task.max_retries >= -1)
  ) {
    throw invalid(`${at}.max_retries must be an integer of at least -1`);
  }
}

function validateJobSettings(settings: unknown, at: string): JobSettings {
  if (!isObject(settings)) {
    throw invalid(`Missing required field: ${at}`);
  }
  onlyFields(settings, JOB_SETTINGS_FIELDS, at);
  if (settings.name !== undefined && typeof settings.name !== 'string') {
    throw invalid(`${at}.name must be a string`);
  }
  const environments = settings.environments ?? [];
  if (!Array.isArray(environments)) {
    throw invalid(`${at}.environments must be a list`);
  }
  const environmentKeys = new Set<string>();
  for (const environment of environments) {
    if (!isObject(environment)) {
      throw invalid(`${at}.environments must be a list of objects`);
    }
    onlyFields(
      environment,
      new Set(['environment_key', 'spec']),
      `${at}.environments`,
    );
    requireString(
      environment.environment_key,
      `${at}.environments.environment_key`,
    );
    environmentKeys.add(environment.environment_key);
  }
  const tasks = settings.tasks ?? [];
  if (!Array.isArray(tasks)) {
    throw invalid(`${at}.tasks must be a list`);
  }
  tasks.forEach((task, index) => validateTask(task, index, environmentKeys));
  const keys = new Set<string>();
  for (const task of tasks) {
    if (keys.has(task.task_key)) {
      throw invalid(`Duplicate task key ${task.task_key}`);
    }
    keys.add(task.task_key);
  }
  for (const task of tasks) {
    for (const dependency of task.depends_on ?? []) {
      if (!isObject(dependency)) {
        throw invalid(`Task ${task.task_key} has a malformed depends_on`);
      }
      onlyFields(dependency, new Set(['task_key', 'outcome']), 'depends_on');
      if (!keys.has(dependency.task_key)) {
        throw invalid(
          `Task ${task.task_key} depends on ${dependency.task_key}, which is not a task of the job`,
        );
      }
    }
  }
  if (settings.schedule !== undefined) {
    const schedule = settings.schedule;
    if (!isObject(schedule)) {
      throw invalid(`${at}.schedule must be an object`);
    }
    onlyFields(
      schedule,
      new Set(['quartz_cron_expression', 'timezone_id', 'pause_status']),
      `${at}.schedule`,
    );
    requireString(
      schedule.quartz_cron_expression,
      `${at}.schedule.quartz_cron_expression`,
    );
    requireString(schedule.timezone_id, `${at}.schedule.timezone_id`);
    if (
      schedule.pause_status !== undefined &&
      !['PAUSED', 'UNPAUSED'].includes(schedule.pause_status)
    ) {
      throw invalid(`${at}.schedule.pause_status must be PAUSED or UNPAUSED`);
    }
  }
  if (settings.email_notifications !== undefined) {
    const email = settings.email_notifications;
    if (!isObject(email)) {
      throw invalid(`${at}.email_notifications must be an object`);
    }
    onlyFields(
      email,
      new Set([
        'on_start',
        'on_success',
        'on_failure',
        'on_duration_warning_threshold_exceeded',
        'on_streaming_backlog_exceeded',
        'no_alert_for_skipped_runs',
      ]),
      `${at}.email_notifications`,
    );
    for (const [key, value] of Object.entries(email)) {
      if (key !== 'no_alert_for_skipped_runs') {
        requireStringList(value, `${at}.email_notifications.${key}`);
      }
    }
  }
  if (settings.tags !== undefined) {
    if (
      !isObject(settings.tags) ||
      Object.values(settings.tags).some(v => typeof v !== 'string')
    ) {
      throw invalid(`${at}.tags must be a map of strings`);
    }
    if (Object.keys(settings.tags).length > 25) {
      throw invalid(`A job can have at most 25 tags`);
    }
  }
  requireNonNegativeInteger(settings.timeout_seconds, `${at}.timeout_seconds`);
  if (
    settings.max_concurrent_runs !== undefined &&
    !(
      Number.isInteger(settings.max_concurrent_runs) &&
      settings.max_concurrent_runs >= 0 &&
      settings.max_concurrent_runs <= 1000
    )
  ) {
    throw invalid(`${at}.max_concurrent_runs must be between 0 and 1000`);
  }
  return settings as JobSettings;
}

/** Databricks names a job created without a name "Untitled". */
const withDefaultName = (settings: Partial<JobSettings>): JobSettings => ({
  ...settings,
  name: settings.name ?? 'Untitled',
  tasks: settings.tasks ?? [],
});

/** `/Workspace/Users/x` and `/Users/x` name the same object. */
function workspaceKey(path: unknown): string {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw invalid(`Path (${String(path)}) must be absolute`);
  }
  const normalized = path.replace(/\/+$/, '') || '/';
  return normalized === '/Workspace'
    ? '/'
    : normalized.replace(/^\/Workspace\//, '/');
}

const parentOf = (key: string) => key.slice(0, key.lastIndexOf('/')) || '/';

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', chunk => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function positiveIntegerParameter(value: string | undefined, name: string) {
  if (value === undefined || !/^\d+$/.test(value)) {
    throw invalid(`Missing or invalid required parameter: ${name}`);
  }
  return Number(value);
}

/** Outcomes of a run's tasks, in dependency order, when it terminates. */
function settle(run: FakeRun, state: FakeJobsApiState) {
  const tasks = new Map<
    string,
    { result: string; message?: string; end: number }
  >();
  const byKey = new Map(run.settings.tasks.map(t => [t.task_key, t]));
  const resolve = (task: JobTask): string => {
    const known = tasks.get(task.task_key);
    if (known) {
      return known.result;
    }
    const upstream = (task.depends_on ?? []).map(d =>
      resolve(byKey.get(d.task_key)!),
    );
    const runIf = task.run_if ?? 'ALL_SUCCESS';
    let result: string;
    let message: string | undefined;
    if (run.cancelRequested) {
      result = 'CANCELED';
      message = 'Run cancelled.';
    } else if (runIf === 'ALL_SUCCESS' && upstream.some(r => r !== 'SUCCESS')) {
      result = 'UPSTREAM_FAILED';
      message = 'Upstream task failed.';
    } else {
      const file =
        task.sql_task?.file?.path ?? task.spark_python_task?.python_file;
      const missing =
        file !== undefined &&
        state.workspace.get(workspaceKey(file))?.type !== 'FILE';
      if (missing) {
        result = 'FAILED';
        message = `File ${file} does not exist.`;
      } else if (state.failingTasks.has(task.task_key)) {
        result = 'FAILED';
        message = state.failingTasks.get(task.task_key);
      } else {
        result = 'SUCCESS';
      }
    }
    tasks.set(task.task_key, { result, message, end: state.clock });
    return result;
  };
  run.settings.tasks.forEach(resolve);
  let result: 'SUCCESS' | 'FAILED' | 'CANCELED' = 'SUCCESS';
  if (run.cancelRequested) {
    result = 'CANCELED';
  } else if ([...tasks.values()].some(t => t.result === 'FAILED')) {
    result = 'FAILED';
  }
  run.outcome = { result, tasks };
  run.end_time = state.clock;
}

function terminationOf(result: string, message?: string) {
  switch (result) {
    case 'SUCCESS':
      return { code: 'SUCCESS', type: 'SUCCESS', message: '' };
    case 'CANCELED':
      return {
        code: 'USER_CANCELED',
        type: 'SUCCESS',
        message: message ?? 'Run cancelled.',
      };
    case 'UPSTREAM_FAILED':
      return { code: 'SKIPPED', type: 'CLIENT_ERROR', message: message ?? '' };
    default:
      return {
        code: 'RUN_EXECUTION_ERROR',
        type: 'CLIENT_ERROR',
        message: message ?? '',
      };
  }
}

/** The runs/get body at the run's current step. */
function describeRun(run: FakeRun, state: FakeJobsApiState) {
  // A cancelled run stops at its next poll.
  let step = 'TERMINATED';
  if (!run.outcome && !run.cancelRequested && run.polls <= 2) {
    step = run.polls <= 1 ? 'PENDING' : 'RUNNING';
  }
  if (step === 'TERMINATED' && !run.outcome) {
    settle(run, state);
  }
  const outcome = run.outcome;
  const roots = new Set(
    run.settings.tasks.filter(t => !t.depends_on?.length).map(t => t.task_key),
  );
  const tasks = run.settings.tasks.map((task, index) => {
    const base = {
      run_id: run.run_id * 100 + index + 1,
      task_key: task.task_key,
    };
    if (outcome) {
      const { result, message, end } = outcome.tasks.get(task.task_key)!;
      const skipped = result === 'UPSTREAM_FAILED' || result === 'CANCELED';
      return {
        ...base,
        state: {
          life_cycle_state: skipped ? 'SKIPPED' : 'TERMINATED',
          result_state: result,
          state_message: message ?? '',
        },
        status: {
          state: 'TERMINATED',
          termination_details: terminationOf(result, message),
        },
        start_time: skipped ? 0 : run.start_time,
        end_time: skipped ? 0 : end,
      };
    }
    const running = step === 'RUNNING' && roots.has(task.task_key);
    // Tasks waiting for others are BLOCKED once the run is going.
    let taskStatus = 'PENDING';
    if (running) {
      taskStatus = 'RUNNING';
    } else if (step === 'RUNNING') {
      taskStatus = 'BLOCKED';
    }
    return {
      ...base,
      state: {
        life_cycle_state: running ? 'RUNNING' : 'PENDING',
        state_message: '',
      },
      status: { state: taskStatus },
      start_time: running ? run.start_time : 0,
      end_time: 0,
    };
  });
  const firstFailure = outcome
    ? [...outcome.tasks.entries()].find(([, t]) => t.result === 'FAILED')
    : undefined;
  return {
    run_id: run.run_id,
    job_id: run.job_id,
    number_in_job: run.run_id,
    run_name: run.settings.name,
    state: outcome
      ? {
          life_cycle_state: 'TERMINATED',
          result_state: outcome.result,
          state_message: firstFailure
            ? `Task ${firstFailure[0]} failed with message: ${firstFailure[1].message}`
            : '',
          user_cancelled_or_timedout: outcome.result === 'CANCELED',
        }
      : { life_cycle_state: step, state_message: '' },
    status: outcome
      ? {
          state: 'TERMINATED',
          termination_details: terminationOf(
            outcome.result,
            firstFailure
              ? `Task ${firstFailure[0]} failed with message: ${firstFailure[1].message}`
              : undefined,
          ),
        }
      : { state: step },
    tasks,
    start_time: run.start_time,
    end_time: run.end_time ?? 0,
    run_duration: (run.end_time ?? state.clock) - run.start_time,
    run_page_url: `https://fake.databricks/jobs/${run.job_id}/runs/${run.run_id}`,
  };
}

/**
 * Starts the fake on a free loopback port.
 */
export async function startFakeJobsApi(
  options: { userName?: string; token?: string } = {},
): Promise<FakeJobsApi> {
  const token = options.token ?? `dapi${randomBytes(16).toString('hex')}`;
  const userName = options.userName ?? 'ada.lovelace@meshwork.example';
  const state: FakeJobsApiState = {
    jobs: new Map(),
    runs: new Map(),
    workspace: new Map<string, FakeWorkspaceObject>([
      ['/', { type: 'DIRECTORY' }],
      ['/Users', { type: 'DIRECTORY' }],
      [`/Users/${userName}`, { type: 'DIRECTORY' }],
      ['/Shared', { type: 'DIRECTORY' }],
    ]),
    requests: [],
    failingTasks: new Map(),
    userName,
    clock: Date.UTC(2026, 5, 30, 6, 0, 0),
  };
  const injected = new Map<
    string,
    {
      status: number;
      times: number;
      retryAfter?: number;
      error?: { error_code: string; message: string };
    }[]
  >();
  let nextJobId = 1001;
  let nextRunId = 5001;

  const mkdirs = (key: string) => {
    const parts = key.split('/').filter(Boolean);
    let current = '';
    for (const part of parts) {
      current += `/${part}`;
      const existing = state.workspace.get(current);
      if (existing?.type === 'FILE') {
        throw new ApiError(
          400,
          'RESOURCE_ALREADY_EXISTS',
          `${current} already exists and is not a directory`,
        );
      }
      if (!existing) {
        state.workspace.set(current, { type: 'DIRECTORY' });
      }
    }
  };

  const jobOf = (id: unknown) => {
    if (!Number.isInteger(id)) {
      throw invalid('Missing required field: job_id');
    }
    const job = state.jobs.get(id as number);
    if (!job) {
      throw invalid(`Job ${id} does not exist.`);
    }
    return job;
  };

  const runOf = (id: number) => {
    const run = state.runs.get(id);
    if (!run) {
      throw invalid(`Run ${id} does not exist.`);
    }
    return run;
  };

  const routes: Record<
    string,
    (body: any, query: Record<string, string>) => unknown
  > = {
    'GET /api/2.2/jobs/list': (_body, query) => {
      onlyFields(
        query,
        new Set(['name', 'limit', 'offset', 'page_token', 'expand_tasks']),
        'query',
      );
      const limit = query.limit === undefined ? 20 : Number(query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        throw invalid('limit must be between 1 and 100');
      }
      const offset = query.page_token ? Number(query.page_token) : 0;
      const matching = [...state.jobs.values()].filter(
        job =>
          query.name === undefined ||
          job.settings.name.toLowerCase() === query.name.toLowerCase(),
      );
      const page = matching.slice(offset, offset + limit).map(job => ({
        ...job,
        settings:
          query.expand_tasks === 'true'
            ? job.settings
            : { ...job.settings, tasks: undefined },
      }));
      const hasMore = offset + limit < matching.length;
      return {
        jobs: page,
        has_more: hasMore,
        ...(hasMore && { next_page_token: String(offset + limit) }),
      };
    },
    'GET /api/2.2/jobs/get': (_body, query) =>
      jobOf(positiveIntegerParameter(query.job_id, 'job_id')),
    'POST /api/2.2/jobs/create': body => {
      const settings = validateJobSettings(body, 'job settings');
      const job: FakeJob = {
        job_id: nextJobId++,
        created_time: state.clock,
        creator_user_name: state.userName,
        settings: withDefaultName(settings),
      };
      state.jobs.set(job.job_id, job);
      return { job_id: job.job_id };
    },
    'POST /api/2.2/jobs/reset': body => {
      if (!isObject(body)) {
        throw invalid('Missing required field: job_id');
      }
      onlyFields(body, new Set(['job_id', 'new_settings']), 'request');
      const job = jobOf(body.job_id);
      job.settings = withDefaultName(
        validateJobSettings(body.new_settings, 'new_settings'),
      );
      return {};
    },
    'POST /api/2.2/jobs/run-now': body => {
      if (!isObject(body)) {
        throw invalid('Missing required field: job_id');
      }
      onlyFields(
        body,
        new Set([
          'job_id',
          'idempotency_token',
          'job_parameters',
          'only',
          'performance_target',
          'queue',
        ]),
        'request',
      );
      const job = jobOf(body.job_id);
      if (body.idempotency_token !== undefined) {
        if (
          typeof body.idempotency_token !== 'string' ||
          body.idempotency_token.length > 64
        ) {
          throw invalid(
            'idempotency_token must be a string of at most 64 characters',
          );
        }
        const earlier = [...state.runs.values()].find(
          r => r.idempotencyToken === body.idempotency_token,
        );
        if (earlier) {
          return { run_id: earlier.run_id, number_in_job: earlier.run_id };
        }
      }
      const run: FakeRun = {
        run_id: nextRunId++,
        job_id: job.job_id,
        settings: structuredClone(job.settings),
        idempotencyToken: body.idempotency_token,
        polls: 0,
        cancelRequested: false,
        start_time: state.clock,
      };
      state.runs.set(run.run_id, run);
      return { run_id: run.run_id, number_in_job: run.run_id };
    },
    'GET /api/2.2/jobs/runs/get': (_body, query) => {
      onlyFields(
        query,
        new Set([
          'run_id',
          'include_history',
          'include_resolved_values',
          'page_token',
        ]),
        'query',
      );
      const run = runOf(positiveIntegerParameter(query.run_id, 'run_id'));
      run.polls++;
      state.clock += 1000;
      return describeRun(run, state);
    },
    'POST /api/2.2/jobs/runs/cancel': body => {
      if (!isObject(body)) {
        throw invalid('Missing required field: run_id');
      }
      onlyFields(body, new Set(['run_id']), 'request');
      if (!Number.isInteger(body.run_id)) {
        throw invalid('Missing required field: run_id');
      }
      const run = runOf(body.run_id);
      if (!run.outcome) {
        run.cancelRequested = true;
      }
      return {};
    },
    'POST /api/2.0/workspace/mkdirs': body => {
      if (!isObject(body)) {
        throw invalid('Missing required field: path');
      }
      onlyFields(body, new Set(['path']), 'request');
      mkdirs(workspaceKey(body.path));
      return {};
    },
    'POST /api/2.0/workspace/import': body => {
      if (!isObject(body)) {
        throw invalid('Missing required field: path');
      }
      onlyFields(
        body,
        new Set(['path', 'content', 'format', 'language', 'overwrite']),
        'request',
      );
      const key = workspaceKey(body.path);
      if (body.format !== undefined && !IMPORT_FORMATS.has(body.format)) {
        throw invalid(`Unknown format ${body.format}`);
      }
      if (
        typeof body.content !== 'string' ||
        !/^[A-Za-z0-9+/]*={0,2}$/.test(body.content)
      ) {
        throw invalid('content must be base64');
      }
      if (state.workspace.get(parentOf(key))?.type !== 'DIRECTORY') {
        throw new ApiError(
          404,
          'RESOURCE_DOES_NOT_EXIST',
          `The parent folder (${parentOf(key)}) does not exist.`,
        );
      }
      if (state.workspace.has(key) && body.overwrite !== true) {
        throw new ApiError(
          400,
          'RESOURCE_ALREADY_EXISTS',
          `${body.path} already exists.`,
        );
      }
      state.workspace.set(key, {
        type: 'FILE',
        content: Buffer.from(body.content, 'base64').toString('utf8'),
      });
      return {};
    },
    'GET /api/2.0/preview/scim/v2/Me': () => ({
      id: '1234567890',
      userName: state.userName,
      active: true,
    }),
  };

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams.entries());
    const logged: FakeRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query,
      body: undefined,
      status: 0,
    };
    state.requests.push(logged);
    const send = (
      status: number,
      body: unknown,
      headers: Record<string, string> = {},
    ) => {
      logged.status = status;
      response.writeHead(status, {
        'Content-Type': 'application/json',
        ...headers,
      });
      response.end(JSON.stringify(body));
    };
    try {
      const text = await readBody(request);
      try {
        logged.body = text ? JSON.parse(text) : undefined;
      } catch {
        throw new ApiError(
          400,
          'MALFORMED_REQUEST',
          'Invalid JSON given in the body of the request',
        );
      }
      const failures = injected.get(url.pathname);
      const failure = failures?.[0];
      if (failure) {
        failure.times--;
        if (failure.times <= 0) {
          failures!.shift();
        }
        send(
          failure.status,
          failure.error ?? {
            error_code:
              failure.status === 429
                ? 'REQUEST_LIMIT_EXCEEDED'
                : 'TEMPORARILY_UNAVAILABLE',
            message:
              failure.status === 429
                ? 'Too many requests.'
                : 'The service is temporarily unavailable.',
          },
          failure.retryAfter !== undefined
            ? { 'Retry-After': String(failure.retryAfter) }
            : {},
        );
        return;
      }
      if (request.headers.authorization !== `Bearer ${token}`) {
        throw new ApiError(401, 'UNAUTHENTICATED', 'Invalid access token.');
      }
      const route = routes[`${request.method} ${url.pathname}`];
      if (!route) {
        throw new ApiError(
          404,
          'ENDPOINT_NOT_FOUND',
          `No API found for '${request.method} ${url.pathname}'`,
        );
      }
      if (request.method === 'POST' && !isObject(logged.body)) {
        throw new ApiError(
          400,
          'MALFORMED_REQUEST',
          'The request body must be a JSON object',
        );
      }
      send(200, route(logged.body, query));
    } catch (error) {
      if (error instanceof ApiError) {
        send(error.status, {
          error_code: error.errorCode,
          message: error.message,
        });
      } else {
        send(500, { error_code: 'INTERNAL_ERROR', message: String(error) });
      }
    }
  });

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    state,
    failNext(path, status, times, retryAfter, error) {
      const list = injected.get(path) ?? [];
      list.push({ status, times, retryAfter, error });
      injected.set(path, list);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}
