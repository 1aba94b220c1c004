import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { FactsStore } from '../database';
import { createOpenApiRouter } from '../schema/openapi/generated';
import { createRunsRouter, RUNS_BODY_LIMIT } from './api/createRunsRouter';
import { createOdcsRouter } from './api/createOdcsRouter';
import { createSubscriptionsRouter } from './api/createSubscriptionsRouter';
import { createLineageRouter } from './api/createLineageRouter';
import { createContractDiffRouter } from './api/createContractDiffRouter';
import { createProjectRouter } from './api/createProjectRouter';
import { createBudgetsRouter } from './budgets/createBudgetsRouter';
import {
  createMonitoringRouter,
  MonitoringSettings,
} from './monitoring/createMonitoringRouter';
import { jsonBody } from './api/jsonBody';
import { sanitizeErrors } from './api/sanitizeErrors';
import { EngineRegistry } from './EngineRegistry';
import type { DataProjectAuthorizer } from './permissions/DataProjectAuthorizer';
import { createDatasetReadsRouter } from './api/createDatasetReadsRouter';
import { PREVIEW_BODY_LIMIT } from './preview/createPreviewRouter';
import { ProjectRepository } from './projects/ProjectRepository';
import { DatasetReadsService } from './reads/DatasetReadsService';
import { JobRunner } from './runs/JobRunner';
import type { SubscriptionService } from './subscriptions/SubscriptionService';
import type { SubscribedTeams } from './subscriptions/SubscribedTeams';

/** The contract's `year-month` format: a month as `YYYY-MM`. */
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The editor's endpoints, whose bodies carry a whole pipeline file. */
const PIPELINE_FILE_PATHS = '/projects/:project/pipelines/:pipeline';

/** The validated router's own body parser, which the router above replaces. */
const bodiesParsedAbove: express.RequestHandler = (_req, _res, next) => next();

export interface RouterOptions {
  engines: EngineRegistry;
  version: string;
  facts: FactsStore;
  projects: ProjectRepository;
  runner: JobRunner;
  authorizer: DataProjectAuthorizer;
  logger: LoggerService;
  /** `POST /preview`, from {@link createPreviewRouter}. */
  preview: express.Router;
  /** `GET /projects/:project/datasets/:dataset/sample`, from createSampleRouter. */
  sample?: express.Router;
  /** Who read which dataset lately; one is made from the facts without it. */
  reads?: DatasetReadsService;
  httpAuth: HttpAuthService;
  subscriptions: SubscriptionService;
  /** Who uses which datasets: for contract diffs and column impact. */
  subscribedTeams?: SubscribedTeams;
  /** The pipeline editor's git endpoints, from createPipelineEditorRouter. */
  editor?: express.Router;
  /** The jobs view's git endpoints, from createJobEditorRouter. */
  jobEditor?: express.Router;
  /** The pipeline tests' endpoints, from createPipelineTestsRouter. */
  tests?: express.Router;
  /** What `/budgets` and `/monitoring` need; without it, no budgets. */
  monitoring?: MonitoringSettings;
}

/**
 * The data-mesh API, served as its contract (src/schema/openapi.yaml)
 * describes it: requests are validated against the contract before any
 * handler runs, and a request the contract refuses is a 400 naming the
 * field. The contract is served at `/openapi.json`.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { engines, version } = options;
  const router = Router();
  // Bodies are parsed, size-limited and depth-checked before the validator
  // walks them (pipelines may be a few MB, anything else is small, and no
  // body is nested deep enough to exhaust the stack), and outside the
  // validated router: it turns every error that reaches it into a 400,
  // which would hide the 413 of a body over the limit.
  router.use('/preview', ...jsonBody(PREVIEW_BODY_LIMIT));
  router.use(PIPELINE_FILE_PATHS, ...jsonBody(PREVIEW_BODY_LIMIT));
  router.use(...jsonBody(RUNS_BODY_LIMIT));
  const api = await createOpenApiRouter({
    middleware: [bodiesParsedAbove],
    validatorOptions: { formats: { 'year-month': YEAR_MONTH } },
  });
  router.use(api);

  api.get('/health', async (_req, res) => {
    const engineStatuses = await Promise.all(
      engines.list().map(async engine => ({
        id: engine.id,
        dialect: engine.dialect,
        ...(await engine.status()),
      })),
    );
    res.json({ status: 'ok', version, engines: engineStatuses });
  });

  api.use(createRunsRouter(options));
  api.use(createOdcsRouter(options));
  api.use(createSubscriptionsRouter(options));
  api.use(
    createLineageRouter({
      ...options,
      subscribers: options.subscribedTeams?.impactLookup(),
    }),
  );
  api.use(createContractDiffRouter(options));
  api.use(createProjectRouter(options));
  const monitoring = options.monitoring ?? {
    budgets: [],
    platformTeam: undefined,
  };
  api.use(createBudgetsRouter({ ...options, ...monitoring }));
  api.use(createMonitoringRouter({ ...options, ...monitoring }));
  api.use(options.preview);
  if (options.sample) api.use(options.sample);
  api.use(
    createDatasetReadsRouter({
      ...options,
      reads: options.reads ?? new DatasetReadsService(options),
    }),
  );
  if (options.editor) api.use(options.editor);
  if (options.jobEditor) api.use(options.jobEditor);
  if (options.tests) api.use(options.tests);
  router.use(sanitizeErrors(options.logger));

  return router;
}
