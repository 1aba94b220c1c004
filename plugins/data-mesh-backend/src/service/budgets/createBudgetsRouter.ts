import type { TypedRouter } from '@backstage/backend-openapi-utils';
import { dataProjectReadPermission } from '@meshwork/data-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { FactsStore } from '../../database';
import type { EndpointMap } from '../../schema/openapi/generated';
import { groupRef } from '../alerts/entityRefs';
import { parseInput } from '../api/parseInput';
import type { DataProjectAuthorizer } from '../permissions/DataProjectAuthorizer';
import { BudgetDefinition } from './budgetSettings';
import { budgetUsage, usageMonth } from './budgetUsage';
import { budgetToApi, byScopeAndName, visibleBudgets } from './visibleBudgets';

export interface BudgetsRouterOptions {
  facts: FactsStore;
  authorizer: DataProjectAuthorizer;
  budgets: readonly BudgetDefinition[];
  now?: () => Date;
}

const budgetsQuery = z.strictObject({
  project: z.string().min(1).optional(),
  team: z.string().min(1).optional(),
});

/**
 * `GET /budgets`: this month's usage against each budget the caller may
 * see. `project` and `team` pick that project's and that team's budgets
 * (both: both); a project that does not exist is a 404, one the caller may
 * not read a 403, as on the other endpoints.
 */
export function createBudgetsRouter(
  options: BudgetsRouterOptions,
): express.Router {
  const { facts, authorizer, budgets } = options;
  const now = options.now ?? (() => new Date());
  const router = Router() as TypedRouter<EndpointMap>;

  router.get('/budgets', async (req, res) => {
    const credentials = await authorizer.credentials(req, 'user-or-service');
    const query = parseInput(budgetsQuery, req.query, 'query');
    if (query.project !== undefined) {
      await authorizer.authorize(
        credentials,
        dataProjectReadPermission,
        query.project,
      );
    }
    const team = query.team === undefined ? undefined : groupRef(query.team);
    const filtered = query.project !== undefined || team !== undefined;
    const wanted = budgets.filter(
      budget =>
        !filtered ||
        (budget.scope === 'project' && budget.name === query.project) ||
        (budget.scope === 'team' && budget.name === team),
    );
    const readable = await authorizer.readableProjects(credentials);
    const usages = visibleBudgets(
      await budgetUsage(facts, wanted, usageMonth(now())),
      readable,
    );
    res.json({ items: usages.sort(byScopeAndName).map(budgetToApi) });
  });

  return router;
}
