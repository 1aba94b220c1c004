import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import LockIcon from '@material-ui/icons/Lock';
import type { DataProductEntity } from '@meshwork/data-mesh-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataMeshApiRef, DatasetSample, Subscription } from '../../api';
import {
  NotADataProductPanel,
  useDataProductEntity,
} from '../DataProductEntity';
import { projectDatasetOf } from '../DataProductHealthCard/useMeasuredHealth';
import { errorMessage } from '../../api/errorMessage';
import { RequestAccessButton, useUserTeams } from '../Subscriptions';
import { cellText } from '../charts';

type Row = Record<string, unknown>;

const SampleTable = ({ sample }: { sample: DatasetSample }) => {
  const columns: TableColumn<Row>[] = sample.columns.map(column => ({
    title: column.masked ? (
      <span
        title={`${column.name} is masked: the grant does not cover its personal data`}
      >
        {column.name} <LockIcon fontSize="inherit" titleAccess="masked" />
      </span>
    ) : (
      column.name
    ),
    render: row => cellText(row[column.name]),
  }));
  const masked = sample.columns.filter(column => column.masked);
  return (
    <>
      <Table<Row>
        title={`Sample of ${sample.rows.length} rows`}
        subtitle={
          sample.access === 'owner'
            ? 'Your team owns this product: every column.'
            : 'The columns your subscription grants.'
        }
        columns={columns}
        data={sample.rows}
        options={{ paging: false, search: false, padding: 'dense' }}
      />
      {masked.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          Masked (personal data outside your grant):{' '}
          {masked.map(column => column.name).join(', ')}
        </Typography>
      )}
    </>
  );
};

/** Why the user cannot see rows, and the way to ask for them. */
const NoAccess = (props: { entity: DataProductEntity; message: string }) => {
  const teams = useUserTeams();
  const [requested, setRequested] = useState<Subscription>();
  if (requested) {
    return (
      <EmptyState
        missing="info"
        title="Request sent"
        description={`Your request is ${requested.state}. Rows appear here once the owning team approves it and the access is granted.`}
      />
    );
  }
  return (
    <EmptyState
      missing="info"
      title="You cannot see this product's rows"
      description={`${props.message} Subscribers see a few rows of the columns they are granted.`}
      action={
        props.entity.spec.visibility === 'internal' ? undefined : (
          <RequestAccessButton
            entity={props.entity}
            teams={teams.value?.teams ?? []}
            onRequested={setRequested}
          />
        )
      }
    />
  );
};

const Sample = ({ entity }: { entity: DataProductEntity }) => {
  const api = useApi(dataMeshApiRef);
  const target = projectDatasetOf(entity);
  const project = target?.project;
  const dataset = target?.dataset;
  const state = useAsyncRetry(
    async () =>
      project && dataset ? api.getDatasetSample(project, dataset) : undefined,
    [api, project, dataset],
  );
  if (!target) {
    return (
      <EmptyState
        missing="info"
        title="No sample"
        description="This data product is not published from a data project, so Meshwork cannot read rows of it."
      />
    );
  }
  if (state.loading) return <Progress />;
  if (state.error) {
    const status = (state.error as { statusCode?: number }).statusCode;
    if (status === 403) {
      return <NoAccess entity={entity} message={errorMessage(state.error)} />;
    }
    return <ResponseErrorPanel error={state.error} />;
  }
  if (!state.value || state.value.rows.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No rows yet"
        description={`${target.dataset} has no rows: a job run of ${target.project} writes them.`}
      />
    );
  }
  return <SampleTable sample={state.value} />;
};

/**
 * The "Sample" tab of a DataProduct: a few rows for its owners and
 * subscribers, personal data masked unless the grant covers it; for others,
 * why they cannot see rows and how to request access.
 */
export const DataProductSampleContent = () => {
  const entity = useDataProductEntity();
  if (!entity) {
    return <NotADataProductPanel />;
  }
  return <Sample entity={entity} />;
};
