/**
 * Deploying the jobs of a generated Databricks Asset Bundle and running them,
 * through the Jobs API 2.2.
 */
export { DatabricksApiError } from './DatabricksApiError';
export { DatabricksJobsClient } from './DatabricksJobsClient';
export type {
  DatabricksJobsClientOptions,
  DatabricksRequestOptions,
  DatabricksRetryOptions,
} from './DatabricksJobsClient';
export { resolveBundleJob } from './resolveBundleJob';
export type {
  BundleDeployProblem,
  BundleDeployProblemCode,
  ResolveBundleJobOptions,
  ResolvedBundleJob,
  WorkspaceUpload,
} from './resolveBundleJob';
export { BundleDeployError, deployBundleJob } from './deployBundleJob';
export type { DeployBundleJobOptions } from './deployBundleJob';
export { runJob } from './runJob';
export type { JobRun, JobRunResult, JobRunTask, RunJobOptions } from './runJob';
export type {
  Job,
  JobEmailNotifications,
  JobEnvironment,
  JobSchedule,
  JobSettings,
  JobSparkPythonTask,
  JobSqlTask,
  JobTask,
  JobTaskDependency,
  ListJobsResponse,
  Run,
  RunNowRequest,
  RunState,
  RunStatus,
  RunTask,
  WorkspaceImportRequest,
} from './types';
