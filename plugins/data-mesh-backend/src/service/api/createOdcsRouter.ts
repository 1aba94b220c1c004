import type { TypedRouter } from '@backstage/backend-openapi-utils';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  dataProjectEditPermission,
  dataProjectReadPermission,
  datasetToOdcs,
  renderOdcsYaml,
  validateOdcs,
} from '@meshwork/data-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import type { EndpointMap } from '../../schema/openapi/generated';
import type { DataProjectAuthorizer } from '../permissions/DataProjectAuthorizer';
import { ProjectRepository } from '../projects/ProjectRepository';

export interface OdcsRouterOptions {
  projects: ProjectRepository;
  authorizer: DataProjectAuthorizer;
}

/**
 * `GET /projects/:project/datasets/:dataset/odcs`: a dataset's contract as
 * an ODCS v3.1.0 document in YAML, for anyone who may read the project
 * (the DataProduct page offers it as a download); an internal dataset's
 * only for those who may edit the project (its owning team and the platform
 * team under the recommended policy). It is built from the
 * project as it is now, so it carries the current lineage formulas.
 */
export function createOdcsRouter(options: OdcsRouterOptions): express.Router {
  const { projects, authorizer } = options;
  const router = Router() as TypedRouter<EndpointMap>;

  router.get('/projects/:project/datasets/:dataset/odcs', async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user-or-service');
    const { project, dataset: name } = req.params;
    await authorizer.authorize(credentials, dataProjectReadPermission, project);

    const manifest = await projects.manifest(project);
    const dataset = manifest.datasets.find(d => d.name === name);
    if (!dataset) {
      throw new NotFoundError(
        `No dataset named '${name}' in the data project '${project}'`,
      );
    }
    if (
      dataset.visibility === 'internal' &&
      !(await authorizer.allows(
        credentials,
        dataProjectEditPermission,
        project,
      ))
    ) {
      // Internal datasets are for their owners (DESIGN "Access"); the
      // catalog hides their DataProducts, so their contracts stay home too.
      throw new NotAllowedError(
        `The dataset '${name}' of '${project}' is internal: only its owners and the platform team may export its contract`,
      );
    }
    const document = datasetToOdcs({ dataset, project: manifest.project });
    const problems = validateOdcs(document);
    if (problems.length > 0) {
      // The mapping's fault, never the caller's: a 500 with what is wrong.
      throw new Error(
        `The contract of '${name}' does not validate against ODCS v3.1.0: ${problems
          .map(p => `${p.path || '(document)'}: ${p.message}`)
          .join('; ')}`,
      );
    }
    res
      .status(200)
      .type('application/yaml')
      .setHeader('Content-Disposition', `inline; filename="${name}.odcs.yaml"`)
      .send(renderOdcsYaml(document));
  });

  return router;
}
