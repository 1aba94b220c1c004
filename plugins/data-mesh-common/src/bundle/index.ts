/**
 * Databricks Asset Bundle generation: `databricks.yml` and one
 * `resources/<job>.job.yml` per job, from a project's jobs. See
 * docs/databricks-bundle.md.
 */
export type {
  BundleFile,
  BundleJob,
  BundleJobParameter,
  BundleNotifications,
  BundlePythonEnvironment,
  BundleProject,
  BundleRunAs,
  BundleRunIf,
  BundleSchedule,
  BundleTarget,
  BundleTask,
} from './model';
export type { BundleDiagnostic, BundleDiagnosticCode } from './diagnostics';
export { generateBundle } from './generateBundle';
export type { GeneratedBundle } from './generateBundle';
export { validateBundleInput } from './validateBundleInput';
export { validateBundleFiles } from './validateBundle';
export type { BundleFileProblem } from './validateBundle';
export { databricksYmlSchema, jobResourceFileSchema } from './bundleSchema';
export { validateQuartzCron } from './quartzCron';
export type { QuartzCronValidation } from './quartzCron';
export { isValidTimeZoneId } from './timeZones';
export {
  bundleJobKeys,
  bundleTaskKeys,
  toSnakeKey,
  uniqueSnakeKeys,
} from './keys';
export { orderTasks } from './taskOrder';
export type { DependentTask, TaskOrder } from './taskOrder';
export { costAttributionTags, jobTags } from './tags';
