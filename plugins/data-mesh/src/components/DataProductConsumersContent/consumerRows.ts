import { RELATION_SUBSCRIBED_BY } from '@meshwork/data-mesh-common';
import type { DataProductEntity } from '@meshwork/data-mesh-common';
import type { Subscription } from '../../api';
import { normalizeRef } from '../Subscriptions';

/** A team with approved access, as the Consumers tab lists it. */
export interface ConsumerRow {
  /** The team's group entity ref. */
  team: string;
  /** When its access was approved, if known. */
  since?: string;
  /** The columns it may read; absent for all of them. */
  columns?: string[];
}

/**
 * What the catalog says about a product's consumers: `spec.consumers` with
 * since and columns when the provider writes them, else the teams of its
 * `subscribedBy` relations.
 */
export function catalogConsumers(entity: DataProductEntity): ConsumerRow[] {
  if (entity.spec.consumers) {
    return entity.spec.consumers.map(consumer => ({ ...consumer }));
  }
  return (entity.relations ?? [])
    .filter(relation => relation.type === RELATION_SUBSCRIBED_BY)
    .map(relation => ({ team: relation.targetRef }));
}

/** Approved subscriptions as consumer rows, one per team. */
function approvedConsumers(subscriptions: Subscription[]): ConsumerRow[] {
  return subscriptions
    .filter(item => item.state === 'approved')
    .map(item => ({
      team: item.team,
      // The approval is the subscription's last change while approved.
      since: item.updatedAt,
      ...(item.columns && { columns: item.columns }),
    }));
}

/**
 * The consumers to list. An approver sees every subscription, so the
 * backend's approved ones are the truth for them; anyone else sees the
 * catalog's list, which follows the backend after a refresh, with their own
 * teams' approved access added so a fresh approval shows at once.
 */
export function consumerRows(
  entity: DataProductEntity,
  subscriptions: { approver: boolean; items: Subscription[] },
): ConsumerRow[] {
  const fromApi = approvedConsumers(subscriptions.items);
  const rows = subscriptions.approver
    ? fromApi
    : [...catalogConsumers(entity), ...fromApi];
  const seen = new Set<string>();
  return rows.filter(row => {
    const key = normalizeRef(row.team, 'group');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
