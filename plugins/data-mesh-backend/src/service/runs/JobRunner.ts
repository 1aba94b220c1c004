import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  CompiledProject,
  compileProject,
  datasetQualityChecks,
  formatProjectCompilerDiagnostic,
  JobFile,
  jobRunParameters,
  jobTaskParameterValues,
  LoadedProject,
  ManifestJob,
  ProjectManifest,
  suggestNames,
} from '@meshwork/data-mesh-common';
import {
  JobExecutor,
  JobExecutorFile,
  parseTableName,
  QueryControl,
  RemoteJobResult,
  RemoteTaskState,
  RemoteTaskStatus,
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
import { projectProblem } from './pipelineScript';
import { runQualityCheck } from './qualityChecks';
import { bundleForRemoteRun } from './remoteJob';
import { RunHeartbeat } from './RunHeartbeat';
import { RunnerSettings } from './runnerSettings';
import { WarehouseJobExecutor } from './WarehouseJobExecutor';

export interface JobRunRequest {
  project: string;
  job: string;
  trigger: JobRunTrigger;
  /** The user entity ref of whoever asked for the run. */
  requestedBy?: string;
  /** Job parameters set for this run, by name; the others keep their defaults. */
  parameters?: Record<string, string>;
}

export interface StartedJobRun {
  id: string;
  /** Settles with the outcome once the run has ended; never rejects. */
  finished: Promise<JobRunOutcome>;
}

interface ActiveRun {
  controller: AbortController;
  /** Set once the run is recorded. */
  runId?: string;
  finished?: Promise<JobRunOutcome>;
}

interface RunEnd {
  status: JobRunOutcome;
  error?: string;
  /** The executor's page of the run, for alerts to link to. */
  logUrl?: string;
}

/** Everything one run needs, fixed when it started. */
interface RunContext {
  run: JobRun;
  /** The compiled project's manifest: what each task writes, and where. */
  manifest: ProjectManifest;
  /** The team costs are charged to: the project's owner. */
  team: string;
  /** Aborts when the run is cancelled. */
  signal: AbortSignal;
  /** The job parameters the run was asked with. */
  parameters?: Record<string, string>;
}

/** What the executor runs the job from, and how it names the tasks. */
interface ExecutorInput {
  files: JobExecutorFile[];
  /** The job file's task keys by the keys the executor reports. */
  taskKeys: Map<string, string>;
}

type EndedTaskState = RemoteTaskState & { status: RemoteTaskStatus };

const HOUR_MS = 60 * 60 * 1000;

/**
 * How long a job may run: its file's `timeoutSeconds`, else the configured
 * default. On Databricks 0 means no limit; a run in the backend always has
 * one, so that a stuck statement cannot hold the job forever.
 */
export function jobTimeoutMs(
  job: Pick<JobFile, 'timeoutSeconds'> | undefined,
  settings: RunnerSettings,
): number {
  return job?.timeoutSeconds ? job.timeoutSeconds * 1000 : settings.timeoutMs;
}

/**
 * Runs the jobs of data projects and records the facts of each run: its
 * tasks, rows written, quality results, cost estimate and the freshness of
 * the datasets written.
 *
 * A run is queued and recorded at once and executes in the background; a
 * job runs once at a time. A {@link JobExecutor} executes it: the one named
 * by `dataMesh.runner.executor` (e.g. Databricks, which deploys the
 * compiled bundle and runs it there), else a {@link WarehouseJobExecutor}
 * that runs each pipeline on the `dataMesh.runner.engine` warehouse in the
 * backend. The runner only records what the executor reports, and does the
 * rest the same way whatever executed: as each task ends it records the
 * freshness of the datasets written and checks their quality on the
 * configured engine, then the task's end and cost estimate; at the end of
 * the run it alerts on a failure.
 *
 * While a run is queued or running, this instance refreshes its heartbeat
 * (see {@link RunHeartbeat}), so that other replicas do not take it for a
 * run whose backend stopped.
 */
export class JobRunner {
  /** The runs in progress in this process, by project/job. */
  private readonly active = new Map<string, ActiveRun>();
  /**
   * Every run started here until its alerts and after-run work are done,
   * which may be after it has left {@link JobRunner.active}.
   */
  private readonly unfinished = new Set<Promise<JobRunOutcome>>();
  private readonly heartbeat: RunHeartbeat;
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
      /** Called once a run has ended with its cost recorded, e.g. to check budgets. */
      afterRun?: (run: JobRun) => Promise<void>;
    },
  ) {
    this.now = options.now ?? (() => new Date());
    this.heartbeat = new RunHeartbeat({
      facts: options.facts,
      logger: options.logger,
      instanceId: options.settings.instanceId,
      intervalMs: options.settings.heartbeatIntervalMs,
      now: this.now,
      onEndedElsewhere: runId => this.stopEndedElsewhere(runId),
    });
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
      if (!loaded.jobs.has(job)) {
        throw new NotFoundError(
          `Project ${project}: ${unknownJob(job, [...loaded.jobs.keys()])}`,
        );
      }
      checkRunParameters(loaded, job, request.parameters);
      await this.assertNotRunningElsewhere(project, job);
      const run = await facts.createJobRun({
        project,
        job,
        trigger: request.trigger,
        engine: settings.executor ?? settings.engine,
        queuedAt: this.now(),
        requestedBy: request.requestedBy,
        instanceId: settings.instanceId,
      });
      active.runId = run.id;
      this.heartbeat.add(run.id);
      const stop = signal
        ? AbortSignal.any([controller.signal, signal])
        : controller.signal;
      // Released once the end is recorded: whoever sees the run ended may
      // start the job again while its alerts are still being sent.
      const release = () => {
        this.heartbeat.delete(run.id);
        if (this.active.get(key) === active) this.active.delete(key);
      };
      const finished: Promise<JobRunOutcome> = this.execute(
        run,
        loaded,
        stop,
        request.parameters,
        release,
      ).finally(() => {
        release();
        this.unfinished.delete(finished);
      });
      this.unfinished.add(finished);
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
    this.active.forEach(run => run.controller.abort());
    await Promise.allSettled([...this.unfinished]);
    this.heartbeat.stop();
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

  /**
   * Another replica failed a run of this one as abandoned (its heartbeat
   * could not be refreshed for too long): it is not to go on here.
   */
  private stopEndedElsewhere(runId: string): void {
    for (const [key, active] of this.active) {
      if (active.runId !== runId) continue;
      this.options.logger.warn(
        `Run ${runId} of ${key} was ended by another backend instance; stopping it`,
      );
      active.controller.abort();
    }
  }

  private async execute(
    run: JobRun,
    loaded: LoadedProject,
    signal: AbortSignal,
    parameters: Record<string, string> | undefined,
    endRecorded: () => void,
  ): Promise<JobRunOutcome> {
    const { facts, alerts, logger } = this.options;
    let end: RunEnd;
    try {
      end = await this.executeTasks(run, loaded, signal, parameters);
    } catch (error) {
      end = { status: 'failed', error: `the runner failed: ${message(error)}` };
    }
    // Ending here: a run missing from the next refresh is not one that
    // another instance ended.
    this.heartbeat.delete(run.id);
    const subject = { project: run.project, job: run.job, jobRunId: run.id };
    try {
      const ended = await facts.finishJobRun(run.id, {
        ...end,
        endedAt: this.now(),
      });
      endRecorded();
      // Already ended: failed as abandoned, which alerted.
      if (!ended) return end.status;
      if (end.status === 'failed') {
        await alerts.jobFailed(subject, end.error ?? 'unknown error', {
          logUrl: end.logUrl,
        });
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
    const { afterRun } = this.options;
    if (afterRun) {
      await this.safely(`finish after run ${run.id}`, () => afterRun(run));
    }
    return end.status;
  }

  private async executeTasks(
    run: JobRun,
    loaded: LoadedProject,
    signal: AbortSignal,
    parameters?: Record<string, string>,
  ): Promise<RunEnd> {
    const { facts, settings } = this.options;
    const startedAt = this.now();
    await facts.updateJobRun(run.id, { status: 'running', startedAt });

    // One compile per run: its manifest says the tasks, their order and
    // keys and what each writes, for the runner and the executor alike.
    const sources = await this.options.projects.sources(run.project);
    const compiled = compileProject(
      sources,
      await this.options.projects.compileOptions(sources),
    );
    const job = runnableJob(compiled, run.job);
    if ('error' in job) return { status: 'failed', error: job.error };
    const tasks: TaskRun[] = [];
    for (const task of job.tasks) {
      tasks.push(
        await facts.createTaskRun({
          jobRunId: run.id,
          taskKey: task.key,
          pipeline: task.pipeline,
          datasets: [...task.writes],
        }),
      );
    }

    const executor = this.jobExecutor();
    if ('error' in executor) {
      return this.failTasks(tasks, tasks[0], executor.error);
    }
    const owner = loaded.project?.value.owner;
    if (!owner) {
      return this.failTasks(
        tasks,
        tasks[0],
        projectProblem(loaded, 'meshwork.yaml') ||
          'meshwork.yaml is missing: the project has no owner',
      );
    }
    const input = await this.executorInput(executor, run, compiled, job);
    if ('error' in input) return this.failTasks(tasks, tasks[0], input.error);

    const deadline = startedAt.getTime() + jobTimeoutMs(job, settings);
    return this.followExecutor(
      { run, manifest: compiled.manifest, team: owner, signal, parameters },
      executor,
      job,
      input,
      tasks,
      deadline,
    );
  }

  /** The configured executor, else one that runs jobs on the engine. */
  private jobExecutor(): JobExecutor | { error: string } {
    const { engines, settings } = this.options;
    if (settings.executor !== undefined) {
      return (
        engines.executor(settings.executor) ?? {
          error: `no job executor '${settings.executor}' is installed (dataMesh.runner.executor)`,
        }
      );
    }
    const engine = this.engine();
    if (!engine) {
      return {
        error: `no warehouse engine '${settings.engine}' is installed (dataMesh.runner.engine)`,
      };
    }
    const { projects } = this.options;
    return new WarehouseJobExecutor(engine, {
      now: this.now,
      compileOptions: files => projects.compileOptions(files),
    });
  }

  /** The engine that runs jobs without an executor, and checks quality. */
  private engine(): WarehouseEngine | undefined {
    const { engines, settings } = this.options;
    return engines.engine(settings.engine);
  }

  /**
   * The project as the executor takes it: its bundle, whose tasks it
   * reports by their bundle keys, or its sources.
   */
  private async executorInput(
    executor: JobExecutor,
    run: JobRun,
    compiled: CompiledProject,
    job: ManifestJob,
  ): Promise<ExecutorInput | { error: string }> {
    if (executor.input === 'project') {
      const sources = await this.options.projects.sources(run.project);
      return {
        files: sources.map(f => ({ path: f.path, content: f.text })),
        taskKeys: new Map(),
      };
    }
    const bundle = bundleForRemoteRun(compiled);
    if ('error' in bundle) return bundle;
    return {
      files: bundle.files,
      taskKeys: new Map(job.tasks.map(task => [task.bundleKey, task.key])),
    };
  }

  /**
   * Runs the whole job through the executor and records its tasks as it
   * reports them, each task's writes as soon as it has ended. The run's
   * external id is stored as soon as it is known, so that its bill can be
   * found even if the backend stops.
   */
  private async followExecutor(
    context: RunContext,
    executor: JobExecutor,
    job: ManifestJob,
    input: ExecutorInput,
    tasks: TaskRun[],
    deadline: number,
  ): Promise<RunEnd> {
    const { facts, logger } = this.options;
    const { run } = context;
    const byKey = new Map(tasks.map(t => [t.taskKey, t]));
    const taskOf = (reportedKey: string) =>
      byKey.get(input.taskKeys.get(reportedKey) ?? reportedKey);

    let externalRunId: string | undefined;
    const started = new Set<string>();
    const ended = new Set<string>();
    const unknown = new Set<string>();
    const record = async (update: {
      externalRunId?: string;
      tasks: RemoteTaskState[];
    }) => {
      if (
        update.externalRunId !== undefined &&
        update.externalRunId !== externalRunId
      ) {
        externalRunId = update.externalRunId;
        await facts.updateJobRun(run.id, { externalRunId });
      }
      for (const reported of update.tasks) {
        const task = taskOf(reported.taskKey);
        if (!task) {
          if (!unknown.has(reported.taskKey)) {
            unknown.add(reported.taskKey);
            logger.warn(
              `Run ${run.id}: the executor reports a task ${reported.taskKey} that job ${run.job} does not have`,
            );
          }
          continue;
        }
        if (reported.startedAt && !started.has(task.id)) {
          started.add(task.id);
          await facts.updateTaskRun(task.id, {
            status: 'running',
            startedAt: reported.startedAt,
          });
        }
        const { status } = reported;
        if (status && !ended.has(task.id)) {
          ended.add(task.id);
          await this.recordTaskEnd(context, task, { ...reported, status });
        }
      }
    };
    // The executor's callback is synchronous: its bookkeeping is chained so
    // that updates are stored in order, and awaited before the end is.
    let progress = Promise.resolve();
    const onUpdate = (update: Parameters<typeof record>[0]) => {
      progress = progress.then(() =>
        this.safely(`record the progress of run ${run.id}`, () =>
          record(update),
        ),
      );
    };

    const timeout = AbortSignal.timeout(
      Math.max(1, deadline - this.now().getTime()),
    );
    let result: RemoteJobResult;
    try {
      result = await executor.runJob({
        project: run.project,
        job: run.job,
        files: input.files,
        manifest: job,
        ...(context.parameters && { parameters: context.parameters }),
        signal: AbortSignal.any([context.signal, timeout]),
        onUpdate,
      });
    } catch (error) {
      await progress;
      return this.failTasks(
        tasks,
        tasks.find(t => !ended.has(t.id)) ?? tasks[0],
        message(error),
        context.signal.aborted ? 'cancelled' : 'failed',
      );
    }
    onUpdate({ externalRunId: result.externalRunId, tasks: result.tasks });
    await progress;

    const endedAt = this.now();
    for (const task of tasks) {
      // Tasks the executor did not report never ran; a no-op for the others.
      await facts.finishTaskRun(task.id, { status: 'skipped', endedAt });
    }
    return {
      ...runEnd(result, taskOf, timeout.aborted && !context.signal.aborted),
      ...(result.url && { logUrl: result.url }),
    };
  }

  /**
   * Records a task the executor reports as ended. For a task that
   * succeeded, what it wrote comes first, so that its quality results are
   * there by the time it shows as ended. Its cost is the time the executor
   * says, as it ends, that it ran (checks not included); a task it reports
   * with no start, such as a skipped one, held no compute.
   */
  private async recordTaskEnd(
    context: RunContext,
    task: TaskRun,
    reported: EndedTaskState,
  ): Promise<void> {
    const endedAt = reported.endedAt ?? this.now();
    let rowsWritten = reported.rowsWritten;
    if (reported.status === 'succeeded') {
      const counted = await this.recordWrites(context, task, endedAt);
      rowsWritten ??= counted;
    }
    await this.options.facts.finishTaskRun(task.id, {
      status: reported.status,
      endedAt,
      ...(reported.error !== undefined && { error: reported.error }),
      ...(rowsWritten !== undefined && { rowsWritten }),
    });
    if (reported.startedAt) {
      await this.recordCostEstimate(context, task, reported.startedAt, endedAt);
    }
  }

  /**
   * What a task that succeeded wrote: the rows of each table, the write
   * time of each dataset (the task's end) and every quality rule of the
   * datasets' contracts, through the configured engine; without one only
   * the write times. The checks get their own time, as the run may have
   * used all of its own, and stop when the run is cancelled. Returns the
   * rows of the tables, when they could all be counted.
   */
  private async recordWrites(
    context: RunContext,
    task: TaskRun,
    writtenAt: Date,
  ): Promise<number | undefined> {
    const { run, manifest, signal } = context;
    const engine = this.engine();
    const deadline = this.now().getTime() + this.options.settings.timeoutMs;
    const control = (): QueryControl => ({
      signal,
      timeoutMs: Math.max(1, deadline - this.now().getTime()),
    });
    let tableRows: number | undefined = 0;
    for (const target of tablesWritten(manifest, task.pipeline)) {
      const rows = engine
        ? await this.countRows(engine, target.table, control())
        : undefined;
      tableRows =
        tableRows === undefined || rows === undefined
          ? undefined
          : tableRows + rows;
      if (target.dataset === undefined) continue;
      const dataset = target.dataset;
      await this.safely(`record the freshness of ${dataset}`, () =>
        this.options.facts.recordFreshness({
          project: run.project,
          dataset,
          tableName: target.table,
          writtenAt,
          jobRunId: run.id,
          ...(rows !== undefined && { rowsWritten: rows }),
        }),
      );
    }
    if (engine) {
      for (const dataset of task.datasets) {
        await this.safely(`check the quality of ${dataset}`, () =>
          this.checkQuality(context, engine, task, dataset, control),
        );
      }
    }
    return tableRows;
  }

  /** Ends the failed task and every task not run as skipped. */
  private async failTasks(
    tasks: TaskRun[],
    failed: TaskRun,
    error: string,
    status: 'failed' | 'cancelled' = 'failed',
  ): Promise<RunEnd> {
    const endedAt = this.now();
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

  private async countRows(
    engine: WarehouseEngine,
    table: string,
    control: QueryControl,
  ): Promise<number | undefined> {
    const name = renderTableName(parseTableName(table), engine.dialect);
    try {
      const result = await engine.run(
        `SELECT count(*) AS row_count FROM ${name}`,
        { maxRows: 1, ...control },
      );
      return Number(result.rows[0]?.[0] ?? 0);
    } catch (error) {
      this.options.logger.warn(
        `Could not count the rows of ${table}: ${message(error)}`,
      );
      return undefined;
    }
  }

  /** Checks every rule of the dataset's contract, storing each result. */
  private async checkQuality(
    context: RunContext,
    engine: WarehouseEngine,
    task: TaskRun,
    datasetName: string,
    control: () => QueryControl,
  ): Promise<void> {
    const { facts, alerts } = this.options;
    const dataset = context.manifest.datasets.find(d => d.name === datasetName);
    if (!dataset) return;
    const evaluatedAt = this.now();
    const results: QualityResultInput[] = [];
    for (const check of datasetQualityChecks(dataset, engine.dialect, {
      now: evaluatedAt,
    })) {
      const outcome = await runQualityCheck(engine, check, control());
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
          observed: result.observed,
        }),
      );
    }
  }

  /**
   * No executor reports billing as the run ends, so the cost is estimated
   * from the time the task ran at the configured DBU rate; billed usage
   * replaces it later where the executor can tell it.
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

/** Why no job can be run by that name, with the one meant if it is clear. */
function unknownJob(job: string, known: readonly string[]): string {
  const [suggestion] = suggestNames(job, known, 1);
  return `no job "${job}" in the project${
    suggestion ? ` (did you mean "${suggestion}"?)` : ''
  }; jobs: ${[...known].sort().join(', ') || 'none'}`;
}

/**
 * The job as the compiled project's manifest describes it, unless it cannot
 * run as described: tasks that depend on each other in a cycle have no run
 * order.
 */
function runnableJob(
  compiled: CompiledProject,
  name: string,
): ManifestJob | { error: string } {
  const job = compiled.manifest.jobs.find(j => j.name === name);
  if (!job) {
    return {
      error: unknownJob(
        name,
        compiled.manifest.jobs.map(j => j.name),
      ),
    };
  }
  const cycle = compiled.diagnostics.find(
    d => d.file === job.file && d.code === 'dependency-cycle',
  );
  return cycle ? { error: formatProjectCompilerDiagnostic(cycle) } : job;
}

/**
 * The tables a pipeline's Targets write, each once, with the dataset it
 * holds: a Target writing a dataset writes the dataset's table.
 */
function tablesWritten(
  manifest: ProjectManifest,
  pipeline: string,
): Array<{ table: string; dataset?: string }> {
  const written: Array<{ table: string; dataset?: string }> = [];
  const outputs =
    manifest.pipelines.find(p => p.name === pipeline)?.outputs ?? [];
  for (const output of outputs) {
    const dataset =
      output.dataset !== undefined
        ? manifest.datasets.find(d => d.name === output.dataset)
        : undefined;
    const table = dataset?.table ?? output.table;
    if (table === undefined || written.some(t => t.table === table)) continue;
    written.push({ table, ...(dataset && { dataset: dataset.name }) });
  }
  return written;
}

/**
 * How the run ended, from the executor's result: a failure names the task
 * that failed; a run stopped by its deadline says so.
 */
function runEnd(
  result: RemoteJobResult,
  taskOf: (reportedKey: string) => TaskRun | undefined,
  timedOut: boolean,
): RunEnd {
  if (result.status === 'succeeded') return { status: 'succeeded' };
  const run =
    result.externalRunId !== undefined
      ? `remote run ${result.externalRunId}`
      : 'the run';
  const detail = result.message ? `: ${result.message}` : '';
  if (timedOut) {
    return {
      status: 'failed',
      error: `the job ran longer than its timeout and was cancelled${
        result.externalRunId !== undefined ? ` (${run})` : ''
      }`,
    };
  }
  if (result.status === 'cancelled') {
    return { status: 'cancelled', error: `${run} was cancelled${detail}` };
  }
  const failed = result.tasks.find(t => t.status === 'failed');
  const failedTask = failed && taskOf(failed.taskKey);
  return {
    status: 'failed',
    error: failedTask
      ? `task ${failedTask.taskKey} (pipeline ${failedTask.pipeline}): ${
          failed.error ?? 'failed'
        }`
      : `${run} ended ${result.resultState ?? 'unsuccessfully'}${detail}`,
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Refuses, before a run is queued, job parameters the job does not declare
 * and values a task's pipeline parameter cannot take.
 */
function checkRunParameters(
  loaded: LoadedProject,
  job: string,
  parameters: Record<string, string> | undefined,
): void {
  if (!parameters) return;
  const file = loaded.jobs.get(job)!.value;
  const values = jobRunParameters(file, parameters);
  if ('error' in values) throw new InputError(values.error);
  for (const task of file.tasks) {
    const pipeline = loaded.pipelines.get(task.pipeline)?.value;
    if (!pipeline) continue;
    const checked = jobTaskParameterValues(
      file,
      task.key,
      pipeline,
      values.values,
    );
    if ('error' in checked) throw new InputError(checked.error);
  }
}
