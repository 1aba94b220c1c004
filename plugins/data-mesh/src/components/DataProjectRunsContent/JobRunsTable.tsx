import { Table, TableColumn } from '@backstage/core-components';
import type { JobRun } from '../../api';
import { formatDateTime } from '../charts';
import { formatDuration, RunStatus } from '../DataProjectEntity';
import { TaskRunsPanel } from './TaskRunsPanel';

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
 * Job runs, each opening onto its task runs ({@link TaskRunsPanel}): the
 * Runs tab's table, and each job's last runs on the Jobs tab.
 */
export function JobRunsTable(props: {
  runs: readonly JobRun[];
  title?: string;
  subtitle?: string;
  /** Leave out the job column, for the runs of one job. */
  hideJob?: boolean;
}) {
  const { runs, title, subtitle, hideJob } = props;
  return (
    <Table<JobRun>
      title={title}
      subtitle={subtitle}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        toolbar: title !== undefined,
      }}
      columns={hideJob ? columns.filter(c => c.field !== 'job') : columns}
      // The table keeps its own state on the rows: give it copies.
      data={runs.map(run => ({ ...run }))}
      detailPanel={({ rowData }) => <TaskRunsPanel run={rowData} />}
    />
  );
}
