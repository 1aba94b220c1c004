import { JobFile, orderTasks } from '@meshwork/data-mesh-common';
import { isKnownTimeZone, quartzCronProblem } from './quartzCron';

type JobTask = JobFile['tasks'][number];

/** A task as the form edits it. */
export interface TaskDraft {
  /** Stays with the task through renames and moves: React keys, errors. */
  readonly id: string;
  readonly key: string;
  readonly pipeline: string;
  readonly dependsOn: readonly string[];
  /** The pipeline parameters the file gives the task, kept as they are. */
  readonly parameters?: JobTask['parameters'];
}

/** What the jobs view's form edits of a job file. */
export interface JobDraft {
  readonly tasks: readonly TaskDraft[];
  /** Whether the job runs on a schedule; else only when started. */
  readonly scheduled: boolean;
  readonly cron: string;
  readonly timezone: string;
  readonly paused: boolean;
  /** Email addresses as typed: separated by commas, spaces or lines. */
  readonly onFailure: string;
  readonly onQualityBreach: string;
}

/** The field a problem belongs to: a draft's field, or a task's. */
export type JobDraftField =
  | 'tasks'
  | 'cron'
  | 'timezone'
  | 'onFailure'
  | 'onQualityBreach'
  | `task.${string}.${'key' | 'pipeline' | 'dependsOn'}`;

export type JobDraftErrors = Partial<Record<JobDraftField, string>>;

/** The schedule a job gets when one is switched on. */
export const DEFAULT_SCHEDULE = {
  cron: '0 0 6 * * ?',
  timezone: 'UTC',
} as const;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

let nextTaskId = 0;
const newTaskId = () => `task-${++nextTaskId}`;

/** The form's view of a job file. */
export function jobDraftOf(job: JobFile): JobDraft {
  return {
    tasks: job.tasks.map(task => ({
      id: newTaskId(),
      key: task.key,
      pipeline: task.pipeline,
      dependsOn: task.dependsOn ?? [],
      ...(task.parameters && { parameters: task.parameters }),
    })),
    scheduled: job.schedule !== undefined,
    cron: job.schedule?.cron ?? DEFAULT_SCHEDULE.cron,
    timezone: job.schedule?.timezone ?? DEFAULT_SCHEDULE.timezone,
    paused: job.schedule?.paused ?? false,
    onFailure: (job.alerts?.onFailure ?? []).join(', '),
    onQualityBreach: (job.alerts?.onQualityBreach ?? []).join(', '),
  };
}

/** The addresses of an alert field, as typed. */
export function emailsOf(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

/**
 * The job file the draft describes: `base` with the tasks, schedule and
 * alerts of the draft; whatever the form does not edit (parameters,
 * retries, tags, …) as it was.
 */
export function jobFileOf(base: JobFile, draft: JobDraft): JobFile {
  const { schedule: _schedule, alerts: _alerts, ...rest } = base;
  const onFailure = emailsOf(draft.onFailure);
  const onQualityBreach = emailsOf(draft.onQualityBreach);
  return {
    ...rest,
    tasks: draft.tasks.map(task => ({
      key: task.key.trim(),
      pipeline: task.pipeline,
      ...(task.dependsOn.length > 0 && { dependsOn: [...task.dependsOn] }),
      ...(task.parameters && { parameters: task.parameters }),
    })),
    ...(draft.scheduled && {
      schedule: {
        cron: draft.cron.trim().replace(/\s+/g, ' '),
        timezone: draft.timezone.trim(),
        // Left out, as the file had it, while it says what the default does.
        ...((draft.paused || base.schedule?.paused !== undefined) && {
          paused: draft.paused,
        }),
      },
    }),
    ...((onFailure.length > 0 || onQualityBreach.length > 0) && {
      alerts: {
        ...(onFailure.length > 0 && { onFailure }),
        ...(onQualityBreach.length > 0 && { onQualityBreach }),
      },
    }),
  };
}

/** The order a run takes the tasks in, and a cycle among them if any. */
export function runOrder(tasks: readonly TaskDraft[]) {
  return orderTasks(tasks.map(t => ({ ...t, dependsOn: [...t.dependsOn] })));
}

/** A key for a new task running `pipeline`: its name in snake_case, unused. */
export function taskKeyFor(pipeline: string, taken: readonly string[]): string {
  const base =
    pipeline
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9_]+/g, '_')
      .replace(/^(\d)/, '_$1')
      .toLowerCase() || 'task';
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
}

/** The draft with a task for `pipeline` added last. */
export function addTask(draft: JobDraft, pipeline: string): JobDraft {
  const key = taskKeyFor(
    pipeline,
    draft.tasks.map(t => t.key),
  );
  return {
    ...draft,
    tasks: [...draft.tasks, { id: newTaskId(), key, pipeline, dependsOn: [] }],
  };
}

/** The draft without a task; the others no longer wait for it. */
export function removeTask(draft: JobDraft, id: string): JobDraft {
  const removed = draft.tasks.find(t => t.id === id);
  return {
    ...draft,
    tasks: draft.tasks
      .filter(t => t.id !== id)
      .map(t => ({
        ...t,
        dependsOn: t.dependsOn.filter(d => d !== removed?.key),
      })),
  };
}

/** The draft with a task moved one place up (-1) or down (+1) in the file. */
export function moveTask(draft: JobDraft, id: string, by: -1 | 1): JobDraft {
  const tasks = [...draft.tasks];
  const from = tasks.findIndex(t => t.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= tasks.length) return draft;
  [tasks[from], tasks[to]] = [tasks[to], tasks[from]];
  return { ...draft, tasks };
}

/**
 * The draft with a task changed; a new key is renamed in the tasks that
 * wait for it too (unless another task had the old key as well).
 */
export function updateTask(
  draft: JobDraft,
  id: string,
  change: Partial<Omit<TaskDraft, 'id'>>,
): JobDraft {
  const before = draft.tasks.find(t => t.id === id);
  const shared = draft.tasks.some(t => t.id !== id && t.key === before?.key);
  const renamed =
    before && !shared && change.key !== undefined && change.key !== before.key
      ? { from: before.key, to: change.key }
      : undefined;
  return {
    ...draft,
    tasks: draft.tasks.map(t => {
      if (t.id === id) return { ...t, ...change };
      if (!renamed) return t;
      return {
        ...t,
        dependsOn: t.dependsOn.map(d => (d === renamed.from ? renamed.to : d)),
      };
    }),
  };
}

function emailProblem(text: string): string | undefined {
  const wrong = emailsOf(text).filter(e => !EMAIL.test(e));
  if (wrong.length === 0) return undefined;
  return `Not an email address: ${wrong.join(', ')}`;
}

/**
 * What is wrong with the draft, by field; empty when it may be committed
 * (the backend still compiles the project, which checks the rest: task
 * parameters against their pipelines, and anything another file breaks).
 */
export function validateJobDraft(
  draft: JobDraft,
  pipelines: readonly string[],
): JobDraftErrors {
  const errors: JobDraftErrors = {};
  if (draft.tasks.length === 0) {
    errors.tasks = 'A job runs at least one task: add a pipeline.';
  }
  const keys = draft.tasks.map(t => t.key.trim());
  for (const task of draft.tasks) {
    const key = task.key.trim();
    if (!key) {
      errors[`task.${task.id}.key`] = 'Give the task a key.';
    } else if (!IDENTIFIER.test(key)) {
      errors[`task.${task.id}.key`] =
        'Letters, digits and _ only, not starting with a digit.';
    } else if (keys.filter(k => k === key).length > 1) {
      errors[`task.${task.id}.key`] = `Another task is called '${key}'.`;
    }
    if (!pipelines.includes(task.pipeline)) {
      errors[`task.${task.id}.pipeline`] = task.pipeline
        ? `The project has no pipeline '${task.pipeline}'.`
        : 'Choose the pipeline the task runs.';
    }
    const unknown = task.dependsOn.filter(d => !keys.includes(d));
    if (task.dependsOn.includes(key)) {
      errors[`task.${task.id}.dependsOn`] = 'A task cannot wait for itself.';
    } else if (unknown.length > 0) {
      errors[`task.${task.id}.dependsOn`] = `No task is called ${unknown
        .map(d => `'${d}'`)
        .join(', ')}.`;
    }
  }
  const { cycle } = runOrder(draft.tasks);
  if (cycle && !errors.tasks) {
    errors.tasks = `The tasks wait for each other in a circle: ${[
      ...cycle,
      cycle[0],
    ].join(' → ')}. Untick one of those "Runs after".`;
  }
  if (draft.scheduled) {
    const cron = quartzCronProblem(draft.cron);
    if (cron) errors.cron = cron;
    if (!isKnownTimeZone(draft.timezone.trim())) {
      errors.timezone = draft.timezone.trim()
        ? `'${draft.timezone.trim()}' is not a time zone; use an IANA name such as Europe/Amsterdam or UTC.`
        : 'Say which time zone the schedule is in, e.g. Europe/Amsterdam.';
    }
  }
  const onFailure = emailProblem(draft.onFailure);
  if (onFailure) errors.onFailure = onFailure;
  const onQualityBreach = emailProblem(draft.onQualityBreach);
  if (onQualityBreach) errors.onQualityBreach = onQualityBreach;
  return errors;
}
