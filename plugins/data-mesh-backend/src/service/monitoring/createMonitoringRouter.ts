import type { TypedRouter } from '@backstage/backend-openapi-utils';
import { UserInfoService } from '@backstage/backend-plugin-api';
import { dataProjectRunPermission } from '@meshwork/data-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import type { EndpointMap } from '../../schema/openapi/generated';
import { groupRef } from '../alerts/entityRefs';
import { BudgetDefinition } from '../budgets/budgetSettings';
import type { DataProjectAuthorizer } from '../permissions/DataProjectAuthorizer';
import { monitoringSummary, MonitoringSources } from './monitoringSummary';

/** The budgets, and how to tell whose they are. */
export interface MonitoringSettings {
  budgets: readonly BudgetDefinition[];
  /** Reads a user's teams, for their teams' budgets. */
  userInfo?: UserInfoService;
  /** Its members see every budget. */
  platformTeam?: string;
}

export interface MonitoringRouterOptions
  extends MonitoringSources,
    MonitoringSettings {
  authorizer: DataProjectAuthorizer;
  now?: () => Date;
}

/**
 * `GET /monitoring`: what needs attention in the projects the caller looks
 * after. Those are the projects it may run, so the company's permission
 * policy decides: under the recommended one, its teams' projects, and
 * every project for the platform team. Budgets: those of these projects,
 * of their teams and of the user's own teams; every budget for the
 * platform team.
 */
export function createMonitoringRouter(
  options: MonitoringRouterOptions,
): express.Router {
  const { authorizer, userInfo, platformTeam } = options;
  const now = options.now ?? (() => new Date());
  const router = Router() as TypedRouter<EndpointMap>;

  router.get('/monitoring', async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user-or-service');
    const projects = await authorizer.allowedProjects(
      credentials,
      dataProjectRunPermission,
    );
    let teams: string[] = [];
    let allBudgets = false;
    if (userInfo && credentials.principal.type === 'user') {
      const claims = (
        await userInfo.getUserInfo(
          credentials as Parameters<UserInfoService['getUserInfo']>[0],
        )
      ).ownershipEntityRefs.filter(ref => ref.startsWith('group:'));
      teams = claims.map(groupRef);
      allBudgets =
        platformTeam !== undefined && teams.includes(groupRef(platformTeam));
    }
    res.json(
      await monitoringSummary(options, projects, now(), { teams, allBudgets }),
    );
  });

  return router;
}
