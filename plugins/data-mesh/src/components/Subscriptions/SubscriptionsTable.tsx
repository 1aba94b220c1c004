import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ReactNode } from 'react';
import type { Subscription } from '../../api';
import {
  describeColumns,
  formatDay,
  GrantStatus,
  SubscriptionStateChip,
} from './subscriptionFormat';

/** The facts a subscriptions table can show, in this order. */
export type SubscriptionField =
  | 'product'
  | 'team'
  | 'requester'
  | 'state'
  | 'columns'
  | 'purpose'
  | 'requested'
  | 'expires'
  | 'grant';

const COLUMNS: Record<SubscriptionField, TableColumn<Subscription>> = {
  product: {
    title: 'Product',
    field: 'product',
    render: row => (
      <EntityRefLink entityRef={row.product} defaultKind="dataproduct" />
    ),
  },
  team: {
    title: 'Team',
    field: 'team',
    render: row => <EntityRefLink entityRef={row.team} defaultKind="group" />,
  },
  requester: {
    title: 'Requested by',
    field: 'requester',
    render: row => (
      <EntityRefLink entityRef={row.requester} defaultKind="user" />
    ),
  },
  state: {
    title: 'State',
    field: 'state',
    render: row => <SubscriptionStateChip state={row.state} />,
  },
  columns: {
    title: 'Columns',
    render: row => describeColumns(row),
  },
  purpose: { title: 'Purpose', field: 'purpose', emptyValue: '—' },
  requested: {
    title: 'Requested',
    field: 'createdAt',
    render: row => formatDay(row.createdAt),
  },
  expires: {
    title: 'Expires',
    field: 'expiresAt',
    render: row => formatDay(row.expiresAt),
  },
  grant: {
    title: 'Grant',
    render: row => <GrantStatus subscription={row} />,
  },
};

/**
 * Subscriptions as a table with the chosen facts, and for each row the
 * buttons the viewer may use on it.
 */
export const SubscriptionsTable = (props: {
  title: string;
  subscriptions: Subscription[];
  fields: SubscriptionField[];
  actions?: (subscription: Subscription) => ReactNode;
  emptyContent?: ReactNode;
}) => {
  const { actions } = props;
  const columns = props.fields.map(field => COLUMNS[field]);
  if (actions) {
    columns.push({ title: 'Actions', render: row => actions(row) });
  }
  return (
    <Table<Subscription>
      title={props.title}
      columns={columns}
      data={props.subscriptions}
      options={{
        paging: props.subscriptions.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
      emptyContent={props.emptyContent}
    />
  );
};
