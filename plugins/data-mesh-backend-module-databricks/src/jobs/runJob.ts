import { randomUUID } from 'node:crypto';
import type { DatabricksJobsClient } from './DatabricksJobsClient';
import type { Run, RunState, RunStatus } from './types';

/**
 * How a run or task ended. The legacy `result_state` where the API still
 * sends it, otherwise derived from `status.termination_details.code`.
 *
 * @public
 */
export type JobRunResult =
  | 'SUCCESS'
  | 'SUCCESS_WITH_FAILURES'
  | 'FAILED'
  | 'TIMEDOUT'
  | 'CANCELED'
  | 'UPSTREAM_FAILED'
  | 'UPSTREAM_CANCELED'
  | 'SKIPPED'
  | 'EXCLUDED'
  | 'MAXIMUM_CONCURRENT_RUNS_REACHED'
  | (string & {});

/** @public */
export interface JobRunTask {
  taskKey: string;
  /** `status.state` (or the legacy `life_cycle_state`), e.g. `RUNNING`, `TERMINATED`. */
  state: string;
  resultState?: JobRunResult;
  /** Epoch milliseconds; undefined until the task starts. */
  startTime?: number;
  endTime?: number;
  /** Why the task ended the way it did, when the API says. */
  message?: string;
}

/** @public */
export interface JobRun {
  runId: number;
  jobId: number;
  state: string;
  /** Undefined until the run terminates. */
  resultState?: JobRunResult;
  tasks: JobRunTask[];
  /** From start to end, or to now while the run is going. */
  durationMs?: number;
  message?: string;
  /** Task keys whose result is FAILED or TIMEDOUT. */
  failedTasks: string[];
  runPageUrl?: string;
}

/** @public */
export interface RunJobOptions {
  client: DatabricksJobsClient;
  jobId: number;
  /** Time between polls of runs/get. Default 10 000. */
  pollIntervalMs?: number;
  /** Aborting cancels the run (runs/cancel) and waits for it to stop. */
  signal?: AbortSignal;
  /** Called after each poll whose answer differs from the previous one. */
  onUpdate?: (run: JobRun) => void;
  jobParameters?: Record<string, string>;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const TERMINAL_LIFE_CYCLE_STATES = new Set([
  'TERMINATED',
  'SKIPPED',
  'INTERNAL_ERROR',
]);

const DEFAULT_POLL_INTERVAL_MS = 10_000;

function isTerminal(state?: RunState, status?: RunStatus): boolean {
  if (status?.state) {
    return status.state === 'TERMINATED';
  }
  return TERMINAL_LIFE_CYCLE_STATES.has(state?.life_cycle_state ?? '');
}

/** Termination codes that are not failures of the run's own work. */
function resultFromCode(code: string): JobRunResult {
  switch (code) {
    case 'SUCCESS':
    case 'SUCCESS_WITH_FAILURES':
    case 'SKIPPED':
      return code;
    case 'CANCELED':
    case 'USER_CANCELED':
      return 'CANCELED';
    default:
      return 'FAILED';
  }
}

function resultOf(
  state?: RunState,
  status?: RunStatus,
): JobRunResult | undefined {
  if (!isTerminal(state, status)) {
    return undefined;
  }
  if (state?.result_state) {
    return state.result_state;
  }
  if (status?.termination_details?.code) {
    return resultFromCode(status.termination_details.code);
  }
  // INTERNAL_ERROR without a result: the platform failed the run.
  return state?.life_cycle_state === 'INTERNAL_ERROR' ? 'FAILED' : undefined;
}

const messageOf = (state?: RunState, status?: RunStatus) =>
  status?.termination_details?.message || state?.state_message || undefined;

const timeOf = (epochMs?: number) => (epochMs ? epochMs : undefined);

/** The run as Meshwork reports it. @public */
export function summarizeRun(run: Run, now: number = Date.now()): JobRun {
  const tasks = (run.tasks ?? []).map(task => ({
    taskKey: task.task_key,
    state: task.status?.state ?? task.state?.life_cycle_state ?? 'UNKNOWN',
    resultState: resultOf(task.state, task.status),
    startTime: timeOf(task.start_time),
    endTime: timeOf(task.end_time),
    message: messageOf(task.state, task.status),
  }));
  const start = timeOf(run.start_time);
  const end = timeOf(run.end_time);
  return {
    runId: run.run_id,
    jobId: run.job_id ?? 0,
    state: run.status?.state ?? run.state?.life_cycle_state ?? 'UNKNOWN',
    resultState: resultOf(run.state, run.status),
    tasks,
    durationMs:
      run.run_duration ||
      (start !== undefined ? (end ?? now) - start : undefined),
    message: messageOf(run.state, run.status),
    failedTasks: tasks
      .filter(t => t.resultState === 'FAILED' || t.resultState === 'TIMEDOUT')
      .map(t => t.taskKey),
    runPageUrl: run.run_page_url,
  };
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    // Wakes early on abort; the caller notices the signal and cancels the run.
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Starts a job (run-now) and polls runs/get until the run terminates.
 * Resolves with the final run whatever its result; a failed run is not an
 * error here, its `resultState`, `failedTasks` and `message` say what failed.
 *
 * Aborting `signal` asks Databricks to cancel the run and keeps polling until
 * it has stopped, so the caller learns the run's real end (usually
 * `CANCELED`). run-now is sent with an idempotency token, so a retried request
 * cannot start a second run.
 *
 * @public
 */
export async function runJob(options: RunJobOptions): Promise<JobRun> {
  const { client, signal } = options;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const sleep = options.sleep ?? sleepFor;
  signal?.throwIfAborted();

  // Not abortable on purpose: once the request is out a run may exist, and
  // only its id lets an abort cancel it.
  const { run_id: runId } = await client.runNow({
    job_id: options.jobId,
    idempotency_token: randomUUID(),
    ...(options.jobParameters && { job_parameters: options.jobParameters }),
  });

  let cancelRequested = false;
  let previous = '';
  for (;;) {
    if (signal?.aborted && !cancelRequested) {
      cancelRequested = true;
      await client.cancelRun(runId);
    }
    const run = await client.getRun(runId);
    const summary = summarizeRun(run);
    const fingerprint = JSON.stringify({ ...summary, durationMs: undefined });
    if (fingerprint !== previous) {
      previous = fingerprint;
      options.onUpdate?.(summary);
    }
    if (isTerminal(run.state, run.status)) {
      return summary;
    }
    await sleep(pollIntervalMs, cancelRequested ? undefined : signal);
  }
}
