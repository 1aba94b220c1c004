import { parseEntityRef } from '@backstage/catalog-model';
import type { ManifestDatasetDeclaration } from '@meshwork/data-mesh-common';
import type { TableReadGrant } from '@meshwork/data-mesh-node';
import type { EngineRegistry } from '../EngineRegistry';
import type { LoadedProjectCache } from '../preview/LoadedProjectCache';
import type { Subscription } from './types';

/** Why a grant could not be applied or removed; its message is shown to people. */
export class GrantError extends Error {
  name = 'GrantError';
}

/**
 * Applies and removes the warehouse access of subscriptions through the
 * engine that holds the datasets (`dataMesh.runner.engine`). On an engine
 * with users of its own (Databricks) that is a `GRANT` to the consuming
 * team's group; on one without (the embedded DuckDB) there is nothing to
 * run: the approval is the grant, and the portal enforces it in what it
 * reads itself (see `PreviewAccessPolicy`).
 */
export class SubscriptionGrants {
  constructor(
    private readonly options: {
      readonly engines: EngineRegistry;
      /** The id of the engine the datasets' tables are in. */
      readonly engineId: string;
      readonly projects: LoadedProjectCache;
      /** Statements that take longer fail, and the grant can be retried. */
      readonly timeoutMs?: number;
    },
  ) {}

  async grant(subscription: Subscription): Promise<void> {
    const target = await this.target(subscription);
    if (!target) return;
    await target.grants.grantRead(target.grant, {
      timeoutMs: this.options.timeoutMs ?? 60_000,
    });
  }

  async revoke(subscription: Subscription): Promise<void> {
    const target = await this.target(subscription);
    if (!target) return;
    await target.grants.revokeRead(target.grant, {
      timeoutMs: this.options.timeoutMs ?? 60_000,
    });
  }

  /** The engine's grants and what to grant; undefined when the engine has no users. */
  private async target(subscription: Subscription) {
    const { engines, engineId } = this.options;
    const engine = engines.engine(engineId);
    if (!engine) {
      throw new GrantError(
        `The warehouse engine '${engineId}' (dataMesh.runner.engine) is not installed`,
      );
    }
    if (!engine.grants) return undefined;
    const dataset = await this.dataset(subscription);
    return {
      grants: engine.grants,
      grant: readGrant(subscription, dataset),
    };
  }

  private async dataset(
    subscription: Subscription,
  ): Promise<ManifestDatasetDeclaration> {
    const project = await this.options.projects.load(subscription.project);
    const dataset = project.dataset(subscription.dataset);
    if (!dataset) {
      throw new GrantError(
        `The data project '${subscription.project}' has no dataset '${subscription.dataset}' any more`,
      );
    }
    return dataset;
  }
}

/**
 * What a subscription grants: the dataset's table to the team's group, with
 * the columns checked against the dataset's contract as it is now — a
 * column the contract dropped since the request is refused, not granted by
 * a name someone once sent.
 */
export function readGrant(
  subscription: Subscription,
  dataset: ManifestDatasetDeclaration,
): TableReadGrant {
  const group = parseEntityRef(subscription.team).name;
  if (!subscription.columns) return { table: dataset.table, group };
  const known = new Set(dataset.contract.columns.map(column => column.name));
  const missing = subscription.columns.filter(column => !known.has(column));
  if (missing.length > 0) {
    throw new GrantError(
      `${dataset.name} no longer has the column${
        missing.length > 1 ? 's' : ''
      } ${missing.join(
        ', ',
      )}; deny or revoke the subscription and request again`,
    );
  }
  return { table: dataset.table, group, columns: subscription.columns };
}
