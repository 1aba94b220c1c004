import type { TypedRouter } from '@backstage/backend-openapi-utils';
import {
  dataProjectEditPermission,
  dataProjectReadPermission,
} from '@meshwork/data-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { EndpointMap } from '../../schema/openapi/generated';
import { parseInput } from '../api/parseInput';
import type { DataProjectAuthorizer } from '../permissions/DataProjectAuthorizer';
import type { PipelineTestService } from './PipelineTestService';

export interface PipelineTestsRouterOptions {
  authorizer: DataProjectAuthorizer;
  tests: PipelineTestService;
}

const params = z.object({ project: z.string().min(1).max(255) });
/** Branch and commit names; git's own rules are checked when it is read. */
const ref = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9._/-]+$/, 'not a branch or commit name')
  .refine(value => !value.split('/').includes('..'), 'not a branch name');
const listQuery = z.object({ ref: ref.optional() });
const runBody = z
  .object({
    subject: z.string().min(1).max(255).optional(),
    ref: ref.optional(),
  })
  .strict();

/**
 * The pipeline tests of a project under `/projects/:project/tests`: the
 * tests with their last results (read permission), and runs of them (edit
 * permission: the teams who change the code run its tests, as CI does).
 */
export function createPipelineTestsRouter(
  options: PipelineTestsRouterOptions,
): express.Router {
  const { authorizer, tests } = options;
  const router = Router() as TypedRouter<EndpointMap>;

  router.get('/projects/:project/tests', async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user');
    const { project } = parseInput(params, req.params, 'path');
    const query = parseInput(listQuery, req.query, 'query');
    await authorizer.authorize(credentials, dataProjectReadPermission, project);
    const [listed, canRun] = await Promise.all([
      tests.list(project, query.ref),
      authorizer.allows(credentials, dataProjectEditPermission, project),
    ]);
    res.json({
      project,
      ...(query.ref && { ref: query.ref }),
      tests: listed.map(({ lastResult, ...test }) =>
        lastResult
          ? {
              ...test,
              lastResult: {
                ...lastResult,
                ranAt: lastResult.ranAt.toISOString(),
              },
            }
          : test,
      ),
      canRun,
    });
  });

  router.post('/projects/:project/tests/runs', async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user');
    const { project } = parseInput(params, req.params, 'path');
    await authorizer.authorize(credentials, dataProjectEditPermission, project);
    const body = parseInput(runBody, req.body, 'body');
    const results = await tests.run(project, {
      ...body,
      ranBy: credentials.principal.userEntityRef,
    });
    const count = (status: string) =>
      results.filter(r => r.status === status).length;
    res.json({
      results: results.map(r => ({ ...r, ranAt: r.ranAt.toISOString() })),
      passed: count('passed'),
      failed: count('failed'),
      errors: count('error'),
    });
  });

  return router;
}
