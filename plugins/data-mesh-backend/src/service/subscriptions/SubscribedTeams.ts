import {
  ContractSubscription,
  ImpactSubscriber,
  ImpactSubscriberLookup,
  LineageColumnRef,
  lineageDatasetId,
} from '@meshwork/data-mesh-common';
import type { SubscriptionStore } from './SubscriptionStore';
import type { Subscription } from './types';

/**
 * Which teams use a project's datasets, from the approved subscriptions:
 * what contract changes and column impacts are checked against.
 */
export class SubscribedTeams {
  constructor(
    private readonly store: Pick<SubscriptionStore, 'list'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Approved subscriptions still in force: one past its expiry stays
   * `approved` until the expiry task runs, but grants nothing any more.
   */
  private async approved(): Promise<Subscription[]> {
    const now = this.now().getTime();
    return (await this.store.list({ state: 'approved' })).filter(
      s => s.expiresAt === undefined || s.expiresAt.getTime() > now,
    );
  }

  /** The approved subscriptions to the datasets of a project. */
  async ofProject(project: string): Promise<ContractSubscription[]> {
    return (await this.approved())
      .filter(s => s.project === project)
      .map(s => ({
        dataset: s.dataset,
        team: s.team,
        ...(s.columns && { columns: s.columns }),
      }));
  }

  /**
   * The lookup of the column impact: the teams subscribed to the changed
   * dataset or a reached one that were granted the changed or a reached
   * column of it, or all its columns.
   */
  impactLookup(): ImpactSubscriberLookup {
    return async (_datasets, columns) => {
      const reached = columnsByDataset(columns);
      const found = new Map<string, ImpactSubscriber>();
      for (const s of await this.approved()) {
        const used = reached.get(datasetKey(s.project, s.dataset));
        if (!used) continue;
        if (s.columns && !s.columns.some(c => used.has(c.toLowerCase()))) {
          continue;
        }
        const dataset = lineageDatasetId(s.project, s.dataset);
        found.set(`${dataset}\n${s.team}`, { team: s.team, dataset });
      }
      return [...found.values()];
    };
  }
}

function datasetKey(project: string, dataset: string): string {
  return `${project}\n${dataset}`;
}

/** Column names in lower case (lineage compares them so) by dataset. */
function columnsByDataset(
  columns: readonly LineageColumnRef[],
): Map<string, Set<string>> {
  const byDataset = new Map<string, Set<string>>();
  for (const c of columns) {
    const key = datasetKey(c.project, c.dataset);
    const set = byDataset.get(key) ?? new Set<string>();
    set.add(c.column.toLowerCase());
    byDataset.set(key, set);
  }
  return byDataset;
}
