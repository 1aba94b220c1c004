import { LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { FactsStore } from '../database';
import { createRunsRouter } from './api/createRunsRouter';
import { sanitizeErrors } from './api/sanitizeErrors';
import { EngineRegistry } from './EngineRegistry';
import type { DataProjectAuthorizer } from './permissions/DataProjectAuthorizer';
import { ProjectRepository } from './projects/ProjectRepository';
import { JobRunner } from './runs/JobRunner';

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
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { engines, version } = options;
  const router = Router();

  router.get('/health', async (_req, res) => {
    const engineStatuses = await Promise.all(
      engines.list().map(async engine => ({
        id: engine.id,
        dialect: engine.dialect,
        ...(await engine.status()),
      })),
    );
    res.json({ status: 'ok', version, engines: engineStatuses });
  });

  router.use(createRunsRouter(options));
  router.use(options.preview);
  router.use(sanitizeErrors(options.logger));

  return router;
}
