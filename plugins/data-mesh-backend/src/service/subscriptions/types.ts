import type { DataProductContract } from '@meshwork/data-mesh-common';

/**
 * Where a subscription is: `pending` until an approver decides; `approved`
 * until revoked or past its expiry; the others are final.
 */
export type SubscriptionState =
  | 'pending'
  | 'approved'
  | 'denied'
  | 'withdrawn'
  | 'revoked'
  | 'expired';

/** Whether the warehouse applied an approved subscription's access. */
export type GrantStatus = 'none' | 'granted' | 'failed';

/** A team's access to a data product, asked for and decided. */
export interface Subscription {
  id: string;
  /** The DataProduct's entity ref, `dataproduct:default/total-sales`. */
  product: string;
  project: string;
  dataset: string;
  /** The user who asked, a user entity ref. */
  requester: string;
  /** The consuming team, a group entity ref. */
  team: string;
  purpose?: string;
  /** The columns asked for; undefined for all of them. */
  columns?: string[];
  expiresAt?: Date;
  /** Fingerprint of the contract agreed to (`sha256:…`). */
  contractVersion: string;
  /** The contract agreed to, as the product carried it then. */
  contract: DataProductContract;
  state: SubscriptionState;
  grantStatus: GrantStatus;
  grantError?: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What the warehouse did with a subscription's access, logged beside the
 * changes of state: the grant applied or failed, and its removal after a
 * revoke or expiry done or failed.
 */
export type GrantEvent =
  | 'grant-applied'
  | 'grant-failed'
  | 'grant-removed'
  | 'grant-removal-failed';

/** One change of a subscription's state, or of its grant. */
export interface SubscriptionAuditEntry {
  at: Date;
  /** A user entity ref, or `meshwork:<what>` for the portal itself. */
  actor: string;
  /** Undefined for the request that created the subscription. */
  from?: SubscriptionState;
  to: SubscriptionState;
  reason?: string;
  /** Set for an entry about the grant, which leaves the state as it was. */
  event?: GrantEvent;
}

export interface SubscriptionWithAudit extends Subscription {
  audit: SubscriptionAuditEntry[];
}
