import { Config } from '@backstage/config';
import { groupRef } from '../alerts/entityRefs';

/** A monthly DBU budget of one team or one data project. */
export interface BudgetDefinition {
  scope: 'team' | 'project';
  /** The team's group entity ref (normalized), or the project's name. */
  name: string;
  monthlyDbus: number;
}

/** `dataMesh.budgets`: the budgets, and how often usage is held against them. */
export interface BudgetSettings {
  budgets: BudgetDefinition[];
  checkMinutes: number;
}

const DEFAULT_CHECK_MINUTES = 15;

const SCOPES = [
  { scope: 'team', list: 'teams', field: 'team' },
  { scope: 'project', list: 'projects', field: 'project' },
] as const;

/**
 * Reads the budgets the platform team sets, refusing at start-up anything
 * that would make a budget silently never alert: a missing or non-positive
 * amount, a missing name, the same team or project twice.
 */
export function readBudgetSettings(config: Config): BudgetSettings {
  const budgets: BudgetDefinition[] = [];
  for (const { scope, list, field } of SCOPES) {
    const key = `dataMesh.budgets.${list}`;
    const seen = new Map<string, string>();
    (config.getOptionalConfigArray(key) ?? []).forEach((entry, index) => {
      const at = `${key}[${index}]`;
      const raw = entry.getOptional(field);
      if (typeof raw !== 'string' || raw.trim() === '') {
        throw new Error(
          `${at}.${field} must name the ${scope} the budget is for${
            scope === 'team'
              ? ' (a group entity ref, e.g. group:default/sales-analytics)'
              : ''
          }`,
        );
      }
      const name = scope === 'team' ? groupRef(raw.trim()) : raw.trim();
      const monthlyDbus = entry.getOptional('monthlyDbus');
      if (
        typeof monthlyDbus !== 'number' ||
        !Number.isFinite(monthlyDbus) ||
        monthlyDbus <= 0
      ) {
        throw new Error(
          `${at}.monthlyDbus must be a positive number of DBUs, got ${JSON.stringify(
            monthlyDbus ?? null,
          )}`,
        );
      }
      const earlier = seen.get(name);
      if (earlier !== undefined) {
        throw new Error(
          `${at}.${field}: ${scope} '${name}' already has a budget at ${earlier}`,
        );
      }
      seen.set(name, at);
      budgets.push({ scope, name, monthlyDbus });
    });
  }
  const checkKey = 'dataMesh.budgets.checkMinutes';
  const checkMinutes =
    config.getOptionalNumber(checkKey) ?? DEFAULT_CHECK_MINUTES;
  if (!(checkMinutes > 0)) {
    throw new Error(
      `${checkKey} must be a positive number, got ${checkMinutes}`,
    );
  }
  return { budgets, checkMinutes };
}
