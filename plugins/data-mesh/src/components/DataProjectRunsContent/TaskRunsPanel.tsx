import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef, JobRun, TaskRun } from '../../api';
import {
  formatDuration,
  formatQualitySummary,
  formatRows,
  latestQualitySummary,
  QualitySummary,
  RunStatus,
} from '../DataProjectEntity';

type TaskRow = TaskRun & { quality?: QualitySummary };

/**
 * The task runs of one job run, in the order they started, each with its
 * rows, duration, the outcome of the quality rules of the datasets it wrote
 * in that run, and its error.
 */
export function TaskRunsPanel(props: { run: JobRun }) {
  const { run } = props;
  const api = useApi(dataMeshApiRef);
  // Re-read whenever the run's status moves, so a polled run's tasks follow.
  const { value, loading, error } = useAsync(async (): Promise<TaskRow[]> => {
    const details = await api.getRun(run.id);
    return Promise.all(
      details.tasks.map(async task => {
        const pages = await Promise.all(
          task.datasets.map(dataset =>
            api.listQualityResults({
              dataset,
              project: run.project,
              jobRunId: run.id,
              limit: 500,
            }),
          ),
        );
        const quality = latestQualitySummary(pages.flatMap(p => p.items));
        return { ...task, quality };
      }),
    );
  }, [api, run.id, run.status]);

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.length === 0) {
    return (
      <Box p={2}>
        <Typography variant="body2" color="textSecondary">
          {run.error ?? 'No task of this run has started yet.'}
        </Typography>
      </Box>
    );
  }
  const columns: TableColumn<TaskRow>[] = [
    { title: 'Task', field: 'taskKey' },
    { title: 'Pipeline', field: 'pipeline' },
    { title: 'Status', render: task => <RunStatus status={task.status} /> },
    { title: 'Rows', render: task => formatRows(task.rowsWritten) ?? '—' },
    {
      title: 'Duration',
      render: task => formatDuration(task.startedAt, task.endedAt) ?? '—',
    },
    {
      title: 'Quality',
      render: task =>
        task.quality ? formatQualitySummary(task.quality) : 'No rules checked',
    },
    {
      title: 'Error',
      render: task =>
        task.error ? (
          <Typography variant="body2" color="error">
            {task.error}
          </Typography>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Box pl={6} pr={2} pb={1}>
      <Table<TaskRow>
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
        columns={columns}
        data={value}
      />
    </Box>
  );
}
