import { ReactNode } from 'react';
import type { Subscription } from '../../api';
import { DecisionButtons } from './SubscriptionActions';
import { SubscriptionsTable } from './SubscriptionsTable';

/**
 * A product's subscriptions as its approvers see them: who asked, for
 * what, and the decisions they may take on each.
 */
export const ApproverTable = (props: {
  title: string;
  subscriptions: Subscription[];
  onChanged: () => void;
  emptyContent?: ReactNode;
}) => (
  <SubscriptionsTable
    title={props.title}
    subscriptions={props.subscriptions}
    fields={[
      'team',
      'requester',
      'state',
      'columns',
      'purpose',
      'requested',
      'expires',
      'grant',
    ]}
    actions={subscription => (
      <DecisionButtons
        subscription={subscription}
        onChanged={props.onChanged}
      />
    )}
    emptyContent={props.emptyContent}
  />
);
