import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  dataMeshApiRef,
  PipelineTest,
  PipelineTestResult,
  PipelineTestRun,
} from '../../api';
import { errorMessage } from '../../api/errorMessage';
import { formatDateTime } from '../charts';

const STATUS_LABELS: Record<PipelineTestResult['status'], string> = {
  passed: 'Passed',
  failed: 'Failed',
  error: 'Error',
};

function TestStatus(props: { result?: PipelineTestResult }) {
  const { result } = props;
  if (!result) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not run yet
      </Typography>
    );
  }
  const label = STATUS_LABELS[result.status];
  const who = humanizeEntityRef(parseEntityRef(result.ranBy), {
    defaultKind: 'user',
  });
  return (
    <>
      {result.status === 'passed' && <StatusOK>{label}</StatusOK>}
      {result.status === 'failed' && <StatusError>{label}</StatusError>}
      {result.status === 'error' && <StatusWarning>{label}</StatusWarning>}
      <Typography variant="body2" color="textSecondary">
        {formatDateTime(result.ranAt)} · {who} · {Math.round(result.durationMs)}{' '}
        ms
      </Typography>
    </>
  );
}

/** The row diff of a failure or the message of an error, as `meshwork test` prints it. */
function TestDetail(props: { test: PipelineTest }) {
  const detail = props.test.lastResult?.detail;
  if (!detail) return null;
  return (
    <Box
      component="pre"
      aria-label={`Result of ${props.test.name}`}
      px={3}
      py={1}
      m={0}
      style={{ whiteSpace: 'pre-wrap', fontSize: '0.8rem' }}
    >
      {detail}
    </Box>
  );
}

function runSummary(run: PipelineTestRun): string {
  const parts = [`${run.passed} passed`, `${run.failed} failed`];
  if (run.errors > 0) parts.push(`${run.errors} with errors`);
  return `Tests ran: ${parts.join(', ')}`;
}

/**
 * The project's pipeline tests (`tests/<name>.test.yaml`) with the last
 * result of each, and for those who may change the project a button that
 * runs them (on an in-memory DuckDB, with the rows the tests give).
 */
export function PipelineTestsCard(props: { project: string }) {
  const { project } = props;
  const api = useApi(dataMeshApiRef);
  const tests = useAsyncRetry(
    () => api.getPipelineTests(project),
    [api, project],
  );
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<
    { run: PipelineTestRun } | { error: string } | undefined
  >();

  const runAll = async () => {
    setRunning(true);
    setOutcome(undefined);
    try {
      setOutcome({ run: await api.runPipelineTests(project, {}) });
    } catch (error) {
      setOutcome({ error: errorMessage(error) });
    } finally {
      setRunning(false);
      tests.retry();
    }
  };

  if (tests.loading && !tests.value) return <Progress />;
  if (tests.error) return <ResponseErrorPanel error={tests.error} />;
  const listed = tests.value?.tests ?? [];
  if (listed.length === 0) {
    return (
      <EmptyState
        missing="content"
        title="No pipeline tests yet"
        description="Add tests/<pipeline>.test.yaml files with input rows and the rows you expect; `meshwork test` and CI run them on every change."
      />
    );
  }
  const columns: TableColumn<PipelineTest>[] = [
    {
      title: 'Test',
      field: 'name',
      highlight: true,
      render: test => (
        <>
          <Typography variant="body2">{test.name}</Typography>
          {test.description && (
            <Typography variant="caption" color="textSecondary">
              {test.description}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Tests',
      render: test => `${test.subject.kind} ${test.subject.name}`,
    },
    { title: 'File', field: 'file' },
    {
      title: 'Last result',
      render: test => <TestStatus result={test.lastResult} />,
    },
  ];
  return (
    <Box mt={3}>
      {tests.value?.canRun && (
        <Box display="flex" justifyContent="flex-end" mb={1}>
          <Button
            variant="contained"
            color="primary"
            disabled={running}
            onClick={runAll}
          >
            {running ? 'Running tests…' : 'Run tests'}
          </Button>
        </Box>
      )}
      {outcome && (
        <Box mb={1} role="status">
          <Typography
            variant="body2"
            color={'error' in outcome ? 'error' : 'textPrimary'}
          >
            {'error' in outcome
              ? `The tests could not run: ${outcome.error}`
              : runSummary(outcome.run)}
          </Typography>
        </Box>
      )}
      <Table<PipelineTest>
        title="Pipeline tests"
        subtitle="Input rows and expected rows per pipeline, subgraph and rule; CI runs them on every change"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={listed.map(t => ({ ...t }))}
        detailPanel={({ rowData }) => <TestDetail test={rowData} />}
      />
    </Box>
  );
}
