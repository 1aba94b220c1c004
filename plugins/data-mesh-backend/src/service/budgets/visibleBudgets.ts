import type { components } from '../../schema/openapi/generated';
import { catalogLink } from '../alerts/entityRefs';
import { budgetEntityRef, BudgetUsage } from './budgetUsage';

type ApiBudget = components['schemas']['Budget'];

/**
 * The budgets whose usage the caller may see: a project's with the
 * project, a team's when it may read every project charged to the team
 * (else the total would reveal what it may not read, or mislead).
 */
export function visibleBudgets(
  usages: readonly BudgetUsage[],
  readable: readonly string[],
): BudgetUsage[] {
  const may = new Set(readable);
  return usages.filter(usage =>
    usage.scope === 'project'
      ? may.has(usage.name)
      : usage.projects.every(project => may.has(project)),
  );
}

/** Teams first, then projects, each by name. */
export function byScopeAndName(a: BudgetUsage, b: BudgetUsage): number {
  if (a.scope !== b.scope) return a.scope === 'team' ? -1 : 1;
  return a.name.localeCompare(b.name);
}

export function budgetToApi(usage: BudgetUsage): ApiBudget {
  const entityRef = budgetEntityRef(usage);
  return {
    scope: usage.scope,
    name: usage.name,
    month: usage.month,
    budgetDbus: usage.monthlyDbus,
    usedDbus: usage.usedDbus,
    ratio: usage.ratio,
    estimated: usage.estimated,
    entityRef,
    link: catalogLink(entityRef),
  };
}
