import { mockServices } from '@backstage/backend-test-utils';
import type express from 'express';
import type { FactsStore } from '../database';
import { EngineRegistry } from '../service/EngineRegistry';
import type { DataProjectAuthorizer } from '../service/permissions/DataProjectAuthorizer';
import { createPipelineTestsRouter } from '../service/tests/createPipelineTestsRouter';
import { createSampleRouter } from '../service/api/createSampleRouter';
import { createJobEditorRouter } from '../service/editor/createJobEditorRouter';
import { createPipelineEditorRouter } from '../service/editor/createPipelineEditorRouter';
import { createPreviewRouter } from '../service/preview';
import type { ProjectRepository } from '../service/projects/ProjectRepository';
import { createRouter } from '../service/router';
import type { JobRunner } from '../service/runs/JobRunner';
import { spec } from './openapi/generated';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** `GET /runs/:id` for every route of the router and of the routers it uses. */
function servedRoutes(router: express.Router): string[] {
  const routes: string[] = [];
  const visit = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          routes.push(`${method.toUpperCase()} ${layer.route.path}`);
        }
      } else if (layer.handle.stack) {
        visit(layer.handle.stack);
      }
    }
  };
  visit((router as unknown as { stack: Layer[] }).stack);
  return routes.sort();
}

/** `GET /runs/:id` for every operation of the contract. */
function contractRoutes(): string[] {
  return Object.entries(spec.paths)
    .flatMap(([path, item]) =>
      Object.keys(item).map(
        method =>
          `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    )
    .sort();
}

describe('the data-mesh API contract', () => {
  it('describes every route the router serves, and the router serves every operation it describes', async () => {
    // Only the routes are looked at: nothing here is called.
    const unused = {} as never;
    const logger = mockServices.logger.mock();
    const router = await createRouter({
      engines: new EngineRegistry(),
      version: '0.0.0',
      facts: unused as FactsStore,
      projects: unused as ProjectRepository,
      runner: unused as JobRunner,
      authorizer: unused as DataProjectAuthorizer,
      logger,
      httpAuth: unused,
      subscriptions: unused,
      preview: await createPreviewRouter({
        engines: new EngineRegistry(),
        projects: unused as ProjectRepository,
        facts: unused as FactsStore,
        config: mockServices.rootConfig(),
        logger,
        authorizer: unused as DataProjectAuthorizer,
        userInfo: mockServices.userInfo(),
      }),
      editor: createPipelineEditorRouter({
        authorizer: unused as DataProjectAuthorizer,
        editor: unused,
        authorOf: unused,
      }),
      jobEditor: createJobEditorRouter({
        authorizer: unused as DataProjectAuthorizer,
        editor: unused,
        authorOf: unused,
      }),
      sample: createSampleRouter({
        authorizer: unused as DataProjectAuthorizer,
        userInfo: mockServices.userInfo(),
        samples: unused,
      }),
      tests: createPipelineTestsRouter({
        authorizer: unused as DataProjectAuthorizer,
        tests: unused,
      }),
    });

    // backend-openapi-utils serves the contract itself.
    const served = servedRoutes(router).filter(r => r !== 'GET /openapi.json');
    expect(served).toEqual(contractRoutes());
  });
});
