import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Button, Grid, makeStyles, Typography } from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef } from '../../api';
import {
  NotADataProductPanel,
  useDataProductEntity,
} from '../DataProductEntity';
import {
  ProjectDataset,
  projectDatasetOf,
} from '../DataProductHealthCard/useMeasuredHealth';
import { ColumnImpactPanel } from './ColumnImpactPanel';
import { LineageGraphView } from './LineageGraphView';

const useStyles = makeStyles(theme => ({
  columns: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  column: { textTransform: 'none', fontFamily: 'monospace' },
}));

/** How many datasets the lineage reached each way. */
function countReached(nodes: readonly { kind: string; depth?: number }[]) {
  const datasets = nodes.filter(n => n.kind === 'dataset');
  return {
    upstream: datasets.filter(n => (n.depth ?? 0) < 0).length,
    downstream: datasets.filter(n => (n.depth ?? 0) > 0).length,
  };
}

const LineageView = ({ target }: { target: ProjectDataset }) => {
  const classes = useStyles();
  const api = useApi(dataMeshApiRef);
  const [column, setColumn] = useState<string>();
  const { value, loading, error } = useAsync(
    () => api.getDatasetLineage(target.project, target.dataset),
    [api, target.project, target.dataset],
  );

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;

  const focus = value.nodes.find(n => n.id === value.dataset);
  const { upstream, downstream } = countReached(value.nodes);
  const omitted =
    value.omitted > 0
      ? ` ${value.omitted} more in data projects you may not read are not shown.`
      : '';

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Lineage"
          subheader={`${upstream} upstream and ${downstream} downstream datasets within ${value.depth} steps, across data projects.${omitted}`}
        >
          {upstream + downstream === 0 ? (
            <EmptyState
              missing="data"
              title="No upstream or downstream datasets"
              description="No pipeline of a data project known to the portal reads or writes this dataset's table besides its own producer."
            />
          ) : (
            <LineageGraphView
              focus={value.dataset}
              nodes={value.nodes}
              edges={value.edges}
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Columns">
          <Typography variant="body2" paragraph>
            Choose a column to see where it comes from and what changing it
            would reach.
          </Typography>
          <div role="group" aria-label="Column" className={classes.columns}>
            {(focus?.columns ?? []).map(name => (
              <Button
                key={name}
                size="small"
                variant={name === column ? 'contained' : 'outlined'}
                color={name === column ? 'primary' : 'default'}
                aria-pressed={name === column}
                className={classes.column}
                onClick={() => setColumn(name)}
              >
                {name}
              </Button>
            ))}
          </div>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        {column && (
          <ColumnImpactPanel
            project={target.project}
            dataset={target.dataset}
            column={column}
          />
        )}
      </Grid>
    </Grid>
  );
};

/**
 * The "Lineage" tab of a DataProduct: the graph of its upstream and
 * downstream datasets and pipelines across data projects, and for a
 * chosen column its column-level lineage and the impact of changing it.
 */
export const DataProductLineageContent = () => {
  const entity = useDataProductEntity();
  if (!entity) return <NotADataProductPanel />;
  const target = projectDatasetOf(entity);
  if (!target) {
    return (
      <EmptyState
        missing="info"
        title="No lineage for this data product"
        description="Lineage comes from the data project that produces a data product; this one was not published from a data project (it has no meshwork.io/project and meshwork.io/dataset annotations)."
      />
    );
  }
  return <LineageView target={target} />;
};
