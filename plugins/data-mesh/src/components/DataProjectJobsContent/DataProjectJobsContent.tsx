import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useDataProject } from '../DataProjectEntity';
import { JobCard } from './JobCard';

/**
 * The "Jobs" tab of a data project's Component: each job with its tasks in
 * run order, schedule, alerts and parameters, "Run now" and its last runs;
 * and for those who may change the project, an editor that commits the job
 * file with its regenerated bundle to their branch.
 */
export const DataProjectJobsContent = (props: {
  /** How often to re-read a job's runs while one has not ended. */
  pollIntervalMs?: number;
}) => {
  const project = useDataProject();
  if (project.loading) return <Progress />;
  if (project.error) return <ResponseErrorPanel error={project.error} />;
  const structure = project.value;
  if (!structure || structure.jobs.length === 0) {
    return (
      <EmptyState
        missing="content"
        title="No jobs yet"
        description="This data project has no jobs. A job (jobs/<name>.job.yaml in the project's repository) runs its pipelines in order, on a schedule or when started."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      {structure.jobs.map(job => (
        <Grid item xs={12} key={job.name}>
          <JobCard
            project={project.project}
            job={job}
            canRun={structure.canRun}
            canEdit={structure.canEdit}
            pollIntervalMs={props.pollIntervalMs}
          />
        </Grid>
      ))}
    </Grid>
  );
};
