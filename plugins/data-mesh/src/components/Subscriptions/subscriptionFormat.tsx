import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { Subscription, SubscriptionState } from '../../api';

const STATE_LABELS: Record<SubscriptionState, string> = {
  pending: 'Pending',
  approved: 'Approved',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
  revoked: 'Revoked',
  expired: 'Expired',
};

// Colour is a second cue only; the label says the state.
const STATE_COLORS: Partial<
  Record<SubscriptionState, 'primary' | 'secondary'>
> = { approved: 'primary', pending: 'secondary' };

/** A subscription's state as a word, coloured only as a second cue. */
export const SubscriptionStateChip = (props: { state: SubscriptionState }) => (
  <Chip
    size="small"
    label={STATE_LABELS[props.state]}
    color={STATE_COLORS[props.state] ?? 'default'}
    variant={props.state === 'approved' ? 'default' : 'outlined'}
  />
);

/** The columns a subscription covers, as people read them. */
export function describeColumns(subscription: {
  allColumns?: boolean;
  columns?: string[];
}): string {
  if (!subscription.columns || subscription.columns.length === 0) {
    return 'All columns';
  }
  return subscription.columns.join(', ');
}

/** A date of the API (ISO 8601) as a calendar day, or a dash. */
export function formatDay(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 10);
}

/**
 * Whether the warehouse allows what the portal says: only an approved
 * subscription is granted, and a failed grant must be visible with its
 * error, never shown as access.
 */
export const GrantStatus = (props: { subscription: Subscription }) => {
  const { subscription } = props;
  if (subscription.state !== 'approved') return <>—</>;
  if (subscription.grantStatus === 'granted') return <>Granted</>;
  if (subscription.grantStatus === 'failed') {
    return (
      <Typography variant="body2" color="error">
        Grant failed
        {subscription.grantError ? `: ${subscription.grantError}` : ''}
      </Typography>
    );
  }
  return <>Not granted yet</>;
};

/** A team or user entity ref as a catalog link. */
export const RefLink = (props: { entityRef: string; defaultKind: string }) => (
  <EntityRefLink entityRef={props.entityRef} defaultKind={props.defaultKind} />
);

/** A refusal of the backend inside a dialog, announced to screen readers. */
export const FormError = (props: { message?: string }) =>
  props.message ? (
    <Typography role="alert" color="error" variant="body2" paragraph>
      {props.message}
    </Typography>
  ) : null;
