import { ConflictError, InputError } from '@backstage/errors';
import type { BundleFile } from '@meshwork/data-mesh-common';
import type { DatabricksJobsClient } from './DatabricksJobsClient';
import {
  DEPLOYMENT_TAG,
  resolveBundleJob,
  type BundleDeployProblem,
} from './resolveBundleJob';

/**
 * The bundle cannot be deployed as it is; `problems` says why, per file and
 * field. Nothing was sent to the workspace.
 *
 * @public
 */
export class BundleDeployError extends InputError {
  readonly problems: BundleDeployProblem[];

  constructor(jobKey: string, problems: BundleDeployProblem[]) {
    super(
      `Cannot deploy job "${jobKey}": ${problems
        .map(p => (p.file ? `${p.file}: ${p.message}` : p.message))
        .join('; ')}`,
    );
    this.problems = problems;
  }
}

/** @public */
export interface DeployBundleJobOptions {
  client: DatabricksJobsClient;
  /** `databricks.yml`, `resources/*.yml` and the generated files the tasks run, relative to the bundle root. */
  bundle: { files: BundleFile[] };
  /** The job's key under `resources.jobs`, e.g. `daily_summary`. */
  jobKey: string;
  target: 'dev' | 'prod';
  /** Overrides of bundle variables, like the CLI's `--var`. */
  variables?: Record<string, string>;
  /** The deploying user; asked from the workspace (SCIM `Me`) when needed and not given. */
  currentUser?: string;
  signal?: AbortSignal;
}

/**
 * Deploys one job of a generated bundle to a workspace: uploads the files its
 * tasks run, then creates the job, or resets it when an earlier deploy of the
 * same bundle, target and job key exists (found by name, recognised by the
 * `meshwork_deployment` tag). Deploying twice therefore updates one job.
 *
 * A job that was renamed since its last deploy is not found by name and is
 * deployed as a new job; the old one stays until someone deletes it.
 *
 * @throws {@link BundleDeployError} when the bundle cannot be resolved,
 *   `ConflictError` when several jobs carry the deployment's tag, and
 *   `DatabricksApiError` when the workspace refuses a request.
 * @public
 */
export async function deployBundleJob(
  options: DeployBundleJobOptions,
): Promise<{ jobId: number; created: boolean }> {
  const { client, signal } = options;
  const resolve = (currentUser?: string) =>
    resolveBundleJob({
      files: options.bundle.files,
      jobKey: options.jobKey,
      target: options.target,
      variables: options.variables,
      currentUser,
    });

  let resolved = resolve(options.currentUser);
  if (resolved.problems.some(p => p.code === 'current-user-required')) {
    const { userName } = await client.currentUser({ signal });
    resolved = resolve(userName);
  }
  const job = resolved.job;
  if (!job) {
    throw new BundleDeployError(options.jobKey, resolved.problems);
  }

  // Files first: a job that points at a missing file fails on its first run.
  const folders = new Set(
    job.uploads.map(u =>
      u.workspacePath.slice(0, u.workspacePath.lastIndexOf('/')),
    ),
  );
  for (const folder of [...folders].sort()) {
    await client.mkdirs(folder, { signal });
  }
  for (const upload of job.uploads) {
    await client.importWorkspaceFile(
      {
        path: upload.workspacePath,
        content: Buffer.from(upload.content, 'utf8').toString('base64'),
        // AUTO imports a file without a notebook header as a plain file.
        format: 'AUTO',
        overwrite: true,
      },
      { signal },
    );
  }

  const existing = (
    await client.findJobsByName(job.settings.name, { signal })
  ).filter(j => j.settings.tags?.[DEPLOYMENT_TAG] === job.deploymentId);
  if (existing.length > 1) {
    throw new ConflictError(
      `Jobs ${existing.map(j => j.job_id).join(', ')} are all deployments of ${
        job.deploymentId
      }; delete all but one, then deploy again`,
    );
  }
  if (existing.length === 1) {
    await client.resetJob(existing[0].job_id, job.settings, { signal });
    return { jobId: existing[0].job_id, created: false };
  }
  const { job_id: jobId } = await client.createJob(job.settings, { signal });
  return { jobId, created: true };
}
