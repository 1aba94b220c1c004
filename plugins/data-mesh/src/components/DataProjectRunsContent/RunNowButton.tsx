import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import { MouseEvent, useState } from 'react';
import { dataMeshApiRef, ProjectJob } from '../../api';

/**
 * "Run now": a menu of the project's jobs; picking one starts a run of it
 * and hands the queued run's id to `onStarted`. Given one job, the button
 * starts it without a menu.
 */
export function RunNowButton(props: {
  project: string;
  jobs: readonly ProjectJob[];
  onStarted: (runId: string) => void;
}) {
  const { project, jobs, onStarted } = props;
  const api = useApi(dataMeshApiRef);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [starting, setStarting] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const only = jobs.length === 1 ? jobs[0].name : undefined;

  const start = async (job: string) => {
    setAnchor(null);
    setStarting(job);
    setError(undefined);
    try {
      const { id } = await api.runJob(project, job);
      onStarted(id);
    } catch (e) {
      setError(`Could not start ${job}: ${(e as Error).message}`);
    } finally {
      setStarting(undefined);
    }
  };

  return (
    <>
      <Button
        variant="contained"
        color="primary"
        startIcon={<PlayArrowIcon />}
        disabled={jobs.length === 0 || starting !== undefined}
        aria-label={only ? `Run ${only} now` : undefined}
        aria-haspopup={only ? undefined : 'menu'}
        onClick={(event: MouseEvent<HTMLElement>) =>
          only ? start(only) : setAnchor(event.currentTarget)
        }
      >
        {starting ? `Starting ${starting}…` : 'Run now'}
      </Button>
      <Menu
        anchorEl={anchor}
        keepMounted={false}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
      >
        {jobs.map(job => (
          <MenuItem key={job.name} onClick={() => start(job.name)}>
            <ListItemText
              primary={job.name}
              secondary={
                job.schedule
                  ? `${
                      job.schedule.paused ? 'Paused schedule' : 'Scheduled'
                    }: ${job.schedule.cron} (${job.schedule.timezone})`
                  : 'No schedule'
              }
            />
          </MenuItem>
        ))}
      </Menu>
      {error && (
        <Typography variant="body2" color="error" role="alert">
          {error}
        </Typography>
      )}
    </>
  );
}
