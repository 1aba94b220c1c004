import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataMeshApiRef, JobRun } from '../../api';
import { formatDateTime } from '../charts';
import {
  formatDuration,
  isActive,
  RunStatus,
  useDataProject,
} from '../DataProjectEntity';
import { RunNowButton } from './RunNowButton';
import { TaskRunsPanel } from './TaskRunsPanel';

/** Runs per page. */
export const RUNS_PAGE_SIZE = 20;

/** How often a page with a queued or running run is read again. */
export const RUNS_POLL_MS = 2000;

const TRIGGERS: Record<string, string> = {
  schedule: 'Schedule',
  manual: 'Run now',
  api: 'API',
};

const columns: TableColumn<JobRun>[] = [
  { title: 'Job', field: 'job', highlight: true },
  { title: 'Status', render: run => <RunStatus status={run.status} /> },
  { title: 'Queued at', render: run => formatDateTime(run.queuedAt) },
  {
    title: 'Duration',
    render: run => formatDuration(run.startedAt, run.endedAt) ?? '—',
  },
  {
    title: 'Trigger',
    render: run =>
      [TRIGGERS[run.trigger] ?? run.trigger, run.requestedBy]
        .filter(Boolean)
        .join(' by '),
  },
  { title: 'Engine', field: 'engine' },
];

/**
 * The "Runs" tab of a data project's Component: its job runs, newest first
 * and a page at a time, each opening onto its task runs; and "Run now" for
 * those who may run the project's jobs (hidden from the others). A page
 * with a run that has not ended is read again until it has.
 */
export const DataProjectRunsContent = (props: {
  /** How often to re-read a page with a run that has not ended. */
  pollIntervalMs?: number;
}) => {
  const pollIntervalMs = props.pollIntervalMs ?? RUNS_POLL_MS;
  const api = useApi(dataMeshApiRef);
  const project = useDataProject();
  // The cursors of the pages before this one; the first page has none.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const cursor = cursors[cursors.length - 1];
  const runs = useAsyncRetry(
    () =>
      api.listRuns({
        project: project.project,
        limit: RUNS_PAGE_SIZE,
        cursor,
      }),
    [api, project.project, cursor],
  );

  const active = runs.value?.items.some(run => isActive(run.status)) ?? false;
  const { retry } = runs;
  useEffect(() => {
    if (!active) return undefined;
    const timer = setTimeout(retry, pollIntervalMs);
    return () => clearTimeout(timer);
  }, [active, retry, runs.value, pollIntervalMs]);

  if (project.loading || (runs.loading && !runs.value)) return <Progress />;
  if (project.error) return <ResponseErrorPanel error={project.error} />;
  if (runs.error && !runs.value)
    return <ResponseErrorPanel error={runs.error} />;

  const structure = project.value;
  const page = runs.value;
  const first = cursors.length === 1;
  const onStarted = () => {
    if (first) runs.retry();
    else setCursors([undefined]);
  };

  const runNow = structure?.canRun ? (
    <RunNowButton
      project={project.project}
      jobs={structure.jobs}
      onStarted={onStarted}
    />
  ) : undefined;

  if (!page || (page.items.length === 0 && first)) {
    return (
      <EmptyState
        missing="data"
        title="No runs yet"
        description="This data project's jobs have not run yet. Runs appear here when a schedule or someone starts one."
        action={runNow}
      />
    );
  }

  const start = (cursors.length - 1) * RUNS_PAGE_SIZE;
  return (
    <>
      {runNow && (
        <Box display="flex" justifyContent="flex-end" mb={1}>
          {runNow}
        </Box>
      )}
      <Table<JobRun>
        title="Job runs"
        subtitle={`${page.totalCount} run${page.totalCount === 1 ? '' : 's'}`}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={page.items.map(run => ({ ...run }))}
        detailPanel={({ rowData }) => <TaskRunsPanel run={rowData} />}
      />
      <Box display="flex" alignItems="center" justifyContent="flex-end" mt={1}>
        <Typography variant="body2" color="textSecondary">
          {start + 1}–{start + page.items.length} of {page.totalCount}
        </Typography>
        <Button
          disabled={first}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Newer
        </Button>
        <Button
          disabled={!page.nextCursor}
          onClick={() => setCursors([...cursors, page.nextCursor])}
        >
          Older
        </Button>
      </Box>
    </>
  );
};
