import type { SubscriptionState } from './types';

/** What a person (or the portal) may do to a subscription. */
export type SubscriptionAction =
  | 'approve'
  | 'deny'
  | 'revoke'
  | 'withdraw'
  | 'expire';

/**
 * Each action moves a subscription from one state to one other; from any
 * other state it is refused. Denied, withdrawn, revoked and expired are
 * final: access is asked for again with a new request.
 */
export const TRANSITIONS: Record<
  SubscriptionAction,
  { readonly from: SubscriptionState; readonly to: SubscriptionState }
> = {
  approve: { from: 'pending', to: 'approved' },
  deny: { from: 'pending', to: 'denied' },
  withdraw: { from: 'pending', to: 'withdrawn' },
  revoke: { from: 'approved', to: 'revoked' },
  expire: { from: 'approved', to: 'expired' },
};

export const SUBSCRIPTION_STATES: readonly SubscriptionState[] = [
  'pending',
  'approved',
  'denied',
  'withdrawn',
  'revoked',
  'expired',
];
