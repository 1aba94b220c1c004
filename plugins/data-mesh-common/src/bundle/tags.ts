import type { BundleJob, BundleProject } from './model';
import { orderTasks } from './taskOrder';

/** Tag keys that Meshwork sets itself; users cannot override them. */
export const RESERVED_TAG_PREFIX = 'meshwork_';

/** The Jobs API accepts at most this many tags on a job. */
export const MAX_JOB_TAGS = 25;

/**
 * The cost-attribution tags of a job. Databricks copies job tags into
 * `system.billing.usage.custom_tags`, so DBUs can be summed per project, team
 * and pipeline without a lookup table.
 *
 * Tags belong to the job, not to tasks, so a job running several pipelines
 * cannot tag each one separately: `meshwork_pipeline` lists the job's
 * pipelines, comma-separated in the order the tasks run. Cost per pipeline comes from the
 * run's task timings instead.
 *
 * Written defensively: it also runs on unvalidated input, to count tags.
 *
 * @public
 */
export function costAttributionTags(
  project: BundleProject,
  job: BundleJob,
): Record<string, string> {
  const tasks = (Array.isArray(job.tasks) ? job.tasks : []).filter(
    task =>
      typeof task?.pipeline === 'string' &&
      typeof task.key === 'string' &&
      Array.isArray(task.dependsOn),
  );
  const pipelines = orderTasks(tasks).ordered.map(task => task.pipeline);
  return {
    meshwork_project: String(project.name),
    meshwork_team: String(project.owner),
    ...(typeof project.domain === 'string' && {
      meshwork_domain: project.domain,
    }),
    meshwork_job: String(job.name),
    meshwork_pipeline: [...new Set(pipelines)].join(','),
  };
}

/**
 * All tags of a job: the cost-attribution tags first, then the user's tags in
 * key order (so regenerating gives the same file), minus any that would
 * override a `meshwork_` tag.
 *
 * @public
 */
export function jobTags(
  project: BundleProject,
  job: BundleJob,
): Record<string, string> {
  const tags = costAttributionTags(project, job);
  const userTags = job.tags ?? {};
  for (const key of Object.keys(userTags).sort()) {
    if (!key.startsWith(RESERVED_TAG_PREFIX)) {
      tags[key] = userTags[key];
    }
  }
  return tags;
}
