/**
 * What a {@link BundleDiagnostic} is about, so that callers (the CLI, the job
 * editor) can react to a class of problem without parsing messages.
 *
 * @public
 */
export type BundleDiagnosticCode =
  /** The input does not have the shape of the model (e.g. `tasks` is not a list). */
  | 'invalid-input'
  /** There are no jobs, or a job has no tasks. */
  | 'empty'
  /** Two jobs or two tasks of a job have the same name or key. */
  | 'duplicate'
  /** A task depends on a task key that the job does not have. */
  | 'unknown-dependency'
  /** Tasks depend on each other in a circle. */
  | 'dependency-cycle'
  /** A schedule's expression is not valid Quartz cron. */
  | 'invalid-cron'
  /** A schedule's time zone is not a known time zone id. */
  | 'invalid-timezone'
  /** A task's generated file path is unusable. */
  | 'invalid-file'
  /** A setting is present but cannot take effect as written. */
  | 'ignored-setting';

/**
 * A problem found in the generator's input or in bundle files.
 *
 * @public
 */
export interface BundleDiagnostic {
  severity: 'error' | 'warning';
  code: BundleDiagnosticCode;
  message: string;
  /** Name of the job concerned, if any. */
  job?: string;
  /** Key of the task concerned, if any. */
  task?: string;
  /** Dotted path of the offending input field, e.g. `schedule.quartzCron`. */
  field?: string;
}
