import { Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import type { ProjectJob } from '../../api';
import { describeQuartzCron } from './quartzCron';

type Task = ProjectJob['tasks'][number];

/** A task's parameter values, `name = value`, or a dash. */
export function formatTaskParameters(
  parameters: Record<string, unknown> | undefined,
): string {
  const entries = Object.entries(parameters ?? {});
  if (entries.length === 0) return '—';
  return entries.map(([name, value]) => `${name} = ${value}`).join(', ');
}

const taskColumns: TableColumn<Task & { order: number }>[] = [
  { title: '#', field: 'order', width: '4em' },
  { title: 'Task', field: 'key', highlight: true },
  { title: 'Pipeline', field: 'pipeline' },
  {
    title: 'Runs after',
    render: task => (task.dependsOn.length ? task.dependsOn.join(', ') : '—'),
  },
  {
    title: 'Parameters',
    render: task => formatTaskParameters(task.parameters),
  },
];

function Field(props: { label: string; children: ReactNode }) {
  return (
    <Box mb={2}>
      <Typography variant="overline" color="textSecondary" component="h3">
        {props.label}
      </Typography>
      {props.children}
    </Box>
  );
}

function Emails(props: { label: string; emails?: readonly string[] }) {
  return (
    <Typography variant="body2">
      {props.label}: {props.emails?.length ? props.emails.join(', ') : 'nobody'}
    </Typography>
  );
}

/** A schedule as a line: the cron, its time zone and, when known, in words. */
export function ScheduleText(props: { schedule: ProjectJob['schedule'] }) {
  const { schedule } = props;
  if (!schedule) {
    return (
      <Typography variant="body2">
        No schedule: the job runs only when started.
      </Typography>
    );
  }
  const words = describeQuartzCron(schedule.cron);
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <Typography variant="body2">
        <code>{schedule.cron}</code> ({schedule.timezone})
        {words && ` — ${words}`}
      </Typography>
      {schedule.paused && <Chip size="small" label="Paused" />}
    </Box>
  );
}

/**
 * A job as it runs (the default branch's compiled manifest): its tasks in
 * run order with what each waits for, its schedule, alerts and parameters.
 */
export function JobDetails(props: { job: ProjectJob }) {
  const { job } = props;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={8}>
        <Table<Task & { order: number }>
          title="Tasks, in the order they run"
          options={{
            paging: false,
            search: false,
            padding: 'dense',
            sorting: false,
          }}
          columns={taskColumns}
          data={job.tasks.map((task, i) => ({ ...task, order: i + 1 }))}
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <Field label="Schedule">
          <ScheduleText schedule={job.schedule} />
        </Field>
        <Field label="Alerts">
          <Emails label="On failure" emails={job.alerts?.onFailure} />
          <Emails
            label="On quality breach"
            emails={job.alerts?.onQualityBreach}
          />
        </Field>
        <Field label="Parameters">
          {job.parameters?.length ? (
            job.parameters.map(p => (
              <Typography variant="body2" key={p.name}>
                <code>{p.name}</code> = {String(p.default)}
                {p.description && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="span"
                  >
                    {' '}
                    — {p.description}
                  </Typography>
                )}
              </Typography>
            ))
          ) : (
            <Typography variant="body2">None</Typography>
          )}
        </Field>
      </Grid>
    </Grid>
  );
}
