import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  datasetQualityChecks,
  JobFile,
  jobRunOrder,
  JobRunStep,
  LoadedProject,
  pipelineTargets,
} from '@meshwork/data-mesh-common';
import {
  JobExecutor,
  parseTableName,
  QueryCancelledError,
  QueryControl,
  RemoteJobResult,
  RemoteJobRequest,
  renderTableName,
  WarehouseEngine,
} from '@meshwork/data-mesh-node';
import {
  FactsStore,
  JobRun,
  JobRunOutcome,
  JobRunTrigger,
  QualityResultInput,
  TaskRun,
} from '../../database';
import { RunAlerts } from '../alerts/RunAlerts';
import { EngineRegistry } from '../EngineRegistry';
import { ProjectRepository } from '../projects/ProjectRepository';
import {
  compileStep,
  pipelineScript,
  projectProblem,
  writtenDatasets,
} from './pipelineScript';
import { runQualityCheck } from './qualityChecks';
import { compileForRemoteRun, remoteTaskKeys } from './remoteJob';
import { RunnerSettings } from './runnerSettings';

export interface JobRunRequest {
  project: string;
  job: string;
  trigger: JobRunTrigger;
  /** The user entity ref of whoever asked for the run. */
  requestedBy?: string;
}

export interface StartedJobRun {
  id: string;
  /** Settles with the outcome once the run has ended; never rejects. */
  finished: Promise<JobRunOutcome>;
}

interface ActiveRun {
  controller: AbortController;
  finished?: Promise<JobRunOutcome>;
}

interface RunEnd {
  status: JobRunOutcome;
  error?: string;
}

/** Everything one run needs, fixed when it was queued. */
interface RunContext {
  run: JobRun;
  loaded: LoadedProject;
  engine: WarehouseEngine;
  /** The team costs are charged to: the project's owner. */
  team: string;
  deadline: number;
  signal: AbortSignal;
}

/** What a remote run needs: it has a warehouse only to check quality. */
type RemoteRunContext = Omit<RunContext, 'engine'>;

const HOUR_MS = 60 * 60 * 1000;

/**
 * How long a job may run: its file's `timeoutSeconds`, else the configured
 * default. On Databricks 0 means no limit; a run in the backend always has
 * one, so that a stuck statement cannot hold the job forever.
 */
export function jobTimeoutMs(
  job: JobFile | undefined,
  settings: RunnerSettings,
): number {
  return job?.timeoutSeconds ? job.timeoutSeconds * 1000 : settings.timeoutMs;
}

/**
 * Runs the jobs of data projects on a warehouse engine and records the
 * facts of each run: its tasks, rows written, quality results, cost
 * estimate and the freshness of the datasets written.
 *
 * A run is queued and recorded at once and executes in the background; a
 * job runs once at a time. Tasks run in dependency order, each pipeline
 * compiled for the engine's dialect; the first task that fails fails the
 * job and skips the rest.
 *
 * With a job executor (`dataMesh.runner.executor`) the whole job runs on
 * the executor's platform instead: the project is compiled to its bundle,
 * deployed and run there, and the backend records what the platform
 * reports, checking quality through the configured engine when it has one.
 */
export class JobRunner {
  /** The runs in progress in this process, by project/job. */
  private readonly active = new Map<string, ActiveRun>();
  private stopping = false;
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      projects: ProjectRepository;
      facts: FactsStore;
      engines: EngineRegistry;
      alerts: RunAlerts;
      logger: LoggerService;
      settings: RunnerSettings;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Queues a run of a job and returns its id. NotFoundError for an unknown
   * project or job, ConflictError while the job is already running.
   */
  async runJob(request: JobRunRequest): Promise<string> {
    return (await this.startJob(request)).id;
  }

  /** Runs a job from the scheduler, until it has ended. */
  async runScheduled(
    project: string,
    job: string,
    signal: AbortSignal,
  ): Promise<void> {
    try {
      const started = await this.startJob(
        { project, job, trigger: 'schedule' },
        signal,
      );
      await started.finished;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      this.options.logger.info(
        `Scheduled run of ${project}/${job} skipped: ${error.message}`,
      );
    }
  }

  /** Like {@link JobRunner.runJob}, also telling when the run has ended. */
  async startJob(
    request: JobRunRequest,
    signal?: AbortSignal,
  ): Promise<StartedJobRun> {
    const { projects, facts, settings } = this.options;
    const { project, job } = request;
    if (!settings.enabled) {
      throw new ServiceUnavailableError(
        'The job runner is disabled (dataMesh.runner.enabled)',
      );
    }
    if (this.stopping) {
      throw new ServiceUnavailableError('The backend is shutting down');
    }
    const key = `${project}/${job}`;
    // Claimed before the first await, so two requests arriving together
    // cannot both start the job.
    if (this.active.has(key)) {
      throw new ConflictError(`Job ${key} is already running`);
    }
    const controller = new AbortController();
    const active: ActiveRun = { controller };
    this.active.set(key, active);
    try {
      const loaded = await projects.load(project);
      const order = jobRunOrder(loaded, job);
      if ('error' in order && !loaded.jobs.has(job)) {
        throw new NotFoundError(`Project ${project}: ${order.error}`);
      }
      await this.assertNotRunningElsewhere(project, job);
      const run = await facts.createJobRun({
        project,
        job,
        trigger: request.trigger,
        engine: settings.executor ?? settings.engine,
        queuedAt: this.now(),
        requestedBy: request.requestedBy,
      });
      const stop = signal
        ? AbortSignal.any([controller.signal, signal])
        : controller.signal;
      const finished = this.execute(run, loaded, stop).finally(() =>
        this.active.delete(key),
      );
      active.finished = finished;
      return { id: run.id, finished };
    } catch (error) {
      this.active.delete(key);
      throw error;
    }
  }

  /** Cancels the runs in progress and waits until they have ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    const running = [...this.active.values()];
    running.forEach(run => run.controller.abort());
    await Promise.allSettled(running.map(run => run.finished));
  }

  /** Another replica may be running the job. */
  private async assertNotRunningElsewhere(project: string, job: string) {
    for (const status of ['running', 'queued'] as const) {
      const page = await this.options.facts.listJobRuns({
        project,
        job,
        status,
        limit: 1,
      });
      if (page.totalCount > 0) {
        throw new ConflictError(
          `Job ${project}/${job} is already ${status} (run ${page.items[0].id})`,
        );
      }
    }
  }

  private async execute(
    run: JobRun,
    loaded: LoadedProject,
    signal: AbortSignal,
  ): Promise<JobRunOutcome> {
    const { facts, alerts, logger } = this.options;
    let end: RunEnd;
    try {
      end = await this.executeTasks(run, loaded, signal);
    } catch (error) {
      end = { status: 'failed', error: `the runner failed: ${message(error)}` };
    }
    const subject = { project: run.project, job: run.job, jobRunId: run.id };
    try {
      const ended = await facts.finishJobRun(run.id, {
        ...end,
        endedAt: this.now(),
      });
      // Already ended: a restart marked it interrupted, and said so.
      if (!ended) return end.status;
      if (end.status === 'failed') {
        await alerts.jobFailed(subject, end.error ?? 'unknown error');
      } else if (end.status === 'succeeded') {
        await alerts.jobSucceeded(subject);
      }
    } catch (error) {
      logger.error(
        `Could not record the end of run ${run.id} of ${run.project}/${run.job}`,
        error as Error,
      );
    }
    const detail = end.error ? `: ${end.error}` : '';
    logger.info(
      `Run ${run.id} of ${run.project}/${run.job} ${end.status}${detail}`,
    );
    return end.status;
  }

  private async executeTasks(
    run: JobRun,
    loaded: LoadedProject,
    signal: AbortSignal,
  ): Promise<RunEnd> {
    const { facts, engines, settings } = this.options;
    const startedAt = this.now();
    await facts.updateJobRun(run.id, { status: 'running', startedAt });

    const order = jobRunOrder(loaded, run.job);
    if ('error' in order) return { status: 'failed', error: order.error };
    const tasks: TaskRun[] = [];
    for (const step of order.steps) {
      tasks.push(
        await facts.createTaskRun({
          jobRunId: run.id,
          taskKey: step.task,
          pipeline: step.pipeline,
          datasets: writtenDatasets(pipelineTargets(loaded, step.pipeline)),
        }),
      );
    }

    const owner = loaded.project?.value.owner;
    const ownerProblem = () =>
      projectProblem(loaded, 'meshwork.yaml') ||
      'meshwork.yaml is missing: the project has no owner';
    if (settings.executor !== undefined) {
      const executor = engines.executor(settings.executor);
      if (!executor) {
        return this.failTasks(
          tasks,
          0,
          `no job executor '${settings.executor}' is installed (dataMesh.runner.executor)`,
        );
      }
      if (!owner) return this.failTasks(tasks, 0, ownerProblem());
      return this.executeRemotely(
        {
          run,
          loaded,
          team: owner,
          deadline:
            startedAt.getTime() +
            jobTimeoutMs(loaded.jobs.get(run.job)?.value, settings),
          signal,
        },
        executor,
        tasks,
      );
    }

    const engine = engines.list().find(e => e.id === settings.engine);
    if (!engine) {
      return this.failTasks(
        tasks,
        0,
        `no warehouse engine '${settings.engine}' is installed (dataMesh.runner.engine)`,
      );
    }
    if (!owner) return this.failTasks(tasks, 0, ownerProblem());

    // Compile every pipeline first: a project problem stops the job before
    // it has written anything.
    const scripts: string[] = [];
    for (const [index, step] of order.steps.entries()) {
      const compiled = compileStep(loaded, step, engine.dialect);
      if ('error' in compiled) {
        return this.failTasks(tasks, index, compiled.error);
      }
      scripts.push(compiled.sql);
    }

    const context: RunContext = {
      run,
      loaded,
      engine,
      team: owner,
      deadline:
        startedAt.getTime() +
        jobTimeoutMs(loaded.jobs.get(run.job)?.value, settings),
      signal,
    };
    for (const [index, step] of order.steps.entries()) {
      try {
        await this.runTask(context, tasks[index], step, scripts[index]);
      } catch (error) {
        const cancelled =
          signal.aborted || error instanceof QueryCancelledError;
        return this.failTasks(
          tasks,
          index,
          message(error),
          cancelled ? 'cancelled' : 'failed',
        );
      }
    }
    return { status: 'succeeded' };
  }

  /**
   * Runs the whole job through the executor and records its tasks as the
   * platform reports them. The run's external id is stored as soon as it is
   * known, so that its bill can be found even if the backend stops.
   */
  private async executeRemotely(
    base: RemoteRunContext,
    executor: JobExecutor,
    tasks: TaskRun[],
  ): Promise<RunEnd> {
    const { facts, projects, logger } = this.options;
    const { run, loaded } = base;
    const compiled = compileForRemoteRun(await projects.sources(run.project));
    if ('error' in compiled) return this.failTasks(tasks, 0, compiled.error);

    const jobFile = loaded.jobs.get(run.job)!.value;
    const localKeys = remoteTaskKeys(jobFile);
    const byKey = new Map(tasks.map(t => [t.taskKey, t]));
    const taskOf = (remoteKey: string) =>
      byKey.get(localKeys.get(remoteKey) ?? remoteKey);

    let externalRunId: string | undefined;
    const started = new Set<string>();
    const recordProgress = async (
      update: Parameters<NonNullable<RemoteJobRequest['onUpdate']>>[0],
    ) => {
      if (update.externalRunId !== externalRunId) {
        externalRunId = update.externalRunId;
        await facts.updateJobRun(run.id, { externalRunId });
      }
      for (const remote of update.tasks) {
        const task = taskOf(remote.taskKey);
        if (task && remote.startedAt && !started.has(task.id)) {
          started.add(task.id);
          await facts.updateTaskRun(task.id, {
            status: 'running',
            startedAt: remote.startedAt,
          });
        }
      }
    };
    // The executor's callback is synchronous: its bookkeeping is chained so
    // that updates are stored in order, and awaited before the end is.
    let progress = Promise.resolve();
    const onUpdate: RemoteJobRequest['onUpdate'] = update => {
      progress = progress.then(() =>
        this.safely(`record the progress of run ${run.id}`, () =>
          recordProgress(update),
        ),
      );
    };

    const timeout = AbortSignal.timeout(
      Math.max(1, base.deadline - this.now().getTime()),
    );
    let result: RemoteJobResult;
    try {
      result = await executor.runJob({
        project: run.project,
        job: run.job,
        files: compiled.files,
        signal: AbortSignal.any([base.signal, timeout]),
        onUpdate,
      });
    } catch (error) {
      await progress;
      return this.failTasks(
        tasks,
        0,
        message(error),
        base.signal.aborted ? 'cancelled' : 'failed',
      );
    }
    await progress;
    await this.safely(`record the progress of run ${run.id}`, () =>
      recordProgress({ externalRunId: result.externalRunId, tasks: [] }),
    );

    const endedAt = this.now();
    const engine = this.options.engines
      .list()
      .find(e => e.id === this.options.settings.engine);
    for (const remote of result.tasks) {
      const task = taskOf(remote.taskKey);
      if (!task) {
        logger.warn(
          `Run ${run.id}: the remote run has a task ${remote.taskKey} that job ${run.job} does not`,
        );
        continue;
      }
      if (remote.startedAt && !started.has(task.id)) {
        await facts.updateTaskRun(task.id, {
          status: 'running',
          startedAt: remote.startedAt,
        });
      }
      const taskEnd = remote.endedAt ?? endedAt;
      if (remote.status === 'succeeded') {
        await this.recordRemoteWrites(base, engine, task, taskEnd);
      }
      await facts.finishTaskRun(task.id, {
        status: remote.status,
        endedAt: taskEnd,
        ...(remote.error !== undefined && { error: remote.error }),
      });
      if (remote.startedAt) {
        await this.recordCostEstimate(base, task, remote.startedAt, taskEnd);
      }
    }
    for (const task of tasks) {
      // Tasks the platform did not report never ran; a no-op for the others.
      await facts.finishTaskRun(task.id, { status: 'skipped', endedAt });
    }

    if (result.status === 'succeeded') return { status: 'succeeded' };
    const remoteRun = `remote run ${result.externalRunId}`;
    if (timeout.aborted && !base.signal.aborted) {
      return {
        status: 'failed',
        error: `the job ran longer than its timeout and was cancelled (${remoteRun})`,
      };
    }
    if (result.status === 'cancelled') {
      return {
        status: 'cancelled',
        error: `${remoteRun} was cancelled${
          result.message ? `: ${result.message}` : ''
        }`,
      };
    }
    const failed = result.tasks.find(t => t.status === 'failed');
    const failedTask = failed && taskOf(failed.taskKey);
    return {
      status: 'failed',
      error: failedTask
        ? `task ${failedTask.taskKey} (pipeline ${failedTask.pipeline}): ${
            failed.error ?? 'failed'
          }`
        : `${remoteRun} ended ${result.resultState ?? 'unsuccessfully'}${
            result.message ? `: ${result.message}` : ''
          }`,
    };
  }

  /**
   * The freshness of what a remote task wrote, as of the task's end, and
   * its quality when a warehouse can check it.
   */
  private async recordRemoteWrites(
    base: RemoteRunContext,
    engine: WarehouseEngine | undefined,
    task: TaskRun,
    writtenAt: Date,
  ): Promise<void> {
    const { run, loaded } = base;
    const targets = pipelineTargets(loaded, task.pipeline);
    for (const target of targets) {
      if (target.dataset === undefined) continue;
      await this.options.facts.recordFreshness({
        project: run.project,
        dataset: target.dataset,
        tableName: target.table,
        writtenAt,
        jobRunId: run.id,
      });
    }
    if (!engine) return;
    // The checks get their own time: the run may have used all of its own.
    const context: RunContext = {
      ...base,
      engine,
      deadline: this.now().getTime() + this.options.settings.timeoutMs,
    };
    for (const dataset of writtenDatasets(targets)) {
      await this.safely(`check the quality of ${dataset}`, () =>
        this.checkQuality(context, task, dataset),
      );
    }
  }

  /** Ends the task at `index` as failed and every task not run as skipped. */
  private async failTasks(
    tasks: TaskRun[],
    index: number,
    error: string,
    status: 'failed' | 'cancelled' = 'failed',
  ): Promise<RunEnd> {
    const endedAt = this.now();
    const failed = tasks[index];
    await this.options.facts.finishTaskRun(failed.id, {
      status,
      endedAt,
      error,
    });
    for (const task of tasks) {
      // A no-op for tasks that have ended already.
      await this.options.facts.finishTaskRun(task.id, {
        status: 'skipped',
        endedAt,
      });
    }
    return {
      status,
      error: `task ${failed.taskKey} (pipeline ${failed.pipeline}): ${error}`,
    };
  }

  private async runTask(
    context: RunContext,
    task: TaskRun,
    step: JobRunStep,
    sql: string,
  ): Promise<void> {
    const { facts } = this.options;
    const { run, loaded, engine } = context;
    if (context.signal.aborted) {
      throw new QueryCancelledError('the run was cancelled');
    }
    const startedAt = this.now();
    await facts.updateTaskRun(task.id, { status: 'running', startedAt });
    try {
      const targets = pipelineTargets(loaded, step.pipeline);
      const executed = await engine.execute(
        pipelineScript(targets, sql, engine.dialect),
        this.control(context),
      );
      const writtenAt = this.now();
      let tableRows = 0;
      for (const target of targets) {
        const rows = await this.countRows(context, target.table);
        tableRows += rows;
        if (target.dataset !== undefined) {
          await facts.recordFreshness({
            project: run.project,
            dataset: target.dataset,
            tableName: target.table,
            writtenAt,
            jobRunId: run.id,
            rowsWritten: rows,
          });
        }
      }
      for (const dataset of writtenDatasets(targets)) {
        await this.checkQuality(context, task, dataset);
      }
      await facts.finishTaskRun(task.id, {
        status: 'succeeded',
        endedAt: this.now(),
        rowsWritten: executed.rowsAffected ?? tableRows,
      });
    } finally {
      // A failed task used the warehouse too.
      await this.recordCostEstimate(context, task, startedAt, this.now());
    }
  }

  private control(context: RunContext): QueryControl {
    const remaining = context.deadline - this.now().getTime();
    return { timeoutMs: Math.max(1, remaining), signal: context.signal };
  }

  private async countRows(context: RunContext, table: string) {
    const name = renderTableName(parseTableName(table), context.engine.dialect);
    const result = await context.engine.run(
      `SELECT count(*) AS row_count FROM ${name}`,
      { maxRows: 1, ...this.control(context) },
    );
    return Number(result.rows[0]?.[0] ?? 0);
  }

  /** Checks every rule of the dataset's contract, storing each result. */
  private async checkQuality(
    context: RunContext,
    task: TaskRun,
    datasetName: string,
  ): Promise<void> {
    const { facts, alerts } = this.options;
    const dataset = context.loaded.datasets.get(datasetName)?.value;
    if (!dataset) return;
    const evaluatedAt = this.now();
    const results: QualityResultInput[] = [];
    for (const check of datasetQualityChecks(dataset, context.engine.dialect, {
      now: evaluatedAt,
    })) {
      const outcome = await runQualityCheck(
        context.engine,
        check,
        this.control(context),
      );
      results.push({
        jobRunId: context.run.id,
        taskRunId: task.id,
        dataset: dataset.name,
        ruleKey: check.key,
        ruleLabel: check.label,
        evaluatedAt,
        ...outcome,
      });
    }
    await facts.recordQualityResults(results);
    for (const result of results) {
      await this.safely(`alert on ${dataset.name} ${result.ruleKey}`, () =>
        alerts.qualityChecked({
          project: context.run.project,
          dataset: dataset.name,
          owner: dataset.owner,
          jobRunId: context.run.id,
          ruleKey: result.ruleKey,
          ruleLabel: result.ruleLabel,
          status: result.status,
          message: result.message,
        }),
      );
    }
  }

  /**
   * The engine reports no billing, so the cost is estimated from the time
   * the task held the warehouse at the configured DBU rate.
   */
  private async recordCostEstimate(
    context: Pick<RunContext, 'run' | 'team'>,
    task: TaskRun,
    startedAt: Date,
    endedAt: Date,
  ): Promise<void> {
    const hours = (endedAt.getTime() - startedAt.getTime()) / HOUR_MS;
    await this.safely(`record the cost of task ${task.id}`, () =>
      this.options.facts.recordCost({
        jobRunId: context.run.id,
        taskRunId: task.id,
        project: context.run.project,
        pipeline: task.pipeline,
        team: context.team,
        dbus: hours * this.options.settings.dbuPerHour,
        source: 'estimate',
        usageMonth: startedAt.toISOString().slice(0, 7),
        recordedAt: endedAt,
      }),
    );
  }

  /** Bookkeeping that must not fail the run it describes. */
  private async safely(what: string, work: () => Promise<unknown>) {
    try {
      await work();
    } catch (error) {
      this.options.logger.warn(`Could not ${what}: ${message(error)}`);
    }
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
