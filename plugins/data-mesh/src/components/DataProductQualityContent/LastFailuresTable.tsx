import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { QualityResult } from '../../api';
import { formatDateTime } from '../charts';
import { failureFinding } from './qualityHistory';

/** How many failures the table lists: the latest ones matter. */
export const FAILURES_SHOWN = 20;

type FailureRow = QualityResult & { label: string };

const columns: TableColumn<FailureRow>[] = [
  { title: 'Rule', field: 'label' },
  {
    title: 'Status',
    field: 'status',
    render: row => (row.status === 'fail' ? 'Fail' : 'Could not check'),
  },
  { title: 'Found', render: row => failureFinding(row) },
  { title: 'Message', field: 'message' },
  { title: 'Run', field: 'jobRunId' },
  {
    title: 'Checked at',
    field: 'evaluatedAt',
    render: row => formatDateTime(row.evaluatedAt),
  },
];

/** The latest failed or unrunnable checks, with what they found. */
export const LastFailuresTable = (props: {
  results: QualityResult[];
  labelOf: (result: QualityResult) => string;
}) => {
  const failures = props.results
    .filter(result => result.status !== 'pass')
    .slice(0, FAILURES_SHOWN)
    .map(result => ({ ...result, label: props.labelOf(result) }));
  if (failures.length === 0) {
    return (
      <Typography variant="body1">
        Every check of the last {props.results.length} passed.
      </Typography>
    );
  }
  return (
    <Table<FailureRow>
      title="Last failures"
      subtitle="The latest checks that failed or could not run, newest first"
      columns={columns}
      data={failures}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
};
