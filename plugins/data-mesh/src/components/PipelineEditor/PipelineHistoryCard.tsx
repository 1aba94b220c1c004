import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataMeshApiRef, PipelineHistoryCommit } from '../../api';
import { formatDateTime } from '../charts';

/**
 * The commits of the user's branch that touched the pipeline; the owning
 * team may revert any of them, as a new commit.
 */
export const PipelineHistoryCard = (props: {
  project: string;
  pipeline: string;
  canEdit: boolean;
  version: number;
  onRevert: (commit: string) => Promise<void>;
}) => {
  const api = useApi(dataMeshApiRef);
  const { project, pipeline, version } = props;
  const history = useAsyncRetry(
    () => api.listPipelineCommits(project, pipeline),
    [api, project, pipeline, version],
  );
  const [reverting, setReverting] = useState<string>();
  const [revertError, setRevertError] = useState<Error>();

  if (history.loading && !history.value) return <Progress />;
  if (history.error) return <ResponseErrorPanel error={history.error} />;

  const revert = async (commit: string) => {
    setReverting(commit);
    setRevertError(undefined);
    try {
      await props.onRevert(commit);
      history.retry();
    } catch (error) {
      setRevertError(error as Error);
    } finally {
      setReverting(undefined);
    }
  };

  const columns: TableColumn<PipelineHistoryCommit>[] = [
    {
      title: 'Commit',
      render: c => (
        <Typography variant="body2" style={{ fontFamily: 'monospace' }}>
          {c.commit.slice(0, 8)}
        </Typography>
      ),
    },
    {
      title: 'Message',
      render: c => (
        <>
          <Typography variant="body2">{c.message.split('\n')[0]}</Typography>
          <Typography variant="caption" color="textSecondary">
            {c.author.name} · {formatDateTime(c.authoredAt)}
            {c.onDefaultBranch ? ' · on the default branch' : ''}
          </Typography>
        </>
      ),
    },
  ];
  if (props.canEdit) {
    columns.push({
      title: 'Actions',
      render: c => (
        <Button
          size="small"
          variant="outlined"
          disabled={reverting !== undefined || c.parents.length === 0}
          onClick={() => revert(c.commit)}
          aria-label={`Revert ${c.commit.slice(0, 8)}`}
        >
          Revert
        </Button>
      ),
    });
  }
  return (
    <>
      {revertError && <ResponseErrorPanel error={revertError} />}
      <Table<PipelineHistoryCommit>
        title={`History of ${history.value?.ref ?? 'the pipeline'}`}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={(history.value?.commits ?? []).map(c => ({ ...c }))}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            No commits touched this pipeline yet.
          </Typography>
        }
      />
    </>
  );
};
