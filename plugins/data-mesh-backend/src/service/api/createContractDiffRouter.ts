import type { TypedRouter } from '@backstage/backend-openapi-utils';
import {
  compileProject,
  dataProjectEditPermission,
  dataProjectReadPermission,
  describeContractChange,
  diffContracts,
  manifestContracts,
  subscribersOfChange,
} from '@meshwork/data-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { EndpointMap } from '../../schema/openapi/generated';
import type { DataProjectAuthorizer } from '../permissions/DataProjectAuthorizer';
import { ProjectRepository } from '../projects/ProjectRepository';
import type { SubscribedTeams } from '../subscriptions/SubscribedTeams';
import { parseInput } from './parseInput';

export interface ContractDiffRouterOptions {
  projects: ProjectRepository;
  authorizer: DataProjectAuthorizer;
  /** Who uses the project's datasets; without it, no subscribers are named. */
  subscribedTeams?: Pick<SubscribedTeams, 'ofProject'>;
}

const contractDiffQuery = z.object({
  base: z.string().trim().min(1).max(256),
});

/**
 * `GET /projects/:project/contract-diff?base=<git ref>`: how the contracts
 * of a project's datasets changed since a git ref, and which subscribed
 * teams each change meets. The editor asks before a commit, so a producer
 * sees whom a breaking change would break.
 */
export function createContractDiffRouter(
  options: ContractDiffRouterOptions,
): express.Router {
  const { projects, authorizer, subscribedTeams } = options;
  const router = Router() as TypedRouter<EndpointMap>;

  router.get('/projects/:project/contract-diff', async (req, res) => {
    const { project } = req.params;
    const { base } = parseInput(contractDiffQuery, req.query, 'query');
    const credentials = await authorizer.credentials(req, 'user-or-service');
    await authorizer.authorize(credentials, dataProjectReadPermission, project);

    const baseFiles = await projects.sourcesAtRef(project, base, 'base');
    const before = compileProject(
      baseFiles,
      await projects.compileOptions(baseFiles),
    ).manifest;
    const after = await projects.manifest(project);
    // Internal datasets are for their owners (see the ODCS export).
    const mayEdit = await authorizer.allows(
      credentials,
      dataProjectEditPermission,
      project,
    );
    const internal = new Set(
      [...before.datasets, ...after.datasets]
        .filter(d => d.visibility === 'internal')
        .map(d => d.name),
    );
    const changes = diffContracts(
      manifestContracts(before),
      manifestContracts(after),
    ).filter(change => mayEdit || !internal.has(change.dataset));
    const subscriptions = subscribedTeams
      ? await subscribedTeams.ofProject(project)
      : [];
    res.json({
      project,
      base,
      changes: changes.map(change => ({
        ...change,
        description: describeContractChange(change),
        subscribers: subscribersOfChange(change, subscriptions),
      })),
    });
  });

  return router;
}
