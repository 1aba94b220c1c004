import type { TypedRouter } from '@backstage/backend-openapi-utils';
import { dataProjectReadPermission } from '@meshwork/data-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import type { EndpointMap } from '../../schema/openapi/generated';
import type { DataProjectAuthorizer } from '../permissions/DataProjectAuthorizer';
import type { DatasetReadsService } from '../reads/DatasetReadsService';

export interface DatasetReadsRouterOptions {
  authorizer: DataProjectAuthorizer;
  reads: DatasetReadsService;
}

/**
 * `GET /projects/:project/datasets/:dataset/reads`: who read the dataset
 * in the last 30 days, for its data product's Overview. Needs the read
 * permission on the project.
 */
export function createDatasetReadsRouter(
  options: DatasetReadsRouterOptions,
): express.Router {
  const { authorizer, reads } = options;
  const router = Router() as TypedRouter<EndpointMap>;
  router.get('/projects/:project/datasets/:dataset/reads', async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user-or-service');
    const { project, dataset } = req.params;
    await authorizer.authorize(credentials, dataProjectReadPermission, project);
    const recent = await reads.recent(project, dataset);
    res.json({
      windowDays: recent.windowDays,
      since: recent.since.toISOString(),
      totalReads: recent.totalReads,
      readers: recent.readers.map(reader => ({
        ...reader,
        lastReadAt: reader.lastReadAt.toISOString(),
      })),
    });
  });
  return router;
}
