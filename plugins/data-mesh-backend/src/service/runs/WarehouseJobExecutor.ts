import {
  JobFile,
  jobRunParameters,
  jobTaskParameterValues,
  LoadedProject,
  loadProject,
  LoadProjectOptions,
  pipelineTargets,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import {
  JobExecutor,
  QueryCancelledError,
  RemoteJobRequest,
  RemoteJobResult,
  RemoteTaskState,
  RemoteTaskStatus,
  WarehouseEngine,
} from '@meshwork/data-mesh-node';
import { compileStep, pipelineScript } from './pipelineScript';

type EndedTask = RemoteTaskState & { status: RemoteTaskStatus };

/**
 * Runs jobs in the backend, on a warehouse engine: the executor used when
 * `dataMesh.runner.executor` is not set. It compiles each pipeline of the
 * job for the engine's dialect and runs the tasks one at a time in the
 * manifest's run order (dependencies first), each pipeline script preparing its targets first (in
 * one transaction on DuckDB). The first task that fails or is cancelled
 * ends the job; the tasks after it are not reported, so the runner records
 * them as skipped.
 *
 * Like any executor it only executes: the runner records the tasks as they
 * are reported and, for each task that succeeded, the freshness and quality
 * of what it wrote.
 */
export class WarehouseJobExecutor implements JobExecutor {
  readonly input = 'project' as const;
  private readonly now: () => Date;

  constructor(
    private readonly engine: WarehouseEngine,
    private readonly options: {
      now?: () => Date;
      /** The standards library the project's files pin, see `ProjectRepository.compileOptions`. */
      compileOptions?: (
        files: readonly ProjectSourceFile[],
      ) => Promise<LoadProjectOptions>;
    } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** The engine's id: runs record it as what they ran on. */
  get id(): string {
    return this.engine.id;
  }

  async runJob(request: RemoteJobRequest): Promise<RemoteJobResult> {
    const { engine } = this;
    const files = request.files.map(file => ({
      path: file.path,
      text: file.content,
    }));
    const loaded = loadProject(
      files,
      (await this.options.compileOptions?.(files)) ?? {},
    );
    const steps = request.manifest.tasks;

    // Compile every pipeline first: a project problem stops the job before
    // it has written anything.
    const scripts: string[] = [];
    const job = loaded.jobs.get(request.manifest.name)?.value;
    const jobValues = job
      ? jobRunParameters(job, request.parameters)
      : { values: {} };
    for (const step of steps) {
      const parameters = taskParameters(loaded, job, step, jobValues);
      const compiled =
        'error' in parameters
          ? parameters
          : compileStep(
              loaded,
              step.pipeline,
              engine.dialect,
              parameters.values,
            );
      if ('error' in compiled) {
        return {
          status: 'failed',
          tasks: [
            { taskKey: step.key, status: 'failed', error: compiled.error },
          ],
        };
      }
      scripts.push(
        pipelineScript(
          pipelineTargets(loaded, step.pipeline),
          compiled.sql,
          engine.dialect,
        ),
      );
    }

    const { signal } = request;
    const done: EndedTask[] = [];
    for (const [index, step] of steps.entries()) {
      const startedAt = this.now();
      const end = (status: RemoteTaskStatus, extra: Partial<EndedTask>) =>
        done.push({
          taskKey: step.key,
          status,
          startedAt,
          endedAt: this.now(),
          ...extra,
        });
      if (signal?.aborted) {
        // Never started: it held no warehouse time.
        done.push({
          taskKey: step.key,
          status: 'cancelled',
          endedAt: startedAt,
          error: 'the run was cancelled',
        });
        return { status: 'cancelled', tasks: done };
      }
      request.onUpdate?.({
        tasks: [...done, { taskKey: step.key, startedAt }],
      });
      try {
        const executed = await engine.execute(scripts[index], { signal });
        end('succeeded', { rowsWritten: executed.rowsAffected });
        request.onUpdate?.({ tasks: [...done] });
      } catch (error) {
        const status =
          signal?.aborted || error instanceof QueryCancelledError
            ? 'cancelled'
            : 'failed';
        end(status, {
          error: error instanceof Error ? error.message : String(error),
        });
        return { status, tasks: done };
      }
    }
    return { status: 'succeeded', tasks: done };
  }
}

/**
 * The values a task passes its pipeline, from this run's job parameters,
 * or why the task cannot run with them.
 */
function taskParameters(
  loaded: LoadedProject,
  job: JobFile | undefined,
  step: { key: string; pipeline: string },
  jobValues: ReturnType<typeof jobRunParameters>,
): ReturnType<typeof jobTaskParameterValues> {
  if ('error' in jobValues) return jobValues;
  const pipeline = loaded.pipelines.get(step.pipeline)?.value;
  if (!job || !pipeline) return { values: {} };
  return jobTaskParameterValues(job, step.key, pipeline, jobValues.values);
}
