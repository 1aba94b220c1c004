import { BundleDiagnostic } from './diagnostics';
import { bundleJobKeys, bundleTaskKeys } from './keys';
import type {
  BundleFile,
  BundleJob,
  BundleProject,
  BundleTarget,
  BundleTask,
} from './model';
import { renderYaml } from './renderYaml';
import { jobTags } from './tags';
import { orderTasks } from './taskOrder';
import { validateBundleInput } from './validateBundleInput';

/**
 * What {@link generateBundle} produces.
 *
 * @public
 */
export interface GeneratedBundle {
  /** `databricks.yml` and `resources/<job>.job.yml`, sorted by path; empty if there are errors. */
  files: BundleFile[];
  /** Problems with the input; files are only produced when none is an error. */
  diagnostics: BundleDiagnostic[];
}

/** The serverless environment that Python tasks share. */
const PYTHON_ENVIRONMENT_KEY = 'default';
const DEFAULT_ENVIRONMENT_VERSION = '2';

/** Where resource files live, relative to the repository root. */
const RESOURCES_DIR = 'resources';

/**
 * Bundles resolve a path in a resource file relative to that file, and the
 * resource files sit one folder below the repository root.
 */
const fromResourceFile = (repositoryPath: string) => `../${repositoryPath}`;

function databricksYml(project: BundleProject, jobs: BundleJob[]) {
  const hasSqlTasks = jobs.some(job => job.tasks.some(t => t.kind === 'sql'));

  const target = (
    settings: BundleTarget,
    mode: 'development' | 'production',
  ) => {
    const workspace = {
      ...(settings.host && { host: settings.host }),
      ...(settings.rootPath && { root_path: settings.rootPath }),
    };
    return {
      mode,
      ...(mode === 'development' && { default: true }),
      ...(Object.keys(workspace).length > 0 && { workspace }),
      variables: {
        catalog: settings.catalog,
        schema: settings.schema,
        ...(hasSqlTasks &&
          settings.warehouseId && { warehouse_id: settings.warehouseId }),
      },
    };
  };

  return {
    bundle: { name: project.name },
    include: [`${RESOURCES_DIR}/*.yml`],
    variables: {
      // Declared only when used: a variable without a value fails every
      // deploy, even when nothing refers to it.
      ...(hasSqlTasks && {
        warehouse_id: {
          description: 'ID of the SQL warehouse that runs the SQL tasks',
          ...(project.warehouseId && { default: project.warehouseId }),
        },
      }),
      catalog: {
        description: 'Unity Catalog catalog that the pipelines write to',
      },
      schema: {
        description: 'Schema, inside the catalog, that the pipelines write to',
      },
    },
    targets: {
      dev: target(project.targets.dev, 'development'),
      prod: target(project.targets.prod, 'production'),
    },
  };
}

function taskSettings(
  task: BundleTask,
  taskKeys: Map<string, string>,
  job: BundleJob,
) {
  const dependsOn = task.dependsOn.map(key => ({
    task_key: taskKeys.get(key)!,
  }));
  const code =
    task.kind === 'sql'
      ? {
          sql_task: {
            warehouse_id: '${var.warehouse_id}',
            file: { path: fromResourceFile(task.file) },
            // Named parameters, so the SQL can say IDENTIFIER(:catalog || ...).
            parameters: {
              catalog: '${var.catalog}',
              schema: '${var.schema}',
              ...task.pipelineParameters,
            },
          },
        }
      : {
          spark_python_task: {
            python_file: fromResourceFile(task.file),
            parameters: [
              '--catalog',
              '${var.catalog}',
              '--schema',
              '${var.schema}',
              ...Object.entries(task.pipelineParameters ?? {}).flatMap(
                ([name, value]) => [`--${name}`, value],
              ),
              ...(task.parameters ?? []),
            ],
          },
          // Serverless compute needs an environment for a Python file task.
          environment_key: PYTHON_ENVIRONMENT_KEY,
        };
  return {
    task_key: taskKeys.get(task.key)!,
    description: `Meshwork pipeline ${task.pipeline}`,
    ...(dependsOn.length > 0 && { depends_on: dependsOn }),
    ...(task.runIf && { run_if: task.runIf }),
    ...code,
    // The Jobs API retries tasks, not jobs: the job's policy goes on each task.
    ...(job.maxRetries !== undefined && { max_retries: job.maxRetries }),
    ...(job.minRetryIntervalMillis !== undefined && {
      min_retry_interval_millis: job.minRetryIntervalMillis,
    }),
  };
}

function jobSettings(project: BundleProject, job: BundleJob) {
  const { ordered } = orderTasks(job.tasks);
  const taskKeys = new Map(
    bundleTaskKeys(job.tasks.map(t => t.key)).map((key, i) => [
      job.tasks[i].key,
      key,
    ]),
  );
  const notifications = job.notifications ?? {};
  const emailNotifications = {
    ...(notifications.onFailure?.length && {
      on_failure: notifications.onFailure,
    }),
    ...(notifications.onSuccess?.length && {
      on_success: notifications.onSuccess,
    }),
    ...(notifications.onDurationWarning?.length && {
      on_duration_warning_threshold_exceeded: notifications.onDurationWarning,
    }),
  };
  const runAs = job.runAs?.userName
    ? { user_name: job.runAs.userName }
    : job.runAs?.servicePrincipalName && {
        service_principal_name: job.runAs.servicePrincipalName,
      };
  const usesPython = job.tasks.some(t => t.kind === 'python');
  const environment = project.pythonEnvironment;

  return {
    name: job.name,
    ...(job.description && { description: job.description }),
    ...(job.schedule && {
      schedule: {
        quartz_cron_expression: job.schedule.quartzCron.trim(),
        timezone_id: job.schedule.timezone,
        pause_status: job.schedule.paused ? 'PAUSED' : 'UNPAUSED',
      },
    }),
    ...(Object.keys(emailNotifications).length > 0 && {
      email_notifications: emailNotifications,
    }),
    ...(job.durationWarningSeconds !== undefined && {
      health: {
        rules: [
          {
            metric: 'RUN_DURATION_SECONDS',
            op: 'GREATER_THAN',
            value: job.durationWarningSeconds,
          },
        ],
      },
    }),
    ...(job.timeoutSeconds !== undefined && {
      timeout_seconds: job.timeoutSeconds,
    }),
    ...(job.parameters?.length && {
      parameters: job.parameters.map(p => ({
        name: p.name,
        default: p.default,
      })),
    }),
    ...(job.maxConcurrentRuns !== undefined && {
      max_concurrent_runs: job.maxConcurrentRuns,
    }),
    ...(runAs && { run_as: runAs }),
    tags: jobTags(project, job),
    tasks: ordered.map(task => taskSettings(task, taskKeys, job)),
    ...(usesPython && {
      environments: [
        {
          environment_key: PYTHON_ENVIRONMENT_KEY,
          spec: {
            environment_version:
              environment?.environmentVersion ?? DEFAULT_ENVIRONMENT_VERSION,
            ...(environment?.dependencies?.length && {
              dependencies: environment.dependencies,
            }),
          },
        },
      ],
    }),
  };
}

/**
 * Generates a Databricks Asset Bundle for a data project: `databricks.yml`
 * with the bundle name, variables and the `dev` and `prod` targets, and one
 * `resources/<job_key>.job.yml` per job with Jobs API 2.2 settings.
 *
 * Never throws for bad input: problems come back as diagnostics, and no files
 * are produced while any of them is an error, so a broken project cannot
 * overwrite a working bundle.
 *
 * @public
 */
export function generateBundle(
  project: BundleProject,
  jobs: BundleJob[],
): GeneratedBundle {
  const diagnostics = validateBundleInput(project, jobs);
  if (diagnostics.some(d => d.severity === 'error')) {
    return { files: [], diagnostics };
  }

  const files: BundleFile[] = [
    {
      path: 'databricks.yml',
      content: renderYaml(databricksYml(project, jobs)),
    },
  ];
  const jobKeys = bundleJobKeys(jobs.map(job => job.name));
  jobs.forEach((job, index) => {
    const key = jobKeys[index];
    files.push({
      path: `${RESOURCES_DIR}/${key}.job.yml`,
      content: renderYaml({
        resources: { jobs: { [key]: jobSettings(project, job) } },
      }),
    });
  });
  files.sort((a, b) => (a.path < b.path ? -1 : Number(a.path > b.path)));
  return { files, diagnostics };
}
