import { NotFoundError } from '@backstage/errors';
import { dataProjectRunPermission } from '@meshwork/data-mesh-common';
import type { TypedRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { FactsStore } from '../../database';
import type { EndpointMap } from '../../schema/openapi/generated';
import { datasetFreshnessReports } from '../freshness/datasetFreshness';
import type { DataProjectAuthorizer } from '../permissions/DataProjectAuthorizer';
import { ProjectRepository } from '../projects/ProjectRepository';
import { JobRunner } from '../runs/JobRunner';
import { jsonBody } from './jsonBody';
import { listPage } from './listPage';
import { parseInput } from './parseInput';
import {
  costRollupToApi,
  datasetFreshnessToApi,
  jobRunDetailsToApi,
  jobRunToApi,
  pageToApi,
  qualityResultToApi,
} from './toApi';

export interface RunsRouterOptions {
  facts: FactsStore;
  projects: ProjectRepository;
  runner: JobRunner;
  authorizer: DataProjectAuthorizer;
  now?: () => Date;
}

const name = z.string().min(1);
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected a month as YYYY-MM');
const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: name.optional(),
};

const runsQuery = z.strictObject({
  project: name.optional(),
  job: name.optional(),
  dataset: name.optional(),
  status: z
    .enum(['queued', 'running', 'succeeded', 'failed', 'cancelled'])
    .optional(),
  ...paging,
});

const qualityQuery = z.strictObject({
  dataset: name,
  project: name.optional(),
  ruleKey: name.optional(),
  jobRunId: name.optional(),
  status: z.enum(['pass', 'fail', 'error']).optional(),
  ...paging,
});

const costQuery = z.strictObject({
  groupBy: z.enum(['pipeline', 'project', 'team', 'month']),
  project: name.optional(),
  team: name.optional(),
  from: month.optional(),
  to: month.optional(),
  ...paging,
});

const freshnessQuery = z.strictObject({
  project: name.optional(),
  ...paging,
});

/** "Run now" takes no options yet: its body is small. */
export const RUNS_BODY_LIMIT = '100kb';

/** "Run now" takes no options yet; anything else is a mistake. */
const runRequestBody = z.strictObject({
  parameters: z.record(z.string(), z.string()).optional(),
});

/**
 * The API the portal reads job runs, quality history, cost and freshness
 * from, and starts runs with. Listings are paginated: `limit` (1-500,
 * default 50) and the `nextCursor` of the previous page as `cursor`.
 *
 * Typed by the contract (src/schema/openapi.yaml); the router that mounts
 * it validates requests against the contract first. The zod schemas here
 * turn the query strings into values with their defaults, and keep a
 * router mounted on its own as strict as the contract.
 */
export function createRunsRouter(options: RunsRouterOptions): express.Router {
  const { facts, projects, runner, authorizer } = options;
  const now = options.now ?? (() => new Date());
  const router = Router() as TypedRouter<EndpointMap>;

  router.post(
    '/projects/:project/jobs/:job/runs',
    ...jsonBody(RUNS_BODY_LIMIT),
    async (req, res) => {
      const credentials = await authorizer.credentials(req, 'user-or-service');
      const body = parseInput(runRequestBody, req.body ?? {}, 'request body');
      await authorizer.authorize(
        credentials,
        dataProjectRunPermission,
        req.params.project,
      );
      const user =
        credentials.principal.type === 'user'
          ? credentials.principal.userEntityRef
          : undefined;
      const id = await runner.runJob({
        project: req.params.project,
        job: req.params.job,
        trigger: user ? 'manual' : 'api',
        requestedBy: user,
        ...(body.parameters && { parameters: body.parameters }),
      });
      res.status(202).json({ id });
    },
  );

  router.get('/runs', async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user-or-service');
    const query = parseInput(runsQuery, req.query, 'query');
    const readable = await authorizer.readableProjects(
      credentials,
      query.project,
    );
    const page = await facts.listJobRuns({ ...query, projects: readable });
    res.json(pageToApi(page, jobRunToApi));
  });

  router.get('/runs/:id', async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user-or-service');
    const run = await facts.getJobRun(req.params.id);
    const notFound = new NotFoundError(`No job run with id '${req.params.id}'`);
    if (!run) throw notFound;
    // A run of a project the caller may not read is not theirs to know of.
    const readable = await authorizer.readableProjects(credentials);
    if (!readable.includes(run.project)) throw notFound;
    res.json(jobRunDetailsToApi(run, await facts.listCosts(run.id)));
  });

  router.get('/quality', async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user-or-service');
    const query = parseInput(qualityQuery, req.query, 'query');
    const readable = await authorizer.readableProjects(
      credentials,
      query.project,
    );
    const page = await facts.listQualityResults({
      ...query,
      projects: readable,
    });
    res.json(pageToApi(page, qualityResultToApi));
  });

  router.get('/cost', async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user-or-service');
    const { limit, cursor, ...rollup } = parseInput(
      costQuery,
      req.query,
      'query',
    );
    const readable = await authorizer.readableProjects(
      credentials,
      rollup.project,
    );
    const rows = await facts.costRollup({ ...rollup, projects: readable });
    const page = listPage(
      rows,
      row => JSON.stringify([row.project, row.pipeline, row.team, row.month]),
      { limit, cursor },
    );
    res.json(pageToApi(page, costRollupToApi));
  });

  router.get('/freshness', async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user-or-service');
    const { limit, cursor, project } = parseInput(
      freshnessQuery,
      req.query,
      'query',
    );
    const readable = await authorizer.readableProjects(credentials, project);
    const reports = await datasetFreshnessReports({
      projects,
      facts,
      project,
      readable,
      now: now(),
    });
    const page = listPage(
      reports,
      report => JSON.stringify([report.project, report.dataset]),
      { limit, cursor },
    );
    res.json(pageToApi(page, datasetFreshnessToApi));
  });

  return router;
}
