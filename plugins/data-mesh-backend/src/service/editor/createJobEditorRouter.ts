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
import {
  commitBody,
  pullRequestBody,
  sendPullRequest,
} from './createPipelineEditorRouter';
import type { JobEditorService } from './JobEditorService';
import type { PipelineEditor } from './PipelineEditorService';

export interface JobEditorRouterOptions {
  authorizer: DataProjectAuthorizer;
  editor: JobEditorService;
  /** The name and email git records for a user. */
  authorOf(userEntityRef: string): Promise<PipelineEditor['author']>;
}

/** What job file names allow (FILE_NAME in data-mesh-common). */
const jobName = z
  .string()
  .max(200)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$/, 'not a job name');

const params = z.object({ project: z.string().min(1), job: jobName });

/**
 * The jobs view's git endpoints under `/projects/:project/jobs/:job/`: the
 * job file (`source`) and new commits of it (`commits`). Reading needs the
 * read permission on the project, committing the edit permission.
 */
export function createJobEditorRouter(
  options: JobEditorRouterOptions,
): express.Router {
  const { authorizer, editor, authorOf } = options;
  const router = Router() as TypedRouter<EndpointMap>;
  const base = '/projects/:project/jobs/:job';

  router.get(`${base}/source`, async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user');
    const { project, job } = parseInput(params, req.params, 'path');
    await authorizer.authorize(credentials, dataProjectReadPermission, project);
    const source = await editor.open(
      project,
      job,
      credentials.principal.userEntityRef,
    );
    const canEdit = await authorizer.allows(
      credentials,
      dataProjectEditPermission,
      project,
    );
    res.json({
      ...source,
      diagnostics: [...source.diagnostics],
      pipelines: [...source.pipelines],
      canEdit,
    });
  });

  router.post(`${base}/commits`, async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user');
    const { project, job } = parseInput(params, req.params, 'path');
    await authorizer.authorize(credentials, dataProjectEditPermission, project);
    const body = parseInput(commitBody, req.body, 'body');
    const user = credentials.principal.userEntityRef;
    const saved = await editor.save(
      project,
      job,
      { userEntityRef: user, author: await authorOf(user) },
      body,
    );
    res.status(201).json({ ...saved, changedPaths: [...saved.changedPaths] });
  });

  router.post(`${base}/pull-request`, async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user');
    const { project, job } = parseInput(params, req.params, 'path');
    await authorizer.authorize(credentials, dataProjectEditPermission, project);
    const body = parseInput(pullRequestBody, req.body, 'body');
    sendPullRequest(
      res,
      await editor.openPullRequest(
        project,
        job,
        credentials.principal.userEntityRef,
        body,
      ),
    );
  });

  return router;
}
