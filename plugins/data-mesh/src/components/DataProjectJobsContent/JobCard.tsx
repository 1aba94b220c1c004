import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import EditIcon from '@material-ui/icons/Edit';
import { useState } from 'react';
import type { PipelineCommit, ProjectJob } from '../../api';
import { JobRunsTable } from '../DataProjectRunsContent/JobRunsTable';
import { RunNowButton } from '../DataProjectRunsContent/RunNowButton';
import { usePolledRuns } from '../DataProjectRunsContent/usePolledRuns';
import { JobDetails } from './JobDetails';
import { JobEditor } from './JobEditor';

/** How many of a job's runs its card shows. */
export const LAST_RUNS = 5;

function LastRuns(props: {
  project: string;
  job: string;
  runs: ReturnType<typeof usePolledRuns>;
}) {
  const { runs } = props;
  if (runs.loading && !runs.value) return <Progress />;
  if (runs.error && !runs.value) {
    return <ResponseErrorPanel error={runs.error} />;
  }
  const page = runs.value;
  if (!page || page.items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.job} has not run yet.
      </Typography>
    );
  }
  return (
    <JobRunsTable
      title={`Last runs of ${props.job}`}
      subtitle={
        page.totalCount > page.items.length
          ? `${page.items.length} of ${page.totalCount}; all on the Runs tab`
          : undefined
      }
      runs={page.items}
      hideJob
    />
  );
}

/**
 * One job of a data project: what it runs in which order, its schedule,
 * alerts and parameters as they run; "Run now" for those who may run the
 * project's jobs, "Edit" for those who may change its files; and its last
 * runs, each opening onto its task runs.
 */
export function JobCard(props: {
  project: string;
  job: ProjectJob;
  canRun: boolean;
  canEdit: boolean;
  pollIntervalMs?: number;
}) {
  const { project, job, canRun, canEdit } = props;
  const [editing, setEditing] = useState(false);
  const [committed, setCommitted] = useState<PipelineCommit>();
  const runs = usePolledRuns(
    { project, job: job.name, limit: LAST_RUNS },
    props.pollIntervalMs,
  );

  const actions = (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      {canEdit && !editing && (
        <Button
          variant="outlined"
          startIcon={<EditIcon />}
          aria-label={`Edit ${job.name}`}
          onClick={() => {
            setCommitted(undefined);
            setEditing(true);
          }}
        >
          Edit
        </Button>
      )}
      {canRun && (
        <RunNowButton project={project} jobs={[job]} onStarted={runs.retry} />
      )}
    </Box>
  );

  return (
    <InfoCard title={job.name} subheader={job.description} action={actions}>
      {committed && (
        <Box mb={2}>
          <Typography variant="body2" role="status">
            Committed {committed.commit.slice(0, 8)} to {committed.branch}:{' '}
            {committed.changedPaths.join(', ')}. What runs changes once the
            branch is merged.
          </Typography>
        </Box>
      )}
      {editing ? (
        <JobEditor
          project={project}
          job={job.name}
          onCancel={() => setEditing(false)}
          onCommitted={commit => {
            setCommitted(commit);
            setEditing(false);
          }}
        />
      ) : (
        <JobDetails job={job} />
      )}
      <Box mt={3}>
        <LastRuns project={project} job={job.name} runs={runs} />
      </Box>
    </InfoCard>
  );
}
