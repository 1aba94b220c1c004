import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ProjectDataset, ProjectPipeline } from '../../api';
import { formatDateTime } from '../charts';
import {
  formatDuration,
  formatRows,
  RunStatus,
  useDataProject,
} from '../DataProjectEntity';
import { pipelineEditorRouteRef } from '../../routes';
import { PipelineTestsCard } from './PipelineTestsCard';

/** Datasets as links to their DataProduct pages, or their names if unknown. */
function DatasetLinks(props: {
  names: readonly string[];
  datasets: ReadonlyMap<string, ProjectDataset>;
}) {
  if (props.names.length === 0) return <>—</>;
  return (
    <>
      {props.names.map(name => {
        const dataset = props.datasets.get(name);
        return (
          <Box key={name}>
            {dataset ? (
              <EntityRefLink entityRef={dataset.entityRef} title={name} />
            ) : (
              name
            )}
          </Box>
        );
      })}
    </>
  );
}

function LastRun(props: { pipeline: ProjectPipeline }) {
  const run = props.pipeline.lastTaskRun;
  if (!run) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not run yet
      </Typography>
    );
  }
  const details = [
    run.startedAt && formatDateTime(run.startedAt),
    formatRows(run.rowsWritten),
    formatDuration(run.startedAt, run.endedAt),
  ].filter(Boolean);
  return (
    <>
      <RunStatus status={run.status} />
      <Typography variant="body2" color="textSecondary">
        {details.join(' · ')}
      </Typography>
      {run.error && (
        <Typography variant="body2" color="error">
          {run.error}
        </Typography>
      )}
    </>
  );
}

/**
 * The "Pipelines" tab of a data project's Component: each pipeline with the
 * datasets it reads and writes (linked to their DataProduct pages), the
 * jobs that run it, and its last run.
 */
export const DataProjectPipelinesContent = () => {
  const { value, loading, error } = useDataProject();
  const editorLink = useRouteRef(pipelineEditorRouteRef);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.pipelines.length === 0) {
    return (
      <EmptyState
        missing="content"
        title="No pipelines yet"
        description="This data project has no pipelines. Add one under pipelines/ in its repository."
      />
    );
  }
  const datasets = new Map(value.datasets.map(d => [d.name, d]));
  const columns: TableColumn<ProjectPipeline>[] = [
    {
      title: 'Pipeline',
      field: 'name',
      highlight: true,
      render: pipeline => (
        <>
          <Typography variant="body2">
            {editorLink ? (
              <Link
                to={editorLink({
                  project: value.name,
                  pipeline: pipeline.name,
                })}
              >
                {pipeline.name}
              </Link>
            ) : (
              pipeline.name
            )}
          </Typography>
          {pipeline.description && (
            <Typography variant="caption" color="textSecondary">
              {pipeline.description}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Reads',
      render: pipeline => (
        <DatasetLinks names={pipeline.reads} datasets={datasets} />
      ),
    },
    {
      title: 'Writes',
      render: pipeline => (
        <DatasetLinks names={pipeline.writes} datasets={datasets} />
      ),
    },
    {
      title: 'Jobs',
      render: pipeline => pipeline.jobs.join(', ') || '—',
    },
    { title: 'Last run', render: pipeline => <LastRun pipeline={pipeline} /> },
  ];
  return (
    <>
      <Table<ProjectPipeline>
        title="Pipelines"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={value.pipelines.map(p => ({ ...p }))}
      />
      <PipelineTestsCard project={value.name} />
    </>
  );
};
