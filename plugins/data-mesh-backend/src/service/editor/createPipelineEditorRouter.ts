import type { TypedRouter } from '@backstage/backend-openapi-utils';
import { NotFoundError } from '@backstage/errors';
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
import type { PipelineDraft } from './PipelineDraftStore';
import type {
  PipelineEditor,
  PipelineEditorService,
} from './PipelineEditorService';

export interface PipelineEditorRouterOptions {
  authorizer: DataProjectAuthorizer;
  editor: PipelineEditorService;
  /** The name and email git records for a user. */
  authorOf(userEntityRef: string): Promise<PipelineEditor['author']>;
}

/** What pipeline file names allow (FILE_NAME in data-mesh-common). */
const pipelineName = z
  .string()
  .max(200)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$/, 'not a pipeline name');

const commitId = z
  .string()
  .regex(/^[0-9a-fA-F]{4,40}$/, 'not a commit id (4 to 40 hex digits)');

const params = z.object({ project: z.string().min(1), pipeline: pipelineName });
const sourceQuery = z.object({ at: commitId.optional() });
/** The body of a commit of an edited file; also the job editor's. */
export const commitBody = z
  .object({ text: z.string(), baseCommit: commitId, message: z.string() })
  .strict();
/** The body of a pull request's opening; also the job editor's. */
export const pullRequestBody = z
  .object({
    title: z.string().trim().min(1, 'say what the change does').max(256),
    body: z.string().max(20_000).optional(),
  })
  .strict();

/** A pull request, 201 when this call opened it, 200 when it was open. */
export function sendPullRequest(
  res: express.Response,
  pullRequest: { number: number; url: string; created: boolean },
) {
  res.status(pullRequest.created ? 201 : 200).json({
    number: pullRequest.number,
    url: pullRequest.url,
    created: pullRequest.created,
  });
}

const revertBody = z.object({ commit: commitId }).strict();
const draftBody = z.object({ text: z.string(), baseCommit: commitId }).strict();

function draftJson(draft: PipelineDraft) {
  return {
    project: draft.project,
    pipeline: draft.pipeline,
    baseCommit: draft.baseCommit,
    text: draft.text,
    updatedAt: draft.updatedAt.toISOString(),
  };
}

/**
 * The pipeline editor's git endpoints under
 * `/projects/:project/pipelines/:pipeline/`: the file (`source`), its
 * history and new commits (`commits`), reverts, and the caller's draft.
 * Reading needs the read permission on the project; committing and drafts
 * the edit permission. Bodies (a pipeline file of up to a few MB) are
 * parsed ahead of the contract's validator, see `createRouter`.
 */
export function createPipelineEditorRouter(
  options: PipelineEditorRouterOptions,
): express.Router {
  const { authorizer, editor, authorOf } = options;
  const router = Router() as TypedRouter<EndpointMap>;
  const base = '/projects/:project/pipelines/:pipeline';

  /** The caller, allowed `permission` on the project, and the path's names. */
  async function caller(
    req: express.Request<any>,
    permission:
      | typeof dataProjectReadPermission
      | typeof dataProjectEditPermission,
  ) {
    const credentials = await authorizer.credentials(req, 'user');
    const { project, pipeline } = parseInput(params, req.params, 'path');
    await authorizer.authorize(credentials, permission, project);
    return {
      credentials,
      project,
      pipeline,
      user: credentials.principal.userEntityRef,
    };
  }

  async function editorOf(userEntityRef: string): Promise<PipelineEditor> {
    return { userEntityRef, author: await authorOf(userEntityRef) };
  }

  router.get(`${base}/source`, async (req, res) => {
    const { credentials, project, pipeline, user } = await caller(
      req,
      dataProjectReadPermission,
    );
    const { at } = parseInput(sourceQuery, req.query, 'query');
    const { standards, ...source } = await editor.open(
      project,
      pipeline,
      user,
      at,
    );
    const canEdit = await authorizer.allows(
      credentials,
      dataProjectEditPermission,
      project,
    );
    res.json({
      ...source,
      diagnostics: [...source.diagnostics],
      projectFiles: [...source.projectFiles],
      ...(standards && {
        standards: { version: standards.version, files: [...standards.files] },
      }),
      canEdit,
    });
  });

  router.get(`${base}/commits`, async (req, res) => {
    const { project, pipeline, user } = await caller(
      req,
      dataProjectReadPermission,
    );
    const history = await editor.history(project, pipeline, user);
    res.json({
      ...history,
      commits: history.commits.map(c => ({
        ...c,
        parents: [...c.parents],
        changedPaths: [...c.changedPaths],
      })),
    });
  });

  router.post(`${base}/commits`, async (req, res) => {
    const { project, pipeline, user } = await caller(
      req,
      dataProjectEditPermission,
    );
    const body = parseInput(commitBody, req.body, 'body');
    const saved = await editor.save(
      project,
      pipeline,
      await editorOf(user),
      body,
    );
    res.status(201).json({ ...saved, changedPaths: [...saved.changedPaths] });
  });

  router.post(`${base}/reverts`, async (req, res) => {
    const { project, pipeline, user } = await caller(
      req,
      dataProjectEditPermission,
    );
    const body = parseInput(revertBody, req.body, 'body');
    const saved = await editor.revert(
      project,
      pipeline,
      await editorOf(user),
      body,
    );
    res.status(201).json({ ...saved, changedPaths: [...saved.changedPaths] });
  });

  router.post(`${base}/pull-request`, async (req, res) => {
    const { project, pipeline, user } = await caller(
      req,
      dataProjectEditPermission,
    );
    const body = parseInput(pullRequestBody, req.body, 'body');
    sendPullRequest(
      res,
      await editor.openPullRequest(project, pipeline, user, body),
    );
  });

  router.get(`${base}/draft`, async (req, res) => {
    const { project, pipeline, user } = await caller(
      req,
      dataProjectEditPermission,
    );
    const draft = await editor.draft(project, pipeline, user);
    if (!draft) {
      throw new NotFoundError(
        `You have no draft of the pipeline '${pipeline}'`,
      );
    }
    res.json(draftJson(draft));
  });

  router.put(`${base}/draft`, async (req, res) => {
    const { project, pipeline, user } = await caller(
      req,
      dataProjectEditPermission,
    );
    const body = parseInput(draftBody, req.body, 'body');
    res.json(draftJson(await editor.saveDraft(project, pipeline, user, body)));
  });

  router.delete(`${base}/draft`, async (req, res) => {
    const { project, pipeline, user } = await caller(
      req,
      dataProjectEditPermission,
    );
    res.json({
      discarded: await editor.discardDraft(project, pipeline, user),
    });
  });

  return router;
}
