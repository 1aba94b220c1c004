import type { TypedRouter } from '@backstage/backend-openapi-utils';
import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  dataProductEntityName,
  dataProjectEditPermission,
  dataProjectReadPermission,
  dataProjectRunPermission,
  orderTasks,
  ProjectManifest,
} from '@meshwork/data-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import type {
  FactsStore,
  JobRun,
  JobRunDetails,
  TaskRun,
} from '../../database';
import type { components, EndpointMap } from '../../schema/openapi/generated';
import type { DataProjectAuthorizer } from '../permissions/DataProjectAuthorizer';
import { ProjectRepository } from '../projects/ProjectRepository';
import { jobRunToApi, taskRunToApi } from './toApi';

type Schemas = components['schemas'];

export interface ProjectRouterOptions {
  projects: ProjectRepository;
  facts: FactsStore;
  authorizer: DataProjectAuthorizer;
}

/**
 * `GET /projects/:project`: what the data project's Component pages show,
 * its pipelines, jobs and datasets from the compiled manifest with the last
 * run of each job and pipeline, and whether the caller may run its jobs
 * (so that the portal offers "Run now" only to those who may).
 */
export function createProjectRouter(
  options: ProjectRouterOptions,
): express.Router {
  const { projects, facts, authorizer } = options;
  const router = Router() as TypedRouter<EndpointMap>;

  router.get('/projects/:project', async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user-or-service');
    const { project } = req.params;
    await authorizer.authorize(credentials, dataProjectReadPermission, project);
    const [manifest, canRun, canEdit, namespace] = await Promise.all([
      projects.manifest(project),
      authorizer.allows(credentials, dataProjectRunPermission, project),
      authorizer.allows(credentials, dataProjectEditPermission, project),
      componentNamespace(projects, project),
    ]);
    const lastRuns = await lastRunsOf(facts, project, manifest);
    res.json(
      projectStructure(manifest, {
        name: project,
        canRun,
        canEdit,
        namespace,
        lastRuns,
      }),
    );
  });

  return router;
}

/** The namespace of the project's Component, where its DataProducts live. */
async function componentNamespace(
  projects: ProjectRepository,
  project: string,
): Promise<string> {
  const entityRef = (await projects.list()).find(
    p => p.name === project,
  )?.entityRef;
  return entityRef
    ? parseEntityRef(entityRef, { defaultKind: 'component' }).namespace
    : DEFAULT_NAMESPACE;
}

interface LastRuns {
  byJob: ReadonlyMap<string, JobRun>;
  byPipeline: ReadonlyMap<string, TaskRun>;
}

/**
 * The last run of each job, and each pipeline's last task run: from the
 * last run that wrote its first dataset, or for a pipeline that writes
 * none, from the last runs of its jobs (whichever run was queued last).
 */
async function lastRunsOf(
  facts: FactsStore,
  project: string,
  manifest: ProjectManifest,
): Promise<LastRuns> {
  const lastOf = async (filter: { job?: string; dataset?: string }) =>
    (await facts.listJobRuns({ project, ...filter, limit: 1 })).items[0];

  const byJob = new Map<string, JobRun>();
  await Promise.all(
    manifest.jobs.map(async job => {
      const run = await lastOf({ job: job.name });
      if (run) byJob.set(job.name, run);
    }),
  );

  const details = new Map<string, Promise<JobRunDetails | undefined>>();
  const detailsOf = (id: string) => {
    let found = details.get(id);
    if (!found) {
      found = facts.getJobRun(id);
      details.set(id, found);
    }
    return found;
  };

  const byPipeline = new Map<string, TaskRun>();
  await Promise.all(
    manifest.pipelines.map(async pipeline => {
      const written = writtenDatasets(pipeline);
      const candidates = written.length
        ? [await lastOf({ dataset: written[0] })]
        : jobsRunning(manifest, pipeline.name).map(job => byJob.get(job));
      let last: { run: JobRunDetails; task: TaskRun } | undefined;
      for (const candidate of candidates) {
        const run = candidate && (await detailsOf(candidate.id));
        const task = run?.tasks.find(t => t.pipeline === pipeline.name);
        if (run && task && (!last || run.queuedAt > last.run.queuedAt)) {
          last = { run, task };
        }
      }
      if (last) byPipeline.set(pipeline.name, last.task);
    }),
  );
  return { byJob, byPipeline };
}

type ManifestPipeline = ProjectManifest['pipelines'][number];

function writtenDatasets(pipeline: ManifestPipeline): string[] {
  return unique(pipeline.outputs.map(o => o.dataset));
}

function readDatasets(pipeline: ManifestPipeline): string[] {
  return unique(pipeline.inputs.map(i => i.dataset));
}

function jobsRunning(manifest: ProjectManifest, pipeline: string): string[] {
  return manifest.jobs
    .filter(job => job.tasks.some(task => task.pipeline === pipeline))
    .map(job => job.name);
}

function unique(names: Array<string | undefined>): string[] {
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}

function projectStructure(
  manifest: ProjectManifest,
  context: {
    name: string;
    canRun: boolean;
    canEdit: boolean;
    namespace: string;
    lastRuns: LastRuns;
  },
): Schemas['DataProjectStructure'] {
  const { lastRuns } = context;
  return {
    name: context.name,
    title: manifest.project?.title,
    owner: manifest.project?.owner,
    domain: manifest.project?.domain,
    canRun: context.canRun,
    canEdit: context.canEdit,
    pipelines: manifest.pipelines.map(pipeline => {
      const lastTaskRun = lastRuns.byPipeline.get(pipeline.name);
      return {
        name: pipeline.name,
        description: pipeline.description,
        reads: readDatasets(pipeline),
        writes: writtenDatasets(pipeline),
        jobs: jobsRunning(manifest, pipeline.name),
        ...(lastTaskRun && { lastTaskRun: taskRunToApi(lastTaskRun) }),
      };
    }),
    jobs: manifest.jobs.map(job => {
      const lastRun = lastRuns.byJob.get(job.name);
      return {
        name: job.name,
        description: job.description,
        schedule: job.schedule,
        // The order a run executes them in: each after what it depends on.
        tasks: orderTasks(
          job.tasks.map(task => ({
            key: task.key,
            pipeline: task.pipeline,
            dependsOn: [...task.dependsOn],
            ...(task.parameters && { parameters: { ...task.parameters } }),
          })),
        ).ordered,
        ...(job.parameters &&
          job.parameters.length > 0 && {
            parameters: job.parameters.map(p => ({ ...p })),
          }),
        alerts: {
          onFailure: [...job.alerts.onFailure],
          onQualityBreach: [...job.alerts.onQualityBreach],
        },
        ...(lastRun && { lastRun: jobRunToApi(lastRun) }),
      };
    }),
    datasets: manifest.datasets.map(dataset => ({
      name: dataset.name,
      description: dataset.description,
      layer: dataset.layer,
      visibility: dataset.visibility,
      owner: dataset.owner,
      entityRef: stringifyEntityRef({
        kind: 'DataProduct',
        namespace: context.namespace,
        name: dataProductEntityName(dataset.name),
      }),
    })),
  };
}
