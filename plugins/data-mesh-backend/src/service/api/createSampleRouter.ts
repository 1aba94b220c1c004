import type { TypedRouter } from '@backstage/backend-openapi-utils';
import { UserInfoService } from '@backstage/backend-plugin-api';
import { dataProjectReadPermission } from '@meshwork/data-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import type { EndpointMap } from '../../schema/openapi/generated';
import type { DataProjectAuthorizer } from '../permissions/DataProjectAuthorizer';
import { DatasetSampleService } from '../sample/DatasetSampleService';
import { abortWhenClientLeaves } from './abortWhenClientLeaves';

export interface SampleRouterOptions {
  authorizer: DataProjectAuthorizer;
  userInfo: UserInfoService;
  samples: DatasetSampleService;
}

/**
 * `GET /projects/:project/datasets/:dataset/sample`: a few rows of a
 * dataset for its owning team and its subscribers (the Sample tab). Needs
 * the read permission on the project; whose data it is decides what rows
 * and columns, and a 403 says how to ask for access.
 */
export function createSampleRouter(
  options: SampleRouterOptions,
): express.Router {
  const { authorizer, userInfo, samples } = options;
  const router = Router() as TypedRouter<EndpointMap>;
  router.get(
    '/projects/:project/datasets/:dataset/sample',
    async (req, res) => {
      const credentials = await authorizer.credentials(req, 'user');
      await authorizer.authorize(
        credentials,
        dataProjectReadPermission,
        req.params.project,
      );
      const clientLeft = abortWhenClientLeaves(res);
      try {
        const viewer = await userInfo.getUserInfo(credentials);
        res.json(
          await samples.sample(
            req.params.project,
            req.params.dataset,
            viewer,
            clientLeft.signal,
          ),
        );
      } finally {
        clientLeft.done();
      }
    },
  );
  return router;
}
