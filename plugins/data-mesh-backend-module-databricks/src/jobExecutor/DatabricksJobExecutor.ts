import type {
  BilledUsage,
  JobExecutor,
  RemoteJobRequest,
  RemoteJobResult,
  RemoteTaskState,
  RemoteTaskStatus,
  WarehouseEngine,
} from '@meshwork/data-mesh-node';
import type { DatabricksJobsClient } from '../jobs/DatabricksJobsClient';
import { deployBundleJob } from '../jobs/deployBundleJob';
import { runJob, type JobRun, type JobRunTask } from '../jobs/runJob';
import { fetchBilledUsage } from './billedUsage';

/** @public */
export interface DatabricksJobExecutorOptions {
  client: DatabricksJobsClient;
  /** The target a request names none of. Default `dev`. */
  target?: 'dev' | 'prod';
  /** Time between polls of runs/get. Default 10 000. */
  pollIntervalMs?: number;
  /** Overrides of bundle variables, e.g. `warehouse_id`. */
  variables?: Record<string, string>;
  /** The SQL warehouse billed usage is read through; no billing without it. */
  sqlEngine?: WarehouseEngine;
  /** Where billed usage is read from. Default `system.billing.usage`. */
  billingTable?: string;
}

const SUCCEEDED = new Set(['SUCCESS', 'SUCCESS_WITH_FAILURES']);
const CANCELLED = new Set(['CANCELED']);
const SKIPPED = new Set([
  'UPSTREAM_FAILED',
  'UPSTREAM_CANCELED',
  'SKIPPED',
  'EXCLUDED',
]);

/** How a task ended, in Meshwork's terms; undefined while it runs. */
function taskStatus(
  task: JobRunTask,
  runEnded: boolean,
): RemoteTaskStatus | undefined {
  const result = task.resultState;
  if (result === undefined) {
    // A task the run ended without ever starting did not run.
    return runEnded ? 'skipped' : undefined;
  }
  if (SUCCEEDED.has(result)) return 'succeeded';
  if (CANCELLED.has(result)) return 'cancelled';
  if (SKIPPED.has(result)) return 'skipped';
  return 'failed';
}

function taskState(task: JobRunTask, runEnded: boolean): RemoteTaskState {
  const status = taskStatus(task, runEnded);
  return {
    taskKey: task.taskKey,
    ...(status && { status }),
    ...(task.startTime !== undefined && {
      startedAt: new Date(task.startTime),
    }),
    ...(task.endTime !== undefined && { endedAt: new Date(task.endTime) }),
    ...(status === 'failed' && {
      error: task.message ?? `the task ended ${task.resultState}`,
    }),
  };
}

function runStatus(run: JobRun): RemoteJobResult['status'] {
  if (run.resultState && SUCCEEDED.has(run.resultState)) {
    // SUCCESS_WITH_FAILURES: a task allowed to fail did.
    return run.failedTasks.length > 0 ? 'failed' : 'succeeded';
  }
  return run.resultState && CANCELLED.has(run.resultState)
    ? 'cancelled'
    : 'failed';
}

/**
 * Runs Meshwork jobs on Databricks: deploys the job from the compiled bundle
 * before every run (create, or reset when it was deployed before), so that
 * the workspace runs exactly the committed code, then runs it through the
 * Jobs API and follows it to its end. The job deployed is the one under the
 * manifest's `bundleKey` for the job, and its tasks are reported by their
 * bundle keys, as the manifest lists them.
 *
 * @public
 */
export class DatabricksJobExecutor implements JobExecutor {
  readonly id = 'databricks';

  constructor(private readonly options: DatabricksJobExecutorOptions) {}

  async runJob(request: RemoteJobRequest): Promise<RemoteJobResult> {
    const { client, variables } = this.options;
    const jobKey = request.manifest.bundleKey;
    const { jobId } = await deployBundleJob({
      client,
      bundle: { files: request.files },
      jobKey,
      target: request.target ?? this.options.target ?? 'dev',
      variables,
      signal: request.signal,
    });
    const run = await runJob({
      client,
      jobId,
      ...(request.parameters && { jobParameters: request.parameters }),
      pollIntervalMs: this.options.pollIntervalMs,
      signal: request.signal,
      onUpdate: update =>
        request.onUpdate?.({
          externalRunId: String(update.runId),
          tasks: update.tasks.map(t => taskState(t, false)),
        }),
    });
    return {
      externalRunId: String(run.runId),
      status: runStatus(run),
      ...(run.resultState && {
        resultState: `${run.state}/${run.resultState}`,
      }),
      tasks: run.tasks.map(t => {
        const state = taskState(t, true);
        return { ...state, status: state.status ?? 'skipped' };
      }),
      ...(run.message && { message: run.message }),
      ...(run.runPageUrl && { url: run.runPageUrl }),
    };
  }

  async fetchBilledUsage(externalRunIds: string[]): Promise<BilledUsage[]> {
    const { sqlEngine, billingTable } = this.options;
    if (!sqlEngine || externalRunIds.length === 0) return [];
    return fetchBilledUsage(sqlEngine, externalRunIds, {
      table: billingTable,
    });
  }
}
