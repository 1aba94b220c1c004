import {
  BundleDiagnostic,
  BundleJob,
  BundleProject,
  BundleTask,
  generateBundle,
} from '../bundle';
import type {
  JobFile,
  PathSegment,
  PipelineFile,
  ProjectFile,
} from '../project';
import { taskParameterArguments, taskParameters } from './jobParameters';
import { FilePositions } from './positions';
import type {
  GeneratedProjectFile,
  LoadedFile,
  LoadedProject,
  ProjectCompilerDiagnostic,
} from './types';

/** Where a pipeline's generated code lives, relative to the project root. */
export function generatedSqlPath(pipeline: string): string {
  return `generated/sql/${pipeline}.sql`;
}

/** See {@link generatedSqlPath}. */
export function generatedPythonPath(pipeline: string): string {
  return `generated/python/${pipeline}.py`;
}

/**
 * The bundle's project settings from `meshwork.yaml`. The owner becomes
 * the jobs' `meshwork_team` cost tag; each target's `warehouse` is the SQL
 * warehouse its SQL tasks run on.
 */
export function bundleProject(project: ProjectFile): BundleProject {
  const target = (name: 'dev' | 'prod') => {
    const settings = project.engine.targets[name];
    return {
      catalog: settings.catalog,
      schema: settings.schema,
      ...(settings.warehouse !== undefined && {
        warehouseId: settings.warehouse,
      }),
    };
  };
  return {
    name: project.name,
    owner: project.owner,
    domain: project.domain,
    ...(project.standardsVersion !== undefined && {
      standardsVersion: project.standardsVersion,
    }),
    targets: { dev: target('dev'), prod: target('prod') },
  };
}

/**
 * A job file as a bundle job. Quality-breach alerts are not a Databricks
 * notification: Meshwork sends them itself after checking a run's quality
 * rules, so only `onFailure` reaches the bundle.
 */
export function bundleJob(
  job: JobFile,
  kind: BundleTask['kind'],
  pipelines: (name: string) => PipelineFile | undefined = () => undefined,
): BundleJob {
  return {
    name: job.name,
    ...(job.description !== undefined && { description: job.description }),
    tasks: job.tasks.map((task, index) => {
      // Every parameter gets a value, defaults included: a SQL marker
      // without one fails the statement.
      const pipeline = pipelines(task.pipeline);
      const values = pipeline
        ? taskParameters(job, index, pipeline).values
        : [];
      return {
        key: task.key,
        pipeline: task.pipeline,
        dependsOn: task.dependsOn ?? [],
        kind,
        file:
          kind === 'sql'
            ? generatedSqlPath(task.pipeline)
            : generatedPythonPath(task.pipeline),
        ...(values.length && {
          pipelineParameters: taskParameterArguments(values),
        }),
      };
    }),
    ...(job.parameters?.length && {
      parameters: job.parameters.map(p => ({
        name: p.name,
        default: String(p.default ?? ''),
      })),
    }),
    ...(job.schedule && {
      schedule: {
        quartzCron: job.schedule.cron,
        timezone: job.schedule.timezone,
        paused: job.schedule.paused ?? false,
      },
    }),
    ...(job.alerts?.onFailure?.length && {
      notifications: { onFailure: job.alerts.onFailure },
    }),
    ...(job.retries !== undefined && { maxRetries: job.retries }),
    ...(job.timeoutSeconds !== undefined && {
      timeoutSeconds: job.timeoutSeconds,
    }),
    ...(job.tags && { tags: job.tags }),
  };
}

/** Bundle input fields → where the author wrote them in a job file. */
const JOB_FIELDS: Record<string, PathSegment[]> = {
  name: ['name'],
  description: ['description'],
  tasks: ['tasks'],
  schedule: ['schedule'],
  'schedule.quartzCron': ['schedule', 'cron'],
  'schedule.timezone': ['schedule', 'timezone'],
  'schedule.paused': ['schedule', 'paused'],
  notifications: ['alerts'],
  'notifications.onFailure': ['alerts', 'onFailure'],
  maxRetries: ['retries'],
  timeoutSeconds: ['timeoutSeconds'],
  tags: ['tags'],
  parameters: ['parameters'],
};

const TASK_FIELDS: Record<string, PathSegment[]> = {
  key: ['key'],
  pipeline: ['pipeline'],
  dependsOn: ['dependsOn'],
  pipelineParameters: ['parameters'],
};

/** The path in a job file of a bundle diagnostic's `field`. */
function jobFilePath(field: string | undefined): PathSegment[] {
  if (!field) return ['name'];
  const task = /^tasks\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (task) {
    return ['tasks', Number(task[1]), ...(TASK_FIELDS[task[2] ?? ''] ?? [])];
  }
  const exact = JOB_FIELDS[field] ?? JOB_FIELDS[field.split(/[.[]/)[0]];
  return exact ?? ['name'];
}

/** The path in `meshwork.yaml` of a project-level bundle diagnostic. */
function projectFilePath(field: string | undefined): PathSegment[] {
  const target = /^targets\.(\w+)(?:\.(\w+))?/.exec(field ?? '');
  if (!target) return ['engine'];
  const key = target[2] === 'warehouseId' ? 'warehouse' : target[2];
  return ['engine', 'targets', target[1], ...(key ? [key] : [])];
}

/**
 * The project's jobs in the order the bundle generator is given them: that
 * order decides which of two jobs whose names give one key gets `_2`, so
 * whatever names the bundle's job keys must use it too.
 */
export function bundledJobs(loaded: LoadedProject): LoadedFile<JobFile>[] {
  return [...loaded.jobs.values()];
}

/**
 * The Databricks Asset Bundle of a project: `databricks.yml` and
 * `resources/<job>.job.yml`, from `meshwork.yaml` and the jobs. Tasks run
 * the generated Spark SQL on a SQL warehouse, or the PySpark entry point
 * when the project's default dialect is `pyspark`. A project without jobs
 * has no bundle.
 */
export function compileBundle(
  loaded: LoadedProject,
  project: LoadedFile<ProjectFile>,
): { files: GeneratedProjectFile[]; diagnostics: ProjectCompilerDiagnostic[] } {
  const jobs = bundledJobs(loaded);
  if (jobs.length === 0) return { files: [], diagnostics: [] };
  const projectPositions = new FilePositions(project.path, project.text);
  const missingTargets = (['dev', 'prod'] as const).filter(
    name => !project.value.engine.targets[name],
  );
  if (missingTargets.length > 0) {
    return {
      files: [],
      diagnostics: [
        projectPositions.diagnostic({
          path: ['engine', 'targets'],
          code: 'invalid-input',
          message: `the Databricks bundle deploys to targets "dev" and "prod"; add ${missingTargets
            .map(name => `"${name}"`)
            .join(' and ')}`,
        }),
      ],
    };
  }

  const kind =
    project.value.engine.defaultDialect === 'pyspark' ? 'python' : 'sql';
  const bundle = generateBundle(
    bundleProject(project.value),
    jobs.map(job =>
      bundleJob(job.value, kind, name => loaded.pipelines.get(name)?.value),
    ),
  );
  const jobsByName = new Map(jobs.map(job => [job.value.name, job]));
  const diagnostics = bundle.diagnostics.map(
    (problem: BundleDiagnostic): ProjectCompilerDiagnostic => {
      const job = problem.job !== undefined && jobsByName.get(problem.job);
      const positions = job
        ? new FilePositions(job.path, job.text)
        : projectPositions;
      return positions.diagnostic({
        path: job ? jobFilePath(problem.field) : projectFilePath(problem.field),
        code: problem.code,
        severity: problem.severity,
        message: problem.message,
      });
    },
  );
  return { files: bundle.files, diagnostics };
}
