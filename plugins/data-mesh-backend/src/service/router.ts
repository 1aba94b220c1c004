import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { FactsStore } from '../database';
import { createRunsRouter } from './api/createRunsRouter';
import { EngineRegistry } from './EngineRegistry';
import { ProjectRepository } from './projects/ProjectRepository';
import { JobRunner } from './runs/JobRunner';

export interface RouterOptions {
  engines: EngineRegistry;
  version: string;
  facts: FactsStore;
  projects: ProjectRepository;
  runner: JobRunner;
  httpAuth: HttpAuthService;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { engines, version } = options;
  const router = Router();
  router.use(express.json());

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

  return router;
}
