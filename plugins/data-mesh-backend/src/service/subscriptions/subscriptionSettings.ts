import { Config } from '@backstage/config';
import { normalizeOwnerRef } from '@meshwork/data-mesh-node';

/** Who approves access to data products. */
export type ApproverMode = 'owner' | 'central';

export interface SubscriptionSettings {
  /**
   * `owner`: each product's owning team (the default); `central`: the
   * central team for every product.
   */
  approvers: ApproverMode;
  /** The central team, a group entity ref in lower case. */
  centralTeam: string;
  /** How many days before its expiry a subscription's requester is warned. */
  expiryWarningDays: number;
}

const DEFAULT_PLATFORM_TEAM = 'group:default/platform-team';

/**
 * `dataMesh.subscriptions`: `approvers` (`owner` or `central`),
 * `expiryWarningDays` (3 by default) and `centralTeam` (default: the permission policy's platform team,
 * `dataMesh.permissions.platformTeam`, else `group:default/platform-team`).
 */
export function readSubscriptionSettings(config: Config): SubscriptionSettings {
  const approvers =
    config.getOptionalString('dataMesh.subscriptions.approvers') ?? 'owner';
  if (approvers !== 'owner' && approvers !== 'central') {
    throw new Error(
      `Invalid config dataMesh.subscriptions.approvers: '${approvers}'; expected 'owner' or 'central'`,
    );
  }
  const centralTeam =
    config.getOptionalString('dataMesh.subscriptions.centralTeam') ??
    config.getOptionalString('dataMesh.permissions.platformTeam') ??
    DEFAULT_PLATFORM_TEAM;
  const expiryWarningDays =
    config.getOptionalNumber('dataMesh.subscriptions.expiryWarningDays') ?? 3;
  if (!Number.isFinite(expiryWarningDays) || expiryWarningDays <= 0) {
    throw new Error(
      `Invalid config dataMesh.subscriptions.expiryWarningDays: ${expiryWarningDays}; expected a positive number of days`,
    );
  }
  return {
    approvers,
    centralTeam: normalizeOwnerRef(centralTeam),
    expiryWarningDays,
  };
}

/** The groups that approve access to a product owned by `owners`. */
export function approversOf(
  owners: readonly string[],
  settings: SubscriptionSettings,
): string[] {
  return settings.approvers === 'central'
    ? [settings.centralTeam]
    : owners.map(normalizeOwnerRef);
}
