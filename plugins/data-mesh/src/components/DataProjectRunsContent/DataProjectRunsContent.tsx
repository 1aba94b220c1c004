import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useDataProject } from '../DataProjectEntity';
import { JobRunsTable } from './JobRunsTable';
import { RunNowButton } from './RunNowButton';
import { usePolledRuns } from './usePolledRuns';

/** Runs per page. */
export const RUNS_PAGE_SIZE = 20;

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
  const project = useDataProject();
  // The cursors of the pages before this one; the first page has none.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const cursor = cursors[cursors.length - 1];
  const runs = usePolledRuns(
    { project: project.project, limit: RUNS_PAGE_SIZE, cursor },
    props.pollIntervalMs,
  );

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
      <JobRunsTable
        title="Job runs"
        subtitle={`${page.totalCount} run${page.totalCount === 1 ? '' : 's'}`}
        runs={page.items}
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
