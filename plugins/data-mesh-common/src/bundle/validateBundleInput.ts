import { BundleDiagnostic } from './diagnostics';
import { toSnakeKey } from './keys';
import type { BundleJob, BundleProject, BundleTask } from './model';
import {
  MAX_JOB_TAGS,
  RESERVED_TAG_PREFIX,
  costAttributionTags,
  jobTags,
} from './tags';
import { validateQuartzCron } from './quartzCron';
import { orderTasks } from './taskOrder';
import { isValidTimeZoneId } from './timeZones';

const RUN_IF_VALUES = [
  'ALL_SUCCESS',
  'AT_LEAST_ONE_SUCCESS',
  'NONE_FAILED',
  'ALL_DONE',
  'AT_LEAST_ONE_FAILED',
  'ALL_FAILED',
];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every(isNonEmptyString);

const isIntegerIn = (value: unknown, min: number, max: number) =>
  typeof value === 'number' &&
  Number.isInteger(value) &&
  value >= min &&
  value <= max;

/** Collects diagnostics with the job they belong to filled in. */
class DiagnosticSink {
  constructor(
    readonly diagnostics: BundleDiagnostic[] = [],
    private readonly job?: string,
  ) {}

  /** A sink for one job's problems, sharing the list so that order is kept. */
  forJob(job: string): DiagnosticSink {
    return new DiagnosticSink(this.diagnostics, job);
  }

  error(
    code: BundleDiagnostic['code'],
    message: string,
    field?: string,
    task?: string,
  ) {
    this.add('error', code, message, field, task);
  }

  warning(
    code: BundleDiagnostic['code'],
    message: string,
    field?: string,
    task?: string,
  ) {
    this.add('warning', code, message, field, task);
  }

  private add(
    severity: BundleDiagnostic['severity'],
    code: BundleDiagnostic['code'],
    message: string,
    field?: string,
    task?: string,
  ) {
    this.diagnostics.push({
      severity,
      code,
      message,
      ...(this.job !== undefined && { job: this.job }),
      ...(task !== undefined && { task }),
      ...(field !== undefined && { field }),
    });
  }
}

function validateProject(project: unknown, sink: DiagnosticSink) {
  if (!isObject(project)) {
    sink.error('invalid-input', 'the project must be an object');
    return;
  }
  if (!isNonEmptyString(project.name)) {
    sink.error('invalid-input', 'the project needs a name', 'name');
  }
  if (!isNonEmptyString(project.owner)) {
    sink.error('invalid-input', 'the project needs an owning team', 'owner');
  }
  const targets = project.targets;
  for (const target of ['dev', 'prod'] as const) {
    const settings = isObject(targets) ? targets[target] : undefined;
    const field = `targets.${target}`;
    if (!isObject(settings)) {
      sink.error(
        'invalid-input',
        `the project needs a ${target} target`,
        field,
      );
      continue;
    }
    for (const name of ['catalog', 'schema'] as const) {
      if (!isNonEmptyString(settings[name])) {
        sink.error(
          'invalid-input',
          `the ${target} target needs a ${name}`,
          `${field}.${name}`,
        );
      }
    }
    if (
      settings.host !== undefined &&
      !(
        typeof settings.host === 'string' &&
        /^https:\/\/[^\s/]+/.test(settings.host)
      )
    ) {
      sink.error(
        'invalid-input',
        `the ${target} host must be an https:// workspace URL`,
        `${field}.host`,
      );
    }
    for (const name of ['warehouseId', 'rootPath'] as const) {
      if (settings[name] !== undefined && !isNonEmptyString(settings[name])) {
        sink.error(
          'invalid-input',
          `the ${target} ${name} must be a non-empty string`,
          `${field}.${name}`,
        );
      }
    }
  }
  if (
    project.warehouseId !== undefined &&
    !isNonEmptyString(project.warehouseId)
  ) {
    sink.error(
      'invalid-input',
      'warehouseId must be a non-empty string',
      'warehouseId',
    );
  }
  const environment = project.pythonEnvironment;
  if (environment !== undefined) {
    if (
      !isObject(environment) ||
      (environment.environmentVersion !== undefined &&
        !isNonEmptyString(environment.environmentVersion)) ||
      (environment.dependencies !== undefined &&
        !isStringArray(environment.dependencies))
    ) {
      sink.error(
        'invalid-input',
        'pythonEnvironment must have a string environmentVersion and a list of dependency strings',
        'pythonEnvironment',
      );
    }
  }
}

function validateFile(
  task: Record<string, unknown>,
  field: string,
  key: string | undefined,
  sink: DiagnosticSink,
) {
  const file = task.file;
  const extension = task.kind === 'python' ? '.py' : '.sql';
  if (!isNonEmptyString(file)) {
    sink.error(
      'invalid-file',
      'the task needs the path of its generated file',
      field,
      key,
    );
  } else if (
    file.startsWith('/') ||
    file.includes('\\') ||
    file.split('/').some(s => s === '..' || s === '.' || s === '')
  ) {
    // Bundles resolve paths relative to the resource file; only a plain
    // path inside the repository translates to the same place on deploy.
    sink.error(
      'invalid-file',
      `"${file}" must be a plain path relative to the repository root`,
      field,
      key,
    );
  } else if (!file.endsWith(extension)) {
    sink.error(
      'invalid-file',
      `a ${task.kind} task runs a ${extension} file, not "${file}"`,
      field,
      key,
    );
  }
}

function validateTasks(tasks: unknown[], sink: DiagnosticSink) {
  const seen = new Set<string>();
  const snakeKeys = new Map<string, string>();
  const keys = new Set(
    tasks
      .filter(isObject)
      .map(t => t.key)
      .filter(isNonEmptyString),
  );

  tasks.forEach((task, index) => {
    const at = `tasks[${index}]`;
    if (!isObject(task)) {
      sink.error('invalid-input', 'a task must be an object', at);
      return;
    }
    const key = isNonEmptyString(task.key) ? task.key : undefined;
    if (!key) {
      sink.error('invalid-input', 'the task needs a key', `${at}.key`);
    } else if (seen.has(key)) {
      sink.error(
        'duplicate',
        `task key "${key}" is used more than once`,
        `${at}.key`,
        key,
      );
    } else {
      seen.add(key);
      const snake = toSnakeKey(key, 'task');
      const other = snakeKeys.get(snake);
      if (other !== undefined) {
        sink.warning(
          'duplicate',
          `tasks "${other}" and "${key}" both become task_key "${snake}"; "${key}" gets a numbered suffix`,
          `${at}.key`,
          key,
        );
      } else {
        snakeKeys.set(snake, key);
      }
    }
    if (!isNonEmptyString(task.pipeline)) {
      sink.error(
        'invalid-input',
        'the task needs the name of its pipeline',
        `${at}.pipeline`,
        key,
      );
    }
    if (task.kind !== 'sql' && task.kind !== 'python') {
      sink.error(
        'invalid-input',
        'the task kind must be "sql" or "python"',
        `${at}.kind`,
        key,
      );
    } else {
      validateFile(task, `${at}.file`, key, sink);
    }
    if (
      !Array.isArray(task.dependsOn) ||
      !task.dependsOn.every(d => typeof d === 'string')
    ) {
      sink.error(
        'invalid-input',
        'dependsOn must be a list of task keys',
        `${at}.dependsOn`,
        key,
      );
    } else {
      for (const dependency of task.dependsOn as string[]) {
        if (!keys.has(dependency)) {
          sink.error(
            'unknown-dependency',
            `task "${key}" depends on "${dependency}", which is not a task of this job`,
            `${at}.dependsOn`,
            key,
          );
        }
      }
    }
    if (task.parameters !== undefined) {
      if (
        !Array.isArray(task.parameters) ||
        !task.parameters.every(p => typeof p === 'string')
      ) {
        sink.error(
          'invalid-input',
          'parameters must be a list of strings',
          `${at}.parameters`,
          key,
        );
      } else if (task.kind === 'sql' && task.parameters.length > 0) {
        sink.warning(
          'ignored-setting',
          'parameters apply to Python tasks only',
          `${at}.parameters`,
          key,
        );
      }
    }
    if (task.pipelineParameters !== undefined) {
      validatePipelineParameters(
        task.pipelineParameters,
        `${at}.pipelineParameters`,
        key,
        sink,
      );
    }
    if (
      task.runIf !== undefined &&
      !RUN_IF_VALUES.includes(task.runIf as string)
    ) {
      sink.error(
        'invalid-input',
        `runIf must be one of ${RUN_IF_VALUES.join(', ')}`,
        `${at}.runIf`,
        key,
      );
    }
  });

  const wellFormed = tasks.filter(
    (t): t is BundleTask =>
      isObject(t) && isNonEmptyString(t.key) && Array.isArray(t.dependsOn),
  );
  const { cycle } = orderTasks(wellFormed);
  if (cycle) {
    sink.error(
      'dependency-cycle',
      `tasks depend on each other in a cycle: ${cycle.join(' → ')}`,
      'tasks',
      cycle[0],
    );
  }
}

function validateNumbers(job: Record<string, unknown>, sink: DiagnosticSink) {
  const limits: Array<[keyof BundleJob, number, number, string]> = [
    [
      'durationWarningSeconds',
      1,
      Number.MAX_SAFE_INTEGER,
      'a positive whole number of seconds',
    ],
    // -1 is the Jobs API's "retry indefinitely".
    [
      'maxRetries',
      -1,
      Number.MAX_SAFE_INTEGER,
      'a whole number, or -1 to retry indefinitely',
    ],
    [
      'minRetryIntervalMillis',
      0,
      Number.MAX_SAFE_INTEGER,
      'a whole number of milliseconds',
    ],
    [
      'timeoutSeconds',
      0,
      Number.MAX_SAFE_INTEGER,
      'a whole number of seconds (0: no timeout)',
    ],
    ['maxConcurrentRuns', 0, 1000, 'a whole number from 0 to 1000'],
  ];
  for (const [field, min, max, expected] of limits) {
    if (job[field] !== undefined && !isIntegerIn(job[field], min, max)) {
      sink.error('invalid-input', `${field} must be ${expected}`, field);
    }
  }
}

function validateSchedule(schedule: unknown, sink: DiagnosticSink) {
  if (!isObject(schedule)) {
    sink.error('invalid-input', 'the schedule must be an object', 'schedule');
    return;
  }
  const cron = validateQuartzCron(schedule.quartzCron as string);
  if (!cron.valid) {
    sink.error(
      'invalid-cron',
      `"${String(schedule.quartzCron)}" is not a Quartz cron expression: ${
        cron.message
      }`,
      'schedule.quartzCron',
    );
  }
  if (!isValidTimeZoneId(schedule.timezone as string)) {
    sink.error(
      'invalid-timezone',
      `"${String(
        schedule.timezone,
      )}" is not a time zone id such as "Europe/Amsterdam" or "UTC"`,
      'schedule.timezone',
    );
  }
  if (typeof schedule.paused !== 'boolean') {
    sink.error(
      'invalid-input',
      'schedule.paused must be true or false',
      'schedule.paused',
    );
  }
}

function validateJobSettings(
  project: unknown,
  job: Record<string, unknown>,
  sink: DiagnosticSink,
) {
  if (job.description !== undefined && typeof job.description !== 'string') {
    sink.error(
      'invalid-input',
      'the description must be a string',
      'description',
    );
  }
  if (job.schedule !== undefined) {
    validateSchedule(job.schedule, sink);
  }
  const notifications = job.notifications;
  if (notifications !== undefined) {
    if (!isObject(notifications)) {
      sink.error(
        'invalid-input',
        'notifications must be an object',
        'notifications',
      );
    } else {
      for (const event of ['onFailure', 'onSuccess', 'onDurationWarning']) {
        if (
          notifications[event] !== undefined &&
          !isStringArray(notifications[event])
        ) {
          sink.error(
            'invalid-input',
            `notifications.${event} must be a list of email addresses`,
            `notifications.${event}`,
          );
        }
      }
      if (
        isStringArray(notifications.onDurationWarning) &&
        notifications.onDurationWarning.length > 0 &&
        job.durationWarningSeconds === undefined
      ) {
        sink.warning(
          'ignored-setting',
          'onDurationWarning is never sent without durationWarningSeconds',
          'notifications.onDurationWarning',
        );
      }
    }
  }
  validateNumbers(job, sink);

  const tags = job.tags;
  if (tags !== undefined) {
    if (
      !isObject(tags) ||
      !Object.values(tags).every(v => typeof v === 'string')
    ) {
      sink.error(
        'invalid-input',
        'tags must map names to string values',
        'tags',
      );
    } else {
      for (const key of Object.keys(tags)) {
        if (key.startsWith(RESERVED_TAG_PREFIX)) {
          sink.warning(
            'ignored-setting',
            `tag "${key}" is reserved for Meshwork's cost attribution and is not emitted`,
            `tags.${key}`,
          );
        }
      }
      if (isObject(project) && Array.isArray(job.tasks)) {
        const count = Object.keys(
          jobTags(
            project as unknown as BundleProject,
            job as unknown as BundleJob,
          ),
        ).length;
        if (count > MAX_JOB_TAGS) {
          sink.error(
            'invalid-input',
            `a job has at most ${MAX_JOB_TAGS} tags; with Meshwork's ${
              Object.keys(
                costAttributionTags(
                  project as unknown as BundleProject,
                  job as unknown as BundleJob,
                ),
              ).length
            } cost-attribution tags this one would have ${count}`,
            'tags',
          );
        }
      }
    }
  }

  const runAs = job.runAs;
  if (runAs !== undefined) {
    const identities = isObject(runAs)
      ? [runAs.userName, runAs.servicePrincipalName].filter(
          v => v !== undefined,
        )
      : [];
    if (identities.length !== 1 || !isNonEmptyString(identities[0])) {
      sink.error(
        'invalid-input',
        'runAs needs exactly one of userName and servicePrincipalName',
        'runAs',
      );
    }
  }
}

/**
 * Checks the generator's input and reports every problem found, without
 * throwing, whatever the input (it may come straight from parsed YAML).
 *
 * @public
 */
export function validateBundleInput(
  project: BundleProject,
  jobs: BundleJob[],
): BundleDiagnostic[] {
  const sink = new DiagnosticSink();
  validateProject(project, sink);

  if (!Array.isArray(jobs) || jobs.length === 0) {
    sink.error(
      'empty',
      'the project has no jobs, so there is nothing to deploy',
    );
    return sink.diagnostics;
  }

  const names = new Set<string>();
  const jobKeys = new Map<string, string>();
  (jobs as unknown[]).forEach((job, index) => {
    if (!isObject(job)) {
      sink.error('invalid-input', 'a job must be an object', `jobs[${index}]`);
      return;
    }
    const name = isNonEmptyString(job.name) ? job.name : undefined;
    const jobSink = sink.forJob(name ?? `jobs[${index}]`);
    if (!name) {
      jobSink.error('invalid-input', 'the job needs a name', 'name');
    } else if (names.has(name)) {
      jobSink.error(
        'duplicate',
        `job name "${name}" is used more than once`,
        'name',
      );
    } else {
      names.add(name);
      const key = toSnakeKey(name, 'job');
      const other = jobKeys.get(key);
      if (other !== undefined) {
        jobSink.warning(
          'duplicate',
          `jobs "${other}" and "${name}" both become resource key "${key}"; "${name}" gets a numbered suffix`,
          'name',
        );
      } else {
        jobKeys.set(key, name);
      }
    }

    if (!Array.isArray(job.tasks)) {
      jobSink.error('invalid-input', 'tasks must be a list', 'tasks');
    } else if (job.tasks.length === 0) {
      jobSink.error('empty', 'the job has no tasks', 'tasks');
    } else {
      validateTasks(job.tasks, jobSink);
    }
    validateJobSettings(project, job, jobSink);
    if (job.parameters !== undefined) {
      validateJobParameters(job.parameters, jobSink);
    }
  });
  return sink.diagnostics;
}

/** A name Databricks and the generated code read unquoted. */
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Named parameters of the SQL task that the target's settings already use. */
const TARGET_PARAMETERS = ['catalog', 'schema'];

function validatePipelineParameters(
  parameters: unknown,
  field: string,
  key: string | undefined,
  sink: DiagnosticSink,
) {
  if (
    !isObject(parameters) ||
    !Object.values(parameters).every(v => typeof v === 'string')
  ) {
    sink.error(
      'invalid-input',
      'pipelineParameters must map names to strings',
      field,
      key,
    );
    return;
  }
  for (const name of Object.keys(parameters)) {
    if (!PARAMETER_NAME.test(name)) {
      sink.error(
        'invalid-input',
        `"${name}" is not a parameter name`,
        field,
        key,
      );
    } else if (TARGET_PARAMETERS.includes(name.toLowerCase())) {
      sink.error(
        'invalid-input',
        `parameter "${name}" would replace the target's ${name}`,
        field,
        key,
      );
    }
  }
}

function validateJobParameters(parameters: unknown, sink: DiagnosticSink) {
  if (!Array.isArray(parameters)) {
    sink.error('invalid-input', 'parameters must be a list', 'parameters');
    return;
  }
  const seen = new Set<string>();
  parameters.forEach((parameter, index) => {
    const field = `parameters[${index}]`;
    if (
      !isObject(parameter) ||
      typeof parameter.name !== 'string' ||
      !PARAMETER_NAME.test(parameter.name) ||
      typeof parameter.default !== 'string'
    ) {
      sink.error(
        'invalid-input',
        'a job parameter needs a name (letters, digits and _) and a string default',
        field,
      );
      return;
    }
    if (seen.has(parameter.name)) {
      sink.error(
        'duplicate',
        `job parameter "${parameter.name}" is declared twice`,
        field,
      );
    }
    seen.add(parameter.name);
  });
}
