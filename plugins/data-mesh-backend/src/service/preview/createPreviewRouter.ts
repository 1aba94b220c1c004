import { LoggerService, UserInfoService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { dataProjectEditPermission } from '@meshwork/data-mesh-common';
import type { TypedRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import Router from 'express-promise-router';
import { abortWhenClientLeaves } from '../api/abortWhenClientLeaves';
import { jsonBody } from '../api/jsonBody';
import type { FactsStore } from '../../database';
import type { EndpointMap } from '../../schema/openapi/generated';
import type { EngineRegistry } from '../EngineRegistry';
import type { DataProjectAuthorizer } from '../permissions/DataProjectAuthorizer';
import type { ProjectRepository } from '../projects/ProjectRepository';
import {
  CheckedPipelineCache,
  parsePreviewRequest,
} from './parsePreviewRequest';
import { PreviewAccessPolicy } from './PreviewAccessPolicy';
import { PreviewLimiter, PreviewLimitError } from './PreviewLimiter';
import { PreviewService } from './PreviewService';
import { readPreviewConfig } from './readPreviewConfig';

/** What {@link createPreviewRouter} needs. */
export interface PreviewRouterOptions {
  engines: EngineRegistry;
  projects: ProjectRepository;
  facts: FactsStore;
  config: Config;
  logger: LoggerService;
  authorizer: DataProjectAuthorizer;
  userInfo: UserInfoService;
  /** Who sees personal data unmasked; the owning team by default. */
  access?: PreviewAccessPolicy;
  /** A monotonic clock in milliseconds, for timings. */
  now?: () => number;
}

/**
 * Pipelines are files of at most a few MB (a 500-gem pipeline is 160 KB of
 * YAML); their JSON is of the same order.
 */
export const PREVIEW_BODY_LIMIT = '5mb';

/**
 * `POST /preview`: the data after any node of a pipeline (see
 * {@link PreviewService}). 400 for a malformed request or a pipeline that
 * does not compile (naming the field), 401 without credentials, 403 for a
 * user who may not edit the project, 404 for an unknown project, 429 with `Retry-After` beyond the concurrency limits,
 * 504 when the warehouse does not answer within the timeout. A client
 * that disconnects stops its query in the warehouse.
 *
 * Typed by the contract (src/schema/openapi.yaml), which describes the
 * pipeline only as an object: {@link parsePreviewRequest} checks it against
 * the file format and names the field of every problem.
 */
export async function createPreviewRouter(
  options: PreviewRouterOptions,
): Promise<express.Router> {
  const { authorizer, userInfo, logger } = options;
  const config = readPreviewConfig(options.config);
  const limiter = new PreviewLimiter(config.concurrency);
  const service = new PreviewService({ ...options, config });
  const pipelines = new CheckedPipelineCache();

  const router = Router() as TypedRouter<EndpointMap>;
  router.post('/preview', ...jsonBody(PREVIEW_BODY_LIMIT), async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user');
    // Who may preview is settled before the pipeline is looked at: a
    // preview runs the author's pipeline, so it needs edit rights.
    const project: unknown = req.body?.project;
    if (typeof project === 'string' && project.length > 0) {
      await authorizer.authorize(
        credentials,
        dataProjectEditPermission,
        project,
      );
    }
    const request = parsePreviewRequest(req.body, pipelines);
    let slot;
    try {
      slot = limiter.acquire(credentials.principal.userEntityRef);
    } catch (error) {
      if (error instanceof PreviewLimitError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
    const clientLeft = abortWhenClientLeaves(res);
    try {
      const viewer = await userInfo.getUserInfo(credentials);
      const preview = await service.preview(request, viewer, clientLeft.signal);
      res.json(preview);
    } catch (error) {
      if (clientLeft.signal.aborted) {
        logger.debug(
          `Preview of ${request.project}/${request.pipeline.name} node ${request.nodeId} stopped: the client left`,
        );
        return;
      }
      throw error;
    } finally {
      slot.release();
      clientLeft.done();
    }
  });
  return router;
}
