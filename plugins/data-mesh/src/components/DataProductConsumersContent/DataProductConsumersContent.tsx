import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import type { DataProductEntity } from '@meshwork/data-mesh-common';
import {
  NotADataProductPanel,
  useDataProductEntity,
} from '../DataProductEntity';
import { useProductSubscriptions } from '../DataProductRequestsCard';
import { ApproverTable, describeColumns, formatDay } from '../Subscriptions';
import { ConsumerRow, consumerRows } from './consumerRows';

const Consumers = ({ entity }: { entity: DataProductEntity }) => {
  const state = useProductSubscriptions(entity);
  if (state.loading && !state.value) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  const subscriptions = state.value ?? { approver: false, items: [] };
  const rows = consumerRows(entity, subscriptions);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {rows.length === 0 ? (
          <EmptyState
            missing="data"
            title="No consumers yet"
            description="Teams appear here once their request for access is approved."
          />
        ) : (
          <Table<ConsumerRow>
            title={`Consumers (${rows.length})`}
            data={rows}
            options={{ paging: rows.length > 20, pageSize: 20, search: false }}
            columns={[
              {
                title: 'Team',
                field: 'team',
                render: row => (
                  <EntityRefLink entityRef={row.team} defaultKind="group" />
                ),
              },
              {
                title: 'Since',
                field: 'since',
                render: row => formatDay(row.since),
              },
              {
                title: 'Columns',
                render: row => describeColumns(row),
              },
            ]}
          />
        )}
      </Grid>
      {subscriptions.approver && (
        <Grid item xs={12}>
          <ApproverTable
            title="Requests and history"
            subscriptions={subscriptions.items}
            onChanged={state.retry}
          />
        </Grid>
      )}
    </Grid>
  );
};

/**
 * The "Consumers" tab of a DataProduct: the teams with approved access,
 * since when and to which columns; its approvers also see every request
 * with its outcome, and decide the pending ones.
 */
export const DataProductConsumersContent = () => {
  const entity = useDataProductEntity();
  if (!entity) {
    return <NotADataProductPanel />;
  }
  return <Consumers entity={entity} />;
};
