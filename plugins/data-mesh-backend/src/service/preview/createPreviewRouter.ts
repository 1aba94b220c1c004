import {
  HttpAuthService,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import express from 'express';
import Router from 'express-promise-router';
import type { FactsStore } from '../../database';
import type { EngineRegistry } from '../EngineRegistry';
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
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  /** Who sees personal data unmasked; the owning team by default. */
  access?: PreviewAccessPolicy;
  /** A monotonic clock in milliseconds, for timings. */
  now?: () => number;
}

/** Pipelines are files of at most a few MB; their JSON is of the same order. */
const BODY_LIMIT = '5mb';

/**
 * `POST /preview`: the data after any node of a pipeline (see
 * {@link PreviewService}). 400 for a malformed request or a pipeline that
 * does not compile (naming the field), 401 without credentials, 404 for an
 * unknown project, 429 with `Retry-After` beyond the concurrency limits,
 * 504 when the warehouse does not answer within the timeout. A client
 * that disconnects stops its query in the warehouse.
 */
export async function createPreviewRouter(
  options: PreviewRouterOptions,
): Promise<express.Router> {
  const { httpAuth, userInfo, logger } = options;
  const config = readPreviewConfig(options.config);
  const limiter = new PreviewLimiter(config.concurrency);
  const service = new PreviewService({ ...options, config });
  const pipelines = new CheckedPipelineCache();

  const router = Router();
  router.post(
    '/preview',
    express.json({ limit: BODY_LIMIT }),
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
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
      const controller = new AbortController();
      // 'close' before the response is written means the client left.
      const onClose = () => {
        if (!res.writableFinished) controller.abort();
      };
      res.on('close', onClose);
      try {
        const viewer = await userInfo.getUserInfo(credentials);
        const preview = await service.preview(
          request,
          viewer,
          controller.signal,
        );
        res.json(preview);
      } catch (error) {
        if (controller.signal.aborted) {
          logger.debug(
            `Preview of ${request.project}/${request.pipeline.name} node ${request.nodeId} stopped: the client left`,
          );
          return;
        }
        throw error;
      } finally {
        slot.release();
        res.off('close', onClose);
      }
    },
  );
  return router;
}
