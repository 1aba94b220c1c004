import express from 'express';
import Router from 'express-promise-router';
import { EngineRegistry } from './EngineRegistry';

export interface RouterOptions {
  engines: EngineRegistry;
  version: string;
}

export async function createRouter({
  engines,
  version,
}: RouterOptions): Promise<express.Router> {
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

  return router;
}
