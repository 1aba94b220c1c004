import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink, entityRouteRef } from '@backstage/plugin-catalog-react';
import { makeStyles, Typography } from '@material-ui/core';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef, LineageColumn, LineageNode } from '../../api';

const useStyles = makeStyles(theme => ({
  section: { marginBottom: theme.spacing(3) },
  list: { margin: theme.spacing(0.5, 0, 2), paddingLeft: theme.spacing(3) },
  formula: {
    fontFamily: 'monospace',
    background: theme.palette.action.hover,
    padding: theme.spacing(0, 0.5),
    borderRadius: 2,
  },
}));

/** `dataset.column`, with the project when it is not the product's own. */
function columnLabel(column: LineageColumn, project: string): string {
  const name = `${column.dataset}.${column.column}`;
  return column.project === project ? name : `${column.project}/${name}`;
}

/** A titled region whose accessible name is its heading. */
const Region = (props: { id: string; title: string; children: ReactNode }) => {
  const classes = useStyles();
  const id = `data-product-lineage-${props.id}`;
  return (
    <section aria-labelledby={id} className={classes.section}>
      <Typography variant="h6" component="h3" id={id}>
        {props.title}
      </Typography>
      {props.children}
    </section>
  );
};

const ColumnItems = (props: {
  columns: readonly LineageColumn[];
  project: string;
}) => {
  const classes = useStyles();
  return (
    <ul className={classes.list}>
      {props.columns.map(column => {
        const label = columnLabel(column, props.project);
        return (
          <li key={`${column.project}/${label}`}>
            <code>{label}</code>
            {column.formula && column.formula !== column.column && (
              <>
                {' = '}
                <span className={classes.formula}>{column.formula}</span>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
};

/**
 * A column's lineage and impact: the formula computing it and every
 * column upstream (with theirs), then everything a change to it would
 * reach downstream across projects: columns, datasets, pipelines, jobs and
 * subscribed teams.
 */
export const ColumnImpactPanel = (props: {
  project: string;
  dataset: string;
  column: string;
}) => {
  const { project, dataset, column } = props;
  const classes = useStyles();
  const api = useApi(dataMeshApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error } = useAsync(
    () => api.getColumnImpact(project, dataset, column),
    [api, project, dataset, column],
  );

  const datasetLink = (node: LineageNode) => {
    const label =
      node.project === project ? node.name : `${node.project}/${node.name}`;
    if (!node.entityRef || !entityRoute) return label;
    const ref = parseEntityRef(node.entityRef);
    return <Link to={entityRoute({ ...ref })}>{label}</Link>;
  };
  const nodeName = (node: LineageNode) =>
    node.project === project ? node.name : `${node.project}/${node.name}`;
  // Subscriptions name datasets by lineage id, `dataset:<project>/<name>`.
  const ownId = `dataset:${project}/${dataset}`;
  const datasetName = (id: string) => {
    const [owner, name] = id.replace(/^dataset:/, '').split('/');
    return owner === project ? name : `${owner}/${name}`;
  };

  let body: ReactNode;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (value) {
    const { lineage } = value;
    const reachesNothing =
      value.columns.length === 0 && value.datasets.length === 0;
    body = (
      <>
        <Region id="column-sources" title={`Where ${value.column} comes from`}>
          {lineage.formula ? (
            <Typography variant="body2">
              <code>{value.column}</code> ={' '}
              <span className={classes.formula}>{lineage.formula}</span>
            </Typography>
          ) : (
            <Typography variant="body2">
              {lineage.inputs.length === 0
                ? `${value.column} is read from the source table as it is.`
                : `${value.column} is copied from the column upstream.`}
            </Typography>
          )}
          {lineage.inputs.length > 0 && (
            <ColumnItems columns={lineage.inputs} project={project} />
          )}
        </Region>
        <Region id="column-impact" title={`Impact of changing ${value.column}`}>
          {reachesNothing ? (
            <Typography variant="body2">
              No dataset downstream reads {value.column}
              {value.subscribers.length > 0
                ? ', but teams subscribe to it.'
                : '.'}
            </Typography>
          ) : (
            <>
              <Typography variant="subtitle2" component="h4">
                Columns ({value.columns.length})
              </Typography>
              <ColumnItems columns={value.columns} project={project} />
              <Typography variant="subtitle2" component="h4">
                Datasets ({value.datasets.length})
              </Typography>
              <ul className={classes.list}>
                {value.datasets.map(node => (
                  <li key={node.id}>{datasetLink(node)}</li>
                ))}
              </ul>
              <Typography variant="subtitle2" component="h4">
                Pipelines and jobs
              </Typography>
              <ul className={classes.list}>
                {value.pipelines.map(node => (
                  <li key={node.id}>Pipeline {nodeName(node)}</li>
                ))}
                {value.jobs.map(node => (
                  <li key={node.id}>Job {nodeName(node)}</li>
                ))}
              </ul>
            </>
          )}
          {value.subscribers.length > 0 && (
            <>
              <Typography
                variant="subtitle2"
                component="h4"
                id="data-product-lineage-subscribed-teams"
              >
                Subscribed teams ({value.subscribers.length})
              </Typography>
              <ul
                className={classes.list}
                aria-labelledby="data-product-lineage-subscribed-teams"
              >
                {value.subscribers.map(subscriber => (
                  <li key={`${subscriber.team} ${subscriber.dataset}`}>
                    <EntityRefLink entityRef={subscriber.team} />
                    {subscriber.dataset !== ownId &&
                      ` (subscribed to ${datasetName(subscriber.dataset)})`}
                  </li>
                ))}
              </ul>
            </>
          )}
          {value.omitted > 0 && (
            <Typography variant="caption" color="textSecondary">
              {value.omitted} more in data projects you may not read.
            </Typography>
          )}
        </Region>
      </>
    );
  }
  return <InfoCard title={`Column ${column}`}>{body}</InfoCard>;
};
