import { FactsStore } from '../../database';
import { groupRef } from '../alerts/entityRefs';
import { BudgetDefinition } from './budgetSettings';

/** A budget held against one month's usage. */
export interface BudgetUsage extends BudgetDefinition {
  /** `YYYY-MM`. */
  month: string;
  usedDbus: number;
  /** `usedDbus / monthlyDbus`. */
  ratio: number;
  /** True when any of the usage is still an estimate rather than billed. */
  estimated: boolean;
  /** The projects whose runs the usage comes from. */
  projects: string[];
  /** The team names as the cost records spell them (team budgets only). */
  chargedAs: string[];
}

/** One pipeline's DBUs in a month, for "where did the budget go". */
export interface PipelineUsage {
  project: string;
  /** Null for figures that cover a whole run rather than one pipeline. */
  pipeline: string | null;
  dbus: number;
}

/** The month a moment falls in, as usage is booked: UTC `YYYY-MM`. */
export function usageMonth(now: Date): string {
  return now.toISOString().slice(0, 7);
}

/**
 * Each budget's usage in `month`, from the facts store's cost records:
 * billed usage where it is known, else the estimate (billed usage replaces
 * a run's estimates as it arrives). Team budgets count every project
 * charged to the team, however the project file spells the team.
 */
export async function budgetUsage(
  facts: FactsStore,
  budgets: readonly BudgetDefinition[],
  month: string,
): Promise<BudgetUsage[]> {
  if (budgets.length === 0) return [];
  const range = { from: month, to: month };
  const byProject = new Map(
    (await facts.costRollup({ groupBy: 'project', ...range })).map(row => [
      row.project!,
      row,
    ]),
  );
  const teamNames = (await facts.costRollup({ groupBy: 'team', ...range }))
    .map(row => row.team!)
    .filter(Boolean);

  const usages: BudgetUsage[] = [];
  for (const budget of budgets) {
    if (budget.scope === 'project') {
      const row = byProject.get(budget.name);
      usages.push(
        usageOf(budget, month, row?.dbus ?? 0, row?.estimated ?? false, {
          projects: row ? [budget.name] : [],
          chargedAs: [],
        }),
      );
      continue;
    }
    const chargedAs = teamNames.filter(team => groupRef(team) === budget.name);
    let dbus = 0;
    let estimated = false;
    const projects = new Set<string>();
    for (const team of chargedAs) {
      for (const row of await facts.costRollup({
        groupBy: 'project',
        team,
        ...range,
      })) {
        dbus += row.dbus;
        estimated ||= row.estimated;
        projects.add(row.project!);
      }
    }
    usages.push(
      usageOf(budget, month, dbus, estimated, {
        projects: [...projects].sort(),
        chargedAs,
      }),
    );
  }
  return usages;
}

/** The pipelines that used most of a budget's DBUs in its month. */
export async function topPipelines(
  facts: FactsStore,
  usage: BudgetUsage,
  limit = 3,
): Promise<PipelineUsage[]> {
  const range = { from: usage.month, to: usage.month };
  const rows =
    usage.scope === 'project'
      ? await facts.costRollup({
          groupBy: 'pipeline',
          project: usage.name,
          ...range,
        })
      : (
          await Promise.all(
            usage.chargedAs.map(team =>
              facts.costRollup({ groupBy: 'pipeline', team, ...range }),
            ),
          )
        ).flat();
  return rows
    .map(row => ({
      project: row.project!,
      pipeline: row.pipeline ?? null,
      dbus: row.dbus,
    }))
    .sort((a, b) => b.dbus - a.dbus)
    .slice(0, limit);
}

/** The entity a budget belongs to: the team's Group or the project's Component. */
export function budgetEntityRef(budget: BudgetDefinition): string {
  return budget.scope === 'team'
    ? budget.name
    : `component:default/${budget.name}`;
}

function usageOf(
  budget: BudgetDefinition,
  month: string,
  dbus: number,
  estimated: boolean,
  rest: Pick<BudgetUsage, 'projects' | 'chargedAs'>,
): BudgetUsage {
  const usedDbus = round(dbus, 3);
  return {
    ...budget,
    month,
    usedDbus,
    ratio: round(usedDbus / budget.monthlyDbus, 4),
    estimated,
    ...rest,
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
